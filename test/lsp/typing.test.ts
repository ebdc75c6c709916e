/**
 * Problems that survive typing: keystroke by keystroke over LSP, a half-typed key, a key
 * without its value, a half-typed value or a missing comma in one message keeps that message's
 * rule problems — in `cm-payload` and in `json` documents (where VS Code reports the syntax
 * error itself) — with the same ranges and messages as before the keystroke.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { mutated } from '../helpers/payloads';
import { LspClient } from '../helpers/lsp-client';

let client: LspClient;
before(async () => (client = await LspClient.start()));
after(async () => client.stop());

const payload = mutated('reply-buttons', (i) => (i.action.buttons[0].reply.title = 'Yes, deliver it to me please!'));
payload.messages.msg.push(JSON.parse(JSON.stringify(payload.messages.msg[0])));
const BASE = JSON.stringify(payload, null, 2);
const key = (d: Diagnostic) => `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`;
const rules = (ds: Diagnostic[]) => ds.filter((d) => d.code !== 'JSON-SYNTAX').map(key);

/** Types `typed` one character at a time after `anchor` (a new line after it), and returns each keystroke's diagnostics. */
async function typeAfter(uri: string, text: string, anchor: string, typed: string, languageId: string) {
  client.open(uri, text, languageId);
  const seen: Diagnostic[][] = [(await client.diagnostics(uri)).diagnostics];
  const at = TextDocument.create(uri, languageId, 1, text).positionAt(text.indexOf(anchor) + anchor.length);
  const line = at.line + 1;
  client.change(uri, [{ range: { start: at, end: at }, text: '\n' }]);
  await client.diagnostics(uri, (p) => p.version === client.version(uri));
  for (let i = 0; i < typed.length; i++) {
    const position = { line, character: i };
    client.change(uri, [{ range: { start: position, end: position }, text: typed[i] }]);
    seen.push((await client.diagnostics(uri, (p) => p.version === client.version(uri))).diagnostics);
  }
  return seen;
}

for (const languageId of ['json', 'cm-payload']) {
  test(`${languageId}: typing a key in a message with a problem keeps the problem, unchanged, at every keystroke`, async () => {
    const uri = `file:///work/typing-${languageId}.json`;
    const seen = await typeAfter(uri, BASE, '"type": "button",', '"footnote": 1,', languageId);
    const before = rules(seen[0]);
    assert.equal(before.length, 2, JSON.stringify(before));
    // The new line moves what follows down by one; from then on nothing moves or changes.
    const titles = (ds: Diagnostic[]) => ds.filter((d) => d.code === 'BTN-TITLE');
    const moved = titles(seen[0]).map((d) => ({ ...d, range: { start: { ...d.range.start, line: d.range.start.line + 1 }, end: { ...d.range.end, line: d.range.end.line + 1 } } }));
    for (const [index, diagnostics] of seen.slice(1).entries()) {
      assert.deepEqual(titles(diagnostics).map(key), moved.map(key), `keystroke ${index}: ${JSON.stringify(diagnostics.map(key))}`);
    }
    if (languageId === 'json') assert.ok(seen.every((ds) => ds.every((d) => d.code !== 'JSON-SYNTAX')));
    // The finished key is a problem of its own (an unknown property), and the title still is.
    const last = rules(seen[seen.length - 1]);
    assert.ok(last.some((d) => d.startsWith('BTN-TITLE')), JSON.stringify(last));
  });
}

test('a key without its value, a half-typed value and a missing comma keep the message\'s problems', async () => {
  const cases = [
    BASE.replace('"type": "button",', '"type": "button",\n"header2":'),
    BASE.replace('"type": "text",', '"type": "te\n'),
    BASE.replace('"type": "button",', '"type": "button"'),
    BASE.replace('"type": "button",', '"type": "button",\n"he'),
  ];
  let n = 0;
  for (const text of cases) {
    for (const languageId of ['json', 'cm-payload']) {
      const uri = `file:///work/typing-case-${++n}.json`;
      client.open(uri, text, languageId);
      const { diagnostics } = await client.diagnostics(uri);
      assert.equal(diagnostics.filter((d) => d.code === 'BTN-TITLE').length, 2, `${languageId} ${n}: ${JSON.stringify(diagnostics.map(key))}`);
      assert.equal(diagnostics.some((d) => d.code === 'JSON-SYNTAX'), languageId === 'cm-payload');
    }
  }
});
