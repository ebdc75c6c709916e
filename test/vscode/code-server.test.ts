/**
 * Real VS Code here: code-server (VS Code 1.100's workbench and extension host, installed
 * offline by scripts/install-code-server.sh) with our built extension and a test-harness
 * extension beside it. Chromium (playwright-core) opens the workbench, which starts the
 * extension host; the harness runs the mocha suite and writes its results, which become
 * the tests below. Then the UI test drives the workbench like a person.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import { build } from 'esbuild';
import type { Browser, Frame, Page } from 'playwright-core';
import { launchChromium, outputDir } from '../helpers/browser';
import { freePort } from '../helpers/net';
import { ROOT } from '../helpers/payloads';
import { limit, TIME_SCALE, waitUntil } from '../helpers/timing';
import { openFile, runCommand } from '../helpers/workbench';
import { FakeCmGateway } from '../gateway/cm-gateway';
import type { SuiteResult } from './harness/run';

const CODE_SERVER = join(ROOT, '.vscode-test', 'code-server', 'node_modules', '.bin', 'code-server');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const shots = outputDir('vscode');

let work: string;
let workspace: string;
let pristine: string;
let server: ChildProcess | undefined;
let serverLog = '';
let browser: Browser;
let page: Page;
let results: SuiteResult;
let packageOutput = '';
const TOKEN = '3f2a1b0c-9d8e-4f7a-b6c5-d4e3f2a1b0c9';
const gateway = new FakeCmGateway({ tokens: [TOKEN] });


/** Our extension exactly as users get it: `npm run package`, then code-server --install-extension. */
function installVsix(extensions: string): { vsix: string; packageOutput: string } {
  const vsix = join(work, 'cm-interactive.vsix');
  const packaged = spawnSync(process.execPath, [join(ROOT, 'scripts/package.mjs'), vsix], { encoding: 'utf8' });
  assert.equal(packaged.status, 0, `npm run package failed:\n${packaged.stdout}\n${packaged.stderr}`);
  const installed = spawnSync(CODE_SERVER, ['--extensions-dir', extensions, '--user-data-dir', join(work, 'user-data'), '--install-extension', vsix], { encoding: 'utf8' });
  assert.equal(installed.status, 0, `install failed:\n${installed.stdout}\n${installed.stderr}`);
  return { vsix, packageOutput: packaged.stdout };
}

async function stageHarness(into: string, config: Record<string, unknown>): Promise<void> {
  const target = join(into, 'cm-interactive.test-harness-0.0.1');
  mkdirSync(target, { recursive: true });
  writeFileSync(join(target, 'package.json'), JSON.stringify({
    name: 'test-harness', publisher: 'cm-interactive', version: '0.0.1', engines: { vscode: '^1.100.0' },
    activationEvents: ['onStartupFinished'], main: './extension.js', extensionDependencies: ['cm-interactive.cm-interactive'],
  }));
  writeFileSync(join(target, 'harness-config.json'), JSON.stringify(config));
  const common = { bundle: true, platform: 'node' as const, format: 'cjs' as const, target: 'node20', external: ['vscode', 'mocha'], logLevel: 'warning' as const };
  await build({ ...common, entryPoints: [join(ROOT, 'test/vscode/harness/extension.ts')], outfile: join(target, 'extension.js') });
  await build({ ...common, entryPoints: [join(ROOT, 'test/vscode/suite/extension.test.ts')], outfile: join(target, 'suite.js') });
}

/** Polls the workbench (or the harness's results) until `probe` has something; says what the server logged on failure. */
function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs: number): Promise<T> {
  return waitUntil(what, probe, (value) => value !== undefined, timeoutMs).catch((error: Error) => {
    throw new Error(`${error.message}\n--- code-server log ---\n${serverLog.slice(-4000)}`);
  }) as Promise<T>;
}

/** The UI tests' copies still in the workspace; each is removed after its test. */
const uiCopies: string[] = [];

/** A UI test's own copy of the examples and fixtures, in the workspace, removed after the test. */
function uiCopy(name: string): string {
  const folder = join(workspace, `ui-${name}`);
  cpSync(pristine, folder, { recursive: true });
  uiCopies.push(folder);
  return folder;
}

