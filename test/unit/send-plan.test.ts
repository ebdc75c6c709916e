/** The send plan: the real planner over texts validated by the real core, as the CLI does. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateText } from '../../shared/core/index';
import { emptyHistory, recordSends } from '../../shared/send/call-history';
import { planSend, type ReadyPlan, type SendInput, type SendPlan } from '../../shared/send/plan';
import { example, mutated, type Payload } from '../helpers/payloads';

const CM = 'https://gw.messaging.cm.com/v1.0/message';
const FILE_TOKEN = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

function plan(text: string, input: Partial<SendInput> = {}): SendPlan {
  const { isPayload, diagnostics, document } = validateText(text);
  return planSend({ validation: { isPayload, diagnostics, value: document.value }, gatewayUrl: CM, token: 'present', ...input });
}

const json = (payload: Payload) => JSON.stringify(payload, null, 2);

function ready(result: SendPlan): ReadyPlan {
  assert.equal(result.kind, 'ready', JSON.stringify(result));
  return result as ReadyPlan;
}

function refusals(result: SendPlan) {
  assert.equal(result.kind, 'refused');
  return result.kind === 'refused' ? result.refusals : [];
}

test('a valid payload: the request is the file, one question names messages, recipients and host', () => {
  const payload = example('list');
  const planned = ready(plan(json(payload)));
  assert.deepEqual(planned.request.body, payload);
  assert.deepEqual(planned.request.recipients, ['00316012345678']);
  assert.equal(planned.host, 'gw.messaging.cm.com');
  assert.deepEqual(planned.questions, [{ kind: 'confirm', text: 'Send 1 message to 1 recipient (00316012345678) via gw.messaging.cm.com?' }]);
  assert.deepEqual(planned.media, []);
  assert.deepEqual(planned.fileTokens, []);
  // The terminal's question counts only.
  assert.equal(ready(plan(json(payload), { listRecipients: false })).questions[0].text, 'Send 1 message to 1 recipient via gw.messaging.cm.com?');
});

test('errors refuse the send and are listed, in file order', () => {
  const text = json(mutated('reply-buttons', (i) => {
    i.action.buttons[0].reply.title = 'Yes, deliver it to me!!';
    i.action.buttons[1].reply.title = 'No, not today, thank you';
  }));
  const [refusal, ...rest] = refusals(plan(text));
  assert.equal(refusal.reason, 'errors');
  assert.equal(refusal.message, '2 errors that CM or WhatsApp would reject');
  assert.deepEqual(refusal.errors.map((d) => d.code), ['BTN-TITLE', 'BTN-TITLE']);
  assert.ok(refusal.errors[0].range.start.line < refusal.errors[1].range.start.line);
  assert.deepEqual(rest, []);
  // A syntax error is an error too.
  assert.deepEqual(refusals(plan(json(example('list')).replace('"msg"', '"msg",'))).map((r) => [r.reason, r.errors[0]?.code]), [['errors', 'JSON-SYNTAX']]);
});

test('not a payload, a file too large to have been checked, nothing at the asked index: refused with the reason', () => {
  assert.deepEqual(refusals(plan('{ "name": "package" }')).map((r) => [r.reason, r.message]), [['not-payload', 'not a CM payload (no top-level "messages")']]);
  const text = json(example('list'));
  const { isPayload, diagnostics, document } = validateText(text, { maxLength: 100 });
  const [tooLarge] = refusals(planSend({ validation: { isPayload, diagnostics, value: document.value }, gatewayUrl: CM, token: 'present' }));
  assert.equal(tooLarge.reason, 'not-checked');
  assert.match(tooLarge.message, /files over 0\.0 MB are not checked .*, and nothing unchecked is sent$/);
  assert.deepEqual(refusals(plan(text, { msgIndex: 3 })).map((r) => [r.reason, r.message]), [['no-messages', 'the file has no message 3']]);
});

test('a payload without its value (the language server leaves out one that nests too deep) is refused, never sent empty', () => {
  const [refusal] = refusals(planSend({ validation: { isPayload: true, diagnostics: [] }, gatewayUrl: CM, token: 'present' }));
  assert.equal(refusal.reason, 'too-deep');
  let deep: Payload = {};
  for (let i = 0; i < 1001; i++) deep = { deep };
  const payload = example('list');
  payload.messages.msg[0].custom = deep;
  assert.equal(refusals(planSend({ validation: { isPayload: true, diagnostics: [], value: payload }, gatewayUrl: CM, token: 'present' }))[0].reason, 'too-deep');
});

test('every reason at once: the gateway first, then the file, then the token', () => {
  const text = json(mutated('list', (i) => (i.action.button = 'A button label that is far too long')));
  const all = refusals(plan(text, { gatewayUrl: 'http://gw.example.com/v1.0/message', token: 'missing' }));
  assert.deepEqual(all.map((r) => r.reason), ['gateway-url', 'errors', 'no-token']);
  assert.match(all[0].message, /must use https: \(plain http: only on loopback\); got "http:\/\/gw\.example\.com"/);
  // A dry run needs no token; a loopback gateway may be plain http.
  assert.equal(plan(json(example('list')), { gatewayUrl: 'http://127.0.0.1:9/v1.0/message', token: 'not-needed' }).kind, 'ready');
  assert.deepEqual(refusals(plan(json(example('list')), { token: 'missing' })).map((r) => r.reason), ['no-token']);
});

test('a token written in the file: asked about first, left out of the body, kept to be masked', () => {
  const payload = example('flow');
  payload.messages.authentication = { productToken: FILE_TOKEN };
  const planned = ready(plan(json(payload)));
  assert.deepEqual(planned.fileTokens, [FILE_TOKEN]);
  assert.deepEqual(planned.questions.map((q) => q.kind), ['file-token', 'confirm']);
  assert.match(planned.questions[0].text, /^contains a product token: it is left out of the request/);
  assert.equal((planned.request.body.messages as Payload).authentication, undefined);
  assert.ok(!JSON.stringify(planned.request.body).includes(FILE_TOKEN));
});

test('media are checked after consent, and the question says so; not when checking is off', () => {
  const text = json(example('reply-buttons-image'));
  const planned = ready(plan(text));
  assert.deepEqual(planned.media.map((m) => [m.kind, m.path]), [['image', '/messages/msg/0/richContent/conversation/0/interactive/header/media/mediaUri']]);
  assert.match(planned.questions[0].text, /^Send 1 message to 1 recipient \(00316012345678\) via gw\.messaging\.cm\.com, after checking 1 media URL\?$/);
  const unchecked = ready(plan(text, { checkMedia: false }));
  assert.deepEqual(unchecked.media, []);
  assert.doesNotMatch(unchecked.questions[0].text, /media/);
});

test('recipients: a test recipient replaces them, only test recipients may skip the question, the list is cut after three', () => {
  const text = json(example('list'));
  const toMe = ready(plan(text, { testRecipient: '0031611111111' }));
  assert.deepEqual(toMe.request.recipients, ['0031611111111']);
  assert.deepEqual((toMe.request.body.messages.msg[0] as Payload).to, [{ number: '0031611111111' }]);
  const skip = { testRecipients: ['0031611111111'], skipConfirmationForTestRecipients: true };
  assert.deepEqual(ready(plan(text, { ...skip, testRecipient: '0031611111111' })).questions, []);
  assert.equal(ready(plan(text, skip)).questions[0].kind, 'confirm', 'the file\'s own recipient is not a test recipient');
  const many = example('list');
  many.messages.msg[0].to = ['0031600000001', '0031600000002', '0031600000003', '0031600000004'].map((number) => ({ number }));
  many.messages.msg.push(structuredClone(many.messages.msg[0]));
  assert.equal(ready(plan(json(many))).questions[0].text, 'Send 2 messages to 8 recipients (0031600000001, 0031600000002, 0031600000003, …) via gw.messaging.cm.com?');
  assert.equal(ready(plan(json(many), { msgIndex: 1 })).request.messageCount, 1);
});

test('CALL-RATE: a call permission request within 24 h of the last one is a question after the confirmation', () => {
  const text = json(example('call-permission-request'));
  const target = { business: '00316098765432', recipient: '00316012345678' };
  const now = Date.UTC(2026, 10, 1, 12);
  assert.deepEqual(ready(plan(text)).callTargets, [target]);
  assert.deepEqual(ready(plan(text, { callHistory: emptyHistory(), now })).callRateProblems, []);
  const planned = ready(plan(text, { callHistory: recordSends(emptyHistory(), [target], now - 60 * 60 * 1000), now }));
  assert.deepEqual(planned.questions.map((q) => q.kind), ['confirm', 'call-rate']);
  assert.match(planned.questions[1].text, /^WhatsApp's call permission limits \(CALL-RATE\): 00316012345678: a call permission request was already sent in the last 24 hours/);
  assert.deepEqual(ready(plan(json(example('list')), { callHistory: recordSends(emptyHistory(), [target], now), now })).callTargets, []);
});
