/** `cm-interactive render` as a real process: the standalone page, the PNG, and no Chromium. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { EXAMPLES, ROOT } from '../helpers/payloads';

const BIN = join(ROOT, 'bin', 'cm-interactive.js');
const dir = mkdtempSync(join(tmpdir(), 'cm-render-'));

function run(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: dir, env });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('render --out writes a standalone page with the renderer, the payload and a strict CSP', () => {
  const out = join(dir, 'list.html');
  const { code, stdout } = run(['render', join(EXAMPLES, 'list.json'), '--out', out]);
  assert.equal(code, 0);
  assert.equal(stdout, `Wrote ${out}\n`);
  const html = readFileSync(out, 'utf8');
  assert.match(html, /Content-Security-Policy" content="default-src 'none'; img-src https:; style-src 'nonce-/);
  assert.match(html, /<script id="cm-payload" type="application\/json">\{"value":\{"messages"/);
  assert.match(html, /Fietsenmaker Centrum/);
});

test('render --png screenshots the page with the local Chromium', () => {
  const png = join(dir, 'flow.png');
  const { code, stdout, stderr } = run(['render', join(EXAMPLES, 'flow.json'), '--png', png]);
  assert.equal(code, 0, stderr);
  assert.equal(stdout, `Wrote ${png}\n`);
  const bytes = readFileSync(png);
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.ok(bytes.length > 5000);
});

test('render --png alone leaves no page behind; without a Chromium it keeps the page in a temporary file and says where', () => {
  const temp = mkdtempSync(join(tmpdir(), 'cm-render-tmp-'));
  const pages = () => readdirSync(temp).filter((name) => name.startsWith('cm-preview-'));
  const shot = run(['render', join(EXAMPLES, 'list.json'), '--png', join(dir, 'list.png')], { ...process.env, TMPDIR: temp });
  assert.equal(shot.code, 0, shot.stderr);
  assert.deepEqual(pages(), []);
  const missing = run(['render', join(EXAMPLES, 'list.json'), '--png', join(dir, 'none.png')], { ...process.env, TMPDIR: temp, CHROMIUM_PATH: '/nonexistent/chromium' });
  assert.equal(missing.code, 2);
  const [kept] = pages();
  assert.ok(kept, 'the page was kept');
  assert.ok(missing.stderr.includes(`${join(temp, kept)} was written.`), missing.stderr);
});

test('render --png without a Chromium says so clearly and still writes the page', () => {
  const out = join(dir, 'no-chromium.html');
  const { code, stderr } = run(['render', join(EXAMPLES, 'flow.json'), '--out', out, '--png', join(dir, 'x.png')], { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium' });
  assert.equal(code, 2);
  assert.match(stderr, /No local Chromium found \(looked at CHROMIUM_PATH=\/nonexistent\/chromium\); install one/);
  assert.ok(existsSync(out));
  assert.ok(!existsSync(join(dir, 'x.png')));
});

test('render refuses a non-payload and an unreadable file', () => {
  assert.equal(run(['render', join(ROOT, 'package.json')]).code, 2);
  assert.equal(run(['render', join(dir, 'missing.json')]).code, 2);
  assert.equal(run(['render']).code, 2);
});
