/**
 * Problems that survive an object or array left open while it is typed (`"header": {` and no
 * `}` yet), in-process: at each half-typed state the message's other rule problems stay with
 * the same ranges and messages as before the edit (moved down by the one line typed), nothing
 * the repair made up is reported, in `cm-payload` (beside JSON-SYNTAX) and in `json` documents
 * (where VS Code reports the syntax error itself). test/lsp/typing.test.ts types keystroke by
 * keystroke over stdio.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver';
import { mutated, type Payload } from '../helpers/payloads';
import { setup } from '../helpers/service';
import { repairInPlace } from '../../shared/core/repair';

const key = (d: Diagnostic) => `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`;
const rules = (ds: Diagnostic[]) => ds.filter((d) => d.code !== 'JSON-SYNTAX').map(key);

const MARKER = '__typing__';

/**
 * The text of `payload` before and while typing `state` where the payload holds the marker
 * (a `"__typing__": 0` property or a `"__typing__"` array element): before, without the marker's
 * line; while, that line holding `state` (after the comma the typing started with).
 */
function typing(payload: Payload, state: string): { base: string; typed: string; lineNumber: number } {
  const text = JSON.stringify(payload, null, 2);
  const match = new RegExp(`\\n([ \\t]*)"${MARKER}"(: 0)?(,?)`).exec(text);
  assert.ok(match, 'no marker');
  const lineNumber = text.slice(0, match.index).split('\n').length;
  const last = match[3] === '';
  const base = last ? text.slice(0, match.index - 1) + text.slice(match.index + match[0].length) : text.slice(0, match.index) + text.slice(match.index + match[0].length);
  const typed = `${text.slice(0, match.index)}\n${match[1]}${state}${text.slice(match.index + match[0].length)}`;
  return { base, typed, lineNumber };
}

/** The rule problems of a text, as they read once a line is inserted before `lineNumber`. */
function movedDown(diagnostics: Diagnostic[], lineNumber: number): string[] {
  const move = (p: { line: number; character: number }) => ({ line: p.line >= lineNumber ? p.line + 1 : p.line, character: p.character });
  return rules(diagnostics.map((d) => ({ ...d, range: { start: move(d.range.start), end: move(d.range.end) } })));
}

function diagnosticsOf(text: string, languageId: string): Diagnostic[] {
  return setup(text, { languageId, noCursor: true }).diagnostics;
}

/**
 * Two button messages, each with a button title too long, the first without its header and a
 * marker where it is typed: `first` right after "type" (a sibling follows), else last in
 * interactive (its closing brace follows). The second message's problem must stay too.
 */
function buttonMessages(where: 'first' | 'last'): Payload {
  const payload: Payload = mutated('reply-buttons', (i) => (i.action.buttons[1].reply.title = 'Yes, deliver it to me please!'));
  payload.messages.msg.push(JSON.parse(JSON.stringify(payload.messages.msg[0])));
  const { type, header: _header, ...rest } = payload.messages.msg[0].richContent.conversation[0].interactive;
  payload.messages.msg[0].richContent.conversation[0].interactive = where === 'first' ? { type, [MARKER]: 0, ...rest } : { type, ...rest, [MARKER]: 0 };
  return payload;
}

/** A list whose second section has a row title too long, a marker among the first section's rows (`middle`) or after them. */
function listRows(where: 'middle' | 'last'): Payload {
  return mutated('list', (i) => {
    i.action.sections[1].rows[0].title = 'A title far longer than allowed';
    i.action.sections[0].rows.splice(where === 'middle' ? 1 : i.action.sections[0].rows.length, 0, MARKER);
  });
}

/** Each state a user passes through typing a header (or something in its place) on a line of its own. */
const HEADER_STATES = [
  '"header": {',
  '"header": { "',
  '"header": { "ty',
  '"header": { "type"',
  '"header": { "type": ',
  '"header": { "type": "te',
  '"header": { "type": "text"',
  '"header": { "type": "text",', // a trailing comma
  '"header": { "type": "text" "text": "Hi"', // a missing comma
  '"header": { "type": "text", "text": "Hi', // an unclosed string
  '"header": { "type": "text", "text": "Hi" }', // closed, no comma after it yet
  '"header": { "type": "image", "image": {', // two left open on one line
  '"header": { "type": "image", "image": { "link": "https://example.com/a.png"',
  '"header": [', // an unclosed array
  '"header": [ {',
];

/** Each state of a new row typed among a list's rows. */
const ROW_STATES = ['{', '{ "', '{ "id": "new-', '{ "id": "new-slot",', '{ "id": "new-slot", "title": "New"', '{ "id": "new-slot", "title": "New", "description": "Mechanic'];

