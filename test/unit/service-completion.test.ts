/**
 * Completion where the cursor is, the language service called in-process on a document with a
 * cursor marker (test/helpers/service.ts): in the middle of real payloads, at every object of
 * every kind, with a typed prefix and quotes, with and without the closing quote; values from
 * the branch that applies, each with what it means. (test/lsp/features.test.ts keeps one
 * completion over stdio, for the wiring.)
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CompletionItem, MarkupContent, TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { validateText } from '../../shared/core/index';
import { KINDS, example, type Kind } from '../helpers/payloads';
import { CURSOR, setup } from '../helpers/service';

/** Completion at the `|` of `marked` (which is taken out), in a document of `languageId`. */
async function completeAt(marked: string, languageId = 'json') {
  const offset = marked.indexOf(CURSOR);
  assert.ok(offset >= 0);
  const { service, document, position } = setup(marked, { languageId });
  const list = service.doComplete(document, position);
  return { items: list?.items ?? [], text: document.getText(), offset, position };
}

const labels = (items: CompletionItem[]) => items.filter((i) => i.kind !== 15).map((i) => i.label);
const docOf = (item: CompletionItem | undefined) => (item?.documentation as MarkupContent | undefined)?.value ?? '';

/** The payload as the editor shows it, with `insert` put as a new line after the first property of the object at `path`. */
function withLineIn(kind: Kind, path: (string | number)[], insert: string, edit?: (object: Record<string, unknown>) => void): string {
  const payload = example(kind);
  let object: any = payload;
  for (const segment of path) object = object[segment];
  edit?.(object);
  const keys = Object.keys(object);
  const entries = Object.entries(object);
  entries.splice(Math.min(1, keys.length), 0, ['__CURSOR__', 0]);
  for (const key of keys) delete object[key];
  for (const [key, value] of entries) object[key] = value;
  const text = JSON.stringify(payload, null, 2);
  return text.replace(/"__CURSOR__": 0(,?)/, (_all, comma) => insert + (comma ? '' : ''));
}

const I = ['messages', 'msg', 0, 'richContent', 'conversation', 0, 'interactive'];

/** Every object in a payload's first message, with its path. */
function objectsOf(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (!value || typeof value !== 'object') return [];
  const here = Array.isArray(value) ? [] : [path];
  const children = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [...here, ...children.flatMap(([key, child]) => objectsOf(child, [...path, key]))];
}

test('at every object of every kind, a typed `"` gets the allowed properties not yet present, with a range over the quote', async () => {
  let checked = 0;
  for (const kind of KINDS) {
    for (const path of objectsOf(example(kind))) {
      if (path.length > 0 && path[0] !== 'messages') continue;
      const marked = withLineIn(kind, path, `"${CURSOR}`);
      const { items, position } = await completeAt(marked);
      let object: any = example(kind);
      for (const segment of path) object = object[segment];
      const present = Object.keys(object);
      for (const item of items.filter((i) => i.kind === 10)) {
        assert.ok(!present.includes(item.label), `${kind} ${path.join('.')}: ${item.label} is present`);
        const range = (item.textEdit as TextEdit).range;
        assert.deepEqual(range, { start: { line: position.line, character: position.character - 1 }, end: position }, `${kind} ${path.join('.')}: ${item.label}`);
        assert.ok(docOf(item).length > 0, `${kind} ${path.join('.')}: ${item.label} has a description`);
      }
      checked++;
    }
  }
  assert.ok(checked > 100, `${checked} objects`);
});

test('"he typed in an interactive object: header, with the range over "he; body and action (present, after the cursor) are not offered', async () => {
  for (const closing of ['', '"']) {
    const marked = withLineIn('reply-buttons', I, `"he${CURSOR}${closing}`, (o) => delete o.header);
    const { items, position } = await completeAt(marked, 'cm-payload');
    assert.deepEqual(labels(items), ['header'], closing);
    const edit = items[0].textEdit as TextEdit;
    assert.deepEqual(edit.range, { start: { line: position.line, character: position.character - 3 }, end: { line: position.line, character: position.character + closing.length } });
    // Another property follows on the next line: the completion brings its comma.
    assert.equal(edit.newText, '"header": {$1},');
  }
  // Bare, without a quote: the word is replaced.
  const { items, position } = await completeAt(withLineIn('flow', I, `foo${CURSOR}`, (o) => delete o.footer));
  assert.deepEqual(labels(items), ['footer']);
  assert.equal((items[0].textEdit as TextEdit).range.start.character, position.character - 3);
});

