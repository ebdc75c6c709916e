/**
 * `npm start` for a new user: it prints the URL, the workbench answers, the demo gateway accepts
 * a send, the workspace settings point at this run's gateway (even over a stale file from an
 * earlier run), and a round of edits in the workbench leaves the checkout untouched.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { launchChromium } from '../helpers/browser';
import { freePort } from '../helpers/net';
import { ROOT } from '../helpers/payloads';
import { limit, waitUntil } from '../helpers/timing';
import { openFile } from '../helpers/workbench';

/**
 * What git says has changed where the demo could write: the examples it copies, and anything
 * new in the checkout (a developer's own edits elsewhere are not the demo's doing).
 */
function gitStatus(): string {
  const changed = spawnSync('git', ['status', '--porcelain', '--', 'examples'], { cwd: ROOT, encoding: 'utf8' }).stdout;
  const untracked = spawnSync('git', ['ls-files', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' }).stdout;
  return changed + untracked;
}

test('npm start serves VS Code on a scratch copy of the examples with this run\'s gateway, and leaves the checkout alone', { timeout: limit(420_000) }, async () => {
  const [port, gatewayPort] = [await freePort(), await freePort()];
  const demo = mkdtempSync(join(tmpdir(), 'cm-demo-'));
  const workspace = join(demo, 'workspace');
  // A stale settings file from an earlier run, pointing at a gateway that is gone.
  mkdirSync(join(workspace, '.vscode'), { recursive: true });
  writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'cmInteractive.gateway.url': 'http://127.0.0.1:9/v1.0/message', 'editor.fontSize': 15 }));
  const statusBefore = gitStatus();
  const child = spawn('npm', ['start'], { cwd: ROOT, env: { ...process.env, PORT: String(port), GATEWAY_PORT: String(gatewayPort), CM_DEMO_DIR: demo }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  const browser = await launchChromium();
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output}`)), limit(300_000));
      child.stdout.on('data', () => {
        const match = /Open (http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.on('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
    });
    assert.equal(url, `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`, 'the workbench opens the scratch copy, not the repository\'s examples');
    const settings = JSON.parse(readFileSync(join(workspace, '.vscode', 'settings.json'), 'utf8'));
    assert.equal(settings['cmInteractive.gateway.url'], `http://127.0.0.1:${gatewayPort}/v1.0/message`, 'rewritten on every start');
    assert.equal(settings['editor.fontSize'], 15, 'the user\'s own workspace settings are kept');
    const answer = await fetch(`http://127.0.0.1:${gatewayPort}/v1.0/message`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CM-PRODUCTTOKEN': '00000000-0000-0000-0000-000000000000' },
      body: JSON.stringify({ messages: { msg: [{ from: '00316098765432', to: [{ number: '00316012345678' }], body: { type: 'auto', content: 'x' } }] } }),
    });
    assert.equal((await answer.json()).errorCode, 0);

    // A round of edits, as a user tries things: open an example, type, save.
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    await page.goto(url);
    await openFile(page, 'reply-buttons.json');
    const editor = page.locator('.monaco-editor .view-lines').first();
    await editor.waitFor({ timeout: limit(30_000) });
    await editor.click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('{"edited": true, ');
    await page.keyboard.press('Control+S');
    const saved = await waitUntil('the edit saved in the scratch copy', () => readFileSync(join(workspace, 'reply-buttons.json'), 'utf8'), (text) => text.includes('"edited": true'), 30_000);
    assert.ok(saved.includes('"edited": true'));
    assert.ok(!readFileSync(join(ROOT, 'examples', 'reply-buttons.json'), 'utf8').includes('"edited"'), 'the repository\'s example is untouched');
    assert.equal(gitStatus(), statusBefore, 'git status is as it was before npm start');
  } finally {
    await browser.close();
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
    await waitUntil('npm start to stop', () => child.exitCode !== null || child.signalCode !== null, Boolean, 30_000).catch(() => undefined);
    rmSync(demo, { recursive: true, force: true });
  }
});
