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
  const { last, hovers } = client.storm(uri, positionOf(body, '"ref4"', 1), positionOf(body, '"footer"', 2));
  const final = await client.diagnostics(uri, (p) => p.version === last, 60_000);
  assert.deepEqual(final.diagnostics, []);
  for (const { hover } of await Promise.all(hovers)) assert.match(hoverText(hover), /\*\*Footer\*\*/);
  const versions = client.publications(uri).map((p) => p.version!);
  assert.ok(versions.length <= 2001 / 10, `${versions.length} publications for 2,001 versions`);
  assert.deepEqual([...versions].sort((a, b) => a - b), versions, 'in version order');
  assert.equal(versions[versions.length - 1], last);
  assert.ok(client.alive);
});

/** Sends `text` as version 1 of `uri` again: a didChange that repeats the version, or a second didOpen. */
const resend: Record<string, (uri: string, text: string) => void> = {
  'a didChange that repeats a version number': (uri, text) =>
    void client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 1 }, contentChanges: [{ text }] }),
  'a second didOpen of an open document': (uri, text) =>
    void client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'json', version: 1, text } }),
};

for (const [how, send] of Object.entries(resend)) {
  test(`${how} is checked as the new text, and hovered as it`, async () => {
    const uri = `file:///robust/${how.replace(/\W+/g, '-')}.json`;
    const first = pretty(mutated('reply-buttons', (i) => (i.action.buttons[0].reply.title = 'Yes, deliver it to me!!')));
    client.open(uri, first);
    assert.deepEqual((await client.diagnostics(uri, (p) => p.version === 1)).diagnostics.map((d) => d.code), ['BTN-TITLE']);
    // Hover once, so that the old text is what the server knows for version 1.
    await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(first, '"Yes, deliver', 3) });
    const second = pretty(mutated('reply-buttons', (i) => (i.footer.text = 'f'.repeat(70))));
    send(uri, second);
    const published = await client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code !== 'BTN-TITLE'));
    assert.deepEqual(published.diagnostics.map((d) => d.code), ['INT-FOOTER-LEN']);
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(second, '"ffff', 3) });
    assert.match(hoverText(hover), /70 \/ 60 characters/);
  });
}

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
