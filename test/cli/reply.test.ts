/**
 * `cm-interactive reply` as a real process: the JSON printed, the same JSON posted to a
 * loopback webhook once, the exit codes (0 answered 200, 1 other status, 2 usage, 3
 * unreachable), and hostile answers printed escaped.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCliProcess } from '../helpers/cli';
import { freePort } from '../helpers/net';
import { example, EXAMPLES, type Payload } from '../helpers/payloads';
import { assertValidWebhook, LoopbackWebhook } from '../helpers/webhook';

const dir = mkdtempSync(join(tmpdir(), 'cm-reply-'));
const LIST = join(EXAMPLES, 'list.json');
const FIXED = ['--now', '2026-03-03T09:15:00Z', '--seed', 'demo'];
let bot: LoopbackWebhook;

before(async () => (bot = await new LoopbackWebhook().start()));
after(async () => bot.stop());

function file(name: string, payload: Payload): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(payload, null, 2));
  return path;
}

const reply = (...args: string[]) => runCliProcess(['reply', ...args]);

describe('printing the webhook', () => {
  test('without --webhook the JSON is printed, valid, and the same for the same --now and --seed', async () => {
    const first = await reply(LIST, '--choose', 'slot-0303-1400', ...FIXED);
    assert.equal(first.code, 0, first.stderr);
    const webhook = JSON.parse(first.stdout);
    assertValidWebhook(webhook);
    assert.equal(webhook.timeUtc, '2026-03-03T09:15:00');
    assert.equal(webhook.time, '2026-03-03 10:15:00');
    assert.equal(webhook.message.custom.interactive.list_reply.id, 'slot-0303-1400');
    assert.equal((await reply(LIST, '--choose', 'slot-0303-1400', ...FIXED)).stdout, first.stdout);
    assert.notEqual((await reply(LIST, '--choose', 'slot-0303-1400', '--now', '2026-03-03T09:15:00Z')).stdout, first.stdout);
  });

  test('--choose takes a title too; --from and --name set the customer; --location and --flow-response shape those replies', async () => {
    const byTitle = JSON.parse((await reply(join(EXAMPLES, 'reply-buttons.json'), '--choose', 'Reschedule', '--from', '0044 7700 900123', '--name', 'Anna')).stdout);
    assert.equal(byTitle.message.custom.interactive.button_reply.id, 'delivery-reschedule');
    assert.deepEqual(byTitle.from, { number: '+447700900123', name: 'Anna' });
    const location = JSON.parse((await reply(join(EXAMPLES, 'location-request.json'), '--choose', 'location', '--location', '52.37,4.89,Dam,Dam 1, Amsterdam')).stdout);
    assert.deepEqual(location.message.custom.location, { latitude: 52.37, longitude: 4.89, label: 'Dam', searchQuery: 'Dam 1, Amsterdam' });
    const flow = await reply(join(EXAMPLES, 'flow.json'), '--choose', 'flow', '--flow-response', '{"rating":"5"}');
    assert.equal(flow.code, 0);
    assert.match(flow.stderr, /nfm_reply follows Meta's format/);
    assert.deepEqual(JSON.parse(JSON.parse(flow.stdout).message.custom.interactive.nfm_reply.response_json), { rating: '5', flow_token: 'survey-2026-03-anna' });
    for (const output of [byTitle, location, JSON.parse(flow.stdout)]) assertValidWebhook(output);
  });

  test('--list shows every choice per message, with what sends no webhook', async () => {
    const { code, stdout } = await reply(LIST, '--list');
    assert.equal(code, 0);
    assert.match(stdout, /^message 1:\n  "slot-0303-0900" +list_reply "slot-0303-0900" \(09:00 – 09:45\) \[Tuesday 3 March\]\n/);
    assert.match((await reply(join(EXAMPLES, 'cta-url.json'), '--list')).stdout, /"Open boarding pass" +URL button .* — sends no webhook/);
  });
});

describe('posting it to the bot', () => {
  test('the webhook receives exactly the JSON printed, once; 200 is exit 0 with status, time and answer', async () => {
    const printed = JSON.parse((await reply(LIST, '--choose', 'slot-0403-1600', ...FIXED)).stdout);
    const before = bot.received.length;
    const { code, stdout, stderr } = await reply(LIST, '--choose', 'slot-0403-1600', ...FIXED, '--webhook', bot.url);
    assert.equal(code, 0, stderr);
    assert.equal(bot.received.length, before + 1, 'one POST');
    const received = bot.received[before];
    assert.equal(received.method, 'POST');
    assert.match(received.headers['content-type'] ?? '', /^application\/json/);
    assert.deepEqual(JSON.parse(received.body), printed);
    assert.match(stdout, /^list_reply "slot-0403-1600" \(16:00 – 16:45\) → POST http:\/\/127\.0\.0\.1:\d+\/webhook\n200 OK in \d+ ms from http:\/\/127\.0\.0\.1:\d+\/webhook\n  Answer \(application\/json\): \{"ok":true\}\n$/);
  });

  test('another status is exit 1 and says what CM does then (a 204 too: only 200 counts)', async () => {
    for (const [status, pattern] of [[500, /^500 Internal Server Error in \d+ ms .* — not 200 OK$/m], [204, /Only 200 counts/]] as const) {
      bot.answer = (_request, response) => {
        response.writeHead(status);
        response.end(status === 204 ? undefined : 'database down');
      };
      const { code, stdout, stderr } = await reply(LIST, '--choose', 'slot-0303-0900', '--webhook', bot.url);
      assert.equal(code, 1, stderr);
      assert.equal(stdout, '');
      assert.match(stderr, pattern);
      assert.match(stderr, /CM treats any answer but 200 OK as not delivered and retries every 5 minutes, for up to a month/);
    }
    bot.answer = (_request, response) => response.writeHead(302, { Location: 'https://example.com/elsewhere' }).end();
    const redirected = await reply(LIST, '--choose', 'slot-0303-0900', '--webhook', bot.url);
    assert.equal(redirected.code, 1);
    assert.match(redirected.stderr, /Location: https:\/\/example\.com\/elsewhere \(not followed/);
    bot.answer = (_request, response) => response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
  });

  test('an unreachable webhook is exit 3: refused, or no answer in time', async () => {
    const refused = await reply(LIST, '--choose', 'slot-0303-0900', '--webhook', `http://127.0.0.1:${await freePort()}/webhook`);
    assert.equal(refused.code, 3);
    assert.match(refused.stderr, /Could not reach .*: nothing listens there — is your bot running\? \(ECONNREFUSED\)/);
    bot.answer = () => undefined; // never answers
    const slow = await reply(LIST, '--choose', 'slot-0303-0900', '--webhook', bot.url, '--timeout', '0.3');
    assert.equal(slow.code, 3);
    assert.match(slow.stderr, /No answer from .* within \d+ ms/);
    bot.answer = (_request, response) => response.writeHead(200).end('ok');
  });

  test('a hostile answer is printed escaped: no terminal control, no forged lines, no token, no flood', async () => {
    const token = '0b7c6f52-8a4e-4f0e-b2a1-6c3d9e8f7a65';
    bot.answer = (_request, response) =>
      response.writeHead(500, { 'Content-Type': 'text/plain' }).end(`\u001b]0;pwned\u0007\u001b[2J\r\n200 OK in 1 ms from you\n\u202etoken ${token}`);
    const hostile = await runCliProcess(['reply', LIST, '--choose', 'slot-0303-0900', '--webhook', bot.url], { env: { CM_PRODUCT_TOKEN: token } });
    assert.equal(hostile.code, 1);
    assert.doesNotMatch(hostile.stderr, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/, 'no control character reaches the terminal');
    assert.match(hostile.stderr, /\\u001b\]0;pwned\\u0007\\u001b\[2J\\r\\n200 OK in 1 ms from you\\n\\u202etoken \*\*\*/);
    assert.doesNotMatch(hostile.stderr, /^200 OK/m, 'the answer cannot start a line of its own');
    assert.ok(!hostile.stderr.includes(token));
    bot.answer = (_request, response) => response.writeHead(200).end('x'.repeat(1024 * 1024));
    const flood = await reply(LIST, '--choose', 'slot-0303-0900', '--webhook', bot.url);
    assert.equal(flood.code, 0);
    assert.ok(flood.stdout.length < 4000, `a 1 MB answer is cut (${flood.stdout.length} characters printed)`);
    assert.match(flood.stdout, /x…/);
    assert.match(flood.stdout, /more than 64 KB: the rest was not read/);
    bot.answer = (_request, response) => response.writeHead(200).end('ok');
  });
});