describe('real VS Code (code-server)', { timeout: limit(900_000) }, () => {
  before(async () => {
    const install = spawnSync('bash', [join(ROOT, 'scripts/install-code-server.sh')], { encoding: 'utf8' });
    assert.equal(install.status, 0, `code-server install failed:\n${install.stdout}\n${install.stderr}`);
    assert.ok(existsSync(CODE_SERVER));

    await gateway.start();
    work = mkdtempSync(join(tmpdir(), 'cm-vscode-'));
    const extensions = join(work, 'extensions');
    workspace = join(work, 'workspace');
    pristine = join(work, 'pristine');
    const resultsPath = join(work, 'results.json');
    // Tests copy from here: nothing a test edits is seen by another.
    cpSync(join(ROOT, 'examples'), join(pristine, 'examples'), { recursive: true });
    cpSync(join(ROOT, 'test/fixtures'), join(pristine, 'fixtures'), { recursive: true });
    mkdirSync(workspace, { recursive: true });
    // The harness first: the VSIX install then records both in extensions.json.
    await stageHarness(extensions, { mochaPath: require.resolve('mocha'), resultsPath, gatewayUrl: gateway.url, token: TOKEN, pristine, timeScale: TIME_SCALE });
    ({ packageOutput } = installVsix(extensions));
    mkdirSync(join(work, 'user-data', 'User'), { recursive: true });
    writeFileSync(join(work, 'user-data', 'User', 'settings.json'), JSON.stringify({
      'workbench.startupEditor': 'none', 'security.workspace.trust.enabled': false, 'telemetry.telemetryLevel': 'off',
      'extensions.autoUpdate': false, 'extensions.autoCheckUpdates': false, 'workbench.tips.enabled': false, 'window.commandCenter': false,
      // code-server's web build autosaves by default: an edit must stay in its test.
      'files.autoSave': 'off', 'files.hotExit': 'off',
      'cmInteractive.gateway.url': gateway.url, 'cmInteractive.testRecipients': ['00316012345678'],
    }));

    const port = await freePort();
    server = spawn(CODE_SERVER, [
      '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
      '--user-data-dir', join(work, 'user-data'), '--extensions-dir', extensions, workspace,
    ], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    server.stdout!.on('data', (c) => (serverLog += String(c)));
    server.stderr!.on('data', (c) => (serverLog += String(c)));
    await waitFor('code-server to listen', () => (/HTTP server listening/.test(serverLog) ? true : undefined), 60_000);

    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
    results = await waitFor('the suite results', () => (existsSync(resultsPath) ? JSON.parse(readFileSync(resultsPath, 'utf8')) as SuiteResult : undefined), 480_000);
  });

  after(async () => {
    await gateway.stop();
    await browser?.close();
    if (server?.pid) {
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    if (work) rmSync(work, { recursive: true, force: true });
  });

  afterEach(async (t) => {
    if (!page || !t.name.startsWith('UI:')) return;
    // What the workbench showed at the end of the test: the first thing to look at when it failed.
    await page.screenshot({ path: join(shots, `end-of-${t.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}.png`) }).catch(() => undefined);
    // Each UI test leaves the workbench as it found it: no editors, no panel (the next test's
    // commands act on the active editor, which a focused Output panel would shadow), no copy.
    await runCommand(page, 'View: Close All Editors').catch(() => undefined);
    await runCommand(page, 'View: Hide Panel').catch(() => undefined);
    for (const folder of uiCopies.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  test('the VSIX is small and holds the bundled output only', () => {
    const [, bytes, count] = /: (\d+) bytes \(\d+ KB\), (\d+) files/.exec(packageOutput) ?? [];
    assert.ok(Number(bytes) > 0 && Number(bytes) <= 600 * 1024, `VSIX size ${bytes}`);
    const files = packageOutput.split('\n').filter((l) => l.startsWith('  ')).map((l) => l.trim());
    assert.equal(files.length, Number(count));
    for (const expected of ['package.json', 'dist/client/extension.js', 'dist/client/language-client.js', 'dist/client/reply.js', 'dist/server/server.js', 'dist/server/server-features.js', 'media/webview.js', 'media/preview.css', 'schemas/interactive.schema.json']) {
      assert.ok(files.includes(expected), `${expected} in the VSIX`);
    }
    for (const file of files) assert.doesNotMatch(file, /(^|\/)(src|test|node_modules)\/|\.map$|\.ts$/, `${file} must not ship`);
    assert.ok(existsSync(join(work, 'extensions', `${pkg.publisher}.${pkg.name}-${pkg.version}`, 'dist', 'server', 'server.js')), 'installed by code-server');
  });

  test('the extension-host suite ran and passed', async (t) => {
    assert.ok(results.tests.length >= 10, `only ${results.tests.length} tests ran`);
    for (const result of results.tests) {
      await t.test(result.title, () => {
        if (result.state === 'failed') assert.fail(result.error);
      });
    }
    assert.equal(results.failed, 0, results.tests.filter((r) => r.state === 'failed').map((r) => `${r.title}\n${r.error}`).join('\n\n'));
  });

  test('UI: open an invalid payload, see its problems, open the preview', async () => {
    uiCopy('problems');
    await openFile(page, 'ui-problems/fixtures/invalid-buttons.json');
    // Its two problems, underlined in the editor.
    await waitFor('2 error squiggles in the editor', async () => ((await page.locator('.monaco-editor .squiggly-error').count()) === 2 ? true : undefined), 30_000);
    await page.screenshot({ path: join(shots, 'problems.png') });

    await runCommand(page, 'CM: Open Preview to the Side');
    const frame = await previewFrame((f) => f.locator('.wa-bubble').count().then((n) => n > 0));
    assert.equal(await frame.locator('.wa-body').first().textContent(), 'Your parcel arrives tomorrow. Will someone be home?');
    assert.deepEqual(await frame.locator('.wa-reply').allTextContents(), ['Yes, deliver it to me!!', 'Neighbour 👍']);
    assert.equal(await frame.locator('.wa-violation-error').count(), 2);
    // The webview's own CSP: scripts only with the nonce, nothing inline, images only from https.
    const csp = (await frame.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')) ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-[A-Za-z0-9+/=]{20,}'/);
    assert.match(csp, /img-src https: /);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    await page.screenshot({ path: join(shots, 'preview.png') });
    await previewClickSelectsJson(frame);
    // The tap is the customer's too: their reply bubble, and the webhook CM would post for it.
    assert.equal(await frame.locator('.wa-out .wa-out-text').textContent(), 'Neighbour 👍');
    const webhook = JSON.parse((await frame.locator('.cm-webhook-json').textContent()) ?? '{}');
    assert.deepEqual(webhook.message?.custom?.interactive?.button_reply, { id: 'neighbour', title: 'Neighbour 👍' });
    assert.equal(await frame.locator('.cm-webhook-post').isVisible(), true, 'the webview offers to post it');
    await page.screenshot({ path: join(shots, 'customer-reply.png') });
    // The editor's cursor is now in the second button: the preview highlights it.
    await waitFor('the highlight in the preview', async () => ((await frame.locator('.wa-highlighted').count()) > 0 ? true : undefined), 10_000);
  });

  test('UI: store the token, send, confirm, and read CM\'s answer in the CM Messages output (never the token)', async () => {
    uiCopy('send');
    const before = gateway.requests.length;
    await runCommand(page, 'CM: Set Product Token');
    // The palette's box becomes the password box: wait for its title before typing.
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'CM.com product token' }).waitFor({ timeout: limit(10_000) });
    await page.locator('.quick-input-widget input').fill(TOKEN);
    await page.keyboard.press('Enter');
    await page.locator('.notifications-toasts', { hasText: 'CM product token stored' }).waitFor({ timeout: limit(10_000) });
    await openFile(page, 'ui-send/examples/location-request.json');
    await runCommand(page, 'CM: Send Message');
    const dialog = page.locator('.monaco-dialog-box');
    await waitUntil('the send confirmation', () => dialog.textContent({ timeout: 1000 }).catch(() => ''), (text) => /Send 1 message to 1 recipient/.test(text ?? ''), 20_000);
    const confirm = dialog.locator('.monaco-button', { hasText: /^Send$/ });
    await page.screenshot({ path: join(shots, 'send-confirm.png') });
    await confirm.first().click();
    await waitFor('one request at the gateway', () => (gateway.requests.length > before ? true : undefined), 30_000);

    await runCommand(page, 'Output: Show Output Channels...');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'CM Messages' }).first().click();
    const output = page.locator('.part.panel .view-lines').first();
    const text = await waitFor('the CM Messages text', async () => {
      // The editor renders spaces as no-break spaces.
      const content = ((await output.textContent().catch(() => '')) ?? '').replace(/\u00a0/g, ' ');
      return /Accepted for 1 of 1 recipient/.test(content) ? content : undefined;
    }, 20_000);
    assert.match(text, /00316012345678\s*Accepted/);
    assert.ok(!text.includes(TOKEN), 'the token is not in the output channel');
    await page.screenshot({ path: join(shots, 'output.png') });
    const sent = gateway.requests.slice(before);
    assert.equal(sent.length, 1, 'exactly one POST');
    assert.equal(sent[0].headers['x-cm-producttoken'], TOKEN);
    assert.ok(!sent[0].body.includes(TOKEN), 'the token is in the header only');
    await runCommand(page, 'CM: Clear Product Token');
  });

  test('UI: the preview comes back after a window reload (webview serializer)', async () => {
    uiCopy('reload');
    await openFile(page, 'ui-reload/fixtures/invalid-buttons.json');
    await runCommand(page, 'CM: Open Preview to the Side');
    await previewFrame((f) => f.locator('.wa-reply').count().then((n) => n > 0));
    const reloaded = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame(), timeout: limit(30_000) });
    await runCommand(page, 'Developer: Reload Window');
    await reloaded;
    const frame = await previewFrame((f) => f.locator('.wa-reply').count().then((n) => n > 0), 90_000);
    assert.deepEqual(await frame.locator('.wa-reply').allTextContents(), ['Yes, deliver it to me!!', 'Neighbour 👍']);
  });
});

/** The webview frame for which `has` holds (frames come and go while the workbench works). */
function previewFrame(has: (frame: Frame) => Promise<boolean>, timeoutMs = 30_000): Promise<Frame> {
  return waitFor('the preview webview', async () => {
    for (const frame of page.frames()) {
      if (await has(frame).catch(() => false)) return frame;
    }
    return undefined;
  }, timeoutMs);
}



/** Two-way link: clicking the second button in the preview selects its JSON in the editor. */
async function previewClickSelectsJson(frame: Frame): Promise<void> {
  await frame.locator('.wa-reply-title').nth(1).click();
  await waitFor('the selection in the editor', async () => {
    const selected = await page.locator('.monaco-editor .selected-text').count();
    return selected > 0 ? true : undefined;
  }, 10_000);
}
