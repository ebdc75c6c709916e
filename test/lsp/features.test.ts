/**
 * Completion, hover, a quick fix, code lens and formatting through the built server over stdio:
 * the wiring. The features themselves are tested in-process in test/unit/service-features.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  DocumentSymbolRequest,
  DocumentFormattingRequest,
  HoverRequest,
  type CodeAction,
  type CompletionList,
  type Diagnostic,
  type DocumentSymbol,
  type MarkupContent,
  type TextEdit,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { validateText } from '../../shared/core/index';
import { example, mutated, type Payload } from '../helpers/payloads';
import { LspClient } from '../helpers/lsp-client';

let client: LspClient;
before(async () => (client = await LspClient.start()));
after(async () => client.stop());

let counter = 0;
async function openDocument(body: string, languageId = 'json') {
  const uri = `file:///work/features-${++counter}.json`;
  client.open(uri, body, languageId);
  const published = await client.diagnostics(uri);
  return { uri, body, diagnostics: published.diagnostics };
}

function positionOf(body: string, needle: string, delta = 0) {
  const offset = body.indexOf(needle);
  assert.ok(offset >= 0, `${needle} not in document`);
  return TextDocument.create('x', 'json', 1, body).positionAt(offset + delta);
}

async function complete(body: string, needle: string, delta: number, languageId = 'json') {
  const { uri } = await openDocument(body, languageId);
  const result = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: positionOf(body, needle, delta) })) as CompletionList | null;
  return result?.items ?? [];
}

function applyEdits(body: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('x', 'json', 1, body), edits);
}

async function fixes(body: string, diagnostic: Diagnostic, uri: string): Promise<CodeAction[]> {
  return (await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic], only: ['quickfix'] },
  })) as CodeAction[];
}

/** Opens a broken payload, applies the named fix of the diagnostic with `code`, returns the new text's diagnostics. */
async function applyFix(payload: Payload, code: string, title: RegExp) {
  const { uri, body, diagnostics } = await openDocument(JSON.stringify(payload, null, 2));
  const diagnostic = diagnostics.find((d) => d.code === code);
  assert.ok(diagnostic, `no ${code} in ${JSON.stringify(diagnostics.map((d) => d.code))}`);
  const actions = await fixes(body, diagnostic, uri);
  const action = actions.find((a) => title.test(a.title));
  assert.ok(action, `no fix ${title} in ${JSON.stringify(actions.map((a) => a.title))}`);
  assert.deepEqual(action.diagnostics?.map((d) => d.code), [code]);
  const fixed = applyEdits(body, action.edit!.changes![uri]);
  return { fixed, action, after: validateText(fixed).diagnostics };
}

// ---- completion

test('completion offers the interactive properties at a key position', async () => {
  // A button message without header and footer (a location request is not offered them: LOC-NO-HEADER).
  const body = JSON.stringify(mutated('reply-buttons', (i) => { delete i.header; delete i.footer; }), null, 2).replace('"type": "button",', '"type": "button",\n"",');
  const items = await complete(body, '\n"",', 2);
  const labels = items.map((i) => i.label);
  for (const expected of ['header', 'footer']) assert.ok(labels.includes(expected), `${expected} in ${labels}`);
  assert.ok(!labels.includes('type'), 'present properties are not offered again');
  const footer = items.find((i) => i.label === 'footer')!;
  assert.match((footer.documentation as MarkupContent).value, /60 characters/);
});

// ---- hover

test('hover shows the description, the rule and a live count', async () => {
  const payload = mutated('reply-buttons', (i) => (i.action.buttons[0].reply.title = 'Yes, deliver it to me!!'));
  const { uri, body } = await openDocument(JSON.stringify(payload, null, 2));
  const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(body, '"Yes, deliver', 3) });
  const text = (hover!.contents as MarkupContent).value;
  assert.match(text, /\*\*Button title\*\* — 23 \/ 20 characters \(3 over\)/);
  assert.match(text, /BTN-TITLE/);
  assert.match(text, /unique in the message, no emoji or markdown/);
  const onKey = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(body, '"footer": {', 2) });
  assert.match((onKey!.contents as MarkupContent).value, /Footer/);
});

// ---- quick fixes: each applied leaves the file clean

test('fix: shorten a title to the limit at a word boundary', async () => {
  const { fixed, after } = await applyFix(mutated('reply-buttons', (i) => (i.action.buttons[1].reply.title = 'Leave it with my neighbour')), 'BTN-TITLE', /^Shorten/);
  assert.deepEqual(after, []);
  assert.ok(fixed.includes('"title": "Leave it with my"'));
});

// ---- outline and code lens

test('code lens: Preview and Send above each message', async () => {
  const payload = example('reply-buttons');
  payload.messages.msg.push(structuredClone(payload.messages.msg[0]));
  const { uri, body } = await openDocument(JSON.stringify(payload, null, 2));
  const lenses = await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
  assert.deepEqual(lenses!.map((l) => [l.command!.title, l.command!.command, l.command!.arguments]), [
    ['Preview', 'cmInteractive.openPreview', [uri, 0]],
    ['Send to 1 recipient', 'cmInteractive.send', [uri, 0]],
    ['Preview', 'cmInteractive.openPreview', [uri, 1]],
    ['Send to 1 recipient', 'cmInteractive.send', [uri, 1]],
  ]);
  const lines = body.split('\n');
  assert.equal(lines[lenses![0].range.start.line].trim(), '{');
  assert.ok(lines[lenses![0].range.start.line + 1].includes('"from"'));
});

test('formatting a cm-payload document', async () => {
  const { uri, body } = await openDocument(JSON.stringify(example('location-request')), 'cm-payload');
  const edits = await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
  const formatted = applyEdits(body, edits ?? []);
  assert.equal(formatted, JSON.stringify(example('location-request'), null, 2));
});

test('cmInteractive.outline.maxItems: the outline lists every message within the cap, and says once per document that it was cut', async () => {
  const other = await LspClient.start();
  try {
    other.settings = { validate: { enable: true }, files: ['**/*.cm.json'], outline: { maxItems: 6 } };
    const payload = example('list');
    payload.messages.msg = Array.from({ length: 6 }, () => structuredClone(example('list').messages.msg[0]));
    const uri = 'file:///work/outline-cap.json';
    other.open(uri, JSON.stringify(payload, null, 2));
    await other.diagnostics(uri);
    const outline = async () => (await other.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    const symbols = await outline();
    assert.deepEqual(symbols.map((s) => s.name), payload.messages.msg.map((_m: unknown, i: number) => `Message ${i + 1}`));
    assert.ok(symbols.every((s) => (s.children ?? []).length === 0), 'one symbol per message: the cap has no room for more');
    await outline();
    const told = other.shown.filter((m) => /outline/.test(m.message));
    assert.equal(told.length, 1, JSON.stringify(other.shown));
    assert.match(told[0].message, /outline-cap\.json shows 6 of its \d+ symbols, every message first \(setting cmInteractive\.outline\.maxItems\)/);
  } finally {
    await other.stop();
  }
});
