/**
 * The inbound webhook format (shared/webhook/inbound.ts): every reply every example can
 * give validates against schemas/cm-inbound-webhook.schema.json, the captured payloads' shape
 * (keys, their order, nulls, number forms) is kept, ids and times are reproducible.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  buildInboundWebhook,
  cmLocalStamp,
  guid,
  hasWebhook,
  noWebhookReason,
  plusForm,
  seededRandom,
  tapTargets,
  utcStamp,
  wamid,
  zeroZeroForm,
  type TapTarget,
} from '../../shared/webhook/inbound';
import { describeOutcome } from '../../shared/webhook/post';
import { example, KINDS, mutated, ROOT, type Payload } from '../helpers/payloads';
import { assertValidWebhook } from '../helpers/webhook';

const NOW = new Date('2024-05-06T11:37:56Z');
const I = '/messages/msg/0/richContent/conversation/0/interactive';

function build(payload: Payload, choice: string, extra: Partial<Parameters<typeof buildInboundWebhook>[0]> = {}) {
  const target = tapTargets(payload).find((t) => t.choice === choice);
  assert.ok(target, `a target "${choice}"`);
  return buildInboundWebhook({ payload, target, now: NOW, random: seededRandom('test'), ...extra })!;
}

/** Every key path in order, as a bot that logs or diffs the JSON sees it. */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([key, child]) => [`${prefix}${key}`, ...keyPaths(child, `${prefix}${key}.`)]);
}

/** The key order of the payloads captured from CM's webhook (an interactive button reply). */
const CAPTURED_BUTTON_KEYS = [
  'reference', 'messageContext', 'from', 'from.number', 'from.name', 'to', 'to.number',
  'message', 'message.text', 'message.media', 'message.media.mediaUri', 'message.media.contentType', 'message.media.title',
  'message.custom', 'message.custom.interactive', 'message.custom.interactive.type', 'message.custom.interactive.list_reply',
  'message.custom.interactive.button_reply', 'message.custom.interactive.button_reply.id', 'message.custom.interactive.button_reply.title',
  'message.custom.interactive.nfm_reply', 'message.custom.meta_received_time', 'message.custom.message_type', 'message.error',
  'groupings', 'time', 'timeUtc', 'channel',
];

