/**
 * A msg entry over MAX_ENTRY_CONTAINERS is not checked in full, but it never passes: one
 * MSG-LIMIT error, plus what its envelope shows cheaply (the recipient count, missing fields),
 * the same in the full check, the editor's incremental check, the library and the send plan.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IncrementalValidator } from '../../shared/core/incremental';
import { validateText } from '../../shared/core/index';
import { validate } from '../../shared/library';
import { planSend } from '../../shared/send/plan';
import { example } from '../helpers/payloads';
import { setup } from '../helpers/service';

function manyRecipients(count: number): string {
  const payload = example('list');
  payload.messages.msg[0].to = Array.from({ length: count }, (_, i) => ({ number: `00316${String(i).padStart(8, '0')}` }));
  return JSON.stringify(payload, null, 1);
}

/** A message with no from, to or body and 30,000 nested objects. */
const deepEntry = `{"messages":{"msg":[{"x":${'{"a":'.repeat(30_000)}1${'}'.repeat(30_000)}}]}}`;

const codes = (text: string) => validateText(text).diagnostics.map((d) => [d.severity, d.code, d.path]);

test('25,000 recipients: a MSG-LIMIT error and the ENV-MSG-MAX error on `to`, like 1,500 recipients', () => {
  const text = manyRecipients(25_000);
  assert.deepEqual(codes(text), [
    ['error', 'MSG-LIMIT', '/messages/msg/0'],
    ['error', 'ENV-MSG-MAX', '/messages/msg/0/to'],
  ]);
  assert.match(validateText(text).diagnostics[0].message, /more than 20,000 objects and arrays; it is not checked in full and cannot be sent/);
  assert.deepEqual(codes(manyRecipients(1_500)), [['error', 'ENV-MSG-MAX', '/messages/msg/0/to']]);
});

test('an over-complex message without from, to and body: MSG-LIMIT and the three missing fields', () => {
  assert.deepEqual(codes(deepEntry), [
    ['error', 'MSG-LIMIT', '/messages/msg/0'],
    ['error', 'ENV-FROM', '/messages/msg/0/from'],
    ['error', 'ENV-TO', '/messages/msg/0/to'],
    ['error', 'ENV-BODY', '/messages/msg/0/body'],
  ]);
});

test('the editor (incremental check) and the library say the same: not valid', () => {
  for (const text of [manyRecipients(25_000), deepEntry]) {
    const validator = new IncrementalValidator();
    assert.deepEqual(validator.validate(text).diagnostics, validateText(text).diagnostics);
    const report = validate(text);
    assert.equal(report.valid, false);
    assert.equal(report.errors[0].code, 'MSG-LIMIT');
  }
  assert.equal(validate(JSON.parse(manyRecipients(25_000))).valid, false);
});

test('send refuses such a message as not checked', () => {
  const { isPayload, diagnostics, document } = validateText(manyRecipients(25_000));
  const plan = planSend({ validation: { isPayload, diagnostics, value: document.value }, gatewayUrl: 'https://gw.messaging.cm.com/v1.0/message', token: 'present' });
  assert.equal(plan.kind, 'refused');
  assert.equal(plan.kind === 'refused' && plan.refusals[0].reason, 'not-checked');
});

test('the language service (the editor) publishes them as errors', () => {
  for (const text of [manyRecipients(25_000), deepEntry]) {
    const { diagnostics } = setup(text, { noCursor: true });
    assert.equal(diagnostics[0].code, 'MSG-LIMIT');
    assert.equal(diagnostics[0].severity, 1 /* Error */);
    assert.ok(diagnostics.length >= 2);
  }
});
