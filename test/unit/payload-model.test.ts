/** The one typed walk over a payload (core/payload-model.ts): wrong shapes are skipped, never thrown on. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { interactivesOf, msgEntries, recipientsOf } from '../../shared/core/payload-model';
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

test('the outline reads wrong shapes through the walk as it did: defaults, never a throw', async () => {
  const { setup } = await import('../helpers/service');
  const payload = example('list');
  const interactive = payload.messages.msg[0].richContent.conversation[0].interactive;
  interactive.action.sections = [null, { rows: ['x', { id: 'only-id' }], title: 7 }];
  interactive.header = 'not an object';
  payload.messages.msg[0].to = ['x', { number: 31 }];
  payload.messages.msg.push({ richContent: { conversation: [{ interactive: [] }] } });
  const { service, document } = setup(JSON.stringify(payload, null, 2), { noCursor: true });
  const [first, second] = service.getDocumentSymbols(document);
  assert.equal(first.detail, 'to ? +1');
  const [recipients, list] = first.children!;
  assert.deepEqual(recipients.children!.map((c) => c.name), ['?', '31']);
  assert.equal(list.name, 'List: Hi Anna! Pick a time slot for your bike…');
  assert.deepEqual(list.children!.map((s) => [s.name, s.children!.map((r) => r.name)]), [['Section 1', []], ['7', ['Row 1', 'only-id']]]);
  assert.deepEqual(second.children!.map((c) => c.name), ['interactive'], 'no "to": no recipients node');
});