describe('the webhook of each tap', () => {
  test('every reply of every example validates against the schema', () => {
    let count = 0;
    for (const kind of KINDS) {
      const payload = example(kind);
      for (const target of tapTargets(payload)) {
        const webhook = buildInboundWebhook({ payload, target });
        if (!hasWebhook(target.action)) {
          assert.equal(webhook, undefined, `${kind} ${target.choice}: no webhook`);
          assert.ok(noWebhookReason(target.action));
          continue;
        }
        assertValidWebhook(webhook, `${kind} ${target.choice}`);
        count++;
      }
    }
    assert.ok(count >= 12, `replies checked: ${count}`);
  });

  test('a reply button: the captured shape, key for key and in order', () => {
    const webhook = build(example('reply-buttons'), 'delivery-reschedule');
    assert.deepEqual(keyPaths(webhook), CAPTURED_BUTTON_KEYS);
    assert.equal(webhook.message.text, 'Reschedule');
    assert.deepEqual(webhook.message.media, { mediaUri: '', contentType: '', title: '' });
    assert.deepEqual(webhook.message.custom, {
      interactive: { type: 'button_reply', list_reply: null, button_reply: { id: 'delivery-reschedule', title: 'Reschedule' }, nfm_reply: null },
      meta_received_time: '2024-05-06T11:37:55',
      message_type: 'interactive',
    });
    // The captured forms: the customer in + form, the business in 00 form, CM's local time next to UTC.
    assert.equal(webhook.from.number, '+316012345678');
    assert.equal(webhook.from.name, 'Test Customer');
    assert.equal(webhook.to.number, '00316098765432');
    assert.equal(webhook.timeUtc, '2024-05-06T11:37:56');
    assert.equal(webhook.time, '2024-05-06 13:37:56');
    assert.deepEqual(webhook.groupings, ['', '', '']);
    assert.equal(webhook.channel, 'WhatsApp');
    assert.match(webhook.reference, /^wamid\.[A-Za-z0-9+/]+=*$/);
    assertValidWebhook(webhook);
  });

  test("a list row: title as text, the row's description; messageContext is the message's reference", () => {
    const webhook = build(example('list'), 'slot-0303-1400');
    assert.equal(webhook.message.text, '14:00 – 14:45');
    assert.deepEqual((webhook.message.custom as any).interactive, {
      type: 'list_reply',
      list_reply: { id: 'slot-0303-1400', title: '14:00 – 14:45', description: 'Mechanic: Sanne' },
      button_reply: null,
      nfm_reply: null,
    });
    assert.equal(webhook.messageContext, 'bikeservice0303');
    // A row without a description: null, as CM writes absent values.
    assert.equal((build(example('list'), 'slot-0403-1600').message.custom as any).interactive.list_reply.description, null);
    // Without a reference: a GUID.
    const payload = example('list');
    delete payload.messages.msg[0].reference;
    assert.match(build(payload, 'slot-0303-1400').messageContext, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  test("a completed flow: Meta's nfm_reply with the flow_token (and the answers given)", () => {
    const webhook = build(example('flow'), 'flow', { flowResponse: { rating: '5' } });
    const interactive = (webhook.message.custom as any).interactive;
    assert.equal(interactive.type, 'nfm_reply');
    assert.equal(interactive.button_reply, null);
    assert.equal(interactive.list_reply, null);
    assert.deepEqual({ ...interactive.nfm_reply, response_json: JSON.parse(interactive.nfm_reply.response_json) }, {
      name: 'flow',
      body: 'Sent',
      response_json: { rating: '5', flow_token: 'survey-2026-03-anna' },
    });
    assert.equal(webhook.message.text, 'Sent');
    // Meta's default flow_token.
    const noToken = mutated('flow', (i) => delete i.action.parameters.flow_token);
    assert.equal(JSON.parse((build(noToken, 'flow').message.custom as any).interactive.nfm_reply.response_json).flow_token, 'unused');
    assertValidWebhook(webhook);
  });

  test("Send location: CM's location message, CM's own example place by default", () => {
    const webhook = build(example('location-request'), 'location');
    assert.equal(webhook.message.text, '');
    assert.deepEqual(webhook.message.custom, { location: { latitude: 51.603802, longitude: 4.770821, label: 'CM HQ', searchQuery: 'Konijnenberg 30' } });
    const custom = build(example('location-request'), 'location', { location: { latitude: -33.8568, longitude: 151.2153 } });
    assert.deepEqual(custom.message.custom, { location: { latitude: -33.8568, longitude: 151.2153 } });
    assertValidWebhook(custom);
  });

  test('the customer from the settings, in + form whatever form is given', () => {
    for (const given of ['0031612345678', '+31 6 1234 5678', '31612345678']) {
      const webhook = build(example('reply-buttons'), 'delivery-confirm', { customerNumber: given, customerName: 'Anna' });
      assert.deepEqual(webhook.from, { number: '+31612345678', name: 'Anna' });
    }
    assert.equal(plusForm('0044 20 7946 0000'), '+442079460000');
    assert.equal(zeroZeroForm('+316098765432'), '00316098765432');
    assert.equal(zeroZeroForm('CMcom'), 'CMcom');
  });
});

test("the README's example is what the module builds for it", () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### The format and its sources'));
  const shown = JSON.parse(/```json\n([\s\S]*?)\n```/.exec(section)![1]);
  const payload = example('list');
  const target = tapTargets(payload).find((t) => t.choice === 'slot-0303-1400')!;
  assert.deepEqual(shown, buildInboundWebhook({ payload, target, now: new Date('2026-03-03T09:15:00Z'), random: seededRandom('1') }));
  assertValidWebhook(shown);
});

describe('tap targets', () => {
  test("each one names the element the preview renders for it, and --choose's word", () => {
    const keys = (payload: Payload) => tapTargets(payload).map((t: TapTarget) => [t.key, t.choice, t.action.type]);
    assert.deepEqual(keys(example('reply-buttons')), [
      [`${I}/action/buttons/0`, 'delivery-confirm', 'button_reply'],
      [`${I}/action/buttons/1`, 'delivery-neighbour', 'button_reply'],
      [`${I}/action/buttons/2`, 'delivery-reschedule', 'button_reply'],
    ]);
    assert.deepEqual(keys(example('list'))[3], [`${I}/action/sections/1/rows/1`, 'slot-0403-1600', 'list_reply']);
    assert.deepEqual(keys(example('flow')), [[`${I}/action/parameters/flow_cta`, 'flow', 'nfm_reply']]);
    assert.deepEqual(keys(example('location-request')), [[`${I}/action`, 'location', 'location']]);
    assert.deepEqual(keys(example('cta-url')), [[`${I}/action/buttons/0`, 'Open boarding pass', 'open_url']]);
    assert.deepEqual(keys(example('call-permission-request')), [
      [`${I}/action#accept`, 'accept', 'call_permission'],
      [`${I}/action#reject`, 'reject', 'call_permission'],
    ]);
  });

  test('a fourth button and an eleventh row are marked as not shown by WhatsApp', () => {
    const four = mutated('reply-buttons', (i) => i.action.buttons.push({ type: 'reply', reply: { id: 'four', title: 'Four' } }));
    assert.deepEqual(tapTargets(four).map((t) => t.dropped), [false, false, false, true]);
    const eleven = mutated('list', (i) => {
      i.action.sections[1].rows = Array.from({ length: 9 }, (_, n) => ({ id: `r${n}`, title: `Row ${n}` }));
    });
    assert.deepEqual(tapTargets(eleven).map((t) => t.dropped).lastIndexOf(false), 9);
  });

  test('a broken payload gives no targets and no exception', () => {
    for (const value of [undefined, null, 42, 'x', { messages: { msg: [null, { richContent: { conversation: [null, { interactive: 'x' }] } }] } }]) {
      assert.deepEqual(tapTargets(value), []);
    }
  });
});

describe('ids and times', () => {
  test('a seed gives the same ids every time; without one they differ', () => {
    const payload = example('reply-buttons');
    const a = build(payload, 'delivery-confirm');
    const b = build(payload, 'delivery-confirm');
    assert.deepEqual(a, b);
    const target = tapTargets(payload)[0];
    const fresh = [1, 2].map(() => buildInboundWebhook({ payload, target, now: NOW })!.reference);
    assert.notEqual(fresh[0], fresh[1]);
  });

  test('a wamid decodes as WhatsApp mints them: the number, then a message key', () => {
    const id = wamid('+33633562606', seededRandom('w'));
    const bytes = Buffer.from(id.slice('wamid.'.length), 'base64');
    assert.deepEqual([...bytes.subarray(0, 3)], [0x1c, 0x18, 11]);
    assert.equal(bytes.subarray(3, 14).toString(), '33633562606');
    assert.deepEqual([...bytes.subarray(14, 20)], [0x15, 0x02, 0x00, 0x12, 0x18, 20]);
    assert.match(bytes.subarray(20).toString(), /^3EB0[0-9A-F]{16}$/);
    assert.match(guid(seededRandom('g')), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  test("timeUtc is UTC; time is CM's local time, summer and winter", () => {
    assert.equal(utcStamp(new Date('2026-01-15T09:05:07Z')), '2026-01-15T09:05:07');
    assert.equal(cmLocalStamp(new Date('2026-01-15T09:05:07Z')), '2026-01-15 10:05:07');
    assert.equal(cmLocalStamp(new Date('2026-07-15T23:30:00Z')), '2026-07-16 01:30:00');
  });
});

describe('the outcome in words', () => {
  const answered = (status: number, body = '', statusText = '') => ({ kind: 'answered' as const, status, statusText, ms: 7, contentType: 'text/plain', body, truncated: false });

  test("200 is delivered; anything else says what CM does then — 204 too", () => {
    assert.equal(describeOutcome(answered(200, 'ok', 'OK'), 'http://x').delivered, true);
    assert.equal(describeOutcome(answered(200, 'ok', 'OK'), 'http://x').headline, '200 OK in 7 ms from http://x');
    const failed = describeOutcome(answered(500, 'boom', 'Internal Server Error'), 'http://x');
    assert.equal(failed.delivered, false);
    assert.match(failed.details.join('\n'), /retries every 5 minutes, for up to a month, until it gets 200 OK/);
    assert.match(describeOutcome(answered(204), 'http://x').details.join('\n'), /Only 200 counts/);
    assert.equal(describeOutcome({ kind: 'unreachable', ms: 1, code: 'ECONNREFUSED', message: 'nothing listens there' }, 'http://x').unreachable, true);
  });

  test('an answer stays on one line: its line breaks cannot forge a status line', () => {
    const report = describeOutcome(answered(500, 'nope\r\n200 OK in 1 ms from http://x\n'), 'http://x');
    assert.ok(report.details.every((line) => !/[\r\n]/.test(line)));
    assert.match(report.details[0], /nope\\r\\n200 OK/);
  });
});
