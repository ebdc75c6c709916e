/** Folding, smart expand and range formatting for `cm-payload` documents (VS Code's JSON gives `json` documents its own). */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DocumentRangeFormattingRequest, FoldingRangeRequest, SelectionRangeRequest, type FoldingRange, type SelectionRange, type TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { example } from '../helpers/payloads';
import { LspClient } from '../helpers/lsp-client';

let client: LspClient;
before(async () => (client = await LspClient.start()));
after(async () => client.stop());

const TEXT = JSON.stringify(example('list'), null, 2);
let counter = 0;
function open(text: string, languageId: string) {
  const uri = `file:///work/structure-${++counter}.cm.json`;
  client.open(uri, text, languageId);
  return { uri, document: TextDocument.create(uri, languageId, 1, text) };
}

test('folding ranges: every multi-line object and array of a cm-payload document; none from us for json', async () => {
  const { uri } = open(TEXT, 'cm-payload');
  const ranges = (await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } })) as FoldingRange[];
  const lines = TEXT.split('\n');
  const opening = lines.filter((line) => /[{[]$/.test(line)).length;
  assert.equal(ranges.length, opening);
  assert.deepEqual(ranges.find((r) => r.startLine === 0), { startLine: 0, endLine: lines.length - 2, kind: 'object' });
  const json = open(TEXT, 'json');
  assert.deepEqual(await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri: json.uri } }), []);
});

test('selection ranges expand from a value to its property, its object and outwards', async () => {
  const { uri, document } = open(TEXT, 'cm-payload');
  const position = document.positionAt(TEXT.indexOf('"Reply STOP') + 3);
  const [range] = (await client.connection.sendRequest(SelectionRangeRequest.type, { textDocument: { uri }, positions: [position] })) as SelectionRange[];
  const texts: string[] = [];
  for (let r: SelectionRange | undefined = range; r; r = r.parent) texts.push(document.getText(r.range));
  assert.ok(texts.length >= 6, JSON.stringify(texts));
  assert.ok(texts[0].startsWith('Reply') || texts[0].startsWith('"Reply'), texts[0]);
  assert.ok(texts.some((t) => t.startsWith('"text": "Reply')), JSON.stringify(texts.slice(0, 4)));
  assert.equal(texts[texts.length - 1], TEXT);
});

test('range formatting formats the selection only', async () => {
  const messy = TEXT.replace(/"footer": \{\s*"text"/, '"footer":{"text"');
  const { uri, document } = open(messy, 'cm-payload');
  const start = messy.indexOf('"footer":{');
  const range = { start: document.positionAt(start), end: document.positionAt(messy.indexOf('}', start) + 1) };
  const edits = (await client.connection.sendRequest(DocumentRangeFormattingRequest.type, { textDocument: { uri }, range, options: { tabSize: 2, insertSpaces: true } })) as TextEdit[];
  assert.ok(edits.length > 0);
  const formatted = TextDocument.applyEdits(document, edits);
  assert.ok(!formatted.includes('"footer":{"text"'));
  assert.equal(formatted.slice(0, start), messy.slice(0, start));
});
