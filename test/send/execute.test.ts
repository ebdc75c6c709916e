/**
 * executeSend on real plans against the loopback gateway and a loopback media host: the
 * media are checked before the one POST, a "no" to their problems posts nothing, and the
 * call history is kept only for what CM accepted.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { validateText } from '../../shared/core/index';
import { emptyHistory, historyKey, type CallHistory } from '../../shared/send/call-history';
import { executeSend, type ExecuteOptions } from '../../shared/send/execute';
import { planSend, type ReadyPlan } from '../../shared/send/plan';
import { FakeCmGateway } from '../gateway/cm-gateway';
import { example, type Payload } from '../helpers/payloads';

const TOKEN = '0b7c6f52-8a4e-4f0e-b2a1-6c3d9e8f7a65';
let gateway: FakeCmGateway;
let mediaHost: Server;
/** What happened, in order: media requests and gateway POSTs. */
const events: string[] = [];

before(async () => {
  gateway = await new FakeCmGateway({ tokens: [TOKEN] }).start();
  mediaHost = createServer((request, response) => {
    events.push(`media ${request.method} ${request.url}`);
    if (request.url === '/ok.jpg') response.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': '1000' }).end();
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => mediaHost.listen(0, '127.0.0.1', resolve));
});
after(async () => {
  await gateway.stop();
  await new Promise((resolve) => mediaHost.close(resolve));
});

function planOf(payload: Payload, callHistory?: CallHistory, now?: number): ReadyPlan {
  const { isPayload, diagnostics, document } = validateText(JSON.stringify(payload, null, 2));
  const plan = planSend({ validation: { isPayload, diagnostics, value: document.value }, gatewayUrl: gateway.url, token: 'present', callHistory, now });
  assert.equal(plan.kind, 'ready', JSON.stringify(plan));
  return plan as ReadyPlan;
}

function withImage(name: string): Payload {
  const payload = example('reply-buttons-image');
  payload.messages.msg[0].richContent.conversation[0].interactive.header.media.mediaUri = `http://127.0.0.1:${(mediaHost.address() as AddressInfo).port}/${name}`;
  return payload;
}

function options(overrides: Partial<ExecuteOptions> = {}): ExecuteOptions {
  return { token: TOKEN, timeoutMs: 5000, confirmMediaProblems: () => assert.fail('no media problem expected'), ...overrides };
}

/** Counts the POSTs the gateway receives during `run`, in `events`. */
async function recorded<T>(run: () => Promise<T>): Promise<T> {
  const before = gateway.requests.length;
  const result = await run();
  for (const request of gateway.requests.slice(before)) events.push(`post ${request.headers['x-cm-producttoken']}`);
  return result;
}

test('media first, then exactly one POST with the token in the header; each network step through the caller\'s step', async () => {
  events.length = 0;
  const steps: string[] = [];
  const result = await recorded(() => executeSend(planOf(withImage('ok.jpg')), options({ step: (what, run) => (steps.push(what), run(new AbortController().signal)) })));
  assert.equal(result.kind, 'sent');
  assert.match(result.kind === 'sent' ? result.summary.headline : '', /^Accepted for 1 of 1 recipient\./);
  assert.deepEqual(steps, ['media', 'post']);
  assert.deepEqual(events, ['media HEAD /ok.jpg', `post ${TOKEN}`]);
  assert.ok(!gateway.requests.at(-1)!.body.includes(TOKEN));
});

test('a media problem is put to the caller; "no" posts nothing, "yes" posts once', async () => {
  events.length = 0;
  const seen: string[] = [];
  const declined = await recorded(() => executeSend(planOf(withImage('gone.jpg')), options({ confirmMediaProblems: async (problems) => (seen.push(...problems.map((p) => p.message)), false) })));
  assert.equal(declined.kind, 'declined');
  assert.match(seen[0], /answered HTTP 404; CM would drop the message/);
  assert.deepEqual(events, ['media HEAD /gone.jpg']);
  const sent = await recorded(() => executeSend(planOf(withImage('gone.jpg')), options({ confirmMediaProblems: async () => true })));
  assert.equal(sent.kind, 'sent');
  assert.deepEqual(events.filter((e) => e.startsWith('post')), [`post ${TOKEN}`]);
});

test('call permission requests: an accepted send is recorded; "a call connected since" resets the limits first', async () => {
  const now = Date.UTC(2026, 10, 1, 12);
  let stored = emptyHistory();
  const callHistory = { get: () => stored, update: (history: CallHistory) => void (stored = history) };
  const key = historyKey('00316098765432', '00316012345678');
  await executeSend(planOf(example('call-permission-request'), stored), options({ callHistory, now: () => now }));
  assert.deepEqual(stored.sends[key], [now]);
  const again = planOf(example('call-permission-request'), stored, now + 1000);
  assert.deepEqual(again.questions.map((q) => q.kind), ['confirm', 'call-rate']);
  await executeSend(again, options({ callHistory, callConnectedSince: true, now: () => now + 1000 }));
  assert.equal(stored.resets[key], now + 1000);
  assert.deepEqual(stored.sends[key], [now, now + 1000]);

  // Refused by CM: nothing recorded.
  const before = structuredClone(stored);
  await executeSend(planOf(example('call-permission-request')), options({ callHistory, token: '11111111-2222-3333-4444-555555555555', now: () => now + 2000 }));
  assert.deepEqual(stored, before);
});
