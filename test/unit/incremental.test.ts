/** The incremental validator gives exactly the full validation's diagnostics, reusing unchanged entries. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IncrementalValidator } from '../../shared/core/incremental';
import { validateText } from '../../shared/core/index';
import { example, KINDS, mutated } from '../helpers/payloads';

function manyMessages(): any {
  const payload = example('list');
  payload.messages.msg = KINDS.map((kind) => example(kind).messages.msg[0]);
  return payload;
}

test('same diagnostics as the full validation, for every example and broken variants', () => {
  const validator = new IncrementalValidator();
  const texts = [
    ...KINDS.map((kind) => JSON.stringify(example(kind), null, 2)),
    JSON.stringify(mutated('reply-buttons', (i) => (i.action.buttons[0].reply.title = 'Yes, deliver it to me!!')), null, 2),
    JSON.stringify(mutated('list', (_i, p) => (p.messages.authentication = { productToken: 'abc' })), null, 4),
    JSON.stringify(mutated('list', (_i, p) => (p.messages.msg = [])), null, 2),
    JSON.stringify(mutated('flow', (_i, p) => p.messages.msg.push(7))),
    JSON.stringify(manyMessages(), null, 2).replace(/\n/g, '\r\n'),
    '\uFEFF' + JSON.stringify(manyMessages()),
    JSON.stringify(manyMessages(), null, 2).replace('"msg": [', '"msg": [ // comment\n'),
    '{"messages": {"msg": [{"from": "x"}, ]}}',
    '{"messages": {"msg": {}}}',
    '[]',
  ];
  for (const text of texts) {
    const [incremental, full] = [validator.validate(text), validateText(text)];
    assert.deepEqual(incremental.diagnostics, full.diagnostics, text.slice(0, 80));
    assert.deepEqual(incremental.secrets, full.secrets, text.slice(0, 80));
  }
});

test('the tokens written in the file are known after an incremental edit (from the envelope alone)', () => {
  const validator = new IncrementalValidator();
  const payload = manyMessages();
  payload.messages.authentication = { productToken: '3f2a1b0c-9d8e-4f7a-b6c5-d4e3f2a1b0c9' };
  validator.validate(JSON.stringify(payload, null, 2));
  payload.messages.msg[2].from = 'x';
  const result = validator.validate(JSON.stringify(payload, null, 2));
  assert.ok(validator.reused > 0, 'the edit took the incremental path');
  assert.deepEqual(result.secrets, ['3f2a1b0c-9d8e-4f7a-b6c5-d4e3f2a1b0c9']);
});

test('editing one message re-validates only that one', () => {
  const validator = new IncrementalValidator();
  const payload = manyMessages();
  validator.validate(JSON.stringify(payload, null, 2));
  assert.equal(validator.reused, 0);
  payload.messages.msg[1].richContent.conversation[0].interactive.footer.text = 'f'.repeat(70);
  const text = JSON.stringify(payload, null, 2);
  const result = validator.validate(text);
  assert.equal(validator.reused, KINDS.length - 1);
  assert.deepEqual(result.diagnostics, validateText(text).diagnostics);
  assert.deepEqual(result.diagnostics.map((d) => d.path), ['/messages/msg/1/richContent/conversation/0/interactive/footer/text']);
  // A message added in the middle: the ones after it keep their results under new indices.
  payload.messages.msg.splice(3, 0, mutated('flow', (i) => (i.action.parameters.flow_cta = 'c'.repeat(31))).messages.msg[0]);
  const inserted = JSON.stringify(payload, null, 2);
  assert.deepEqual(validator.validate(inserted).diagnostics, validateText(inserted).diagnostics);
  assert.ok(validator.reused >= KINDS.length - 2, `reused ${validator.reused}`);
  // Moving messages around: still exactly the full validation's answer.
  payload.messages.msg.reverse();
  const reversed = JSON.stringify(payload, null, 2);
  assert.deepEqual(validator.validate(reversed).diagnostics, validateText(reversed).diagnostics);
  // An edit outside msg, and a syntax error, take the full path and come back.
  const renamed = reversed.replace('"messages": {', '"messages": { "authentication": { "productToken": "abc" },');
  assert.deepEqual(validator.validate(renamed).diagnostics, validateText(renamed).diagnostics);
  const broken = reversed.replace('"from"', '"from" "x",');
  assert.deepEqual(validator.validate(broken).diagnostics, validateText(broken).diagnostics);
  assert.deepEqual(validator.validate(reversed).diagnostics, validateText(reversed).diagnostics);
});
