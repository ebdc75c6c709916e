/** Fixes say what they change: text a fix would have to alter is named in its title, or left to its own diagnostic. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CodeActionRequest, type CodeAction, type TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { validateText } from '../../server/src/core/index';
import { mutated } from '../helpers/payloads';
import { LspClient } from '../helpers/lsp-client';

let client: LspClient;
before(async () => (client = await LspClient.start()));
after(async () => client.stop());

test('converting to a list keeps a 25-character title as it is, says so, and leaves it to LIST-ROW-TITLE', async () => {
  const long = "Yes, I'm home all day, ok";
  assert.equal([...long].length, 25);
  const payload = mutated('reply-buttons', (i) => {
    i.action.buttons[0].reply.title = long;
    i.action.buttons.push({ type: 'reply', reply: { id: 'delivery-pickup', title: 'Pick up myself' } }, { type: 'reply', reply: { id: 'delivery-cancel', title: 'Cancel delivery' } });
  });
  const text = JSON.stringify(payload, null, 2);
  const uri = 'file:///work/fixes-1.json';
  client.open(uri, text);
  const { diagnostics } = await client.diagnostics(uri);
  const diagnostic = diagnostics.find((d) => d.code === 'BTN-COUNT')!;
  const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic], only: ['quickfix'] } })) as CodeAction[];
  const convert = actions.find((a) => a.title.startsWith('Convert to a list message'));
  assert.equal(convert?.title, 'Convert to a list message (5 rows; 1 title is over 24 characters, kept for you to shorten)');
  const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'json', 1, text), convert!.edit!.changes![uri] as TextEdit[]);
  const rows = JSON.parse(fixed).messages.msg[0].richContent.conversation[0].interactive.action.sections[0].rows;
  assert.equal(rows[0].title, long);
  assert.deepEqual(validateText(fixed).diagnostics.map((d) => d.code), ['LIST-ROW-TITLE']);
});