test('the branch for the kind: list, location, flow and call permission objects get their own properties', async () => {
  const cases: [Kind, (string | number)[], string[], string[]][] = [
    ['list', [...I, 'action'], [], ['button', 'sections']],
    ['list', [...I, 'action', 'sections', 0, 'rows', 0], ['description'], ['id', 'title']],
    // No header or footer on a location request (LOC-NO-HEADER only warns about them): not offered.
    ['location-request', [...I], [], ['header', 'footer', 'type', 'body', 'action']],
    ['flow', [...I, 'action', 'parameters'], [], ['flow_token', 'flow_id']],
    ['call-permission-request', [...I], ['header', 'footer'], ['body', 'action']],
  ];
  for (const [kind, path, expected, absent] of cases) {
    const remove = (o: Record<string, unknown>) => expected.forEach((name) => delete o[name]);
    const { items } = await completeAt(withLineIn(kind, path, `"${CURSOR}"`, remove));
    const got = labels(items);
    for (const name of expected) assert.ok(got.includes(name), `${kind} ${path.join('.')}: ${name} in ${got}`);
    for (const name of absent) assert.ok(!got.includes(name), `${kind} ${path.join('.')}: ${name} not in ${got}`);
  }
});

test('a reply button gets only its reply, a CTA button only its fields; a media header its media', async () => {
  const reply = await completeAt(withLineIn('reply-buttons', [...I, 'action', 'buttons', 0], `"${CURSOR}"`, (o) => delete o.reply));
  assert.deepEqual(labels(reply.items), ['reply']);
  const cta = await completeAt(withLineIn('cta-url', [...I, 'action', 'buttons', 0], `"${CURSOR}"`, (o) => { delete o.title; delete o.url; }));
  assert.deepEqual(labels(cta.items).sort(), ['title', 'url']);
  const media = await completeAt(withLineIn('reply-buttons-image', [...I, 'header'], `"${CURSOR}"`, (o) => delete o.media));
  assert.deepEqual(labels(media.items), ['media']);
});

test('values only for the property under the cursor, from the branch that applies, with their meaning', async () => {
  const at = (kind: Kind, find: string, replace: string) => JSON.stringify(example(kind), null, 2).replace(find, replace);
  const kinds = await completeAt(at('flow', '"type": "flow"', `"type": "${CURSOR}"`));
  assert.deepEqual(labels(kinds.items), ['"list"', '"button"', '"location_request_message"', '"flow"', '"call_permission_request"']);
  for (const item of kinds.items) assert.match(docOf(item), /\S/);
  assert.match(docOf(kinds.items[0]), /10 rows/);
  // A half-typed value, no closing quote: the range covers it.
  const half = await completeAt(at('flow', '"type": "flow",', `"type": "fl${CURSOR}`));
  assert.equal((half.items[0].textEdit as TextEdit).range.start.character, half.position.character - 3);
  assert.ok(labels(half.items).includes('"flow"'));
  // A header of a button message: every header type; of a list: text only.
  const buttonHeader = await completeAt(withLineIn('reply-buttons', [...I, 'header'], '', (o) => { delete o.text; o.type = 'HERE'; }).replace('"HERE"', `"${CURSOR}"`));
  assert.deepEqual(labels(buttonHeader.items), ['"text"', '"image"', '"video"', '"document"']);
  assert.match(docOf(buttonHeader.items[1]), /Button messages only/);
  const listHeader = await completeAt(at('list', '"type": "text"', `"type": "${CURSOR}"`));
  assert.deepEqual(labels(listHeader.items), ['"text"']);
  const replyType = await completeAt(at('reply-buttons', '"type": "reply"', `"type": "${CURSOR}"`));
  assert.deepEqual(labels(replyType.items), ['"reply"']);
  const ctaType = await completeAt(at('cta-url', '"type": "openurl"', `"type": "${CURSOR}"`));
  assert.deepEqual(labels(ctaType.items), ['"openurl"']);
});

