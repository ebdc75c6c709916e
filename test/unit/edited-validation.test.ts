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
