/**
 * Hover counts only where a limit applies and says what an enum value means; the outline uses
 * natural symbol kinds. The language service in-process (test/helpers/service.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SymbolKind, type DocumentSymbol, type MarkupContent } from 'vscode-languageserver';
import { example, type Kind } from '../helpers/payloads';
import { setup, withCursorAt } from '../helpers/service';

async function hoverAt(kind: Kind, needle: string, delta: number) {
  const { service, document, position } = setup(withCursorAt(JSON.stringify(example(kind), null, 2), needle, delta));
  const hover = service.doHover(document, position);
  return (hover?.contents as MarkupContent | undefined)?.value ?? '';
}

test('hover on an enum value: no count, its meaning', async () => {
  const kindHover = await hoverAt('reply-buttons', '"type": "button"', 12);
  assert.doesNotMatch(kindHover, /characters/);
  assert.match(kindHover, /`"button"`: 1 to 3 `reply` buttons/);
  const headerHover = await hoverAt('reply-buttons-image', '"type": "image"', 12);
  assert.match(headerHover, /`"image"`: An image header/);
  const replyHover = await hoverAt('reply-buttons', '"type": "reply"', 12);
  assert.match(replyHover, /`"reply"`: A quick-reply button/);
});

test('hover counts where a limit applies, and only there', async () => {
  assert.match(await hoverAt('reply-buttons', '"PostNet', 2), /\*\*Footer text\*\* — \d+ \/ 60 characters/);
  const url = await hoverAt('cta-url', '"url": "', 10);
  assert.match(url, /^\*\*CTA URL\*\*\n/);
});

test('outline: messages, interactive messages and sections are modules, buttons and rows properties', async () => {
  const collect = (symbols: DocumentSymbol[]): number[] => symbols.flatMap((s) => [s.kind, ...collect(s.children ?? [])]);
  for (const kind of ['list', 'reply-buttons', 'flow'] as Kind[]) {
    const { service, document } = setup(JSON.stringify(example(kind), null, 2));
    const symbols = service.getDocumentSymbols(document);
    const kinds = new Set(collect(symbols));
    for (const odd of [SymbolKind.Struct, SymbolKind.Enum, SymbolKind.EnumMember, SymbolKind.Event]) assert.ok(!kinds.has(odd), `${kind}: ${[...kinds]}`);
    assert.equal(symbols[0].kind, SymbolKind.Module);
  }
});

test('cmInteractive.outline.maxItems caps the outline: every message first, the rest shared; the cut is reported', () => {
  const payload = example('list');
  payload.messages.msg = Array.from({ length: 10 }, () => structuredClone(example('list').messages.msg[0]));
  const text = JSON.stringify(payload, null, 2);
  const count = (symbols: DocumentSymbol[]): number => symbols.reduce((n, s) => n + 1 + count(s.children ?? []), 0);

  const full = setup(text);
  const reported: { uri: string; shown: number; total: number }[] = [];
  full.service.onOutlineLimited = (uri, limit) => reported.push({ uri, ...limit });
  const whole = full.service.getDocumentSymbols(full.document);
  assert.equal(whole.length, 10);
  const total = count(whole);
  assert.ok(total > 30, `${total} symbols`);
  assert.deepEqual(reported, [], 'under the default cap nothing is reported');

  for (const [maxItems, messages] of [[25, 10], [10, 10], [4, 4]]) {
    const { service, document } = setup(text, { settings: { outlineMaxItems: maxItems } });
    const heard: { shown: number; total: number }[] = [];
    service.onOutlineLimited = (uri, limit) => {
      assert.equal(uri, document.uri);
      heard.push(limit);
    };
    const symbols = service.getDocumentSymbols(document);
    assert.deepEqual(symbols.map((s) => s.name), whole.slice(0, messages).map((s) => s.name), `maxItems ${maxItems}: the first ${messages} messages`);
    assert.ok(count(symbols) <= Math.max(maxItems, messages), `maxItems ${maxItems}: ${count(symbols)} symbols`);
    assert.deepEqual(heard, [{ shown: count(symbols), total }], `maxItems ${maxItems}: reported`);
  }
});

test('a cut outline keeps each message\'s interactive message before its recipients (the message detail names them)', () => {
  const payload = example('list');
  payload.messages.msg = Array.from({ length: 10 }, () => structuredClone(example('list').messages.msg[0]));
  const text = JSON.stringify(payload, null, 2);
  const whole = setup(text).service.getDocumentSymbols(setup(text).document);
  const childNames = (symbols: DocumentSymbol[]) => symbols.map((s) => (s.children ?? []).map((c) => c.name));
  assert.deepEqual(childNames(whole)[0].map((name) => name.split(':')[0]), ['Recipients (1)', 'List'], 'uncut: recipients, then the list, in text order');

  // Two symbols per message: the message and one child.
  const { service, document } = setup(text, { settings: { outlineMaxItems: 20 } });
  const cut = service.getDocumentSymbols(document);
  assert.equal(cut.length, 10);
  for (const [index, names] of childNames(cut).entries()) {
    assert.deepEqual(names, [whole[index].children![1].name], `message ${index + 1}`);
    assert.match(cut[index].detail ?? '', /^to \d+/);
  }
  // Three: both children, in text order.
  const three = setup(text, { settings: { outlineMaxItems: 30 } });
  assert.deepEqual(childNames(three.service.getDocumentSymbols(three.document))[0], whole[0].children!.map((c) => c.name));
});
