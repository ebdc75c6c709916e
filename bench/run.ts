/**
 * `npm run bench`: one table of what users feel, each figure against its target (PASS/MISS).
 * Never part of `npm test`. Machine and Node version are printed with it.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CodeLensRequest, DocumentSymbolRequest, HoverRequest, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { validateText } from '../server/src/core/index';
import type { ToWebview } from '../client/src/preview/protocol';
import { mediaAssets, standaloneHtml, toPreviewDiagnostics } from '../server/src/render-html';
import { launchChromium, webviewPage } from '../test/helpers/browser';
import { LspClient, SERVER_AS_VSCODE_STARTS_IT } from '../test/helpers/lsp-client';
import { validPayloadOfSize } from '../test/helpers/payloads';
import { createAnchor } from './anchor';
import { generatePayload, SIZES } from './generate';
import { median, percentile, timeAsync, timeSync } from './measure';
import { firstPaint, updateToPaint } from './preview-paint';

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
    const theirs = await timeAsync(() => anchor(text), { warmup: 3, runs: size.messages > 1000 ? 7 : 21 });
    const ratio = ours / theirs;
    const label = `${size.messages} msg, ${(text.length / 1024).toFixed(0)} KB`;
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
  // One character typed into a body text, then removed again: edit `i` of a series.
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes('"text": "') && l.includes('Order 1200'));
  const character = lines[line].indexOf('Order 1200');
  const keystroke = async (i: number) => {
    const version = client.change(uri, [
      i % 2 === 0
        ? { range: { start: { line, character }, end: { line, character } }, text: 'a' }
        : { range: { start: { line, character }, end: { line, character: character + 1 } }, text: '' },
    ]);
    await client.diagnostics(uri, (p: PublishDiagnosticsParams) => p.version === version);
  };
  const latencies: number[] = [];
  for (let i = 0; i < 40; i++) {
    const start = performance.now();
    await keystroke(i);
    latencies.push(performance.now() - start);
  }
  row('LSP: keystroke → diagnostics in 5 MB, p50', ms(percentile(latencies, 50)), '≤ 30 ms', percentile(latencies, 50) <= 30);
  row('LSP: keystroke → diagnostics in 5 MB, p95', ms(percentile(latencies, 95)));
  // After a pause in typing VS Code also asks for the outline (breadcrumbs) and the code lenses.
  const outline: number[] = [];
  const lenses: number[] = [];
  for (let i = 0; i < 10; i++) {
    await keystroke(i);
    let start = performance.now();
    await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
    outline.push(performance.now() - start);
    start = performance.now();
    await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
    lenses.push(performance.now() - start);
  }
  row('LSP: outline (documentSymbol) after an edit in 5 MB', ms(median(outline)));
  row('LSP: code lens after an edit in 5 MB', ms(median(lenses)));
  const status = readFileSync(`/proc/${client.process.pid}/status`, 'utf8');
  const peakKb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  row('server peak RSS with the 5 MB file (edits, outline, code lens)', `${(peakKb / 1024).toFixed(0)} MB`, '≤ 150 MB', peakKb / 1024 <= 150);
  await storm(client, uri, line, character);
  await client.stop();
  await bigFile();
}

/** 2,000 edits sent at once into the 5 MB file, a hover after every 100: what typing storms cost. */
async function storm(client: LspClient, uri: string, line: number, character: number): Promise<void> {
  // On the body text being typed into: its live count.
  const hoverAt = { line, character: character - 2 };
  const before = client.publications(uri).length;
  const start = performance.now();
  const { last, hovers } = client.storm(uri, { line, character }, hoverAt);
  await client.diagnostics(uri, (p) => p.version === last, 300_000);
  const latencies = (await Promise.all(hovers)).map((answer) => answer.ms);
  row('LSP: storm of 2,000 edits in the 5 MB file → newest version published', ms(performance.now() - start));
  row('LSP: publications during that storm', String(client.publications(uri).length - before), '≤ 200', client.publications(uri).length - before <= 200);
  row('LSP: hover during that storm, p50 / max', `${ms(percentile(latencies, 50))} / ${ms(Math.max(...latencies))}`);
}

