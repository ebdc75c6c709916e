/**
 * Defects a QA pass found in the CLI, each pinned by the built CLI as a process: render never
 * overwrites its payload, payload values cannot forge an output line, a failed stdout write is
 * one line and exit 2, a byte order mark does not shift columns, one file is linted once,
 * a token a header cannot carry is a usage error, URL credentials are masked, and a media
 * host's reset is not blamed on CM.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { FakeCmGateway } from '../gateway/cm-gateway';
import { BIN, runCliProcess } from '../helpers/cli';
import { example } from '../helpers/payloads';

const TOKEN = '5f0c2b7e-93d1-4a8e-b6f4-2e7d1c9a8b30';
const dir = mkdtempSync(join(tmpdir(), 'cm-qa-hardening-'));
let gateway: FakeCmGateway;
/** A media host that resets every connection (RST) as soon as it is made. */
let resetHost: Server;

before(async () => {
  gateway = await new FakeCmGateway({ tokens: [TOKEN] }).start();
  resetHost = createServer((socket: Socket) => socket.resetAndDestroy());
  await new Promise<void>((resolve) => resetHost.listen(0, '127.0.0.1', resolve));
});
after(async () => {
  await gateway.stop();
  await new Promise((resolve) => resetHost.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

function run(args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: options.cwd ?? dir, env: { ...process.env, ...options.env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function assertNoStack(text: string) {
  assert.doesNotMatch(text, /\n\s+at |Error:/, text);
}

function writePayload(name: string, payload: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(payload, null, 2));
  return path;
}

test('render --out or --png onto the payload itself (same path, another path, a hard link) is refused with exit 2 and the payload kept', () => {
  const text = JSON.stringify(example('list'), null, 2);
  const victim = join(dir, 'victim.json');
  writeFileSync(victim, text);
  const hardLink = join(dir, 'victim-link.json');
  linkSync(victim, hardLink);
  for (const args of [
    ['render', victim, '--out', victim],
    ['render', victim, '--out', join(dir, '.', 'victim.json')],
    ['render', 'victim.json', '--out', `${dir}//victim.json`],
    ['render', victim, '--out', hardLink],
    ['render', victim, '--png', victim],
  ]) {
    const { code, stdout, stderr } = run(args);
    assert.equal(code, 2, `${args.join(' ')}: ${stdout}${stderr}`);
    assert.equal(stdout, '');
    assert.match(stderr, /^--(out|png) .* is the payload file .* itself; writing it would overwrite the payload: give another file name\.\n$/);
    assert.equal(readFileSync(victim, 'utf8'), text, args.join(' '));
  }
  // Another file is still written.
  const fine = run(['render', victim, '--out', join(dir, 'victim.html')]);
  assert.equal(fine.code, 0, fine.stderr);
  assert.equal(readFileSync(victim, 'utf8'), text);
});

test('line feeds, carriage returns and tabs in payload values are escaped in lint text and reply --list: no forged lines', () => {
  const from = example('list');
  from.messages.msg[0].from = 'AB\u001b[2J\r\nfake.json:1:1: error FORGED';
  const fromPath = writePayload('from-ctrl.json', from);
  const fromOut = run(['lint', fromPath]);
  assert.equal(fromOut.code, 1);
  assert.ok(!fromOut.stdout.split('\n').some((line) => line.startsWith('fake.json')), fromOut.stdout);
  assert.ok(fromOut.stdout.includes('AB\\u001b[2J\\u000d\\u000afake.json:1:1: error FORGED'), fromOut.stdout);

  const cta = example('cta-url');
  cta.messages.msg[0].richContent.conversation[0].interactive.action.buttons[0].url = 'java\tscript:alert(1)';
  const ctaOut = run(['lint', writePayload('cta-tab.json', cta)]);
  assert.equal(ctaOut.code, 1);
  assert.ok(!ctaOut.stdout.includes('\t'), ctaOut.stdout);
  assert.ok(ctaOut.stdout.includes('java\\u0009script:alert(1)'), ctaOut.stdout);
  const github = run(['lint', '--format', 'github', 'cta-tab.json']);
  assert.ok(!github.stdout.includes('\t') && github.stdout.includes('java\\u0009script:alert(1)'), github.stdout);

  const list = example('list');
  const row = list.messages.msg[0].richContent.conversation[0].interactive.action.sections[0].rows[0];
  row.id = 'id\tx\nmessage 9:';
  row.title = 'Ti\nme\u001b[31m';
  const listOut = run(['reply', writePayload('list-ctrl.json', list), '--list']);
  assert.equal(listOut.code, 0, listOut.stderr);
  assert.ok(!listOut.stdout.includes('\t'), listOut.stdout);
  assert.deepEqual(listOut.stdout.split('\n').filter((line) => line.startsWith('message')), ['message 1:']);
  assert.ok(listOut.stdout.includes('(Ti\\u000ame\\u001b[31m)'), listOut.stdout);
  for (const line of listOut.stdout.trimEnd().split('\n').slice(1)) assert.match(line, /^ {2}"/, line);
});

test('a failed stdout write (ENOSPC on /dev/full) is one line on stderr and exit 2 for lint (text, json, sarif, github) and reply', { skip: !existsSync('/dev/full') }, () => {
  const bad = example('list');
  bad.messages.msg[0].richContent.conversation[0].interactive.action.button = 'A button text that is far too long';
  const badPath = writePayload('full-bad.json', bad);
  const good = writePayload('full-good.json', example('list'));
  for (const [command, args] of [
    ['lint', ['lint', badPath]],
    ['lint', ['lint', '--format', 'json', good]],
    ['lint', ['lint', '--format', 'sarif', good]],
    ['lint', ['lint', '--format', 'github', badPath]],
    ['reply', ['reply', good, '--list']],
  ] as const) {
    const result = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" ${args.map((a) => `"${a}"`).join(' ')} > /dev/full`], { encoding: 'utf8' });
    assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
    assertNoStack(result.stderr);
    assert.equal(result.stderr, `cm-interactive ${command}: cannot write the output (ENOSPC: no space left on the device)\n`);
  }
});

test('a UTF-8 byte order mark does not shift line-1 columns in text, json, github and sarif', () => {
  const text = JSON.stringify(example('reply-buttons')).replace('"title":"Yes, I\'m home"', '"title":"Yes, I am home right now!!"');
  const plain = join(dir, 'min.json');
  const bom = join(dir, 'minbom.json');
  writeFileSync(plain, text);
  writeFileSync(bom, '\ufeff' + text);
  for (const format of ['text', 'json', 'github', 'sarif']) {
    const a = run(['lint', '--format', format, 'min.json']);
    const b = run(['lint', '--format', format, 'minbom.json']);
    assert.equal(a.code, 1, a.stdout + a.stderr);
    assert.equal(b.code, 1);
    assert.equal(b.stdout.replaceAll('minbom.json', 'min.json'), a.stdout, format);
  }
  assert.match(run(['lint', 'minbom.json']).stdout, /^minbom\.json:1:\d+: error BTN-TITLE /);
});

test('one file named twice, or reached again through a symbolic link, is linted once', () => {
  const bad = example('list');
  bad.messages.msg[0].richContent.conversation[0].interactive.action.button = 'A button text that is far too long';
  const tree = join(dir, 'loop');
  mkdirSync(join(tree, 'd'), { recursive: true });
  writeFileSync(join(tree, 'd', 'x.json'), JSON.stringify(bad, null, 2));
  symlinkSync('..', join(tree, 'd', 'up'));
  symlinkSync(join(tree, 'd', 'x.json'), join(dir, 'x-link.json'));

  const twice = run(['lint', 'loop/d/x.json', './loop/d/x.json', `${tree}/d/../d/x.json`, 'x-link.json']);
  assert.equal(twice.code, 1);
  assert.equal(twice.stdout.trimEnd().split('\n').length, 1, twice.stdout);
  assert.match(twice.stdout, /^loop\/d\/x\.json:/);

  const looped = run(['lint', 'loop']);
  assert.equal(looped.code, 1);
  assert.equal(looped.stdout.trimEnd().split('\n').length, 1, looped.stdout);
  assert.match(looped.stdout, /^loop\/d\/x\.json:/);

  const json = JSON.parse(run(['lint', '--format', 'json', 'loop', 'loop/d/x.json']).stdout);
  assert.equal(json.files.length, 1);
});

test('a token with CR/LF (or beyond Latin-1) is a usage error, exit 2, nothing sent and the token masked', async () => {
  const path = writePayload('token-crlf.json', example('list'));
  for (const token of [`${TOKEN}\r\nX-Injected: 1`, `${TOKEN}\u2028`]) {
    const before = gateway.requests.length;
    const { code, stdout, stderr } = await runCliProcess(['send', path, '--yes', '--gateway', gateway.url], { env: { CM_PRODUCT_TOKEN: token, TMPDIR: dir } });
    assert.equal(code, 2, stderr);
    assert.equal(stdout, '');
    assert.match(stderr, /^CM_PRODUCT_TOKEN has (a line break \(CR or LF\)|a character beyond Latin-1), which an HTTP header cannot carry: set it to the product token alone\. Nothing was sent\.\n$/);
    assert.ok(!stderr.includes(TOKEN));
    assert.equal(gateway.requests.length, before);
  }
});

test('credentials in a gateway URL are masked in the dry run and in error messages', async () => {
  const path = writePayload('creds.json', example('list'));
  const dry = run(['send', path, '--dry-run', '--gateway', 'https://alice:hunter2secret@gw.example.com/v1.0/message']);
  assert.equal(dry.code, 0, dry.stderr);
  assert.ok(dry.stdout.startsWith('POST https://***@gw.example.com/v1.0/message\n'), dry.stdout);
  assert.ok(!dry.stdout.includes('hunter2secret') && !dry.stdout.includes('alice'));

  const invalid = run(['send', path, '--dry-run', '--gateway', 'https://alice:hunter2secret@gw example/v1']);
  assert.equal(invalid.code, 2);
  assert.match(invalid.stderr, /https:\/\/\*\*\*@gw example/);
  assert.ok(!invalid.stderr.includes('hunter2secret'), invalid.stderr);
  const quoted = run(['send', path, '--dry-run', '--gateway', 'https://alice:hun"ter2\\secret@gw.example.com/v1']);
  assert.equal(quoted.code, 2);
  assert.ok(!quoted.stderr.includes('ter2') && quoted.stderr.includes('https://***@gw.example.com/v1'), quoted.stderr);

  const sent = await runCliProcess(['send', path, '--yes', '--gateway', gateway.url.replace('://', '://alice:hunter2secret@')], { env: { CM_PRODUCT_TOKEN: TOKEN, TMPDIR: dir } });
  assert.notEqual(sent.code, 0);
  assertNoStack(sent.stderr);
  assert.ok(!(sent.stdout + sent.stderr).includes('hunter2secret'), sent.stderr);
});

test('a media host that resets the connection is named as the media host, not CM', async () => {
  const payload = example('reply-buttons-image');
  payload.messages.msg[0].richContent.conversation[0].interactive.header.media.mediaUri = `http://127.0.0.1:${(resetHost.address() as AddressInfo).port}/img.jpg`;
  const path = writePayload('media-reset.json', payload);
  const { code, stdout, stderr } = await runCliProcess(['send', path, '--yes', '--despite-media-warnings', '--gateway', gateway.url], { env: { CM_PRODUCT_TOKEN: TOKEN, TMPDIR: dir } });
  assert.equal(code, 0, stdout + stderr);
  assert.match(stderr + `\n[stdout: ${stdout}]`, /warning SEND-MEDIA-REACHABLE http:\/\/127\.0\.0\.1:\d+\/img\.jpg could not be fetched \(((ECONNRESET: the connection was reset|UND_ERR_SOCKET: the connection was closed) before the media host answered|no answer in 10 s)\); CM would drop the message\n/);
  assert.doesNotMatch(stderr, /before CM answered/);
});
