/**
 * The real gateway client (postMessages + summarize) against the loopback CM-like gateway:
 * every answer CM can give, every way the network can fail, exactly one request each time.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { prepareRequest } from '../../shared/send/envelope';
import { checkGatewayUrl, postMessages, type SendOutcome } from '../../shared/send/gateway-client';
import { summarize } from '../../shared/send/summary';
import { FakeCmGateway } from '../gateway/cm-gateway';
import { freePort } from '../helpers/net';
import { example } from '../helpers/payloads';

const TOKEN = '7e0b1a36-3f3c-4d8e-9c5d-2b1f0a9e8d71';
const BROKE = '11111111-2222-3333-4444-555555555555';
let gateway: FakeCmGateway;

before(async () => (gateway = await new FakeCmGateway({ tokens: [TOKEN, BROKE], brokeTokens: [BROKE] }).start()));
after(async () => gateway.stop());

async function send(payload: unknown, options: { token?: string; mode?: FakeCmGateway['options']['mode']; timeoutMs?: number; signal?: AbortSignal } = {}) {
  gateway.options.mode = options.mode ?? 'normal';
  const before = gateway.requests.length;
  const prepared = prepareRequest(payload);
  const outcome: SendOutcome = await postMessages({ url: gateway.url, token: options.token ?? TOKEN, body: prepared.body, timeoutMs: options.timeoutMs ?? 5000, signal: options.signal });
  return { outcome, summary: summarize(outcome, prepared.recipients), requests: gateway.requests.slice(before) };
}

test('success with one recipient: the token only in the header, the body unchanged', async () => {
  const payload = example('list');
  const { summary, requests } = await send(payload);
  assert.equal(requests.length, 1);
  assert.equal(requests[0].headers['x-cm-producttoken'], TOKEN);
  assert.equal(requests[0].headers['content-type'], 'application/json');
  assert.equal(requests[0].headers.accept, 'application/json');
  assert.deepEqual(JSON.parse(requests[0].body), payload);
  assert.ok(!requests[0].body.includes(TOKEN));
  assert.equal(summary.severity, 'info');
  assert.match(summary.headline, /^Accepted for 1 of 1 recipient\./);
  assert.match(summary.details[1], /^Recipient\s+Status\s+Reference\s+Parts\s+CM error$/);
  assert.match(summary.details[2], /^00316012345678\s+Accepted\s+bikeservice0303\s+1\s+-$/);
});

test('success with several recipients and messages', async () => {
  const payload = example('reply-buttons');
  payload.messages.msg[0].to.push({ number: '00316011111111' });
  payload.messages.msg.push(structuredClone(payload.messages.msg[0]));
  const { summary, requests } = await send(payload);
  assert.equal(requests.length, 1);
  assert.match(summary.headline, /^Accepted for 4 of 4 recipients\./);
});

test('partial rejection: per-recipient status with CM\'s code and its meaning', async () => {
  const payload = example('reply-buttons');
  payload.messages.msg[0].to.push({ number: '+31 6 1234' });
  const { summary } = await send(payload);
  assert.equal(summary.severity, 'warning');
  assert.equal(summary.headline, 'Accepted for 1 of 2 recipients; 1 rejected (CM error 201: One or more messages have errors (see each recipient)).');
  assert.ok(summary.details.some((line) => /^\+31 6 1234\s+Rejected\s+-\s+0\s+303 Invalid number in "to": Invalid number$/.test(line)), summary.details.join('\n'));
});

test('wrong token: CM\'s 400 body with error 101', async () => {
  const { outcome, summary } = await send(example('list'), { token: '99999999-9999-9999-9999-999999999999' });
  assert.equal(outcome.kind, 'answered');
  assert.equal(summary.severity, 'error');
  assert.equal(summary.headline, 'CM refused the request: error 101, Authentication failed: no account found for this product token ("No account found for the given authentication"). Nothing was sent.');
});

test('400 with a CM error body: insufficient balance, malformed token', async () => {
  assert.match((await send(example('list'), { token: BROKE })).summary.headline, /error 102, Insufficient balance/);
  assert.match((await send(example('list'), { token: 'not-a-guid' })).summary.headline, /error 103, The product token is incorrect/);
});

test('HTTP 500 and 429 are gateway failures with the status and the first bytes', async () => {
  const failed = await send(example('list'), { mode: 'http500' });
  assert.equal(failed.requests.length, 1);
  assert.match(failed.summary.headline, /^The gateway failed with HTTP 500 \(server error\)\. The outcome is unknown/);
  assert.match(failed.summary.details.join('\n'), /Body starts with: "<html><body>Internal Server Error/);
  const limited = await send(example('list'), { mode: 'http429' });
  assert.match(limited.summary.headline, /^The gateway failed with HTTP 429 \(too many requests\)\. Nothing was accepted\./);
  assert.equal(limited.requests.length, 1, 'no retry after 429');
});

test('a body that is not CM\'s JSON: outcome unknown', async () => {
  for (const mode of ['garbage', 'html200', 'wrong-content-type'] as const) {
    const { summary, requests } = await send(example('list'), { mode });
    assert.equal(requests.length, 1);
    assert.equal(summary.outcomeUnknown, true, mode);
    assert.match(summary.headline, /not CM's JSON\. The outcome is unknown: the message may have been sent/);
  }
});

test('timeout: exactly one request arrived, the outcome is unknown, nothing retried', async () => {
  const { outcome, summary, requests } = await send(example('list'), { mode: 'timeout', timeoutMs: 300 });
  assert.equal(outcome.kind, 'timeout');
  assert.equal(requests.length, 1);
  await new Promise((r) => setTimeout(r, 400));
  assert.equal(gateway.requests.filter((r) => r === requests[0]).length, 1);
  assert.equal(summary.headline, "No answer from CM within 0 s. The outcome is unknown: the message may have been sent. Check the message logs in your CM.com account before sending again.");
});

test('cancel while waiting: outcome unknown, one request', async () => {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 100);
  const { outcome, summary, requests } = await send(example('list'), { mode: 'timeout', signal: controller.signal });
  assert.equal(outcome.kind, 'cancelled');
  assert.equal(requests.length, 1);
  assert.equal(summary.outcomeUnknown, true);
});

test('connection reset and truncated body: the outcome is unknown', async () => {
  for (const mode of ['reset', 'truncated'] as const) {
    const { outcome, summary, requests } = await send(example('list'), { mode });
    assert.equal(requests.length, 1, mode);
    assert.equal(outcome.kind, 'network', mode);
    assert.equal(summary.outcomeUnknown, true, mode);
  }
});

test('a slow gateway that answers within the timeout: accepted, one request', async () => {
  gateway.options.delayMs = 400;
  try {
    const { summary, requests } = await send(example('list'), { timeoutMs: 5000 });
    assert.equal(requests.length, 1);
    assert.match(summary.headline, /^Accepted for 1 of 1 recipient\./);
  } finally {
    gateway.options.delayMs = 0;
  }
});

test('connection refused: nothing was sent', async () => {
  const port = await freePort();
  const outcome = await postMessages({ url: `http://127.0.0.1:${port}/v1.0/message`, token: TOKEN, body: {}, timeoutMs: 2000 });
  assert.deepEqual(outcome, { kind: 'network', code: 'ECONNREFUSED', message: 'the connection was refused (nothing listens at that address)' });
  assert.equal(summarize(outcome, ["00316012345678"]).headline, 'Could not reach the CM gateway: the connection was refused (nothing listens at that address) (ECONNREFUSED). Nothing was sent.');
});

test('only https gateways, except loopback', async () => {
  assert.equal(checkGatewayUrl('https://gw.messaging.cm.com/v1.0/message'), undefined);
  assert.equal(checkGatewayUrl('http://127.0.0.1:8080/v1.0/message'), undefined);
  assert.equal(checkGatewayUrl('http://localhost:8080/x'), undefined);
  assert.match(checkGatewayUrl('http://gw.messaging.cm.com/v1.0/message')!, /must use https:/);
  assert.match(checkGatewayUrl('ftp://x')!, /must use https:/);
  await assert.rejects(postMessages({ url: 'http://example.com/x', token: TOKEN, body: {}, timeoutMs: 100 }), /must use https:/);
});
