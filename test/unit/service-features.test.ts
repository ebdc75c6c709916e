/**
 * Completion, hover, quick fixes, symbols and code lens: the language service called in-process
 * on a document with a cursor marker (test/helpers/service.ts). test/lsp/features.test.ts keeps
 * one of each over stdio, to prove the wiring.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentSymbol, MarkupContent, Range, TextEdit } from 'vscode-languageserver';
import { validateText } from '../../shared/core/index';
import { example, mutated, type Kind, type Payload } from '../helpers/payloads';
import { applyEdits, setup, withCursorAt } from '../helpers/service';

function complete(text: string, languageId = 'json') {
  const { service, document, position } = setup(text, { languageId });
  return service.doComplete(document, position)?.items ?? [];
}

function hover(text: string): string {
  const { service, document, position } = setup(text);
  const result = service.doHover(document, position);
  assert.ok(result, 'a hover');
  return (result.contents as MarkupContent).value;
}

/** Applies the named fix of the diagnostic with `code` in a broken payload; returns the new text's diagnostics. */
function applyFix(payload: Payload, code: string, title: RegExp) {
  const { service, document, diagnostics } = setup(JSON.stringify(payload, null, 2));
  const diagnostic = diagnostics.find((d) => d.code === code);
  assert.ok(diagnostic, `no ${code} in ${JSON.stringify(diagnostics.map((d) => d.code))}`);
  const actions = service.getCodeActions(document, diagnostic.range, { diagnostics: [diagnostic], only: ['quickfix'] });
  const action = actions.find((a) => title.test(a.title));
  assert.ok(action, `no fix ${title} in ${JSON.stringify(actions.map((a) => a.title))}`);
  assert.deepEqual(action.diagnostics?.map((d) => d.code), [code]);
  const fixed = applyEdits(document, action.edit!.changes![document.uri]);
  return { fixed, action, after: validateText(fixed).diagnostics };
}

// ---- completion

test('completion offers enum values for interactive.type', () => {
  const body = JSON.stringify(example('flow'), null, 2).replace('"type": "flow"', '"type": "|"');
  const labels = complete(body).map((i) => i.label);
  assert.deepEqual(labels.slice(0, 5), ['"list"', '"button"', '"location_request_message"', '"flow"', '"call_permission_request"']);
});