function assertKept(base: string, typed: string, lineNumber: number, languageId: string, state: string): void {
  const before = diagnosticsOf(base, languageId);
  const after = diagnosticsOf(typed, languageId);
  assert.deepEqual(rules(after), movedDown(before, lineNumber), `${JSON.stringify(state)}: ${JSON.stringify(after.map(key))}`);
  assert.equal(after.some((d) => d.code === 'JSON-SYNTAX'), languageId === 'cm-payload' && !parses(typed), state);
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

for (const languageId of ['json', 'cm-payload']) {
  test(`${languageId}: an object or array left open in a message keeps that message's and the others' rule problems, unchanged, at every state`, () => {
    for (const where of ['first', 'last'] as const) {
      const { base } = typing(buttonMessages(where), '');
      assert.equal(rules(diagnosticsOf(base, languageId)).length, 2);
      for (const state of HEADER_STATES) {
        const { typed, lineNumber } = typing(buttonMessages(where), state);
        assertKept(base, typed, lineNumber, languageId, `${where}: ${state}`);
      }
    }
  });

  test(`${languageId}: a row left open among a list's rows keeps the list's problems`, () => {
    for (const where of ['middle', 'last'] as const) {
      const { base } = typing(listRows(where), '');
      assert.equal(rules(diagnosticsOf(base, languageId)).length, 1);
      for (const state of ROW_STATES) {
        const { typed, lineNumber } = typing(listRows(where), state);
        assertKept(base, typed, lineNumber, languageId, `${where}: ${state}`);
      }
    }
  });
}

test('what is already typed in an object left open is judged: a header text too long reports as it will once closed', () => {
  const long = 'A header text far longer than the sixty characters WhatsApp allows';
  for (const languageId of ['json', 'cm-payload']) {
    const closed = typing(buttonMessages('first'), `"header": { "type": "text", "text": "${long}" },`).typed;
    const open = typing(buttonMessages('first'), `"header": { "type": "text", "text": "${long}"`).typed;
    const expected = rules(diagnosticsOf(closed, languageId));
    assert.equal(expected.length, 3, JSON.stringify(expected));
    assert.deepEqual(rules(diagnosticsOf(open, languageId)), expected);
  }
});

test('an object left open is closed only where the layout is consistent: a closing bracket off its indentation, or one left open at the end, closes nothing', () => {
  const { typed } = typing(buttonMessages('first'), '"header": {');
  assert.ok(repairInPlace(typed), 'the consistent layout is repaired');
  // The closing brace of "body" one column off: the layout no longer says where "header" ends.
  const offColumn = typed.replace(/\n( *)\},\n( *)"footer"/, '\n$1 },\n$2"footer"');
  assert.notEqual(offColumn, typed);
  assert.equal(repairInPlace(offColumn), undefined);
  // Typed at the start of the line (no indentation): nowhere to tell where it ends.
  assert.equal(repairInPlace(typed.replace(/\n *"header": \{/, '\n"header": {')), undefined);
  // Open at the end of the text.
  assert.equal(repairInPlace('{ "messages": { "msg": [ {'), undefined);
});

test('where the layout does not say where an open object ends, that message keeps only its syntax error: no problem made up, the message before keeps its own', () => {
  const payload: Payload = mutated('reply-buttons', (i) => (i.action.buttons[1].reply.title = 'Yes, deliver it to me please!'));
  for (let n = 0; n < 2; n++) payload.messages.msg.push(JSON.parse(JSON.stringify(payload.messages.msg[0])));
  delete payload.messages.msg[1].richContent.conversation[0].interactive.header;
  const pretty = JSON.stringify(payload, null, 2);
  const minified = JSON.stringify(payload);
  /** `typed` after the second message's `"type": "button",`. */
  const inSecond = (text: string, typed: string) => {
    const type = /"type": ?"button",/g;
    type.exec(text);
    type.exec(text);
    return text.slice(0, type.lastIndex) + typed + text.slice(type.lastIndex);
  };
  for (const languageId of ['json', 'cm-payload']) {
    for (const [name, base, typed] of [
      ['typed at the start of a line', pretty, inSecond(pretty, '\n"header": {')],
      ['typed at the start of a line, a value begun', pretty, inSecond(pretty, '\n"header": { "type": "te')],
      ['on one line', minified, inSecond(minified, '"header":{')],
      ['on one line, a value begun', minified, inSecond(minified, '"header":{"type":"text"')],
    ]) {
      const before = diagnosticsOf(base, languageId);
      assert.equal(rules(before).length, 3);
      const after = diagnosticsOf(typed, languageId);
      // Nothing but problems that were there before (the first message's, at the same place).
      const first = rules(before)[0];
      assert.ok(rules(after).includes(first), `${languageId} ${name}: ${JSON.stringify(rules(after))}`);
      for (const problem of rules(after)) assert.ok(problem.startsWith('BTN-TITLE'), `${languageId} ${name}: ${problem}`);
      assert.ok(!rules(after).some((p) => p === rules(before)[1]), `${languageId} ${name}: the second message keeps only its syntax error`);
    }
  }
});

test('CRLF line ends and tab indentation: an object left open is closed as with spaces and LF', () => {
  const layouts: [string, (text: string) => string][] = [
    ['CRLF', (text) => text.replace(/\n/g, '\r\n')],
    ['tabs', (text) => text.replace(/^( +)/gm, (spaces) => '\t'.repeat(spaces.length / 2))],
  ];
  for (const [layout, change] of layouts) {
    for (const state of ['"header": {', '"header": { "type": "te', '"header": [ {']) {
      const { base, typed, lineNumber } = typing(buttonMessages('first'), state);
      assert.ok(repairInPlace(change(typed)), `${layout}: ${state} repaired`);
      for (const languageId of ['json', 'cm-payload']) assertKept(change(base), change(typed), lineNumber, languageId, `${layout} ${state}`);
    }
  }
});

test('a new msg entry typed between two messages or after the last: nothing reported for it yet, both messages keep their problems', () => {
  for (const where of ['middle', 'last'] as const) {
    const payload: Payload = mutated('reply-buttons', (i) => (i.action.buttons[1].reply.title = 'Yes, deliver it to me please!'));
    payload.messages.msg.push(structuredClone(payload.messages.msg[0]));
    payload.messages.msg.splice(where === 'middle' ? 1 : 2, 0, MARKER);
    const { base } = typing(payload, '');
    for (const state of ['{', '{ "from": "0031', '{ "from": "0031", "to": [', '{ "from": "0031", "to": [ { "number": "00316']) {
      const { typed, lineNumber } = typing(payload, state);
      for (const languageId of ['json', 'cm-payload']) assertKept(base, typed, lineNumber, languageId, `${where}: ${state}`);
    }
  }
});
