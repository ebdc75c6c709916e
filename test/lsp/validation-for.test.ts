/**
 * cmInteractive/validationFor through the built server over stdio: Send's validation of an
 * open document by URI and version — the server's own copy, never a text from the client.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { VALIDATION_FOR_REQUEST, type ValidationForResponse } from '../../shared/protocol';
import { LspClient } from '../helpers/lsp-client';
import { example, I, mutated, payloadWithTokenInFrom } from '../helpers/payloads';

let client: LspClient;
before(async () => (client = await LspClient.start()));
after(async () => client.stop());

const text = (payload: unknown) => JSON.stringify(payload, null, 2);
const validationFor = (uri: string, version: number) => client.connection.sendRequest<ValidationForResponse>(VALIDATION_FOR_REQUEST, { uri, version });

test('the current version: the diagnostics that were published for it, in the core\'s form, and no payload when it has errors', async () => {
  const uri = 'file:///work/send-invalid.json';
  client.open(uri, text(mutated('reply-buttons', (i) => (i.action.buttons[0].reply.title = 'Yes, deliver it to me!!'))));
  const published = await client.diagnostics(uri, (p) => p.version === 1);
  const answer = await validationFor(uri, 1);
  assert.equal(answer.status, 'current');
  if (answer.status !== 'current') return;
  assert.equal(answer.version, 1);
  assert.equal(answer.isPayload, true);
  assert.deepEqual(answer.diagnostics.map((d) => [d.severity, d.code, d.path]), [['error', 'BTN-TITLE', `${I}/action/buttons/0/reply/title`]]);
  assert.deepEqual(answer.diagnostics[0].range, published.diagnostics[0].range);
  assert.equal(answer.value, undefined);
});

test('a valid payload comes back parsed, so the client parses nothing; JSON that is not a payload says so', async () => {
  const uri = 'file:///work/send-valid.json';
  const payload = example('list');
  client.open(uri, text(payload));
  const answer = await validationFor(uri, 1);
  assert.deepEqual(answer, { status: 'current', version: 1, isPayload: true, diagnostics: [], value: payload });
  const other = 'file:///work/package.json';
  client.open(other, '{ "name": "x" }');
  assert.deepEqual(await validationFor(other, 1), { status: 'current', version: 1, isPayload: false, diagnostics: [] });
});

test('a stale version is never answered with another version\'s validation', async () => {
  const uri = 'file:///work/send-stale.json';
  const payload = mutated('reply-buttons', (i) => (i.action.buttons[0].reply.title = 'Yes, deliver it to me!!'));
  client.open(uri, text(payload));
  await client.diagnostics(uri, (p) => p.version === 1);
  payload.messages.msg[0].richContent.conversation[0].interactive.action.buttons[0].reply.title = 'Yes please';
  const version = client.change(uri, [{ text: text(payload) }]);
  // Asked right after the change, before its diagnostics: the new version, validated on demand.
  const current = await validationFor(uri, version);
  assert.deepEqual(current, { status: 'current', version: 2, isPayload: true, diagnostics: [], value: payload });
  assert.deepEqual(await validationFor(uri, 1), { status: 'stale', version: 2 });
  assert.deepEqual(await validationFor(uri, 3), { status: 'stale', version: 2 });
});

test('a document the server does not have open: not-open, also once closed', async () => {
  assert.deepEqual(await validationFor('file:///work/never-opened.json', 1), { status: 'not-open' });
  const uri = 'file:///work/send-closed.json';
  client.open(uri, text(example('list')));
  assert.equal((await validationFor(uri, 1)).status, 'current');
  client.close(uri);
  assert.deepEqual(await validationFor(uri, 1), { status: 'not-open' });
  assert.deepEqual(await client.connection.sendRequest(VALIDATION_FOR_REQUEST, {}), { status: 'not-open' });
});

test('a product token written in the file is masked in the messages Send shows', async () => {
  const uri = 'file:///work/send-token-in-from.json';
  const token = '3f2a1b0c-9d8e-4f7a-b6c5-d4e3f2a1b0c9';
  client.open(uri, text(payloadWithTokenInFrom(token)));
  const answer = await validationFor(uri, 1);
  assert.equal(answer.status, 'current');
  if (answer.status !== 'current') return;
  assert.ok(answer.diagnostics.some((d) => d.code === 'ENV-FROM' && d.severity === 'error' && d.message.includes('"***"')), JSON.stringify(answer.diagnostics));
  assert.ok(!JSON.stringify(answer).includes(token));
});
