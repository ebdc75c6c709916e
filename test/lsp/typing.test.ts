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

/**
 * Types `typed` one character at a time after `anchor` (on a new line after it, indented by
 * `indent` as an editor indents it), and returns each keystroke's diagnostics.
 */
async function typeAfter(uri: string, text: string, anchor: string, typed: string, languageId: string, indent = '') {
  client.open(uri, text, languageId);
  const seen: Diagnostic[][] = [(await client.diagnostics(uri)).diagnostics];
  const at = TextDocument.create(uri, languageId, 1, text).positionAt(text.indexOf(anchor) + anchor.length);
  const line = at.line + 1;
  client.change(uri, [{ range: { start: at, end: at }, text: `\n${indent}` }]);
  await client.diagnostics(uri, (p) => p.version === client.version(uri));
  for (let i = 0; i < typed.length; i++) {
    const position = { line, character: indent.length + i };
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

/** The rule problems as they read once a line is inserted before `line`. */
const movedDown = (ds: Diagnostic[], line: number) =>
  rules(ds.map((d) => ({ ...d, range: { start: { ...d.range.start, line: d.range.start.line + (d.range.start.line >= line ? 1 : 0) }, end: { ...d.range.end, line: d.range.end.line + (d.range.end.line >= line ? 1 : 0) } } })));

/** Each keystroke's rule problems are the ones before the typing, moved down by the line typed on. */
function assertUnchanged(seen: Diagnostic[][], line: number, count: number, typed: string) {
  const before = movedDown(seen[0], line);
  assert.equal(before.length, count, JSON.stringify(before));
  for (const [index, diagnostics] of seen.slice(1).entries()) {
    assert.deepEqual(rules(diagnostics), before, `after ${JSON.stringify(typed.slice(0, index))}: ${JSON.stringify(diagnostics.map(key))}`);
  }
}

for (const languageId of ['json', 'cm-payload']) {
  test(`${languageId}: typing an object character by character (left open until its last keystrokes) keeps every rule problem, unchanged`, async () => {
    const withoutHeader = JSON.parse(BASE);
    delete withoutHeader.messages.msg[0].richContent.conversation[0].interactive.header;
    const text = JSON.stringify(withoutHeader, null, 2);
    const typed = '"header": { "type": "text", "text": "Hi" },';
    const anchor = '"type": "button",';
    const uri = `file:///work/typing-open-${languageId}.json`;
    const seen = await typeAfter(uri, text, anchor, typed, languageId, '                ');
    const line = text.slice(0, text.indexOf(anchor)).split('\n').length;
    assertUnchanged(seen, line, 2, typed);
    if (languageId === 'cm-payload') assert.ok(seen.slice(1, -1).every((ds) => ds.some((d) => d.code === 'JSON-SYNTAX')));
    else assert.ok(seen.every((ds) => ds.every((d) => d.code !== 'JSON-SYNTAX')));
  });

  test(`${languageId}: typing a new row among a list's rows keeps the list's problems, unchanged`, async () => {
    const list = mutated('list', (i) => (i.action.sections[1].rows[0].title = 'A title far longer than allowed'));
    const text = JSON.stringify(list, null, 2);
    const anchor = '"description": "Mechanic: Joost"\n                        },';
    const typed = '{ "id": "slot-new", "title": "New" },';
    const uri = `file:///work/typing-row-${languageId}.json`;
    const seen = await typeAfter(uri, text, anchor, typed, languageId, '                        ');
    assertUnchanged(seen, text.slice(0, text.indexOf(anchor) + anchor.length).split('\n').length, 1, typed);
  });
}
