/**
 * Formatting: the streaming printer for plain JSON lays out exactly as jsonc-parser's `format`
 * (which VS Code's JSON formatter uses), and the bounds answer with a reason instead of edits.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { applyEdits, format } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { formatDocument, MAX_FORMAT_DEPTH } from '../../server/src/features/formatting';
import { example, KINDS } from '../helpers/payloads';

const RUNS = Number(process.env.FUZZ_RUNS ?? 500);
const MB = 1024 * 1024;

/** Our answer applied, or the reason there is none. */
function ours(text: string, options: { tabSize: number; insertSpaces: boolean; insertFinalNewline?: boolean }, maxLength = 20 * MB): string {
  const document = TextDocument.create('file:///f.cm.json', 'cm-payload', 1, text);
  const formatted = formatDocument(document, options, maxLength);
  if ('refused' in formatted) return `refused: ${formatted.refused}`;
  assert.ok(formatted.edits.length <= 1, 'one edit at most');
  return TextDocument.applyEdits(document, formatted.edits);
}

/** jsonc-parser's, as the server used it before (and as VS Code's JSON formatter does). */
function theirs(text: string, options: { tabSize: number; insertSpaces: boolean; insertFinalNewline?: boolean }): string {
  return applyEdits(text, format(text, undefined, { ...options, eol: text.includes('\r\n') ? '\r\n' : '\n' }));
}

const layouts = [
  { tabSize: 2, insertSpaces: true },
  { tabSize: 4, insertSpaces: true, insertFinalNewline: true },
  { tabSize: 4, insertSpaces: false },
];

test('plain JSON is laid out as jsonc-parser lays it out: examples minified, pretty, CRLF, odd spacing', () => {
  const texts = KINDS.flatMap((kind) => {
    const payload = example(kind);
    return [JSON.stringify(payload), JSON.stringify(payload, null, 2), JSON.stringify(payload, null, '\t').replace(/\n/g, '\r\n'), `  \n${JSON.stringify(payload, null, 1).replace(/: /g, ' :   ')}\n\n`];
  });
  texts.push('{}', '[]', '[[], {}, [[]], {"a": {}}]', '"x"', '12', '  null  ', '{"a":[1,2,{"b":[]}],"c":"\\"quoted\\" \\\\"}');
  for (const text of texts) for (const options of layouts) assert.equal(ours(text, options), theirs(text, options), `${JSON.stringify(text.slice(0, 40))} ${JSON.stringify(options)}`);
});

test(`${RUNS} generated JSON values are laid out as jsonc-parser lays them out`, () => {
  fc.assert(
    fc.property(fc.jsonValue({ maxDepth: 6 }), fc.constantFrom(0, 1, 2, '\t'), fc.constantFrom(...layouts), (value, indent, options) => {
      const text = JSON.stringify(value, null, indent);
      assert.equal(ours(text, options), theirs(text, options));
    }),
    { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261126) },
  );
});

test('comments (JSONC) and syntax errors in small files go through jsonc-parser', () => {
  const jsonc = '{\n// a note\n"messages": {"msg": [ ] /* none yet */}}';
  assert.equal(ours(jsonc, layouts[0]), theirs(jsonc, layouts[0]));
  const broken = '{"messages": {"msg": [ {"to": }]}}';
  assert.equal(ours(broken, layouts[0]), theirs(broken, layouts[0]));
});

test('the bounds: size setting, nesting, comments in a big file; answers are one edit of the changed part', () => {
  const deep = `{"x": ${'['.repeat(MAX_FORMAT_DEPTH + 1)}${']'.repeat(MAX_FORMAT_DEPTH + 1)}}`;
  assert.match(ours(deep, layouts[0]), /^refused: .*nests deeper than 100 levels/);
  const text = JSON.stringify(example('list'));
  assert.match(ours(text, layouts[0], 100), /^refused: .*maxFileSizeMB/);
  const bigJsonc = `// note\n${JSON.stringify({ messages: { msg: Array.from({ length: 400 }, () => example('list').messages.msg[0]) } })}`;
  assert.match(ours(bigJsonc, layouts[0]), /^refused: .*plain JSON/);
  // Options as a client may send them: a tab size of 1e8 or "x" is not an indent of 100 MB.
  assert.equal(ours(JSON.stringify(example('flow')), { tabSize: 1e8, insertSpaces: true }), theirs(JSON.stringify(example('flow')), { tabSize: 16, insertSpaces: true }));
  assert.equal(ours(JSON.stringify(example('flow')), { tabSize: 'x', insertSpaces: true } as never), JSON.stringify(example('flow'), null, 4));
  // Already formatted but for one line: the answer covers that line only.
  const pretty = JSON.stringify(example('flow'), null, 2);
  const document = TextDocument.create('file:///f.cm.json', 'cm-payload', 1, pretty.replace('"type": "flow"', '"type":"flow"'));
  const formatted = formatDocument(document, layouts[0], 20 * MB);
  assert.ok('edits' in formatted);
  assert.deepEqual(formatted.edits.map((e) => e.newText), [' ']);
});
