/**
 * The product token never reaches what lint and render write: a diagnostic quoting a field
 * that holds it, the shared preview page, JSON output, in any field and in its JSON form.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { redact } from '../../shared/core/safe-text';
import { BIN } from '../helpers/cli';
import { example } from '../helpers/payloads';

const ENV_TOKEN = '0b7c6f52-8a4e-4f0e-b2a1-6c3d9e8f7a65';
const FILE_TOKEN = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const dir = mkdtempSync(join(tmpdir(), 'cm-tokens-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: dir, env: { ...process.env, CM_PRODUCT_TOKEN: ENV_TOKEN } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function assertNoToken(text: string) {
  for (const token of [ENV_TOKEN, FILE_TOKEN]) assert.ok(!text.includes(token), `a token is shown: ${text.slice(0, 500)}`);
}

/** A payload with the token written in it, and copied into fields that diagnostics quote. */
function leakyFile(): string {
  const payload = example('list');
  payload.messages.authentication = { productToken: FILE_TOKEN };
  payload.messages.msg[0].from = FILE_TOKEN;
  payload.messages.msg[0].reference = ENV_TOKEN;
  payload.messages.msg[0].to[0].number = FILE_TOKEN;
  const path = join(dir, 'leaky.json');
  writeFileSync(path, JSON.stringify(payload, null, 2));
  return path;
}

test('lint: diagnostics that quote a field holding a token show *** instead, in text and JSON', () => {
  const path = leakyFile();
  const text = run(['lint', path]);
  assert.equal(text.code, 1);
  assert.match(text.stdout, /error ENV-FROM Sender "\*\*\*" is not valid/);
  assert.match(text.stdout, /error ENV-REFERENCE Reference "\*\*\*" is not valid/);
  assertNoToken(text.stdout + text.stderr);
  const json = run(['lint', '--format', 'json', path]);
  assert.equal(json.code, 1);
  assert.ok(JSON.parse(json.stdout).files[0].diagnostics.length >= 3);
  assertNoToken(json.stdout + json.stderr);
});

test('render: the page made for reviewers holds neither token, and still shows the rest', () => {
  const path = leakyFile();
  const out = join(dir, 'leaky.html');
  const { code, stdout, stderr } = run(['render', path, '--out', out]);
  assert.equal(code, 0, stderr);
  assertNoToken(stdout + stderr);
  const html = readFileSync(out, 'utf8');
  assertNoToken(html);
  assert.match(html, /"productToken":"\*\*\*"/);
  assert.match(html, /Fietsenmaker Centrum/);
});

test('redact masks a text equal to a secret, and a secret inside a text in plain and JSON-escaped form', () => {
  assert.equal(redact('ab', 'ab'), '***');
  assert.equal(redact('a tab', 'ab'), 'a tab');
  assert.equal(redact(`token ${FILE_TOKEN}.`, FILE_TOKEN), 'token ***.');
  const odd = 'se"cr\\et';
  assert.equal(redact(JSON.stringify({ t: odd }), odd), '{"t":"***"}');
});
