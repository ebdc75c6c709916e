/**
 * Outline and code lens message by message: what they keep per msg entry between edits (the
 * incremental validator's entry memos) is exactly what a fresh look at the text gives, whatever
 * the edit moved.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { IncrementalValidator } from '../../shared/core/incremental';
import { PayloadText } from '../../shared/core/scopes';
import { getCodeLenses } from '../../server/src/features/code-lens';
import { getDocumentSymbols } from '../../server/src/features/symbols';
import { example, KINDS } from '../helpers/payloads';

function payloadText(indent?: number): string {
  const payload = example('list');
  payload.messages.msg = [...KINDS, ...KINDS].map((kind) => example(kind).messages.msg[0]);
  return JSON.stringify(payload, null, indent);
}

/** Edits as an editor sends them, each at the first occurrence of `at` (after `from` when given). */
const EDITS: { at: string; insert?: string; remove?: number; from?: string }[] = [
  { at: 'Book your appointment', insert: 'x' }, // inside the first message
  { at: '"msg"', insert: '' }, // nothing: the same text
  { at: '"from"', from: '"button"', insert: '\n  ' }, // a new line inside a later message: the ones after it move down
  { at: '{', from: '"msg"', insert: '\n' }, // a new line before every message
  { at: '"to"', insert: ' ' }, // a space on a message's first line
  { at: '"number"', insert: '"x": 1, ', from: '"flow"' }, // a new recipient's field
  { at: '"number"', remove: 1 }, // a syntax error: no entries from the validator
  { at: 'number"', insert: '"' }, // repaired
  { at: '"from"', from: '"flow"', insert: ' ' }, // and message by message again
  { at: '{', from: '"to"', insert: '{"number": "0031600000000"}, ' }, // a recipient more: the lens's count
];

function apply(text: string, edit: (typeof EDITS)[number]): { offset: number; length: number; text: string } {
  const offset = text.indexOf(edit.at, edit.from ? text.indexOf(edit.from) : 0);
  assert.ok(offset >= 0, edit.at);
  return { offset, length: edit.remove ?? 0, text: edit.insert ?? '' };
}

for (const indent of [2, undefined]) {
  test(`outline and code lens kept per message equal a fresh look after each edit (${indent ? 'indented' : 'one line'})`, () => {
    const validator = new IncrementalValidator();
    let document = TextDocument.create('file:///work/memo.cm.json', 'cm-payload', 1, payloadText(indent));
    let perMessage = 0;
    let reused = 0;
    const check = (what: string) => {
      const text = document.getText();
      validator.validate(text);
      // Seen in scopes (a whole-file limit of 0 tokens), as a big file is.
      const kept = new PayloadText(text, validator.entrySpans(text), 0);
      const fresh = new PayloadText(text, undefined, 0);
      const whole = new PayloadText(text);
      const symbols = getDocumentSymbols(document, kept);
      assert.deepEqual(symbols, getDocumentSymbols(document, fresh), `symbols ${what}`);
      if (kept.messageEntries()) {
        perMessage++;
        // (A broken big file is seen in no scope, where the whole text's tolerant parse still has an outline.)
        assert.deepEqual(symbols, getDocumentSymbols(document, whole), `symbols ${what} (whole)`);
      }
      assert.deepEqual(getCodeLenses(document, kept), getCodeLenses(document, fresh), `lenses ${what}`);
      // Asked again for the same text: from the memos, the same.
      assert.deepEqual(getDocumentSymbols(document, new PayloadText(text, validator.entrySpans(text), 0)), symbols, `symbols ${what}, again`);
      reused += validator.reused;
    };
    check('opened');
    for (const edit of EDITS) {
      const { offset, length, text } = apply(document.getText(), edit);
      const range = { start: document.positionAt(offset), end: document.positionAt(offset + length) };
      document = TextDocument.update(document, [{ range, text }], document.version + 1);
      check(JSON.stringify(edit));
    }
    assert.equal(perMessage, EDITS.length, 'every text but the syntax error went message by message');
    assert.ok(reused > 0, 'entries were reused between edits');
  });
}

test('an entry keeps its memo while an edit leaves its text alone, and gets a new one when it changes', () => {
  const validator = new IncrementalValidator();
  const before = payloadText(2);
  validator.validate(before);
  const memos = validator.entrySpans(before)!.memos!;
  const at = before.indexOf('"from"', before.indexOf('"button"'));
  const after = before.slice(0, at) + ' ' + before.slice(at);
  validator.validate(after);
  const now = validator.entrySpans(after)!.memos!;
  const edited = now.findIndex((memo, index) => memo !== memos[index]);
  assert.ok(edited >= 0);
  assert.deepEqual(now.map((memo, index) => memo === memos[index]), now.map((_memo, index) => index !== edited));
  assert.equal(new PayloadText(after).messageEntries(), undefined, 'no memos without the validator');
});

test("a big file's tree-size check sums the entries' counts: the same verdict as a count of the whole text", () => {
  const text = payloadText(2);
  const validator = new IncrementalValidator();
  validator.validate(text);
  const { treeTokens } = require('../../shared/core/json-document') as typeof import('../../shared/core/json-document');
  const total = treeTokens(text, Infinity);
  for (const limit of [0, 10, total - 1, total, total + 1]) {
    const fromMemos = new PayloadText(text, validator.entrySpans(text), limit);
    const direct = new PayloadText(text, undefined, limit);
    assert.equal(fromMemos.messageEntries() === undefined, limit >= total, `limit ${limit}`);
    assert.equal(fromMemos.messageCount(), direct.messageCount());
    assert.deepEqual(fromMemos.scopeAt(text.indexOf('"to"'))?.base, direct.scopeAt(text.indexOf('"to"'))?.base, `limit ${limit}`);
  }
});
