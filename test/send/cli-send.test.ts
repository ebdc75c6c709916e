/** `cm-interactive send` as a real process against the loopback gateway. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { FakeCmGateway } from '../gateway/cm-gateway';
import { example, mutated, ROOT } from '../helpers/payloads';

const BIN = join(ROOT, 'bin', 'cm-interactive.js');
const TOKEN = '0b7c6f52-8a4e-4f0e-b2a1-6c3d9e8f7a65';
const FILE_TOKEN = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const dir = mkdtempSync(join(tmpdir(), 'cm-send-'));
let gateway: FakeCmGateway;

before(async () => (gateway = await new FakeCmGateway({ tokens: [TOKEN] }).start()));
after(async () => gateway.stop());

function file(name: string, payload: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(payload, null, 2));
  return path;
}

/** Async spawn: the gateway lives in this process and must keep answering. */
function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, CM_PRODUCT_TOKEN: TOKEN, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function assertNoToken(...texts: string[]) {
  for (const text of texts) {
    assert.ok(!text.includes(TOKEN), 'the stored token never appears');
    assert.ok(!text.includes(FILE_TOKEN), 'the file token never appears');
  }
}

test('an invalid payload is refused and nothing is sent', async () => {
  const before = gateway.requests.length;
  const path = file('invalid.json', mutated('reply-buttons', (i) => (i.action.buttons[0].reply.title = 'Yes, deliver it to me!!')));
  const { code, stderr, stdout } = await run(['send', path, '--gateway', gateway.url, '--yes']);
  assert.equal(code, 1);
  assert.match(stderr, /error BTN-TITLE Button title is 23 characters/);
  assert.match(stderr, /Not sent: 1 error that CM or WhatsApp would reject/);
  assert.equal(gateway.requests.length, before);
  assertNoToken(stdout, stderr);
});

test('--dry-run prints the exact request with the token redacted, and sends nothing', async () => {
  const before = gateway.requests.length;
  const payload = example('flow');
  payload.messages.authentication = { productToken: FILE_TOKEN };
  const { code, stdout, stderr } = await run(['send', file('dry.json', payload), '--gateway', gateway.url, '--dry-run']);
  assert.equal(code, 0);
  assert.match(stdout, /^POST http:\/\/127\.0\.0\.1:\d+\/v1\.0\/message\nContent-Type: application\/json\nAccept: application\/json\nX-CM-PRODUCTTOKEN: \*\*\*\n\n/);
  const body = JSON.parse(stdout.slice(stdout.indexOf('\n\n') + 2));
  delete payload.messages.authentication;
  assert.deepEqual(body, payload);
  assert.equal(gateway.requests.length, before);
  assertNoToken(stdout, stderr);
});

test('--yes sends once and prints CM\'s answer per recipient', async () => {
  const before = gateway.requests.length;
  const { code, stdout, stderr } = await run(['send', file('ok.json', example('location-request')), '--gateway', gateway.url, '--yes']);
  assert.equal(code, 0, stderr);
  assert.match(stdout, /^Accepted for 1 of 1 recipient\./);
  assert.match(stdout, /00316012345678\s+Accepted/);
  assert.equal(gateway.requests.length, before + 1);
  assert.equal(gateway.requests[before].headers['x-cm-producttoken'], TOKEN);
  assertNoToken(stdout, stderr);
});

test('without a terminal and without --yes nothing is sent', async () => {
  const before = gateway.requests.length;
  const { code, stderr } = await run(['send', file('ask.json', example('list')), '--gateway', gateway.url]);
  assert.equal(code, 2);
  assert.match(stderr, /Send 1 message to 1 recipient via 127\.0\.0\.1:\d+\? There is no terminal to ask: add --yes to send\./);
  assert.equal(gateway.requests.length, before);
});

test('a timeout exits 3 with exactly one request and the advice to check CM\'s logs', async () => {
  gateway.options.mode = 'timeout';
  try {
    const before = gateway.requests.length;
    const { code, stderr } = await run(['send', file('slow.json', example('list')), '--gateway', gateway.url, '--yes', '--timeout', '0.5']);
    assert.equal(code, 3);
    assert.match(stderr, /No answer from CM within 1 s\. The outcome is unknown/);
    assert.equal(gateway.requests.length, before + 1);
  } finally {
    gateway.options.mode = 'normal';
  }
});

test('a wrong token: CM\'s error in words, and the token is not in them', async () => {
  const { code, stdout, stderr } = await run(['send', file('wrong.json', example('list')), '--gateway', gateway.url, '--yes'], { CM_PRODUCT_TOKEN: FILE_TOKEN });
  assert.equal(code, 1);
  assert.match(stderr, /CM refused the request: error 101/);
  assertNoToken(stdout, stderr);
});

test('no token, non-https gateway: usage errors with clear messages', async () => {
  const path = file('plain.json', example('list'));
  const missing = await run(['send', path, '--gateway', gateway.url, '--yes'], { CM_PRODUCT_TOKEN: '' });
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /set the CM_PRODUCT_TOKEN environment variable/);
  const insecure = await run(['send', path, '--gateway', 'http://gw.example.com/v1.0/message', '--yes']);
  assert.equal(insecure.code, 2);
  assert.match(insecure.stderr, /must use https:/);
});
