/** The core's contract beyond single rules: noise collapsed, tolerant parsing, ranges, non-payloads. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { removeEmoji, validateText } from '../../shared/core/index';
import { firstEmoji } from '../../shared/core/text';
import { example, I, interactiveOf, lint, lintText, mutated } from '../helpers/payloads';

test('one broken field gives one diagnostic (no anyOf/oneOf/if cascade)', () => {
  const cases = [
    mutated('list', (i) => (i.header = { type: 'image' })), // wrong kind of header, media missing too
    mutated('reply-buttons', (i) => (i.action.buttons[0] = { type: 'link', url: 5 })), // unknown button type
    mutated('flow', (i) => (i.action.parameters.flow_message_version = 3)),
    mutated('reply-buttons', (i) => (i.type = 'buttons')), // unknown kind: nothing else is checked
    mutated('reply-buttons', (i) => (i.action.buttons[0].reply.id = '')), // minLength and pattern both fail
  ];
  for (const payload of cases) {
    const { diagnostics } = lint(payload);
    assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics.map((d) => [d.code, d.path, d.message])));
  }
});

test('a syntax error is reported and the rest of the file is still checked', () => {
  const payload = mutated('reply-buttons', (i) => (i.action.buttons[0].reply.title = 'Yes, deliver it to me!!'));
  const text = JSON.stringify(payload, null, 2).replace('"allowedChannels"', '// a comment\n    "allowedChannels"');
  const linted = lintText(text);
  const codes = linted.diagnostics.map((d) => d.code);
  assert.deepEqual(codes, ['JSON-SYNTAX', 'BTN-TITLE']);
  assert.equal(linted.covered(linted.diagnostics[0]), '// a comment');
  assert.match(linted.diagnostics[0].message, /Comments are not allowed/);
  assert.equal(linted.covered(linted.diagnostics[1]), '"Yes, deliver it to me!!"');
});

test('a truncated file reports the syntax error, not a cascade of missing properties', () => {
  const text = JSON.stringify(example('list'), null, 2);
  const truncated = text.slice(0, text.indexOf('"sections"') + 30);
  const { diagnostics } = lintText(truncated);
  assert.ok(diagnostics.length >= 1);
  assert.ok(diagnostics.every((d) => d.code === 'JSON-SYNTAX'), JSON.stringify(diagnostics.map((d) => [d.code, d.message])));
});

test('ranges are right with a BOM and CRLF line ends', () => {
  const payload = mutated('list', (i) => (i.footer.text = 'x'.repeat(61)));
  const text = '\uFEFF' + JSON.stringify(payload, null, 2).replace(/\n/g, '\r\n');
  const linted = lintText(text);
  assert.equal(linted.diagnostics.length, 1);
  assert.equal(linted.covered(linted.diagnostics[0]), `"${'x'.repeat(61)}"`);
  const line = text.split('\r\n').findIndex((l) => l.includes('x'.repeat(61)));
  assert.equal(linted.diagnostics[0].range.start.line, line);
});

test('ranges count UTF-16 characters like LSP, limits count code points', () => {
  const title = '😀'.repeat(21);
  const linted = lint(mutated('list', (i) => (i.action.sections[0].rows[0].title = title)));
  const [d] = linted.diagnostics.filter((x) => x.code === 'LIST-ROW-TITLE');
  assert.equal(d, undefined, '21 emoji are 21 code points: within 24');
  const longer = lint(mutated('list', (i) => (i.action.sections[0].rows[0].title = '😀'.repeat(25))));
  const [over] = longer.diagnostics.filter((x) => x.code === 'LIST-ROW-TITLE');
  assert.match(over.message, /25 characters/);
  assert.equal(over.range.end.character - over.range.start.character, 52); // 25 × 2 UTF-16 units + quotes
});

test('JSON that is not a payload is not checked', () => {
  for (const text of ['{"name": "x", "version": "1.0.0"}', '[1, 2, 3]', '42', '"messages"', 'null', '{}']) {
    const result = validateText(text);
    assert.equal(result.isPayload, false, text);
    assert.deepEqual(result.diagnostics, []);
  }
});

test('a payload with a syntax error is still recognised as a payload', () => {
  const result = validateText('{ "messages": { "msg": [ ');
  assert.equal(result.isPayload, true);
  assert.equal(result.diagnostics[0].code, 'JSON-SYNTAX');
});

test('wrong types anywhere never throw', () => {
  const base = example('list');
  const weird = [null, 0, 'x', [], {}, true];
  for (const value of weird) {
    for (const mutate of [
      (p: any) => (p.messages = value),
      (p: any) => (p.messages.msg = [value]),
      (p: any) => (p.messages.msg[0].richContent = value),
      (p: any) => (p.messages.msg[0].richContent.conversation = [value]),
      (p: any) => (interactiveOf(p).action = value),
      (p: any) => (interactiveOf(p).action.sections = [value]),
      (p: any) => (interactiveOf(p).action.sections[0].rows = [value]),
      (p: any) => (interactiveOf(p).header = value),
      (p: any) => (interactiveOf(p).body = value),
    ]) {
      const payload = structuredClone(base);
      mutate(payload);
      const { diagnostics } = lint(payload);
      assert.ok(diagnostics.every((d) => d.code !== 'INTERNAL'), JSON.stringify(diagnostics));
    }
  }
});

test('several messages and conversation items are each checked at their own path', () => {
  const payload = example('reply-buttons');
  const second = structuredClone(payload.messages.msg[0]);
  second.richContent.conversation.push({ interactive: { ...structuredClone(interactiveOf(payload)), footer: { text: 'y'.repeat(70) } } });
  payload.messages.msg.push(second);
  const { diagnostics } = lint(payload);
  assert.deepEqual(diagnostics.map((d) => d.path), ['/messages/msg/1/richContent/conversation/1/interactive/footer/text']);
  assert.ok(I.startsWith('/messages/msg/0'));
});

test('the emoji quick fix removes what renders as emoji and keeps text-style symbols', () => {
  // Skin tone, keycap, flag, ZWJ family and a text symbol with U+FE0F each go as a whole.
  assert.equal(removeEmoji('Go 👍\u{1F3FD} 1\uFE0F\u20E3 🇳🇱 👨\u200D👩\u200D👧 \u2122\uFE0F now'), 'Go now');
  // Without U+FE0F these are text (Unicode: no Emoji_Presentation), and so are digits and #.
  assert.equal(removeEmoji('Try Shrub™ Plus © ® ↔ ‼ ℹ #1'), 'Try Shrub™ Plus © ® ↔ ‼ ℹ #1');
  // A ZWJ sequence typed without U+FE0F goes whole: no lone heart or joiner is left.
  assert.equal(removeEmoji('Get well \u2764\u200D\u{1FA79} soon'), 'Get well soon');
  // Plain ASCII has no emoji (the pattern is not even compiled for it); spaces are still tidied.
  assert.equal(removeEmoji('  Book  #1 *now* :-) 1 '), 'Book #1 *now* :-) 1');
  assert.equal(firstEmoji('Book #1 *now* :-) 1'), undefined);
  assert.equal(firstEmoji('Book 1\uFE0F\u20E3 now'), '1\uFE0F\u20E3');
});
