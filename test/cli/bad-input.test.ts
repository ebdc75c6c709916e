/**
 * Bad input and awkward outputs give a clear message and exit 2, never a stack trace:
 * files that are not UTF-8, endless or huge files, absurd nesting, outputs into missing
 * folders or onto folders; and `lint | head` keeps lint's exit code.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { BIN } from '../helpers/cli';
import { example } from '../helpers/payloads';

const dir = mkdtempSync(join(tmpdir(), 'cm-bad-input-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: dir, input: options.input, env: { ...process.env, ...options.env }, maxBuffer: 64 * 1024 * 1024 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function assertNoStack(text: string) {
  assert.doesNotMatch(text, /\n\s+at |RangeError|TypeError|Error:/, text);
}

const listText = JSON.stringify(example('list'), null, 2);

test('Latin-1 bytes are reported with where they are, exit 2, for lint, render and send', () => {
  const path = join(dir, 'latin1.json');
  const text = listText.replace('Fietsenmaker Centrum', 'Fietsenmaker Caf\u00e9');
  writeFileSync(path, Buffer.from(text, 'latin1'));
  const line = text.split('\n').findIndex((l) => l.includes('Caf\u00e9')) + 1;
  const column = text.split('\n')[line - 1].indexOf('\u00e9') + 1;
  for (const args of [['lint', path], ['render', path, '--out', join(dir, 'latin1.html')], ['send', path, '--dry-run']]) {
    const { code, stdout, stderr } = run(args);
    assert.equal(code, 2, `${args[0]}: ${stderr}`);
    assert.equal(stdout, '');
    assert.equal(stderr, `${path}: it is not valid UTF-8 (byte 0xE9 at line ${line}, column ${column}; Latin-1 or Windows-1252?); CM payloads are UTF-8 JSON: save the file as UTF-8\n`);
  }
  assert.ok(!existsSync(join(dir, 'latin1.html')));
});

test('a UTF-16 file is said to be UTF-16, with or without a byte order mark, exit 2', () => {
  const withBom = join(dir, 'utf16-bom.json');
  writeFileSync(withBom, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(listText, 'utf16le')]));
  const bare = join(dir, 'utf16.json');
  writeFileSync(bare, Buffer.from(listText, 'utf16le'));
  const a = run(['lint', withBom]);
  assert.equal(a.code, 2);
  assert.match(a.stderr, /utf16-bom\.json: it is UTF-16 \(byte order mark FF FE\); CM payloads are UTF-8 JSON/);
  const b = run(['lint', bare]);
  assert.equal(b.code, 2);
  assert.match(b.stderr, /utf16\.json: it holds NUL bytes \(the first at line 1, column 2\), as UTF-16 or binary files do/);
});

test('lint /dev/zero and a file over 20 MB stop at the limit with exit 2', () => {
  const zero = run(['lint', '/dev/zero']);
  assert.equal(zero.code, 2);
  assert.equal(zero.stderr, '/dev/zero: larger than 20 MB; a CM payload is far smaller, so it is not read\n');
  const big = join(dir, 'big.json');
  writeFileSync(big, listText + ' '.repeat(21 * 1024 * 1024));
  assert.equal(run(['lint', big]).code, 2);
});

test('standard input is read as before, a UTF-8 BOM included', () => {
  const { code, stdout, stderr } = run(['lint', '-'], { input: '\ufeff' + listText });
  assert.equal(code, 0, stderr);
  assert.equal(stdout, '');
});

test('100,000 valid nesting levels: render and send --dry-run say so and exit 2', () => {
  const payload = example('list');
  payload.messages.msg[0].customGrouping3 = '__DEEP__';
  const path = join(dir, 'deep.json');
  writeFileSync(path, JSON.stringify(payload).replace('"__DEEP__"', '['.repeat(100_000) + ']'.repeat(100_000)));
  for (const args of [['render', path, '--out', join(dir, 'deep.html')], ['send', path, '--dry-run']]) {
    const { code, stdout, stderr } = run(args);
    assert.equal(code, 2, stderr);
    assert.equal(stdout, '');
    // Render measures the depth itself; send's plan refuses what the core would not check (too complex).
    assert.match(stderr, /deep\.json: (nests objects and arrays more than 1000 levels deep|This message has more than 20,000 objects and arrays; it is not checked)/);
    assertNoStack(stderr);
  }
});

test('render --out creates a missing folder, like --png; onto a folder or under a file is a clear exit 2', () => {
  const source = join(dir, 'list.json');
  writeFileSync(source, listText);
  const nested = join(dir, 'new', 'deeper', 'list.html');
  const made = run(['render', source, '--out', nested]);
  assert.equal(made.code, 0, made.stderr);
  assert.match(readFileSync(nested, 'utf8'), /<!DOCTYPE html>/);

  const folder = join(dir, 'a-folder');
  mkdirSync(folder);
  for (const flag of ['--out', '--png']) {
    const onto = run(['render', source, flag, folder]);
    assert.equal(onto.code, 2, onto.stderr);
    assert.equal(onto.stderr, `${folder} is a folder; give a file name.\n`);
  }
  const underFile = run(['render', source, '--out', join(source, 'x.html')]);
  assert.equal(underFile.code, 2);
  assert.equal(underFile.stderr, `${join(source, 'x.html')}: cannot write the file (EEXIST: a part of the path is a file, not a folder)\n`);
});

test('lint | head -1 keeps lint\'s exit code 1 under pipefail, and so does a reader that closes at once', () => {
  const payload = example('reply-buttons');
  const msg = payload.messages.msg[0];
  msg.richContent.conversation[0].interactive.action.buttons[0].reply.title = 'Yes, deliver it to me!!';
  payload.messages.msg = Array.from({ length: 900 }, () => structuredClone(msg));
  const path = join(dir, 'many-errors.json');
  writeFileSync(path, JSON.stringify(payload, null, 2));
  const piped = spawnSync('bash', ['-o', 'pipefail', '-c', `"${process.execPath}" "${BIN}" lint "${path}" | head -1`], { encoding: 'utf8' });
  assert.equal(piped.stdout.split('\n').length, 2);
  assert.match(piped.stdout, /error BTN-TITLE/);
  assert.equal(piped.status, 1, piped.stderr);
  assert.equal(piped.stderr, '');
  const closed = spawnSync('bash', ['-o', 'pipefail', '-c', `"${process.execPath}" "${BIN}" lint "${path}" | true`], { encoding: 'utf8' });
  assert.equal(closed.status, 1, closed.stderr);
});
