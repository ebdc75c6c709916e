/**
 * Hostile files through the core and the running server: each gets a clear diagnostic or is
 * ignored as not-a-payload, nothing crashes, and the server keeps answering meanwhile.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol';
import { validateText } from '../../shared/core/index';
import { LspClient } from '../helpers/lsp-client';
import { example, mutated } from '../helpers/payloads';

let client: LspClient;
before(async () => (client = await LspClient.start()));
after(async () => client.stop());

const codes = (text: string) => validateText(text).diagnostics.map((d) => d.code);

test('10,000-deep nesting: checked where valid, a clear message where broken, never a stack overflow', () => {
  const deep = '['.repeat(10_000) + ']'.repeat(10_000);
  assert.deepEqual(codes(`{"messages": {"msg": [], "x": ${deep}}}`), ['ENV-MSG']);
  assert.deepEqual(codes(`{"messages": {"msg": [${deep}]}}`), ['ENV-MSG']);
  const broken = validateText(`{"messages": {"msg": [${deep.slice(0, -1)}]}}`);
  assert.deepEqual(broken.diagnostics.map((d) => d.message), ['Nesting deeper than 1000 levels: the file cannot be checked']);
});

test('a 1 MB string is measured, not choked on', () => {
  const text = JSON.stringify(mutated('reply-buttons', (i) => (i.body.text = 'x'.repeat(1 << 20))));
  const [d] = validateText(text).diagnostics;
  assert.equal(d.code, 'INT-BODY-LEN');
  assert.equal(d.message, 'Body text is 1048576 characters; WhatsApp allows at most 1024');
});

test('BOM, CRLF, JSONC comments and trailing commas', () => {
  const clean = JSON.stringify(example('flow'), null, 2);
  assert.deepEqual(codes('\uFEFF' + clean), []);
  assert.deepEqual(codes(clean.replace(/\n/g, '\r\n')), []);
  const jsonc = validateText(clean.replace('{\n  "messages"', '{\n  // note\n  "messages"').replace('"WhatsApp"\n', '"WhatsApp",\n'));
  assert.deepEqual(jsonc.diagnostics.map((d) => d.message), ['Comments are not allowed in JSON: CM rejects the request', 'Trailing comma: JSON allows no comma before a closing bracket or brace']);
});

test('top-level arrays, scalars and other JSON are not payloads', () => {
  for (const text of ['[]', '[{"messages": {}}]', '12', 'true', 'null', '"text"', '{"$schema": "x", "name": "y"}']) {
    const result = validateText(text);
    assert.equal(result.isPayload, false, text);
    assert.deepEqual(result.diagnostics, []);
  }
});

test('a 50 MB file gets one FILE-LIMIT warning and the server answers other requests meanwhile', async () => {
  const msg = example('list').messages.msg[0];
  const entry = JSON.stringify(msg);
  const huge = `{"messages": {"msg": [${Array.from({ length: Math.ceil((50 * 1024 * 1024) / entry.length) }, () => entry).join(',')}]}}`;
  assert.ok(huge.length > 50 * 1024 * 1024);
  const bigUri = 'file:///hostile/huge.json';
  const smallUri = 'file:///hostile/small.json';
  const small = JSON.stringify(example('flow'), null, 2);
  client.open(smallUri, small);
  await client.diagnostics(smallUri);
  client.open(bigUri, huge);
  const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: smallUri }, position: { line: 1, character: 5 } });
  assert.match((hover!.contents as MarkupContent).value, /messages/);
  const published = await client.diagnostics(bigUri, () => true, 60_000);
  const megabytes = (huge.length / 1024 / 1024).toFixed(1);
  assert.deepEqual(published.diagnostics.map((d) => [d.code, d.message]), [['FILE-LIMIT', `The file is ${megabytes} MB; files over 20.0 MB are not checked (setting cmInteractive.validate.maxFileSizeMB)`]]);
  client.close(bigUri);
});
