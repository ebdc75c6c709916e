/**
 * `npm run bench`: one table of what users feel, each figure against its target (PASS/MISS).
 * Never part of `npm test`. Machine and Node version are printed with it.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { validateText } from '../server/src/core/index';
import { mediaAssets, standaloneHtml } from '../server/src/render-html';
import { launchChromium } from '../test/helpers/browser';
import { LspClient, SERVER_AS_VSCODE_STARTS_IT } from '../test/helpers/lsp-client';
import { createAnchor } from './anchor';
import { generatePayload, SIZES } from './generate';
import { median, percentile, timeSync } from './measure';

const ROOT = join(__dirname, '..');
type Row = { what: string; value: string; target: string; pass: boolean | undefined };
const rows: Row[] = [];
const ms = (n: number) => `${n.toFixed(1)} ms`;
const row = (what: string, value: string, target = '', pass?: boolean) => rows.push({ what, value, target, pass });

async function core(): Promise<void> {
  const anchor = createAnchor();
  for (const size of SIZES) {
    const text = generatePayload(size.messages);
    const ours = timeSync(() => validateText(text), { warmup: 3, runs: size.messages > 1000 ? 11 : 31 });
    for (let i = 0; i < 3; i++) await anchor(text);
    const anchorRuns: number[] = [];
    for (let i = 0; i < (size.messages > 1000 ? 7 : 21); i++) {
      const start = performance.now();
      await anchor(text);
      anchorRuns.push(performance.now() - start);
    }
    const theirs = median(anchorRuns);
    const ratio = ours / theirs;
    const label = `${size.name} (${size.messages} msg, ${(text.length / 1024).toFixed(0)} KB)`;
    row(`core, ${label}`, ms(ours), size.messages === 1 ? '≤ 2 ms' : '', size.messages === 1 ? ours <= 2 : undefined);
    row(`anchor (vscode-json-languageservice), ${label}`, ms(theirs));
    row(`core / anchor, ${label}`, `${ratio.toFixed(2)}×`, size.messages > 1000 ? '≤ 0.5×' : '', size.messages > 1000 ? ratio <= 0.5 : undefined);
  }
}

async function lsp(): Promise<void> {
  // Spawn → first diagnostics on a typical file: as VS Code starts the server, and through the bin.
  for (const [how, args] of [['as VS Code starts it', SERVER_AS_VSCODE_STARTS_IT], ['through the bin (other editors)', undefined]] as const) {
  const spawnRuns: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    const client = await LspClient.start({ args: args ? [...args] : undefined });
    const uri = 'file:///bench/typical.json';
    client.open(uri, readFileSync(join(ROOT, 'examples', 'list.json'), 'utf8').replace('"Book your appointment"', `"${'x'.repeat(61)}"`));
    await client.diagnostics(uri, (p) => p.diagnostics.length > 0);
    spawnRuns.push(performance.now() - start);
    await client.stop();
  }
  row(`LSP: spawn → first publishDiagnostics (2 KB file), ${how}`, ms(median(spawnRuns)), '≤ 300 ms', median(spawnRuns) <= 300);
  }

  const client = await LspClient.start({ args: [...SERVER_AS_VSCODE_STARTS_IT] });
  const uri = 'file:///bench/big.json';
  const text = generatePayload(2500);
  const opened = performance.now();
  client.open(uri, text);
  await client.diagnostics(uri, (p) => p.version === 1);
  row('LSP: open 5 MB → publishDiagnostics', ms(performance.now() - opened));
  // One character typed into a body text and removed again, 40 times.
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes('"text": "') && l.includes('Order 1200'));
  const character = lines[line].indexOf('Order 1200');
  const latencies: number[] = [];
  for (let i = 0; i < 40; i++) {
    const insert = i % 2 === 0;
    const start = performance.now();
    const version = client.change(uri, [
      insert
        ? { range: { start: { line, character }, end: { line, character } }, text: 'a' }
        : { range: { start: { line, character }, end: { line, character: character + 1 } }, text: '' },
    ]);
    await client.diagnostics(uri, (p: PublishDiagnosticsParams) => p.version === version);
    latencies.push(performance.now() - start);
  }
  row('LSP: keystroke → diagnostics in 5 MB, p50', ms(percentile(latencies, 50)), '≤ 30 ms', percentile(latencies, 50) <= 30);
  row('LSP: keystroke → diagnostics in 5 MB, p95', ms(percentile(latencies, 95)));
  const status = readFileSync(`/proc/${client.process.pid}/status`, 'utf8');
  const peakKb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  row('server peak RSS with the 5 MB file', `${(peakKb / 1024).toFixed(0)} MB`, '≤ 150 MB', peakKb / 1024 <= 150);
  await client.stop();
}

/** First contentful paint of a page served from memory, and our renderer's own time in it. */
async function paint(browser: Browser, html: string): Promise<{ fcp: number; render: number }> {
  const page = await browser.newPage();
  await page.route(/^https?:\/\//, (route) =>
    route.request().url() === 'http://preview.bench/' ? route.fulfill({ contentType: 'text/html', body: html }) : route.abort(),
  );
  await page.goto('http://preview.bench/', { waitUntil: 'load' });
  // A string, not a function: the TypeScript loader would add helpers the page lacks.
  const result = (await page.evaluate(`new Promise((resolve) => {
    const poll = () => {
      const entry = performance.getEntriesByName('first-contentful-paint')[0];
      const render = performance.getEntriesByName('cm-render')[0];
      if (entry) resolve({ fcp: entry.startTime, render: render ? render.duration : 0 }); else requestAnimationFrame(poll);
    };
    poll();
  })`)) as { fcp: number; render: number };
  await page.close();
  return result;
}

