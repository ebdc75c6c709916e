/**
 * Completion edit ranges over stdio, as an editor receives them: a client that announces
 * `insertReplaceSupport` gets an `InsertReplaceEdit` (insert up to the cursor, replace over the
 * whole typed key or value with its quotes), one that does not gets a plain `TextEdit` over the
 * whole typed token; at positions in the middle of real payloads (the second of two messages),
 * keys already present are not offered, values come from the branch that applies.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CompletionRequest, InsertReplaceEdit, TextEdit, type CompletionItem, type CompletionList, type Range } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { example, type Kind, type Payload } from '../helpers/payloads';
import { LspClient } from '../helpers/lsp-client';

let withInsertReplace: LspClient;
let plain: LspClient;
before(async () => {
  [withInsertReplace, plain] = await Promise.all([LspClient.start({ insertReplace: true }), LspClient.start()]);
});
after(async () => {
  await Promise.all([withInsertReplace.stop(), plain.stop()]);
});

/** Two messages of `kind`, the second one changed by `edit`; as the editor shows it. */
function twoMessages(kind: Kind, edit: (interactive: Payload) => void = () => {}): string {
  const payload = example(kind);
  const second = structuredClone(payload.messages.msg[0]);
  edit(second.richContent.conversation[0].interactive);
  payload.messages.msg.push(second);
  return JSON.stringify(payload, null, 2);
}

interface Case {
  name: string;
  /** The text with `«` and `»` around the typed token and `|` at the cursor inside it. */
  marked: string;
  /** What is offered (labels of the non-snippet items), in order. */
  labels: string[];
  newText?: Record<string, string>;
}

/** `text` with the token `find` (in the second message) marked, the cursor `cursor` characters into it. */
function mark(text: string, find: string, cursor: number): string {
  const at = text.indexOf(find, text.indexOf('"from"', text.indexOf('"from"') + 1));
  assert.ok(at > 0, `${find} in the second message`);
  return `${text.slice(0, at)}«${find.slice(0, cursor)}|${find.slice(cursor)}»${text.slice(at + find.length)}`;
}

function unmark(marked: string): { text: string; cursor: number; token: { start: number; end: number } } {
  const start = marked.indexOf('«');
  const cursor = marked.indexOf('|') - 1;
  const end = marked.indexOf('»') - 2;
  return { text: marked.replace('«', '').replace('|', '').replace('»', ''), cursor, token: { start, end } };
}

const CASES: Case[] = [
  {
    name: 'the cursor inside an existing key: the key is offered again (it is the one being typed), the others present are not',
    marked: mark(twoMessages('reply-buttons'), '"footer"', 3),
    labels: ['footer'],
    newText: { footer: '"footer"' },
  },
  {
    name: 'a typed prefix with its closing quote, more properties after it',
    marked: mark(twoMessages('reply-buttons', (i) => { delete i.header; delete i.footer; }).replace(/("type": "button",\n)(\s*)("body")/g, '$1$2"he"\n$2$3'), '"he"', 3),
    labels: ['header', 'footer'],
    // Another property follows: the completion brings the comma.
    newText: { header: '"header": {$1},' },
  },
  {
    name: 'a typed prefix without colon or closing quote, in a list row',
    marked: mark(twoMessages('list', (i) => delete i.action.sections[0].rows[0].description).replace(/("id": "slot-0303-0900",\n)(\s*)("title")/g, '$1$2"desc\n$2$3'), '"desc', 5),
    labels: ['description'],
    newText: { description: '"description": "$1",' },
  },
  {
    name: 'the interactive type, the cursor in the middle of its value: the interactive kinds only',
    marked: mark(twoMessages('reply-buttons'), '"button"', 3),
    labels: ['"list"', '"button"', '"location_request_message"', '"flow"', '"call_permission_request"'],
  },
  {
    name: 'a reply button\'s type: reply only',
    marked: mark(twoMessages('reply-buttons'), '"reply"', 2),
    labels: ['"reply"'],
  },
  {
    name: 'a CTA button\'s type: openurl only',
    marked: mark(twoMessages('cta-url'), '"openurl"', 5),
    labels: ['"openurl"'],
  },
  {
    name: 'a header type on a button message (no text yet): every header type',
    marked: mark(twoMessages('reply-buttons', (i) => { i.header = { type: 'video' }; }), '"video"', 4),
    labels: ['"text"', '"image"', '"video"', '"document"'],
  },
];

let counter = 0;
async function completeWith(client: LspClient, text: string, offset: number, languageId: string): Promise<CompletionItem[]> {
  const uri = `file:///work/completion-${++counter}.json`;
  client.open(uri, text, languageId);
  await client.diagnostics(uri);
  const position = TextDocument.create(uri, languageId, 1, text).positionAt(offset);
  const result = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position })) as CompletionList | null;
  client.close(uri);
  return (result?.items ?? []).filter((item) => item.kind !== 15);
}