test('completion offers a snippet for every interactive kind, and they validate clean', () => {
  const payload = example('flow');
  payload.messages.msg[0].richContent.conversation[0] = { interactive: 'HERE' };
  const body = JSON.stringify(payload, null, 2).replace('"HERE"', '');
  const snippets = complete(withCursorAt(body, '"interactive": ', 15)).filter((i) => i.kind === 15);
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

test('an empty payload file gets the whole-request snippet', () => {
  const request = complete('', 'cm-payload').find((i) => i.label === 'CM request with one interactive message');
  assert.ok(request);
  // Inserted at the cursor, it is a whole request that checks clean.
  const edit = request.textEdit as TextEdit;
  assert.deepEqual(edit.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  const { isPayload, diagnostics } = validateText(edit.newText.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, ''));
  assert.ok(isPayload);
  assert.deepEqual(diagnostics.map((d) => `${d.code} ${d.message}`), []);
});

test('a new msg entry can be completed as a whole', () => {
  const body = JSON.stringify(example('list'), null, 2).replace('"msg": [', '"msg": [\n      |,');
  const items = complete(body);
  assert.ok(items.some((i) => i.label === 'msg entry with reply buttons'), JSON.stringify(items.map((i) => i.label)));
});

// ---- hover

test('hover on a list sections array counts rows across sections; call permission explains the window', () => {
  assert.match(hover(withCursorAt(JSON.stringify(example('list'), null, 2), '"sections"', 2)), /2 \/ 10 sections, 4 \/ 10 rows in total/);
  const call = hover(withCursorAt(JSON.stringify(example('call-permission-request'), null, 2), '"call_permission_request"', 3));
  assert.match(call, /CALL-WINDOW.*24-hour customer-service window/s);
});

test('hover states the corrected rules: flow_cta advice, optional navigate payload, literal markdown, call body', () => {
  const hoverText = (kind: Kind, needle: string, delta: number) => hover(withCursorAt(JSON.stringify(example(kind), null, 2), needle, delta));
  const cta = hoverText('flow', '"Start survey"', 3);
  assert.match(cta, /12 \/ 30 characters/);
  assert.match(cta, /`FLOW-CTA` · .*Meta advises ≤ 30 characters \(warning above 30, information above 20\)/);
  assert.match(hoverText('flow', '"flow_action_payload"', 2), /Optional with `navigate`.*first entry screen/);
  assert.match(hoverText('list', '"button"', 2), /`LIST-BUTTON` · .*markdown in it shows literally/);
  const callBody = hoverText('call-permission-request', '"body": {\n                  "text"', 2);
  assert.match(callBody, /Optional but recommended/);
  assert.doesNotMatch(callBody, /customis/);
});

// ---- quick fixes: each applied leaves the file clean

test('quick fixes only: a request for other action kinds gets none', () => {
  const { service, document, diagnostics } = setup(JSON.stringify(mutated('reply-buttons', (i) => (i.action.buttons[0].reply.title = 'Yes 👍')), null, 2));
  const diagnostic = diagnostics.find((d) => d.code === 'BTN-TITLE-PLAIN')!;
  const request = (only: string[]) => service.getCodeActions(document, diagnostic.range, { diagnostics: [diagnostic], only });
  assert.ok(request(['quickfix']).length > 0);
  assert.deepEqual(request(['refactor', 'source']), []);
});

test('fix: remove emoji and markdown from titles', () => {
  const emoji = applyFix(mutated('reply-buttons', (i) => (i.action.buttons[0].reply.title = 'Yes 👍')), 'BTN-TITLE-PLAIN', /Remove the emoji/);
  assert.deepEqual(emoji.after, []);
  assert.ok(emoji.fixed.includes('"title": "Yes"'));
  const family = applyFix(mutated('reply-buttons', (i) => (i.action.buttons[0].reply.title = 'Shrub™ 👨\u200D👩\u200D👧')), 'BTN-TITLE-PLAIN', /Remove the emoji/);
  assert.deepEqual(family.after, []);
  assert.ok(family.fixed.includes('"title": "Shrub™"'), 'the whole ZWJ sequence goes, the trade-mark sign stays');
  const markdown = applyFix(mutated('reply-buttons', (i) => (i.action.buttons[0].reply.title = '*Yes*')), 'BTN-TITLE-PLAIN', /Remove the formatting/);
  assert.deepEqual(markdown.after, []);
});

test('fix: make a duplicate title and a duplicate id unique', () => {
  const title = applyFix(mutated('reply-buttons', (i) => (i.action.buttons[2].reply.title = "Yes, I'm home")), 'BTN-TITLE-UNIQUE', /Make it unique/);
  assert.deepEqual(title.after, []);
  const id = applyFix(mutated('list', (i) => (i.action.sections[1].rows[0].id = 'slot-0303-0900')), 'LIST-ROW-ID', /Make it unique/);
  assert.deepEqual(id.after, []);
});

test('fix: convert a reply button message with 5 buttons into a list message', () => {
  const payload = mutated('reply-buttons', (i) => {
    i.action.buttons.push({ type: 'reply', reply: { id: 'delivery-pickup', title: 'Pick up myself' } }, { type: 'reply', reply: { id: 'delivery-cancel', title: 'Cancel delivery' } });
  });
  const { fixed, after } = applyFix(payload, 'BTN-COUNT', /Convert to a list message \(5 rows\)/);
  assert.deepEqual(after, []);
  const interactive = JSON.parse(fixed).messages.msg[0].richContent.conversation[0].interactive;
  assert.equal(interactive.type, 'list');
  assert.deepEqual(interactive.action.sections[0].rows.map((r: { id: string }) => r.id), ['delivery-confirm', 'delivery-neighbour', 'delivery-reschedule', 'delivery-pickup', 'delivery-cancel']);
  const keep = applyFix(payload, 'BTN-COUNT', /Keep the first 3 buttons/);
  assert.deepEqual(keep.after, []);
});

test('fix: enum/const values, recipient number, channels, Meta media shape, token, dropped CTA', () => {
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
    const { after } = applyFix(payload, code, title);
    assert.deepEqual(after.map((d) => `${d.code}: ${d.message}`), [], code);
  }
});

// ---- outline and code lens

test('document symbols: message → recipients → interactive kind and title', () => {
  const payload = example('list');
  payload.messages.msg[0].to.push({ number: '00316011111111' });
  const { service, document } = setup(JSON.stringify(payload, null, 2));
  const symbols = service.getDocumentSymbols(document);
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

test('outline and code lens: exact nodes whether the file was just opened, edited since, or has a syntax error', () => {
  const payload = example('list');
  payload.messages.msg.push(example('reply-buttons').messages.msg[0], example('flow').messages.msg[0]);
  const body = JSON.stringify(payload, null, 2);
  const textIn = (range: Range) => {
    const document = TextDocument.create('x', 'json', 1, body);
    return body.slice(document.offsetAt(range.start), document.offsetAt(range.end));
  };
  const request = (service: ReturnType<typeof setup>['service'], document: TextDocument) => ({
    symbols: service.getDocumentSymbols(document),
    lenses: service.getCodeLenses(document).map((l) => [l.range, l.command!.arguments![1]]),
  });

  const opened = setup(body, { noCursor: true });
  const fresh = request(opened.service, opened.document);
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
  const edited = setup(body.replace('"Book your appointment"', '"Book your appointments"'), { noCursor: true });
  const start = TextDocument.create('x', 'json', 1, body).positionAt(body.indexOf('"Book your appointment"') + 22);
  TextDocument.update(edited.document, [{ range: { start, end: { line: start.line, character: start.character + 1 } }, text: '' }], 2);
  edited.service.doValidation(edited.document);
  assert.deepEqual(request(edited.service, edited.document), fresh);
  const broken = setup(`${body}\n,`, { languageId: 'cm-payload', noCursor: true });
  assert.ok(broken.diagnostics.some((d) => d.code === 'JSON-SYNTAX'));
  assert.deepEqual(request(broken.service, broken.document), fresh);
});

test('the server module has no side effects on import: it only exports startServer', async () => {
  // Creating a connection without --stdio or IPC throws, so an import that started one would fail.
  const server = await import('../../server/src/language-server');
  assert.deepEqual(Object.keys(server), ['startServer']);
});

test('fix: trim a reply id the schema refuses for its spaces (the schema names the fix: x-fix)', () => {
  const { after, fixed, action } = applyFix(mutated('reply-buttons', (i) => (i.action.buttons[0].reply.id = ' delivery-confirm ')), 'BTN-ID', /Trim the spaces/);
  assert.deepEqual(after, []);
  assert.ok(fixed.includes('"id": "delivery-confirm"'));
  assert.equal(action.isPreferred, true);
});

test('Diagnostic.data is typed by what its fix does: a kind on every data the rules and the schema write', () => {
  const { diagnostics } = setup(JSON.stringify(mutated('reply-buttons', (i) => {
    i.action.buttons[0].reply.title = 'Yes, deliver it to me!!';
    i.action.buttons[1].reply.title = i.action.buttons[0].reply.title;
  }), null, 2));
  assert.ok(diagnostics.length > 0);
  for (const d of diagnostics) assert.equal(typeof (d.data as { kind?: unknown; path: string }).kind, 'string', `${d.code} data ${JSON.stringify(d.data)}`);
  assert.deepEqual(diagnostics.find((d) => d.code === 'BTN-TITLE')?.data, { kind: 'shorten', limit: 20, path: '/messages/msg/0/richContent/conversation/0/interactive/action/buttons/0/reply/title' });
});

test('converting to a list keeps a 25-character title as it is, says so, and leaves it to LIST-ROW-TITLE', () => {
  const long = "Yes, I'm home all day, ok";
  assert.equal([...long].length, 25);
  const payload = mutated('reply-buttons', (i) => {
    i.action.buttons[0].reply.title = long;
    i.action.buttons.push({ type: 'reply', reply: { id: 'delivery-pickup', title: 'Pick up myself' } }, { type: 'reply', reply: { id: 'delivery-cancel', title: 'Cancel delivery' } });
  });
  const { service, document, diagnostics } = setup(JSON.stringify(payload, null, 2));
  const diagnostic = diagnostics.find((d) => d.code === 'BTN-COUNT')!;
  const actions = service.getCodeActions(document, diagnostic.range, { diagnostics: [diagnostic], only: ['quickfix'] });
  const convert = actions.find((a) => a.title.startsWith('Convert to a list message'));
  assert.equal(convert?.title, 'Convert to a list message (5 rows; 1 title is over 24 characters, kept for you to shorten)');
  const fixed = applyEdits(document, convert!.edit!.changes![document.uri]);
  const rows = JSON.parse(fixed).messages.msg[0].richContent.conversation[0].interactive.action.sections[0].rows;
  assert.equal(rows[0].title, long);
  assert.deepEqual(validateText(fixed).diagnostics.map((d) => d.code), ['LIST-ROW-TITLE']);
});

test('a check worked out before the settings come is kept when they change nothing, and redone when they do', () => {
  const text = JSON.stringify(mutated('list', (i) => (i.action.button = '')), null, 2);
  const { service, document, diagnostics } = setup(text, { noCursor: true });
  assert.ok(diagnostics.length > 0);
  const checked = service.resultFor(document);
  // The server's first check runs while the client's settings are on their way (LanguageService.checkAhead).
  service.configure({ validateEnable: true, files: ['**/*.cm.json'], maxFileSizeMB: 20, outlineMaxItems: 5000 });
  assert.equal(service.resultFor(document), checked, 'the same settings keep the check');
  service.configure({ maxFileSizeMB: text.length / 2 / 1024 / 1024 });
  assert.deepEqual(service.doValidation(document).map((d) => d.code), ['FILE-LIMIT'], 'a lower size limit redoes it');
  service.configure({ validateEnable: false });
  assert.deepEqual(service.doValidation(document), [], 'turned off, nothing is published');
});