/** A lint-clean payload just under the 20 MB limit, as VS Code starts the server (160 MB heap). */
async function bigFile(): Promise<void> {
  const client = await LspClient.start({ args: [...SERVER_AS_VSCODE_STARTS_IT] });
  const uri = 'file:///bench/valid-20.json';
  const text = validPayloadOfSize(19.9 * 1024 * 1024);
  let start = performance.now();
  client.open(uri, text);
  await client.diagnostics(uri, (p) => p.version === 1, 300_000);
  row('LSP: open a lint-clean 19.9 MB file → diagnostics', ms(performance.now() - start));
  const at = text.indexOf('"ref500"');
  const position = { line: text.slice(0, at).split('\n').length - 1, character: 22 };
  start = performance.now();
  await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
  row('LSP: first hover in it', ms(performance.now() - start));
  start = performance.now();
  const version = client.change(uri, [{ range: { start: position, end: position }, text: 'x' }]);
  await client.diagnostics(uri, (p) => p.version === version, 300_000);
  row('LSP: one edit → diagnostics in it', ms(performance.now() - start));
  start = performance.now();
  await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
  row('LSP: outline of it (5,000 symbols at most)', ms(performance.now() - start));
  const status = readFileSync(`/proc/${client.process.pid}/status`, 'utf8');
  row('server peak RSS with it (open, hover, edit, outline)', `${(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024).toFixed(0)} MB`);
  await client.stop();
}

async function preview(): Promise<void> {
  const browser = await launchChromium();
  const media = join(ROOT, 'media');
  const assets = mediaAssets(media);
  const webview = webviewPage(media);
  const floor: number[] = [];
  for (let i = 0; i < 9; i++) floor.push((await firstPaint(browser, '<!DOCTYPE html><html><body><p>x</p></body></html>')).fcp);
  row('preview: browser floor, an empty page → first contentful paint', ms(median(floor.slice(2))));
  for (const messages of [1, 100]) {
    const label = `${messages} message${messages === 1 ? '' : 's'}`;
    // Live, as while typing: an update posted to the open webview until it is painted.
    const updates = Array.from({ length: 21 }, (_, i): ToWebview => {
      const result = validateText(generatePayload(messages, 42 + i));
      return { type: 'update', uri: 'file:///bench.json', version: i + 1, value: result.document.value, diagnostics: toPreviewDiagnostics(result.diagnostics), dark: false };
    });
    const painted = median((await updateToPaint(browser, webview, updates)).slice(3));
    const target = messages === 1 ? 50 : 300;
    row(`preview: ${label}, update → painted (webview)`, ms(painted), `≤ ${target} ms`, painted <= target);
    // Cold: a new page with the message in it (the CLI's standalone page), as opening the preview.
    const html = standaloneHtml(validateText(generatePayload(messages)), 'bench', assets);
    const runs: { fcp: number; render: number }[] = [];
    for (let i = 0; i < 9; i++) runs.push(await firstPaint(browser, html));
    row(`preview: ${label}, new page → first contentful paint`, ms(median(runs.slice(2).map((r) => r.fcp))));
    row(`preview: ${label}, the renderer's own time in it`, ms(median(runs.slice(2).map((r) => r.render))));
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
  // `npm run bench -- preview sizes` runs only those sections.
  const only = process.argv.slice(2);
  const sections = { core, lsp, preview, sizes };
  for (const [name, section] of Object.entries(sections)) if (only.length === 0 || only.includes(name)) await section();
  const width = Math.max(...rows.map((r) => r.what.length));
  process.stdout.write(`${'measure'.padEnd(width)}  ${'value'.padStart(10)}  ${'target'.padEnd(10)}  result\n`);
  for (const r of rows) {
    process.stdout.write(`${r.what.padEnd(width)}  ${r.value.padStart(10)}  ${r.target.padEnd(10)}  ${r.pass === undefined ? '' : r.pass ? 'PASS' : 'MISS'}\n`);
  }
}

void main();