test('property snippets stay valid as inserted, also with a comma brought for what follows', async () => {
  const marked = withLineIn('reply-buttons', I, `"${CURSOR}"`, (o) => delete o.header);
  const { items, text, offset } = await completeAt(marked);
  const snippets = items.filter((i) => i.kind === 15 && i.filterText === '"header"');
  for (const snippet of [...snippets, items.find((i) => i.label === 'header')!]) {
    const edit = snippet.textEdit as TextEdit;
    const inserted = edit.newText.replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1').replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '');
    const doc = TextDocument.create('x', 'json', 1, text);
    const result = TextDocument.applyEdits(doc, [{ range: edit.range, newText: inserted }]);
    assert.equal(doc.offsetAt(edit.range.start), offset - 1);
    const syntax = validateText(result).diagnostics.filter((d) => d.code === 'JSON-SYNTAX');
    assert.deepEqual(syntax, [], snippet.label as string);
  }
});

test('in an object opened and not yet closed, a completed property brings a comma only for what is still in that object', async () => {
  const payload = example('reply-buttons');
  const interactive = payload.messages.msg[0].richContent.conversation[0].interactive;
  delete interactive.header;
  delete interactive.footer;
  const text = JSON.stringify(payload, null, 2);
  const typedAfterType = (typed: string) => text.replace('"type": "button",', `"type": "button",\n                ${typed}`);
  // The next line ("body") is the open object's sibling: no comma, so closing the object leaves valid JSON.
  for (const typed of [`"footer": { "${CURSOR}`, `"footer": {\n                  ${CURSOR}`]) {
    const { items } = await completeAt(typedAfterType(typed));
    assert.equal((items.find((i) => i.label === 'text')?.textEdit as TextEdit | undefined)?.newText, '"text": "$1"', typed);
  }
  // A property of the open object follows (indented deeper): the comma is brought.
  const { items } = await completeAt(typedAfterType(`"header": {\n                  "${CURSOR}\n                  "text": "Delivery update"`));
  assert.equal((items.find((i) => i.label === 'type')?.textEdit as TextEdit | undefined)?.newText, '"type": "${1|text,image,video,document|}",');
  // Closed, as an editor auto-closes it: as before.
  const closed = await completeAt(typedAfterType(`"footer": { "${CURSOR}" },`));
  assert.equal((closed.items.find((i) => i.label === 'text')?.textEdit as TextEdit | undefined)?.newText, '"text": "$1"');
});

test('with nothing typed: on a blank line in an object, the properties not present at the cursor; after a colon, the values', async () => {
  const payload = example('reply-buttons');
  delete payload.messages.msg[0].richContent.conversation[0].interactive.footer;
  const text = JSON.stringify(payload, null, 2);
  const blank = await completeAt(text.replace('"type": "button",', `"type": "button",\n                ${CURSOR}`));
  assert.deepEqual(labels(blank.items), ['footer']);
  assert.deepEqual((blank.items[0].textEdit as TextEdit).range, { start: blank.position, end: blank.position });
  assert.equal((blank.items[0].textEdit as TextEdit).newText, '"footer": {$1},');
  const value = await completeAt(text.replace('"type": "button"', `"type": ${CURSOR}`));
  assert.deepEqual(labels(value.items), ['"list"', '"button"', '"location_request_message"', '"flow"', '"call_permission_request"']);
  for (const item of value.items.filter((i) => i.kind !== 15)) assert.deepEqual((item.textEdit as TextEdit).range, { start: value.position, end: value.position });
});

