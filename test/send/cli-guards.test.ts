/**
 * Guards around `cm-interactive send`: nothing leaves the machine before the user agreed
 * (not even a media check), and two sends of the same file at once make one POST.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from '../../cli/src/cli';
import { sendLockPath } from '../../cli/src/send-lock';
import { FakeCmGateway } from '../gateway/cm-gateway';
import { runCliProcess, startCli } from '../helpers/cli';
import { waitUntil } from '../helpers/timing';
import { example } from '../helpers/payloads';

const TOKEN = '0b7c6f52-8a4e-4f0e-b2a1-6c3d9e8f7a65';
const dir = mkdtempSync(join(tmpdir(), 'cm-guards-'));
let gateway: FakeCmGateway;
let mediaHost: Server;
/** Connections to the media host (https URLs to a plain server: any attempt counts, even one that fails). */
let mediaConnections = 0;

before(async () => {
  gateway = await new FakeCmGateway({ tokens: [TOKEN] }).start();
  mediaHost = createServer((_request, response) => response.end());
  mediaHost.on('connection', () => mediaConnections++);
  await new Promise<void>((resolve) => mediaHost.listen(0, '127.0.0.1', resolve));
});
after(async () => {
  await gateway.stop();
  await new Promise((resolve) => mediaHost.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

/** The image example with its image on the loopback media host (so its check does not leave the machine). */
function imagePayloadFile(name: string): string {
  const payload = example('reply-buttons-image');
  payload.messages.msg[0].richContent.conversation[0].interactive.header.media.mediaUri = `https://127.0.0.1:${(mediaHost.address() as AddressInfo).port}/${name}.jpg`;
  const path = join(dir, `${name}.json`);
  writeFileSync(path, JSON.stringify(payload, null, 2));
  return path;
}

test('without --yes and without a terminal, nothing goes out: no media check, no POST', async () => {
  const path = imagePayloadFile('no-terminal');
  const before = gateway.requests.length;
  const connections = mediaConnections;
  const { code, stderr } = await runCliProcess(['send', path, '--gateway', gateway.url], { env: { CM_PRODUCT_TOKEN: TOKEN, TMPDIR: dir } });
  assert.equal(code, 2, stderr);
  assert.match(stderr, /Send 1 message to 1 recipient via 127\.0\.0\.1:\d+, after checking 1 media URL\? There is no terminal to ask: add --yes to send\./);
  assert.equal(mediaConnections, connections);
  assert.equal(gateway.requests.length, before);
});

test('on a terminal the question comes before the media check, and "no" sends nothing at all', async () => {
  const path = imagePayloadFile('asked');
  const seenWhenAsked: number[] = [];
  const before = gateway.requests.length;
  const connections = mediaConnections;
  const quiet = () => undefined;
  const code = await runCli(['send', path, '--gateway', gateway.url], {
    stdout: quiet,
    stderr: quiet,
    env: { CM_PRODUCT_TOKEN: TOKEN, TMPDIR: dir },
    confirm: async () => {
      seenWhenAsked.push(mediaConnections - connections);
      return false;
    },
  });
  assert.equal(code, 1);
  assert.deepEqual(seenWhenAsked, [0]);
  assert.equal(mediaConnections, connections);
  assert.equal(gateway.requests.length, before);

  // "Yes": the media are checked after it, and their warning is a second question.
  const questions: string[] = [];
  const answers = [true, false];
  const code2 = await runCli(['send', path, '--gateway', gateway.url], {
    stdout: quiet,
    stderr: quiet,
    env: { CM_PRODUCT_TOKEN: TOKEN, TMPDIR: dir },
    confirm: async (question) => {
      questions.push(question);
      return answers.shift()!;
    },
  });
  assert.equal(code2, 1);
  assert.equal(questions[1], 'Send despite the media warnings?');
  assert.ok(mediaConnections > connections, 'the media host was asked after the first yes');
  assert.equal(gateway.requests.length, before);
});

test('two concurrent sends of the same file make exactly one POST; the second refuses clearly', async () => {
  const path = join(dir, 'twice.json');
  writeFileSync(path, JSON.stringify(example('list'), null, 2));
  let release!: () => void;
  gateway.options.hold = new Promise<void>((resolve) => (release = resolve));
  const before = gateway.requests.length;
  const env = { CM_PRODUCT_TOKEN: TOKEN, TMPDIR: dir };
  try {
    const first = startCli(['send', path, '--gateway', gateway.url, '--yes'], { env });
    await waitUntil('the first POST', () => gateway.requests.length, (n) => n > before, 20_000);
    const second = startCli(['send', path, '--gateway', gateway.url, '--yes'], { env });
    let secondDone: Awaited<typeof second.done> | undefined;
    void second.done.then((result) => (secondDone = result));
    // Either the second gives up, or (without a guard) it posts too.
    await waitUntil('the second send to finish or post', () => secondDone !== undefined || gateway.requests.length > before + 1, Boolean, 20_000);
    release();
    const firstDone = await first.done;
    const secondResult = await second.done;
    assert.equal(gateway.requests.length, before + 1, 'exactly one POST');
    assert.equal(firstDone.code, 0, firstDone.stderr);
    assert.equal(secondResult.code, 1);
    assert.match(secondResult.stderr, new RegExp(`^Not sent: .*twice\\.json is already being sent by process ${first.child.pid}; wait for CM's answer there before sending again\\.`));
    // The lock is gone once the first send has its answer: the next send goes out.
    assert.deepEqual(readdirSync(dir).filter((name) => name.endsWith('.lock')), []);
    const again = await runCliProcess(['send', path, '--gateway', gateway.url, '--yes'], { env });
    assert.equal(again.code, 0, again.stderr);
    assert.equal(gateway.requests.length, before + 2);
  } finally {
    release?.();
    gateway.options.hold = undefined;
  }
});

test('a lock left by a process that is gone is taken over; one held by a live process is respected', async () => {
  const path = join(dir, 'stale.json');
  writeFileSync(path, JSON.stringify(example('list'), null, 2));
  const lock = sendLockPath(path, '', dir);
  const env = { CM_PRODUCT_TOKEN: TOKEN, TMPDIR: dir };
  const gone = spawnSync(process.execPath, ['-e', '']).pid;
  writeFileSync(lock, JSON.stringify({ pid: gone, since: '2020-01-01T00:00:00Z' }));
  const before = gateway.requests.length;
  const taken = await runCliProcess(['send', path, '--gateway', gateway.url, '--yes'], { env });
  assert.equal(taken.code, 0, taken.stderr);
  assert.equal(gateway.requests.length, before + 1);
  assert.deepEqual(readdirSync(dir).filter((name) => name.includes('.lock')), []);

  writeFileSync(lock, JSON.stringify({ pid: process.pid, since: new Date().toISOString() }));
  const refused = await runCliProcess(['send', path, '--gateway', gateway.url, '--yes'], { env });
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, new RegExp(`already being sent by process ${process.pid};.*delete ${lock.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  assert.equal(gateway.requests.length, before + 1);
  rmSync(lock);
});
