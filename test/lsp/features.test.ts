/** Completion, hover, quick fixes, symbols and code lens through the built server over stdio. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  DocumentFormattingRequest,
  DocumentSymbolRequest,
  HoverRequest,
  type CodeAction,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type DocumentSymbol,
  type MarkupContent,
  type Range,
  type TextEdit,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { validateText } from '../../server/src/core/index';
import { example, mutated, type Kind, type Payload } from '../helpers/payloads';
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
  const body = JSON.stringify(example('location-request'), null, 2).replace('"type": "location_request_message",', '"type": "location_request_message",\n"",');
  const items = await complete(body, '\n"",', 2);
  const labels = items.map((i) => i.label);
  for (const expected of ['header', 'footer']) assert.ok(labels.includes(expected), `${expected} in ${labels}`);
  assert.ok(!labels.includes('type'), 'present properties are not offered again');
  const footer = items.find((i) => i.label === 'footer')!;
  assert.match((footer.documentation as MarkupContent).value, /60 characters/);
});

test('completion offers enum values for interactive.type', async () => {
  const body = JSON.stringify(example('flow'), null, 2).replace('"type": "flow"', '"type": ""');
  const items = await complete(body, '"type": ""', 9);
  const labels = items.map((i) => i.label);
  assert.deepEqual(labels.slice(0, 5), ['"list"', '"button"', '"location_request_message"', '"flow"', '"call_permission_request"']);
});

test('completion offers a snippet for every interactive kind, and they validate clean', async () => {
  const payload = example('flow');
  payload.messages.msg[0].richContent.conversation[0] = { interactive: 'HERE' };
  const body = JSON.stringify(payload, null, 2).replace('"HERE"', '');
  const items = await complete(body, '"interactive": ', 15);
  const snippets = items.filter((i) => i.kind === 15);
  assert.deepEqual(snippets.map((s) => s.label), [
    'Interactive list message', 'Interactive reply buttons', 'Interactive reply buttons with image header', 'Interactive CTA URL button',
    'Interactive location request', 'Interactive flow', 'Interactive call permission request',
  ]);
  for (const snippet of snippets) {
    const inserted = (snippet.textEdit as TextEdit).newText.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '');
    const text = body.replace('"interactive": ', `"interactive": ${inserted}`);
    const { diagnostics } = validateText(text);
    assert.deepEqual(diagnostics.map((d) => `${d.code} ${d.message}`), [], snippet.label as string);
  }
});

test('an empty payload file gets the whole-request snippet', async () => {
  const items = await complete('', '', 0, 'cm-payload');
  const request = items.find((i: CompletionItem) => i.label === 'CM request with one interactive message');
  assert.ok(request);
  // Inserted at the cursor, it is a whole request that checks clean.
  const edit = request.textEdit as TextEdit;
  assert.deepEqual(edit.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  const { isPayload, diagnostics } = validateText(edit.newText.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, ''));
  assert.ok(isPayload);
  assert.deepEqual(diagnostics.map((d) => `${d.code} ${d.message}`), []);
});

test('a new msg entry can be completed as a whole', async () => {
  const payload = example('list');
  const body = JSON.stringify(payload, null, 2).replace('"msg": [', '"msg": [\n      ,');
  const items = await complete(body, '\n      ,', 7);
  assert.ok(items.some((i) => i.label === 'msg entry with reply buttons'), JSON.stringify(items.map((i) => i.label)));
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

test('hover on a list sections array counts rows across sections; call permission explains the window', async () => {
  const { uri, body } = await openDocument(JSON.stringify(example('list'), null, 2));
  const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(body, '"sections"', 2) });
  assert.match((hover!.contents as MarkupContent).value, /2 \/ 10 sections, 4 \/ 10 rows in total/);
  const call = await openDocument(JSON.stringify(example('call-permission-request'), null, 2));
  const callHover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: call.uri }, position: positionOf(call.body, '"call_permission_request"', 3) });
  assert.match((callHover!.contents as MarkupContent).value, /CALL-WINDOW.*24-hour customer-service window/s);
});

test('hover states the corrected rules: flow_cta advice, optional navigate payload, literal markdown, call body', async () => {
  const hoverText = async (kind: Kind, needle: string, delta: number) => {
    const { uri, body } = await openDocument(JSON.stringify(example(kind), null, 2));
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(body, needle, delta) });
    return (hover!.contents as MarkupContent).value;
  };
  const cta = await hoverText('flow', '"Start survey"', 3);
  assert.match(cta, /12 \/ 30 characters/);
  assert.match(cta, /`FLOW-CTA` · .*Meta advises ≤ 30 characters \(warning above 30, information above 20\)/);
  assert.match(await hoverText('flow', '"flow_action_payload"', 2), /Optional with `navigate`.*first entry screen/);
  assert.match(await hoverText('list', '"button"', 2), /`LIST-BUTTON` · .*markdown in it shows literally/);
  const callBody = await hoverText('call-permission-request', '"body": {\n                  "text"', 2);
  assert.match(callBody, /Optional but recommended/);
  assert.doesNotMatch(callBody, /customis/);
});

// ---- quick fixes: each applied leaves the file clean

test('fix: shorten a title to the limit at a word boundary', async () => {
  const { fixed, after } = await applyFix(mutated('reply-buttons', (i) => (i.action.buttons[1].reply.title = 'Leave it with my neighbour')), 'BTN-TITLE', /^Shorten/);
  assert.deepEqual(after, []);
  assert.ok(fixed.includes('"title": "Leave it with my"'));
});

test('quick fixes only: a request for other action kinds gets none', async () => {
  const { uri, diagnostics } = await openDocument(JSON.stringify(mutated('reply-buttons', (i) => (i.action.buttons[0].reply.title = 'Yes 👍')), null, 2));
  const diagnostic = diagnostics.find((d) => d.code === 'BTN-TITLE-PLAIN')!;
  const request = (only: string[]) => client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic], only } });
  assert.ok(((await request(['quickfix'])) ?? []).length > 0);
  assert.deepEqual(await request(['refactor', 'source']), []);
});

test('fix: remove emoji and markdown from titles', async () => {
  const emoji = await applyFix(mutated('reply-buttons', (i) => (i.action.buttons[0].reply.title = 'Yes 👍')), 'BTN-TITLE-PLAIN', /Remove the emoji/);
  assert.deepEqual(emoji.after, []);
  assert.ok(emoji.fixed.includes('"title": "Yes"'));
  const family = await applyFix(mutated('reply-buttons', (i) => (i.action.buttons[0].reply.title = 'Shrub™ 👨\u200D👩\u200D👧')), 'BTN-TITLE-PLAIN', /Remove the emoji/);
  assert.deepEqual(family.after, []);
  assert.ok(family.fixed.includes('"title": "Shrub™"'), 'the whole ZWJ sequence goes, the trade-mark sign stays');
  const markdown = await applyFix(mutated('reply-buttons', (i) => (i.action.buttons[0].reply.title = '*Yes*')), 'BTN-TITLE-PLAIN', /Remove the formatting/);
  assert.deepEqual(markdown.after, []);
});

test('fix: make a duplicate title and a duplicate id unique', async () => {
  const title = await applyFix(mutated('reply-buttons', (i) => (i.action.buttons[2].reply.title = "Yes, I'm home")), 'BTN-TITLE-UNIQUE', /Make it unique/);
  assert.deepEqual(title.after, []);
  const id = await applyFix(mutated('list', (i) => (i.action.sections[1].rows[0].id = 'slot-0303-0900')), 'LIST-ROW-ID', /Make it unique/);
  assert.deepEqual(id.after, []);
});

test('fix: convert a reply button message with 5 buttons into a list message', async () => {
  const payload = mutated('reply-buttons', (i) => {
    i.action.buttons.push({ type: 'reply', reply: { id: 'delivery-pickup', title: 'Pick up myself' } }, { type: 'reply', reply: { id: 'delivery-cancel', title: 'Cancel delivery' } });
  });
  const { fixed, after } = await applyFix(payload, 'BTN-COUNT', /Convert to a list message \(5 rows\)/);
  assert.deepEqual(after, []);
  const interactive = JSON.parse(fixed).messages.msg[0].richContent.conversation[0].interactive;
  assert.equal(interactive.type, 'list');
  assert.deepEqual(interactive.action.sections[0].rows.map((r: { id: string }) => r.id), ['delivery-confirm', 'delivery-neighbour', 'delivery-reschedule', 'delivery-pickup', 'delivery-cancel']);
  const keep = await applyFix(payload, 'BTN-COUNT', /Keep the first 3 buttons/);
  assert.deepEqual(keep.after, []);
});

test('fix: enum/const values, recipient number, channels, Meta media shape, token, dropped CTA', async () => {
  const cases: [Payload, string, RegExp][] = [
    [mutated('flow', (i) => (i.action.parameters.flow_message_version = 3)), 'FLOW-VERSION', /Change to "3"/],
    [mutated('list', (_i, p) => (p.messages.msg[0].to[0].number = '+31 6 1234 5678')), 'ENV-NUMBER', /Change to "0031612345678"/],
    [mutated('list', (_i, p) => (p.messages.msg[0].allowedChannels = ['SMS'])), 'ENV-CHANNELS', /Add "WhatsApp"/],
    [mutated('reply-buttons-image', (i) => (i.header = { type: 'image', image: { link: 'https://example.com/img/sale.png' } })), 'INT-MEDIA-FIELDS', /Convert to CM's media object/],
    [mutated('list', (_i, p) => (p.messages.authentication = { productToken: '00000000-1111-2222-3333-444444444444' })), 'ENV-TOKEN-IN-FILE', /placeholder/],
    [mutated('cta-url', (i) => i.action.buttons.push({ type: 'openurl', title: 'Other', url: 'https://example.com/b' })), 'CTA-ONE', /Remove this button/],
    [mutated('location-request', (i) => (i.footer = { text: 'x' })), 'LOC-NO-HEADER', /Remove the footer/],
    [mutated('reply-buttons-document', (i) => (i.header.media.mediaName = 'invoice')), 'INT-MEDIA-NAME', /Change to "invoice.pdf"/],
    [mutated('flow', (i) => (i.action.parameters.flow_cta = 'Start the survey now please')), 'FLOW-CTA', /Shorten/],
    [mutated('reply-buttons', (i) => (i.header.text = '*Delivery* today')), 'INT-HEADER-TEXT', /Remove the formatting: "Delivery today"/],
    [mutated('list', (i) => (i.action.button = '_Choose_')), 'LIST-BUTTON', /Remove the formatting: "Choose"/],
  ];
  for (const [payload, code, title] of cases) {
    const { after } = await applyFix(payload, code, title);
    assert.deepEqual(after.map((d) => `${d.code}: ${d.message}`), [], code);
  }
});

// ---- outline and code lens

test('document symbols: message → recipients → interactive kind and title', async () => {
  const payload = example('list');
  payload.messages.msg[0].to.push({ number: '00316011111111' });
  const { uri } = await openDocument(JSON.stringify(payload, null, 2));
  const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
  assert.equal(symbols.length, 1);
  assert.equal(symbols[0].name, 'Message 1');
  assert.equal(symbols[0].detail, 'to 00316012345678 +1');
  const [recipients, list] = symbols[0].children!;
  assert.equal(recipients.name, 'Recipients (2)');
  assert.deepEqual(recipients.children!.map((c) => c.name), ['00316012345678', '00316011111111']);
  assert.equal(list.name, 'List: Book your appointment');
  assert.deepEqual(list.children!.map((c) => c.name), ['Tuesday 3 March', 'Wednesday 4 March']);
  assert.deepEqual(list.children![0].children!.map((c) => c.name), ['09:00 – 09:45', '14:00 – 14:45']);
  // VS Code refuses a symbol whose selection lies outside its range, or a child outside its parent.
  const inside = (inner: Range, outer: Range) =>
    (inner.start.line > outer.start.line || (inner.start.line === outer.start.line && inner.start.character >= outer.start.character)) &&
    (inner.end.line < outer.end.line || (inner.end.line === outer.end.line && inner.end.character <= outer.end.character));
  const check = (symbol: DocumentSymbol, parent?: DocumentSymbol) => {
    assert.ok(inside(symbol.selectionRange, symbol.range), `${symbol.name}: selection inside range`);
    if (parent) assert.ok(inside(symbol.range, parent.range), `${symbol.name} inside ${parent.name}`);
    symbol.children?.forEach((child) => check(child, symbol));
  };
  symbols.forEach((s) => check(s));
});

test('outline and code lens: exact nodes whether the file was just opened, edited since, or has a syntax error', async () => {
  const payload = example('list');
  payload.messages.msg.push(example('reply-buttons').messages.msg[0], example('flow').messages.msg[0]);
  const body = JSON.stringify(payload, null, 2);
  const textIn = (range: Range) => {
    const document = TextDocument.create('x', 'json', 1, body);
    return body.slice(document.offsetAt(range.start), document.offsetAt(range.end));
  };
  const request = async (uri: string) => ({
    symbols: (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[],
    lenses: (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } }))!.map((l) => [l.range, l.command!.arguments![1]]),
  });

  const opened = await openDocument(body);
  const fresh = await request(opened.uri);
  assert.deepEqual(fresh.symbols.map((s) => s.name), ['Message 1', 'Message 2', 'Message 3']);
  // Each symbol covers exactly its JSON: a property with its key selected, or an element.
  const check = (symbol: DocumentSymbol, value: unknown) => {
    const covered = textIn(symbol.range);
    if (textIn(symbol.selectionRange) !== covered) {
      const key = JSON.parse(textIn(symbol.selectionRange)) as string;
      assert.deepEqual(JSON.parse(`{${covered}}`), { [key]: value }, symbol.name);
    } else {
      assert.deepEqual(JSON.parse(covered), value, symbol.name);
    }
  };
  payload.messages.msg.forEach((msg: Payload, m: number) => {
    const [recipients, interactive] = fresh.symbols[m].children!;
    check(fresh.symbols[m], msg);
    check(recipients, msg.to);
    recipients.children!.forEach((r, i) => check(r, msg.to[i]));
    const value = msg.richContent.conversation[0].interactive;
    check(interactive, value);
    const items = value.action.sections ?? value.action.buttons ?? [value.action.parameters.flow_cta];
    interactive.children!.forEach((child, i) => check(child, items[i]));
    if (value.action.sections) interactive.children!.forEach((section, i) => section.children!.forEach((row, r) => check(row, value.action.sections[i].rows[r])));
  });
  assert.deepEqual(fresh.lenses.map(([range]) => textIn(range as Range)), ['', '', '', '', '', '']);
  assert.deepEqual(fresh.lenses.map(([range]) => (range as Range).start), fresh.symbols.flatMap((s) => [s.range.start, s.range.start]));

  // The same after an edit (the incremental path) and with a syntax error after the payload (the tolerant tree).
  const edited = await openDocument(body.replace('"Book your appointment"', '"Book your appointments"'));
  const start = positionOf(body, '"Book your appointment"', 22);
  const version = client.change(edited.uri, [{ range: { start, end: { line: start.line, character: start.character + 1 } }, text: '' }]);
  await client.diagnostics(edited.uri, (p) => p.version === version);
  assert.deepEqual(await request(edited.uri), fresh);
  const broken = await openDocument(`${body}\n,`, 'cm-payload');
  assert.ok(broken.diagnostics.some((d) => d.code === 'JSON-SYNTAX'));
  assert.deepEqual(await request(broken.uri), fresh);
});

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