test('in an object opened and not yet closed, what follows it (by its layout) is not read into it: the header being typed above "type" gets the header\'s properties and values', async () => {
  const payload = example('reply-buttons');
  delete payload.messages.msg[0].richContent.conversation[0].interactive.header;
  const text = JSON.stringify(payload, null, 2);
  const above = (typed: string) => text.replace('"type": "button",', `${typed}\n                "type": "button",`);
  for (const typed of [`"header": { "${CURSOR}`, `"header": {\n                  ${CURSOR}`]) {
    const { items } = await completeAt(above(typed), 'cm-payload');
    assert.deepEqual(labels(items), ['type', 'text', 'media'], typed);
  }
  for (const typed of [`"header": { "type": "${CURSOR}`, `"header": { "type": ${CURSOR}`]) {
    const { items } = await completeAt(above(typed), 'cm-payload');
    assert.deepEqual(labels(items), ['"text"', '"image"', '"video"', '"document"'], typed);
  }
});

/** Completion at the `|` of `marked` for a client with insertReplaceSupport. */
function completeInsertReplace(marked: string, languageId = 'json') {
  const { service, document, position } = setup(marked, { languageId });
  service.completionOptions = { insertReplace: true };
  return { items: service.doComplete(document, position)?.items ?? [], document, position };
}

/** `newText` as the editor inserts it, placeholders at their defaults. */
const plainText = (snippet: string) => snippet.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1').replace(/\$\d+/g, '');

test('insert and replace ranges inside an auto-closed quote: both modes leave valid JSON (the insert range takes the closing quote right after the cursor)', async () => {
  const payload = example('reply-buttons-image');
  delete payload.messages.msg[0].richContent.conversation[0].interactive.footer;
  const text = JSON.stringify(payload, null, 2);
  const cases: [string, string][] = [
    ['key, nothing typed', text.replace('"type": "button",', `"type": "button",\n                "${CURSOR}"`)],
    ['key, a typed prefix', text.replace('"type": "button",', `"type": "button",\n                "foo${CURSOR}"`)],
    ['value, nothing typed', text.replace('"type": "image"', `"type": "${CURSOR}"`)],
    ['value, a typed prefix', text.replace('"type": "image"', `"type": "vi${CURSOR}"`)],
  ];
  for (const [name, marked] of cases) {
    const { items, document, position } = completeInsertReplace(marked);
    const offered = items.filter((i) => i.kind !== 15);
    assert.ok(offered.length > 0, name);
    for (const item of offered) {
      const edit = item.textEdit as { insert: TextEdit['range']; replace: TextEdit['range']; newText: string };
      assert.deepEqual(edit.insert.end, { line: position.line, character: position.character + 1 }, `${name}: ${item.label} insert takes the closing quote`);
      assert.deepEqual(edit.replace.end, edit.insert.end, `${name}: ${item.label}`);
      for (const range of [edit.insert, edit.replace]) {
        const result = TextDocument.applyEdits(document, [{ range, newText: plainText(edit.newText) }, ...(item.additionalTextEdits ?? [])]);
        assert.doesNotThrow(() => JSON.parse(result), `${name}: ${item.label} gives valid JSON`);
      }
    }
  }
  // The cursor in the middle of a token: insert stops at the cursor (VS Code's insert mode keeps the rest).
  const middle = completeInsertReplace(text.replace('"type": "image"', `"type": "im${CURSOR}age"`));
  const edit = middle.items[0].textEdit as { insert: TextEdit['range']; replace: TextEdit['range'] };
  assert.deepEqual(edit.insert.end, middle.position);
  assert.equal(edit.replace.end.character, middle.position.character + 4);
});

