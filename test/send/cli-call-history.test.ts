/**
 * `cm-interactive send` keeps a call permission history (CALL-RATE / SEND-CALL-RATE) in the
 * user's state folder, as the VS Code Send command keeps one in globalState: repeated sends of
 * a call permission request to the loopback gateway hit WhatsApp's limits, and --yes never
 * answers the limits' question by itself.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { FakeCmGateway } from '../gateway/cm-gateway';
import { runCliProcess } from '../helpers/cli';
import { example, ROOT } from '../helpers/payloads';

const TOKEN = '0b7c6f52-8a4e-4f0e-b2a1-6c3d9e8f7a65';
const root = mkdtempSync(join(tmpdir(), 'cm-calls-'));
// This file's own copy of the example, and its own temp folder for the send lock: another
// test sending the repository's example at the same moment must not meet this one's lock.
const CALL = join(root, 'call-permission-request.json');
writeFileSync(CALL, readFileSync(join(ROOT, 'examples', 'call-permission-request.json')));
const LOCKS = { TMPDIR: root };
let gateway: FakeCmGateway;

before(async () => (gateway = await new FakeCmGateway({ tokens: [TOKEN] }).start()));
after(async () => {
  await gateway.stop();
  rmSync(root, { recursive: true, force: true });
});

let states = 0;
function stateDir(): string {
  const dir = join(root, `state-${++states}`);
  return dir;
}

function send(state: string, ...extra: string[]) {
  return runCliProcess(['send', CALL, '--gateway', gateway.url, '--yes', ...extra], { env: { ...LOCKS, CM_PRODUCT_TOKEN: TOKEN, CM_INTERACTIVE_STATE_DIR: state } });
}

test('five sends of a call permission request: the first goes, the others hit CALL-RATE and are refused (exit 1); --over-call-limit sends anyway', async () => {
  const state = stateDir();
  const before = gateway.requests.length;
  const codes: (number | null)[] = [];
  const errors: string[] = [];
  for (let i = 0; i < 5; i++) {
    const { code, stderr } = await send(state);
    codes.push(code);
    errors.push(stderr);
  }
  assert.deepEqual(codes, [0, 1, 1, 1, 1], errors.join('\n'));
  assert.equal(gateway.requests.length, before + 1, 'only the first send reached the gateway');
  for (const stderr of errors.slice(1)) {
    assert.equal(stderr, "Not sent: WhatsApp's call permission limits (CALL-RATE): 00316012345678: a call permission request was already sent in the last 24 hours (WhatsApp allows 1 per 24 h). A request over the limit is not delivered. Add --over-call-limit to send anyway, or --call-connected if a call with them connected since (the limits start again).\n");
  }
  // The history: one file in the state folder, private, with the one send.
  const file = join(state, 'call-history.json');
  const history = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(history.sends['00316098765432|00316012345678'].length, 1);
  assert.equal(statSync(file).mode & 0o777, 0o600);

  const anyway = await send(state, '--over-call-limit');
  assert.equal(anyway.code, 0, anyway.stderr);
  assert.equal(gateway.requests.length, before + 2);
  assert.equal(JSON.parse(readFileSync(file, 'utf8')).sends['00316098765432|00316012345678'].length, 2);
  // Two in 7 days now: the weekly limit, and a connected call starts the limits again.
  const third = await send(state);
  assert.equal(third.code, 1);
  const connected = await send(state, '--call-connected');
  assert.equal(connected.code, 0, connected.stderr);
  assert.equal(gateway.requests.length, before + 3);
});

test('a corrupt call history: a clear note, nothing sent under --yes, the file left alone; --dry-run still works', async () => {
  const state = stateDir();
  mkdirSync(state, { recursive: true });
  const file = join(state, 'call-history.json');
  writeFileSync(file, '{ not json');
  const before = gateway.requests.length;
  const { code, stderr } = await send(state);
  assert.equal(code, 1, stderr);
  assert.equal(stderr, `Note: the call history ${file} is not valid JSON; fix or delete it. Until then call permission requests are neither checked against WhatsApp's limits (CALL-RATE) nor recorded.\nNot sent: The call permission limits (CALL-RATE) cannot be checked. Add --over-call-limit to send anyway, or --call-connected if a call with them connected since (the limits start again).\n`);
  assert.equal(gateway.requests.length, before);
  const anyway = await send(state, '--over-call-limit');
  assert.equal(anyway.code, 0, anyway.stderr);
  assert.equal(gateway.requests.length, before + 1);
  assert.equal(readFileSync(file, 'utf8'), '{ not json', 'never overwritten');
  const dry = await runCliProcess(['send', CALL, '--dry-run'], { env: { ...LOCKS, CM_INTERACTIVE_STATE_DIR: state } });
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stderr, /Note: The call permission limits \(CALL-RATE\) cannot be checked\./);
});

test('a file without call permission requests neither reads nor writes the history; XDG_STATE_HOME is the default home of it', async () => {
  const state = stateDir();
  const list = join(root, 'list.json');
  writeFileSync(list, JSON.stringify(example('list')));
  const sent = await runCliProcess(['send', list, '--gateway', gateway.url, '--yes'], { env: { ...LOCKS, CM_PRODUCT_TOKEN: TOKEN, CM_INTERACTIVE_STATE_DIR: state } });
  assert.equal(sent.code, 0, sent.stderr);
  assert.equal(existsSync(state), false);
  const xdg = join(root, 'xdg');
  const env = { ...LOCKS, CM_PRODUCT_TOKEN: TOKEN, CM_INTERACTIVE_STATE_DIR: '', XDG_STATE_HOME: xdg };
  const first = await runCliProcess(['send', CALL, '--gateway', gateway.url, '--yes'], { env });
  assert.equal(first.code, 0, first.stderr);
  assert.ok(existsSync(join(xdg, 'cm-interactive', 'call-history.json')));
  const second = await runCliProcess(['send', CALL, '--gateway', gateway.url, '--yes'], { env });
  assert.equal(second.code, 1);
});
