/**
 * What an editor can throw at the server besides content: storms of edits with requests in
 * between, version numbers that repeat, a document opened twice, positions that are not
 * positions. The built server over stdio, driven by a real JSON-RPC client.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  CodeActionRequest,
  CompletionRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  HoverRequest,
  type CompletionList,
  type Hover,
  type MarkupContent,
  type Position,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient } from '../helpers/lsp-client';
import { example, mutated, validPayloadOfSize } from '../helpers/payloads';
import { assertPositionsInside } from '../helpers/ranges';

let client: LspClient;
before(async () => (client = await LspClient.start()));
after(async () => client.stop());

const pretty = (payload: unknown) => JSON.stringify(payload, null, 2);

function positionOf(body: string, needle: string, delta = 0): Position {
  const offset = body.indexOf(needle);
  assert.ok(offset >= 0, `${needle} not in the text`);
  return TextDocument.create('x', 'json', 1, body).positionAt(offset + delta);
}

const hoverText = (hover: Hover | null) => (hover ? (hover.contents as MarkupContent).value : '');

test('a storm of edits: superseded versions are dropped, every hover is answered, the newest version is published', async () => {
  const uri = 'file:///robust/storm.json';
  const body = validPayloadOfSize(21 * 1024, 9);
  client.open(uri, body);
  await client.diagnostics(uri, (p) => p.version === 1);
  // One character typed into a body text and removed again, 2,000 times, as fast as the pipe takes it.
  const at = positionOf(body, '"ref4"', 1);
  const hoverAt = positionOf(body, '"footer"', 2);
  const hovers: Promise<Hover | null>[] = [];
  let last = 1;
  for (let i = 0; i < 2000; i++) {
    last = client.change(uri, [
      i % 2 === 0 ? { range: { start: at, end: at }, text: 'a' } : { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' },
    ]);
    if (i % 100 === 0) hovers.push(client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: hoverAt }));
  }
  const final = await client.diagnostics(uri, (p) => p.version === last, 60_000);
  assert.deepEqual(final.diagnostics, []);
  for (const hover of await Promise.all(hovers)) assert.match(hoverText(hover), /\*\*Footer\*\*/);
  const versions = client.publications(uri).map((p) => p.version!);
  assert.ok(versions.length <= 2001 / 10, `${versions.length} publications for 2,001 versions`);
  assert.deepEqual([...versions].sort((a, b) => a - b), versions, 'in version order');
  assert.equal(versions[versions.length - 1], last);
  assert.ok(client.alive);
});

test('a didChange that repeats a version number is checked as the new text', async () => {
  const uri = 'file:///robust/repeated-version.json';
  const first = pretty(mutated('reply-buttons', (i) => (i.action.buttons[0].reply.title = 'Yes, deliver it to me!!')));
  client.open(uri, first);
  assert.deepEqual((await client.diagnostics(uri, (p) => p.version === 1)).diagnostics.map((d) => d.code), ['BTN-TITLE']);
  // Hover once, so the old text is cached for version 1.
  await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(first, '"Yes, deliver', 3) });
  const second = pretty(mutated('reply-buttons', (i) => (i.footer.text = 'f'.repeat(70))));
  void client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 1 }, contentChanges: [{ text: second }] });
  const published = await client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code !== 'BTN-TITLE'));
  assert.deepEqual(published.diagnostics.map((d) => d.code), ['INT-FOOTER-LEN']);
  const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(second, '"ffff', 3) });
  assert.match(hoverText(hover), /70 \/ 60 characters/);
});

test('a second didOpen of an open document is checked as the new text', async () => {
  const uri = 'file:///robust/reopened.json';
  client.open(uri, pretty(mutated('list', (i) => (i.action.button = ''))));
  assert.deepEqual((await client.diagnostics(uri, (p) => p.version === 1)).diagnostics.map((d) => d.code), ['LIST-BUTTON']);
  const reopened = pretty(mutated('list', (i) => (i.footer.text = 'f'.repeat(61))));
  void client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'json', version: 1, text: reopened } });
  const published = await client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code !== 'LIST-BUTTON'));
  assert.deepEqual(published.diagnostics.map((d) => d.code), ['INT-FOOTER-LEN']);
  const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(reopened, '"ffff', 3) });
  assert.match(hoverText(hover), /61 \/ 60 characters/);
});

test('malformed and out-of-range positions are clamped or refused, never echoed back', async () => {
  const uri = 'file:///robust/positions.json';
  const body = pretty(example('flow'));
  client.open(uri, body);
  await client.diagnostics(uri, (p) => p.version === 1);
  const malformed = [
    { line: 1.5, character: 'x' },
    { line: 1.5, character: 2 },
    { line: -4, character: -1 },
    { line: 1e9, character: 1e9 },
    { line: null, character: 3 },
    'nonsense',
  ] as unknown as Position[];
  for (const position of malformed) {
    const completion = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
    assertPositionsInside(body, completion);
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
    assertPositionsInside(body, hover);
    const actions = await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [] } });
    assertPositionsInside(body, actions);
  }
  // An empty document: the whole-request snippet goes where the text is, (0,0), not at (0,3).
  const empty = 'file:///robust/empty.cm.json';
  client.open(empty, '', 'cm-payload');
  await client.diagnostics(empty, (p) => p.version === 1);
  const completion = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: empty }, position: { line: 0, character: 3 } })) as CompletionList;
  assert.ok(completion.items.length > 0);
  assertPositionsInside('', completion);
  assert.ok(client.alive);
  assert.equal(client.stderr, '');
});