test('on a new line after a value that lacks its comma: the properties, each bringing the missing comma (blank line, and a typed `""`)', async () => {
  const payload = example('list');
  delete payload.messages.msg[0].richContent.conversation[0].interactive.footer;
  const text = JSON.stringify(payload, null, 2);
  for (const typed of ['', '""', '"fo"']) {
    const cursorAt = typed ? 1 + (typed.length - 2) : 0;
    const line = typed.slice(0, cursorAt) + CURSOR + typed.slice(cursorAt);
    for (const languageId of ['json', 'cm-payload']) {
      const marked = text.replace('"type": "list",', `"type": "list"\n                ${line}`);
      const { service, document, position } = setup(marked, { languageId });
      for (const insertReplace of [false, true]) {
        service.completionOptions = { insertReplace };
        const items = service.doComplete(document, position)?.items ?? [];
        assert.deepEqual(labels(items), ['footer'], `${JSON.stringify(typed)} ${languageId}`);
        const item = items.find((i) => i.label === 'footer')!;
        assert.equal(item.additionalTextEdits?.length, 1);
        const edit = item.textEdit as any;
        for (const range of insertReplace ? [edit.insert, edit.replace] : [edit.range]) {
          const result = TextDocument.applyEdits(document, [{ range, newText: plainText(edit.newText) }, ...item.additionalTextEdits!]);
          assert.doesNotThrow(() => JSON.parse(result), `${JSON.stringify(typed)}: ${result.split('\n').slice(position.line - 1, position.line + 1).join('\n')}`);
        }
      }
    }
  }
  // After an object without its comma (the parser already reads a key there): the comma is brought too.
  const afterObject = example('list');
  delete afterObject.messages.msg[0].richContent.conversation[0].interactive.footer;
  const objectText = JSON.stringify(afterObject, null, 2);
  const bodyEnd = objectText.indexOf('\n', objectText.indexOf('"body": {', objectText.indexOf('"interactive"')));
  const closing = objectText.indexOf('},', bodyEnd);
  const marked = objectText.slice(0, closing) + `}\n                "${CURSOR}"` + objectText.slice(closing + 2);
  const { service, document, position } = setup(marked);
  const item = service.doComplete(document, position)!.items.find((i) => i.label === 'footer')!;
  assert.equal(item.additionalTextEdits?.length, 1);
  const result = TextDocument.applyEdits(document, [{ ...(item.textEdit as TextEdit), newText: plainText(item.textEdit!.newText) }, ...item.additionalTextEdits!]);
  assert.doesNotThrow(() => JSON.parse(result), result);
  // With the comma there: no additional edit.
  const withComma = await completeAt(text.replace('"type": "list",', `"type": "list",\n                ${CURSOR}`));
  assert.deepEqual(labels(withComma.items), ['footer']);
  assert.equal(withComma.items[0].additionalTextEdits, undefined);
});

test('an interactive with no type yet: header, body, footer and action complete to objects (every kind agrees), type to its choice', async () => {
  const text = JSON.stringify(example('reply-buttons'), null, 2);
  const start = text.indexOf('"interactive": {') + '"interactive": {'.length;
  const end = text.indexOf('\n              }', start);
  const marked = `${text.slice(0, start)}\n                "${CURSOR}"${text.slice(end)}`;
  const { items } = await completeAt(marked);
  const newText = Object.fromEntries(items.filter((i) => i.kind === 10).map((i) => [i.label, (i.textEdit as TextEdit).newText]));
  assert.deepEqual(newText, {
    type: '"type": "${1|list,button,location_request_message,flow,call_permission_request|}"',
    header: '"header": {$1}',
    body: '"body": {$1}',
    footer: '"footer": {$1}',
    action: '"action": {$1}',
  });
});