async function preview(): Promise<void> {
  const browser = await launchChromium();
  const assets = mediaAssets(join(ROOT, 'media'));
  const floor: number[] = [];
  for (let i = 0; i < 9; i++) floor.push((await paint(browser, '<!DOCTYPE html><html><body><p>x</p></body></html>')).fcp);
  row('browser floor: an empty page → first contentful paint', ms(median(floor.slice(2))));
  for (const messages of [1, 100]) {
    const html = standaloneHtml(validateText(generatePayload(messages)), 'bench', assets);
    const runs: { fcp: number; render: number }[] = [];
    for (let i = 0; i < 9; i++) runs.push(await paint(browser, html));
    const fcp = median(runs.slice(2).map((r) => r.fcp));
    const target = messages === 1 ? 50 : 300;
    const label = `${messages} message${messages === 1 ? '' : 's'}`;
    row(`preview: ${label} → first contentful paint (Chromium)`, ms(fcp), `≤ ${target} ms`, fcp <= target);
    row(`preview: ${label}, the renderer's own time`, ms(median(runs.slice(2).map((r) => r.render))));
  }
  await browser.close();
}

function sizes(): void {
  const vsix = join(tmpdir(), `cm-interactive-bench-${process.pid}.vsix`);
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'package.mjs'), vsix], { stdio: 'ignore' });
  const vsixBytes = statSync(vsix).size;
  const bundle = (file: string) => statSync(join(ROOT, '.vsix-stage', 'dist', 'client', file)).size;
  const activationBytes = bundle('extension.js');
  const languageClientBytes = bundle('language-client.js');
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
  row('VSIX size', kb(vsixBytes), '≤ 600 KB', vsixBytes <= 600 * 1024);
  row('client bundle loaded on activation (every JSON file)', kb(activationBytes), '≤ 300 KB', activationBytes <= 300 * 1024);
  // vscode-languageclient, loaded once the first payload is open (with the server process).
  row('+ language client bundle, loaded for the first payload', kb(languageClientBytes));
  row('client total once a payload is open', kb(activationBytes + languageClientBytes));
}

async function main(): Promise<void> {
  // The production build is what users run (minified renderer and bundles).
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--production'], { stdio: 'inherit' });
  process.stdout.write(`cm-interactive benchmarks — ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores), Node ${process.version}\n\n`);
  await core();
  await lsp();
  await preview();
  sizes();
  const width = Math.max(...rows.map((r) => r.what.length));
  process.stdout.write(`${'measure'.padEnd(width)}  ${'value'.padStart(10)}  ${'target'.padEnd(10)}  result\n`);
  for (const r of rows) {
    process.stdout.write(`${r.what.padEnd(width)}  ${r.value.padStart(10)}  ${r.target.padEnd(10)}  ${r.pass === undefined ? '' : r.pass ? 'PASS' : 'MISS'}\n`);
  }
}

void main();
