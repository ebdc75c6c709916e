/**
 * The server's documents are checked from the parts an edit touched, never joined into one
 * string (IncrementalValidator.validateEdited over a PieceDocument): after every edit the
 * diagnostics, the outline and the code lenses are exactly a fresh service's on the same text.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LanguageService } from '../../server/src/service';
import { PieceDocument } from '../../server/src/text-document';
import { example, KINDS } from '../helpers/payloads';

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);

function payloadText(indent: number | undefined, token: boolean): string {
  const payload = example('list');
  payload.messages.msg = [...KINDS, ...KINDS].map((kind) => example(kind).messages.msg[0]);
  if (token) payload.messages.authentication = { productToken: '3f2a1b0c-9d8e-4f7a-b6c5-d4e3f2a1b0c9' };
  return JSON.stringify(payload, null, indent);
}

const edit = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 6 }),
  insert: fc.constantFrom('', 'x', 'Yes, deliver it to me!!', ' ', '\n', '"', ',', '{', '}', '👍', '3f2a1b0c-9d8e-4f7a-b6c5-d4e3f2a1b0c9', '{"number": "0031600000000"}, '),
  // Several changes before the next check (a burst of typing), or a check after each.
  checkAfter: fc.boolean(),
});

test(`edited-text checks equal a fresh check of the same text, over ${RUNS} random edit sequences`, () => {
  fc.assert(
    fc.property(fc.constantFrom(2, undefined), fc.boolean(), fc.boolean(), fc.array(edit, { minLength: 1, maxLength: 25 }), (indent, token, bom, edits) => {
      const initial = (bom ? '\uFEFF' : '') + payloadText(indent, token);
      const uri = 'file:///work/edited.cm.json';
      const service = new LanguageService();
      const document = PieceDocument.create(uri, 'cm-payload', 1, initial);
      service.doValidation(document);
      let version = 1;
      let checks = 0;
      for (const { at, remove, insert, checkAfter } of edits) {
        const length = document.textLength;
        const from = at % (length + 1);
        const range = { start: document.positionAt(from), end: document.positionAt(Math.min(from + remove, length)) };
        PieceDocument.update(document, [{ range, text: insert }], ++version);
        if (!checkAfter) continue;
        checks++;
        const text = document.slice(0, document.textLength);
        const fresh = TextDocument.create(uri, 'cm-payload', version, text);
        const expected = new LanguageService();
        assert.deepEqual(service.doValidation(document), expected.doValidation(fresh), `diagnostics after ${checks} checks`);
        assert.deepEqual(service.getDocumentSymbols(document), expected.getDocumentSymbols(fresh), 'outline');
        assert.deepEqual(service.getCodeLenses(document), expected.getCodeLenses(fresh), 'code lens');
      }
      const fresh = TextDocument.create(uri, 'cm-payload', version, document.getText());
      assert.deepEqual(service.doValidation(document), new LanguageService().doValidation(fresh), 'diagnostics at the end');
    }),
    { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261129) },
  );
});

test('a keystroke in a message is checked without joining the text', () => {
  const service = new LanguageService();
  const text = payloadText(2, false);
  const document = PieceDocument.create('file:///work/joined.cm.json', 'cm-payload', 1, text);
  service.doValidation(document);
  const at = document.positionAt(text.indexOf('Book your appointment'));
  PieceDocument.update(document, [{ range: { start: at, end: at }, text: 'x' }], 2);
  let joined = 0;
  const getText = document.getText.bind(document);
  document.getText = (...args) => (joined++, getText(...args));
  const diagnostics = service.doValidation(document);
  assert.equal(joined, 0, 'the text was joined');
  document.getText = getText;
  assert.deepEqual(diagnostics, new LanguageService().doValidation(TextDocument.create('file:///work/joined.cm.json', 'cm-payload', 2, document.getText())));
});

test('a file seen in scopes (over the whole-tree limit): outline, lenses and hover read in parts equal a fresh service', async () => {
  const { validPayloadOfSize } = await import('../helpers/payloads');
  const { treeTokens, MAX_TREE_TOKENS } = await import('../../shared/core/json-document');
  const text = validPayloadOfSize(2.5 * 1024 * 1024, 600).replace('"ref7"', '"ref7", "bad": 1');
  assert.ok(treeTokens(text, MAX_TREE_TOKENS) > MAX_TREE_TOKENS, 'the file is read in scopes');
  const uri = 'file:///work/scoped.cm.json';
  const service = new LanguageService();
  const document = PieceDocument.create(uri, 'cm-payload', 1, text);
  service.doValidation(document);
  service.getDocumentSymbols(document);
  // New lines before a message's "reference" (every later message moves down) and characters typed into it.
  const edits = ['ref300', 'ref7', 'ref599', 'ref0'].map((ref, i) => ({ ref, insert: i % 2 ? 'x' : '\n  ' }));
  let version = 1;
  for (const { ref, insert } of edits) {
    const found = document.slice(0, document.textLength).indexOf(`"${ref}"`);
    const at = document.positionAt(insert === 'x' ? found + 1 : document.slice(0, found).lastIndexOf('"reference"'));
    PieceDocument.update(document, [{ range: { start: at, end: at }, text: insert }], ++version);
    const fresh = TextDocument.create(uri, 'cm-payload', version, document.slice(0, document.textLength));
    const expected = new LanguageService();
    let joined = 0;
    const getText = document.getText.bind(document);
    document.getText = (...args) => (joined++, getText(...args));
    const [diagnostics, symbols, lenses] = [service.doValidation(document), service.getDocumentSymbols(document), service.getCodeLenses(document)];
    document.getText = getText;
    assert.equal(joined, 0, 'check, outline and lenses read the text in parts');
    assert.deepEqual(diagnostics, expected.doValidation(fresh), `diagnostics after ${ref}`);
    assert.deepEqual(symbols, expected.getDocumentSymbols(fresh), `outline after ${ref}`);
    assert.deepEqual(lenses, expected.getCodeLenses(fresh), `lenses after ${ref}`);
    const hoverAt = document.positionAt(document.slice(0, document.textLength).indexOf('"reference"', document.offsetAt(at)) + 3);
    assert.deepEqual(service.doHover(document, hoverAt), expected.doHover(fresh, hoverAt), `hover after ${ref}`);
  }
});