test('a media header\'s mimeType: only the types of its kind, from the one media table, each with what it is', async () => {
  const expected: Record<string, string[]> = {
    image: ['image/jpeg', 'image/png'],
    video: ['video/mp4', 'video/3gpp'],
    document: [
      'application/pdf',
      'application/msword',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.ms-excel',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/vnd.ms-powerpoint',
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      'text/plain',
    ],
  };
  for (const kind of ['image', 'video', 'document'] as const) {
    const text = JSON.stringify(example(`reply-buttons-${kind}`), null, 2);
    for (const typed of [`"${CURSOR}"`, `${CURSOR}`]) {
      const { items } = await completeAt(text.replace(/"mimeType": "[^"]*"/, `"mimeType": ${typed}`));
      assert.deepEqual(labels(items), expected[kind].map((t) => JSON.stringify(t)), `${kind} ${typed}`);
      for (const item of items) assert.match(docOf(item), /\S/, `${kind}: ${item.label}`);
    }
  }
  const doc = await completeAt(JSON.stringify(example('reply-buttons-document'), null, 2).replace(/"mimeType": "[^"]*"/, `"mimeType": "${CURSOR}"`));
  assert.match(docOf(doc.items.find((i) => i.label === '"application/msword"')), /Word/);
});

test('properties a rule only warns about are not offered: header and footer on a location request (LOC-NO-HEADER), flow_name beside flow_id and flow_id beside flow_name (FLOW-ID)', async () => {
  const location = await completeAt(withLineIn('location-request', I, `"${CURSOR}"`, (o) => { delete o.header; delete o.footer; }));
  assert.deepEqual(labels(location.items), []);
  const P = [...I, 'action', 'parameters'];
  const withId = await completeAt(withLineIn('flow', P, `"${CURSOR}"`, (o) => { delete o.flow_name; delete o.mode; }));
  assert.ok(!labels(withId.items).includes('flow_name'), `${labels(withId.items)}`);
  assert.ok(labels(withId.items).includes('mode'));
  const withName = await completeAt(withLineIn('flow', P, `"${CURSOR}"`, (o) => { o.flow_name = o.flow_id; delete o.flow_id; }));
  assert.ok(!labels(withName.items).includes('flow_id'), `${labels(withName.items)}`);
  const neither = await completeAt(withLineIn('flow', P, `"${CURSOR}"`, (o) => { delete o.flow_id; delete o.flow_name; }));
  assert.ok(labels(neither.items).includes('flow_id') && labels(neither.items).includes('flow_name'), `${labels(neither.items)}`);
});

test('a new button among reply buttons is a reply button (BTN-KIND: never mixed): type reply and reply offered, not the CTA fields; among CTA buttons, openurl', async () => {
  const B = [...I, 'action', 'buttons'];
  const newButton = (kind: Kind, inner: string) => {
    const payload = example(kind);
    let buttons: any = payload;
    for (const segment of B) buttons = buttons[segment];
    buttons.unshift('__NEW__');
    return JSON.stringify(payload, null, 2).replace('"__NEW__"', `{\n  ${inner}\n}`);
  };
  const keys = await completeAt(newButton('reply-buttons', `"${CURSOR}"`));
  assert.deepEqual(labels(keys.items), ['type', 'reply']);
  assert.equal((keys.items.find((i) => i.label === 'type')!.textEdit as TextEdit).newText, '"type": "reply"');
  const values = await completeAt(newButton('reply-buttons', `"type": "${CURSOR}"`));
  assert.deepEqual(labels(values.items), ['"reply"']);
  const cta = await completeAt(newButton('cta-url', `"type": "${CURSOR}"`));
  assert.deepEqual(labels(cta.items), ['"openurl"']);
  const ctaKeys = await completeAt(newButton('cta-url', `"${CURSOR}"`));
  assert.deepEqual(labels(ctaKeys.items), ['type', 'id', 'title', 'url']);
});

/** Every array in a payload (under messages), with its path. */
function arraysOf(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (!value || typeof value !== 'object') return [];
  const here = Array.isArray(value) ? [path] : [];
  const children = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [...here, ...children.flatMap(([key, child]) => arraysOf(child, [...path, key]))];
}

const SLOT = '"__SLOT__"';

/** The payload with the cursor on a new line of the array at `path`, where `where` says. */
function inArray(kind: Kind, path: (string | number)[], where: 'before the first' | 'between two' | 'after the last, with its comma' | 'after the last, without its comma' | 'empty'): string {
  const payload = example(kind);
  let array: any = payload;
  for (const segment of path) array = array[segment];
  const first = array[0];
  if (where === 'before the first') array.unshift('__SLOT__');
  else if (where === 'between two') array.splice(1, 0, '__SLOT__', structuredClone(first));
  else if (where === 'empty') array.splice(0, array.length, '__SLOT__');
  else array.push('__SLOT__');
  const text = JSON.stringify(payload, null, 2);
  if (where === 'after the last, without its comma') return text.replace(new RegExp(`,(\\n\\s*)${SLOT}`), `$1${CURSOR}`);
  return text.replace(`${SLOT},`, CURSOR).replace(SLOT, CURSOR);
}

test('in every array of every kind (msg entries, recipients, channels, conversation items, buttons, sections, rows): each item, snippets included, leaves valid JSON as inserted, bringing the commas it needs', async () => {
  const places = ['before the first', 'between two', 'after the last, with its comma', 'after the last, without its comma', 'empty'] as const;
  let applied = 0;
  let msgSnippets = 0;
  for (const kind of KINDS) {
    for (const path of arraysOf(example(kind))) {
      if (path[0] !== 'messages') continue;
      for (const where of places) {
        const marked = inArray(kind, path, where);
        for (const insertReplace of [false, true]) {
          const { service, document, position } = setup(marked);
          service.completionOptions = { insertReplace };
          const items = service.doComplete(document, position)?.items ?? [];
          for (const item of items) {
            const edit = item.textEdit as any;
            for (const range of insertReplace ? [edit.insert, edit.replace] : [edit.range]) {
              const result = TextDocument.applyEdits(document, [{ range, newText: plainText(edit.newText) }, ...(item.additionalTextEdits ?? [])]);
              const context = `${kind} ${path.join('.')} ${where}: ${item.label}\n${result.split('\n').slice(Math.max(0, position.line - 2), position.line + 3).join('\n')}`;
              assert.doesNotThrow(() => JSON.parse(result), context);
              assert.deepEqual(validateText(result).diagnostics.filter((d) => d.code === 'JSON-SYNTAX'), [], context);
              applied++;
            }
            if (item.label === 'msg entry with reply buttons') msgSnippets++;
          }
        }
      }
    }
  }
  // The msg entry snippet at each place of each kind, in both modes.
  assert.equal(msgSnippets, KINDS.length * places.length * 2);
  assert.ok(applied > msgSnippets, `${applied} applied`);
});

test('a msg entry snippet before the existing entry brings its comma after it; after an entry without its comma, the comma after that entry', async () => {
  const before = setup(inArray('reply-buttons', ['messages', 'msg'], 'before the first'));
  const snippet = before.service.doComplete(before.document, before.position)!.items.find((i) => i.label === 'msg entry with reply buttons')!;
  assert.ok((snippet.textEdit as TextEdit).newText.endsWith('},'));
  assert.equal(snippet.additionalTextEdits, undefined);
  const after = setup(inArray('reply-buttons', ['messages', 'msg'], 'after the last, without its comma'));
  const item = after.service.doComplete(after.document, after.position)!.items.find((i) => i.label === 'msg entry with reply buttons')!;
  assert.ok((item.textEdit as TextEdit).newText.endsWith('}'));
  assert.equal(item.additionalTextEdits?.length, 1);
  assert.equal(item.additionalTextEdits![0].newText, ',');
  assert.equal(after.document.getText().slice(0, after.document.offsetAt(item.additionalTextEdits![0].range.start)).trimEnd().endsWith('}'), true);
  // After an entry with its comma, and in an empty array: no comma either way.
  for (const where of ['after the last, with its comma', 'empty'] as const) {
    const s = setup(inArray('reply-buttons', ['messages', 'msg'], where));
    const i = s.service.doComplete(s.document, s.position)!.items.find((i) => i.label === 'msg entry with reply buttons')!;
    assert.ok((i.textEdit as TextEdit).newText.endsWith('}'), where);
    assert.equal(i.additionalTextEdits, undefined, where);
  }
});

test('completion in a text nested far deeper than the tree limit answers an empty list, without overflowing the stack', () => {
  for (const text of ['{"messages":' + '{"a":'.repeat(50_000), '{"messages":' + '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_001), '{"messages":' + '['.repeat(50_000)]) {
    const { service, document } = setup(text, { noCursor: true });
    for (const offset of [text.length, 20]) {
      // (The closed one parses, and has no scope to answer from: null.)
      const answer = service.doComplete(document, document.positionAt(offset));
      assert.deepEqual(answer?.items ?? [], [], `${text.slice(0, 20)}… at ${offset}`);
    }
  }
  // The case as reported, exactly: an answer, not null.
  const { service, document } = setup('{"messages":' + '{"a":'.repeat(50_000), { noCursor: true });
  assert.deepEqual(service.doComplete(document, document.positionAt(12 + 5 * 50_000)), { isIncomplete: false, items: [] });
});
