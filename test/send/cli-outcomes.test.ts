/**
 * What `cm-interactive send` says after the POST: only what is true (a redirect or an
 * unreadable answer is an unknown outcome, a 200 that accepted nobody is a failure), the
 * token never appears, not even cut, and nothing from outside can drive the terminal.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { FakeCmGateway, type ReceivedRequest } from '../gateway/cm-gateway';
import { runCliProcess } from '../helpers/cli';
import { example } from '../helpers/payloads';

const TOKEN = '0b7c6f52-8a4e-4f0e-b2a1-6c3d9e8f7a65';
const dir = mkdtempSync(join(tmpdir(), 'cm-outcomes-'));
const file = join(dir, 'list.json');
writeFileSync(file, JSON.stringify(example('list'), null, 2));
let gateway: FakeCmGateway;

before(async () => (gateway = await new FakeCmGateway({ tokens: [TOKEN] }).start()));
after(async () => {
  await gateway.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** One `send --yes` of the list example, answered by `handler`; the requests it made. */
async function sendAnswered(handler: (request: ReceivedRequest, response: ServerResponse) => void | Promise<void>, args: string[] = []) {
  gateway.options.handler = handler;
  const before = gateway.requests.length;
  try {
    const result = await runCliProcess(['send', file, '--gateway', gateway.url, '--yes', ...args], { env: { CM_PRODUCT_TOKEN: TOKEN, TMPDIR: dir } });
    return { ...result, requests: gateway.requests.length - before };
  } finally {
    gateway.options.handler = undefined;
  }
}

function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

for (const status of [301, 302, 303, 307, 308]) {
  test(`HTTP ${status}: the POST reached the gateway, so the outcome is unknown (exit 3), and the redirect is not followed`, async () => {
    const { code, stderr, requests } = await sendAnswered((_request, response) => {
      response.writeHead(status, { Location: `${gateway.url}?moved=1` });
      response.end();
    });
    assert.equal(code, 3, stderr);
    assert.equal(requests, 1);
    assert.match(stderr, new RegExp(`HTTP ${status}, a redirect to http://127\\.0\\.0\\.1:\\d+/v1\\.0/message\\?moved=1, which is not followed`));
    assert.match(stderr, /The outcome is unknown/);
    assert.doesNotMatch(stderr, /Nothing was sent/);
  });
}

test('an answer larger than the cap is not read whole: outcome unknown, exit 3', async () => {
  const total = 64 * 1024 * 1024;
  let written = 0;
  const { code, stderr } = await sendAnswered(async (_request, response) => {
    response.writeHead(200, { 'Content-Type': 'application/json' });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let closed = false;
    response.on('close', () => (closed = true));
    while (!closed && written < total) {
      written += chunk.length;
      if (!response.write(chunk)) await new Promise((resolve) => response.once('drain', resolve).once('close', resolve));
    }
    response.end();
  });
  assert.equal(code, 3, stderr);
  assert.match(stderr, /The gateway answered HTTP 200 with more than 4 MB, which is not CM's answer and was not read\. The outcome is unknown/);
  assert.ok(written < total / 2, `the client stopped reading (${written} bytes were written)`);
});

test('HTTP 200 with errorCode 0 where every recipient is rejected is a failure, exit 1', async () => {
  const { code, stdout, stderr } = await sendAnswered((_request, response) =>
    json(response, 200, { details: 'Created 0 message(s)', errorCode: 0, messages: [{ to: '00316012345678', status: 'Rejected', reference: null, parts: 0, messageDetails: 'Blocked', messageErrorCode: 402 }] }),
  );
  assert.equal(code, 1);
  assert.equal(stdout, '');
  assert.match(stderr, /^CM rejected the message for all 1 recipient\. Nothing was accepted\./);
  assert.match(stderr, /00316012345678\s+Rejected/);
});

test('HTTP 200 with errorCode 0 and no recipient listed is not an acceptance: outcome unknown, exit 3', async () => {
  const { code, stdout, stderr } = await sendAnswered((_request, response) => json(response, 200, { details: 'OK', errorCode: 0, messages: [] }));
  assert.equal(code, 3);
  assert.equal(stdout, '');
  assert.match(stderr, /listed none of the 1 recipient\. The outcome is unknown/);
  assert.doesNotMatch(stderr, /Accepted for/);
});

test('an error body that echoes the token does not show any part of it, even where the quote is cut', async () => {
  for (const padding of [0, 170, 190]) {
    const { code, stdout, stderr } = await sendAnswered((request, response) => {
      response.writeHead(500, { 'Content-Type': 'text/plain' });
      response.end(`${'x'.repeat(padding)}token ${String(request.headers['x-cm-producttoken'])} is not allowed here`);
    });
    assert.equal(code, 3);
    const shown = stdout + stderr;
    assert.match(shown, /Body starts with: "x*token \*\*\*/);
    assert.ok(!shown.includes(TOKEN.slice(0, 8)), `no start of the token (padding ${padding}): ${shown}`);
  }
});

test('escape sequences in CM\'s answer are shown escaped, never sent to the terminal', async () => {
  const hostile = '\u001b]0;pwned\u0007\u001b[2J\u001b[31mred\u009b1m\r';
  const { code, stdout, stderr } = await sendAnswered((_request, response) =>
    json(response, 200, { details: hostile, errorCode: 0, messages: [{ to: '00316012345678', status: 'Accepted', reference: hostile, parts: 1, messageDetails: null, messageErrorCode: 0 }] }),
  );
  assert.equal(code, 0, stderr);
  const shown = stdout + stderr;
  assert.doesNotMatch(shown, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  assert.ok(shown.includes('CM: \\u001b]0;pwned\\u0007\\u001b[2J\\u001b[31mred\\u009b1m\\u000d'), shown);
});

test('--timeout out of range is a usage error with a message, not a stack trace', async () => {
  for (const value of ['0.0001', '5000000', 'Infinity', '-1', 'soon']) {
    const { code, stderr, requests } = await sendAnswered(() => assert.fail('nothing is sent'), ['--timeout', value]);
    assert.equal(code, 2, `${value}: ${stderr}`);
    assert.match(stderr, /^--timeout is in seconds, from 0\.001 to 3600\./, value);
    assert.doesNotMatch(stderr, /\n\s+at /);
    assert.equal(requests, 0);
  }
});