for (const languageId of ['json', 'cm-payload']) {
  test(`${languageId}: a client with insertReplaceSupport gets insert (to the cursor) and replace (the whole typed token, quotes included) ranges`, async () => {
    for (const { name, marked, labels, newText } of CASES) {
      const { text, cursor, token } = unmark(marked);
      const document = TextDocument.create('x', languageId, 1, text);
      const range = (start: number, end: number): Range => ({ start: document.positionAt(start), end: document.positionAt(end) });
      const items = await completeWith(withInsertReplace, text, cursor, languageId);
      assert.deepEqual(items.map((i) => i.label), labels, name);
      for (const item of items) {
        const edit = item.textEdit;
        assert.ok(edit && InsertReplaceEdit.is(edit), `${name}: ${item.label} ${JSON.stringify(edit)}`);
        // Up to the cursor, and over the closing quote when that directly follows it (an auto-closed `"he|"`).
        const insertEnd = text[cursor] === '"' && cursor + 1 === token.end ? cursor + 1 : cursor;
        assert.deepEqual(edit.insert, range(token.start, insertEnd), `${name}: ${item.label} insert`);
        assert.deepEqual(edit.replace, range(token.start, token.end), `${name}: ${item.label} replace`);
        if (newText?.[item.label]) assert.equal(edit.newText, newText[item.label], name);
        assert.equal(item.filterText?.startsWith('"'), true, `${name}: filtered with its quote`);
      }
    }
  });

  test(`${languageId}: a client without it gets a plain TextEdit over the whole typed token, quotes included`, async () => {
    for (const { name, marked, labels, newText } of CASES) {
      const { text, cursor, token } = unmark(marked);
      const document = TextDocument.create('x', languageId, 1, text);
      const items = await completeWith(plain, text, cursor, languageId);
      assert.deepEqual(items.map((i) => i.label), labels, name);
      for (const item of items) {
        const edit = item.textEdit;
        assert.ok(edit && TextEdit.is(edit) && !('insert' in edit), `${name}: ${item.label} ${JSON.stringify(edit)}`);
        assert.deepEqual(edit.range, { start: document.positionAt(token.start), end: document.positionAt(token.end) }, `${name}: ${item.label}`);
        if (newText?.[item.label]) assert.equal(edit.newText, newText[item.label], name);
        // Applied, the token is the completed one: nothing of the typed prefix or its quotes is left over.
        const applied = TextDocument.applyEdits(document, [{ range: edit.range, newText: edit.newText.replace(/\$\d+/g, '') }]);
        assert.equal(applied.slice(token.start, token.start + edit.newText.replace(/\$\d+/g, '').length), edit.newText.replace(/\$\d+/g, ''));
        assert.equal(applied.length, text.length - (token.end - token.start) + edit.newText.replace(/\$\d+/g, '').length);
      }
    }
  });
}

test('insertReplaceSupport: accepting in an auto-closed quote leaves valid JSON in both insert and replace mode (keys and values)', async () => {
  const text = twoMessages('reply-buttons-image', (i) => delete i.footer);
  const second = text.indexOf('"from"', text.indexOf('"from"') + 1);
  const at = (find: string, replace: string) => {
    const offset = text.indexOf(find, second);
    const marked = text.slice(0, offset) + replace + text.slice(offset + find.length);
    return { marked: marked.replace('|', ''), cursor: marked.indexOf('|') };
  };
  const cases = [at('"type": "button",', '"type": "button",\n                "|"'), at('"type": "image"', '"type": "|"'), at('"type": "image"', '"type": "vi|"')];
  for (const { marked, cursor } of cases) {
    const document = TextDocument.create('x', 'json', 1, marked);
    const items = await completeWith(withInsertReplace, marked, cursor, 'json');
    assert.ok(items.length > 0);
    for (const item of items) {
      const edit = item.textEdit;
      assert.ok(edit && InsertReplaceEdit.is(edit));
      for (const range of [edit.insert, edit.replace]) {
        const newText = edit.newText.replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1').replace(/\$\d+/g, '');
        const result = TextDocument.applyEdits(document, [{ range, newText }, ...(item.additionalTextEdits ?? [])]);
        assert.doesNotThrow(() => JSON.parse(result), `${item.label}: ${result.split('\n')[range.start.line]}`);
      }
    }
  }
});

test('the msg entry snippet over stdio, before the existing entry and after one without its comma: valid JSON as inserted (the commas come with it)', async () => {
  const text = JSON.stringify(example('reply-buttons'), null, 2);
  const open = text.indexOf('"msg": [') + '"msg": ['.length;
  const entryEnd = text.lastIndexOf('\n      }', text.lastIndexOf('\n    ]')) + '\n      }'.length;
  const cases = {
    'before the existing entry': text.slice(0, open) + '\n      |' + text.slice(open),
    'after an entry without its comma': text.slice(0, entryEnd) + '\n      |' + text.slice(entryEnd),
  };
  for (const [name, marked] of Object.entries(cases)) {
    const cursor = marked.indexOf('|');
    const source = marked.replace('|', '');
    const uri = `file:///work/completion-${++counter}.json`;
    plain.open(uri, source, 'json');
    await plain.diagnostics(uri);
    const document = TextDocument.create(uri, 'json', 1, source);
    const result = (await plain.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: document.positionAt(cursor) })) as CompletionList | null;
    plain.close(uri);
    const snippet = result?.items.find((i) => i.label === 'msg entry with reply buttons');
    assert.ok(snippet && snippet.textEdit && TextEdit.is(snippet.textEdit), name);
    const newText = snippet.textEdit.newText.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '');
    const applied = TextDocument.applyEdits(document, [{ range: snippet.textEdit.range, newText }, ...(snippet.additionalTextEdits ?? [])]);
    assert.doesNotThrow(() => JSON.parse(applied), name);
  }
});

test('completion in a text nested 50,000 levels deep: an empty answer, nothing logged (no stack overflow)', async () => {
  const text = '{"messages":' + '{"a":'.repeat(50_000);
  const uri = `file:///work/completion-${++counter}.json`;
  const loggedBefore = plain.logged.length;
  plain.open(uri, text, 'json');
  await plain.diagnostics(uri);
  const position = TextDocument.create(uri, 'json', 1, text).positionAt(text.length);
  const result = (await plain.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position })) as CompletionList | null;
  plain.close(uri);
  assert.deepEqual(result, { isIncomplete: false, items: [] });
  assert.deepEqual(plain.logged.slice(loggedBefore).filter((m) => /fail|error/i.test(m)), []);
});
