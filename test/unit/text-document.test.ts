/** The server's piece-based text document answers exactly as LSP's TextDocument, over random edits. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { PieceDocument } from '../../server/src/text-document';

const RUNS = Number(process.env.FUZZ_RUNS ?? 500);

/** One generated edit, applied alike to VS Code's TextDocument and to ours. */
function applyToBoth(theirs: TextDocument, ours: PieceDocument, { full, start, length, text }: { full: boolean; start: number; length: number; text: string }, version: number): void {
  if (full) {
    TextDocument.update(theirs, [{ text }], version);
    PieceDocument.update(ours, [{ text }], version);
    return;
  }
  const from = start % (theirs.getText().length + 1);
  const range = { start: theirs.positionAt(from), end: theirs.positionAt(from + length) };
  TextDocument.update(theirs, [{ range, text }], version);
  PieceDocument.update(ours, [{ range, text }], version);
}

const fragment = fc.oneof(
  fc.constantFrom('', 'a', '\n', '\r\n', '\r', '{"a": 1}\n', 'x\r\ny\nz\r', '👍', '  '),
  fc.string({ maxLength: 12 }),
  fc.array(fc.constantFrom('x', '\n', '\r', ' '), { maxLength: 30 }).map((chars) => chars.join('')),
);

const edit = fc.record({
  // One change in ten replaces the whole text.
  full: fc.nat({ max: 9 }).map((n) => n === 0),
  start: fc.nat(),
  length: fc.nat({ max: 20 }),
  text: fragment,
});

test(`PieceDocument equals TextDocument over ${RUNS} random edit sequences`, () => {
  fc.assert(
    fc.property(fragment, fc.array(edit, { minLength: 1, maxLength: 60 }), fc.array(fc.nat(), { minLength: 5, maxLength: 5 }), (initial, edits, probes) => {
      const theirs = TextDocument.create('file:///x', 'json', 1, initial);
      const ours = PieceDocument.create('file:///x', 'json', 1, initial);
      edits.forEach((edit, index) => {
        applyToBoth(theirs, ours, edit, index + 2);
        // Positions are asked for between edits (requests), and not (a burst of edits).
        if (index % 3 === 0) for (const probe of probes) assert.deepEqual(ours.positionAt(probe % (theirs.getText().length + 2)), theirs.positionAt(probe % (theirs.getText().length + 2)));
      });
      assert.equal(ours.getText(), theirs.getText());
      assert.equal(ours.version, theirs.version);
      assert.equal(ours.lineCount, theirs.lineCount);
      for (let line = -1; line <= theirs.lineCount; line++) {
        assert.deepEqual(ours.getLineRange(line), theirs.getLineRange(line));
        assert.equal(ours.getEOLCharacters(line), theirs.getEOLCharacters(line));
        for (const character of [0, 1, 3, 1000]) assert.equal(ours.offsetAt({ line, character }), theirs.offsetAt({ line, character }));
      }
      const length = theirs.getText().length;
      for (let offset = -1; offset <= length + 1; offset++) assert.deepEqual(ours.positionAt(offset), theirs.positionAt(offset));
    }),
    { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261126) },
  );
});

test('a malformed change range is read as whole numbers, not written into the line index', () => {
  const ours = PieceDocument.create('file:///x', 'json', 1, 'ab\ncd\nef');
  PieceDocument.update(ours, [{ range: { start: { line: 1.5, character: -3 }, end: { line: 1, character: 1 } }, text: 'X' } as never], 2);
  assert.equal(ours.getText(), 'ab\nXd\nef');
  assert.deepEqual(ours.positionAt(8), { line: 2, character: 2 });
});

test(`changedSince and slice tell what changed without joining the text, over ${RUNS} random edit sequences`, () => {
  fc.assert(
    fc.property(fragment, fc.array(edit, { minLength: 1, maxLength: 40 }), fc.array(fc.nat(), { minLength: 4, maxLength: 4 }), (initial, edits, probes) => {
      const theirs = TextDocument.create('file:///x', 'json', 1, initial);
      const ours = PieceDocument.create('file:///x', 'json', 1, initial);
      const texts = new Map<number, string>([[ours.stamp, initial]]);
      edits.forEach((edit, index) => {
        applyToBoth(theirs, ours, edit, index + 2);
        const now = theirs.getText();
        // Read in parts first (getText joins the pieces).
        for (const probe of probes) {
          const a = probe % (now.length + 1);
          const b = a + (probe % 7);
          assert.equal(ours.slice(a, b), now.slice(a, b), `slice ${a}-${b}`);
        }
        for (const [stamp, before] of texts) {
          const changed = ours.changedSince(stamp);
          if (!changed) continue; // before a whole-text change
          assert.ok(changed.start <= changed.oldEnd && changed.start <= changed.newEnd, 'ordered');
          assert.equal(before.length - changed.oldEnd, now.length - changed.newEnd, 'the same tail length');
          assert.equal(now.slice(0, changed.start), before.slice(0, changed.start), 'the same head');
          assert.equal(now.slice(changed.newEnd), before.slice(changed.oldEnd), 'the same tail');
        }
        if (index % 2 === 0) assert.equal(ours.getText(), now);
        texts.set(ours.stamp, now);
      });
      const unchanged = ours.changedSince(ours.stamp)!;
      assert.equal(unchanged.start, unchanged.newEnd);
      assert.equal(unchanged.oldEnd, unchanged.newEnd);
    }),
    { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261126) },
  );
});