describe('usage errors are exit 2, with what to do', () => {
  const cases: [string, string[], RegExp][] = [
    ['no --choose', [LIST], /reply needs --choose ID \(--list shows the choices\)/],
    ['no file', ['--choose', 'x'], /reply needs a payload file/],
    ['an unknown choice lists the choices', [LIST, '--choose', 'nope'], /No choice "nope" in the file\. Choices:\nmessage 1:\n  "slot-0303-0900"/],
    ['a URL button posts nothing', [join(EXAMPLES, 'cta-url.json'), '--choose', 'Open boarding pass'], /Opening a URL button sends no webhook/],
    ['http: off this machine', [LIST, '--choose', 'slot-0303-0900', '--webhook', 'http://example.com/hook'], /must be https:, or http: on this machine/],
    ['not a URL', [LIST, '--choose', 'slot-0303-0900', '--webhook', 'localhost:3000'], /must be https:|is not a URL/],
    ['a bad --from', [LIST, '--choose', 'slot-0303-0900', '--from', 'Anna'], /--from: "Anna" is not a phone number/],
    ['a bad --now', [LIST, '--choose', 'slot-0303-0900', '--now', 'yesterday'], /--now is an ISO time/],
    ['a bad --location', [LIST, '--choose', 'slot-0303-0900', '--location', '91,4'], /--location is LAT,LONG/],
    ['--flow-response not an object', [LIST, '--choose', 'slot-0303-0900', '--flow-response', '[1]'], /--flow-response is a JSON object/],
    ['--message 0', [LIST, '--choose', 'slot-0303-0900', '--message', '0'], /--message is a message number from 1/],
    ['an unknown option', [LIST, '--choose', 'slot-0303-0900', '--fast'], /Unknown option "--fast"/],
    ['not a payload', [join(EXAMPLES, '..', 'package.json'), '--choose', 'x'], /not a CM payload/],
  ];
  for (const [name, args, pattern] of cases) {
    test(name, async () => {
      const { code, stdout, stderr } = await reply(...args);
      assert.equal(code, 2, stderr);
      assert.equal(stdout, '');
      assert.match(stderr, pattern);
    });
  }

  test('an id in several messages needs --message; with it, that message is used', async () => {
    const two = example('reply-buttons');
    two.messages.msg.push({ ...structuredClone(two.messages.msg[0]), reference: 'second' });
    const path = file('two.json', two);
    const ambiguous = await reply(path, '--choose', 'delivery-confirm');
    assert.equal(ambiguous.code, 2);
    assert.match(ambiguous.stderr, /"delivery-confirm" is in messages 1, 2: add --message N/);
    const second = await reply(path, '--choose', 'delivery-confirm', '--message', '2');
    assert.equal(second.code, 0, second.stderr);
    assert.equal(JSON.parse(second.stdout).messageContext, 'second');
  });

  test('a payload with errors still replies, with a note that CM would reject the message', async () => {
    const broken = example('reply-buttons');
    broken.messages.msg[0].richContent.conversation[0].interactive.action.buttons[0].reply.title = 'A title far too long for a button';
    const { code, stderr, stdout } = await reply(file('broken.json', broken), '--choose', 'delivery-confirm');
    assert.equal(code, 0);
    assert.match(stderr, /has 1 error .*CM would reject this message/);
    assertValidWebhook(JSON.parse(stdout));
  });
});
