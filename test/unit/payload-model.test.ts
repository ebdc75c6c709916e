/** The one typed walk over a payload (core/payload-model.ts): wrong shapes are skipped, never thrown on. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { interactivesOf, msgEntries, recipientsOf } from '../../server/src/core/payload-model';
import { example } from '../helpers/payloads';

test('msg entries, recipients and interactive objects of a payload, with their indexes', () => {
  const payload = example('list');
  payload.messages.msg.push('not an entry', { to: [{ number: '0031' }, 'x'], richContent: { conversation: [{ text: 'hi' }, { interactive: { type: 'flow' } }] } });
  const entries = msgEntries(payload);
  assert.deepEqual(entries.map((e) => e.index), [0, 2]);
  assert.deepEqual(recipientsOf(entries[1].msg), [{ number: '0031' }]);
  assert.deepEqual(interactivesOf(entries[1].msg).map(({ index, interactive }) => [index, interactive.type]), [[1, 'flow']]);
  assert.equal(interactivesOf(entries[0].msg)[0].interactive.type, 'list');
});

test('anything that is not a payload gives nothing', () => {
  for (const value of [undefined, null, 'text', 42, [], { messages: 'x' }, { messages: { msg: {} } }]) assert.deepEqual(msgEntries(value), []);
  assert.deepEqual(recipientsOf({ to: 'x' } as never), []);
  assert.deepEqual(interactivesOf({ richContent: { conversation: 'x' } } as never), []);
});
