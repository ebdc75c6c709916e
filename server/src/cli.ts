/**
 * `cm-interactive`: the command line over the same validation core as the language server.
 *   cm-interactive lint [--format text|json] FILE...
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { validateText, type Diagnostic, type ValidationResult } from './core/index';
import { fileToken, prepareRequest, redact } from './gateway/envelope';
import { checkGatewayUrl, DEFAULT_GATEWAY_URL, postMessages } from './gateway/gateway-client';
import { checkMedia, mediaReferences } from './gateway/media-check';
import { summarize } from './gateway/summary';
import { standaloneHtml } from './render-html';
import { chromiumCandidates, findChromium, screenshotHtml } from './screenshot';

const USAGE = `Usage:
  cm-interactive lint [--format text|json] FILE...
  cm-interactive render FILE [--out preview.html] [--png preview.png]
  cm-interactive send FILE [--gateway URL] [--dry-run] [--yes] [--timeout SECONDS]

lint    checks CM.com WhatsApp interactive message payloads against the rule catalogue.
        Exit code: 0 no errors, 1 errors found, 2 usage error or unreadable file.
render  writes a standalone WhatsApp-style preview page (the same renderer as the VS Code
        preview); --png also screenshots it with a local Chromium.
send    posts the file's messages to CM's gateway with the product token from the
        CM_PRODUCT_TOKEN environment variable (sent only in the X-CM-PRODUCTTOKEN header).
        Refuses files with errors; --dry-run prints the request with the token redacted;
        --yes skips the confirmation. Exit code: 0 all accepted, 1 refused or rejected,
        2 usage error, 3 outcome unknown (timeout: check CM's logs before sending again).`;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Asks a yes/no question on the terminal; undefined when there is no terminal to ask. */
  confirm?: (question: string) => Promise<boolean>;
  env?: NodeJS.ProcessEnv;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    io.stdout(USAGE + '\n');
    return 0;
  }
  if (command === '--version') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  if (command === 'lint') return lint(rest, io);
  if (command === 'render') return render(rest, io);
  if (command === 'send') return send(rest, io);
  io.stderr(`${command === undefined ? 'Missing command' : `Unknown command "${command}"`}.\n${USAGE}\n`);
  return 2;
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';

function lint(args: string[], io: CliIo): number {
  let format = 'text';
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg === '--format' ? args[++i] : arg.slice('--format='.length);
      if (value !== 'text' && value !== 'json') {
        io.stderr(`--format must be "text" or "json", not ${value === undefined ? 'nothing' : `"${value}"`}.\n${USAGE}\n`);
        return 2;
      }
      format = value;
    } else if (arg.startsWith('-') && arg !== '-') {
      io.stderr(`Unknown option "${arg}".\n${USAGE}\n`);
      return 2;
    } else {
      files.push(arg);
    }
  }
  if (files.length === 0) {
    io.stderr(`No file given.\n${USAGE}\n`);
    return 2;
  }

  let unreadable = false;
  let anyError = false;
  const results: { file: string; diagnostics: Diagnostic[] }[] = [];
  for (const file of files) {
    const text = readText(file, io);
    if (text === undefined) {
      unreadable = true;
      continue;
    }
    const result = validateText(text);
    if (!result.isPayload) io.stderr(`${file}: not a CM payload (no top-level "messages"); nothing to check\n`);
    if (result.diagnostics.some((d) => d.severity === 'error')) anyError = true;
    results.push({ file, diagnostics: result.diagnostics });
  }

  if (format === 'json') {
    const files = results.map(({ file, diagnostics }) => ({
      file,
      diagnostics: diagnostics.map(({ severity, code, message, path, range }) => ({ severity, code, message, path, range })),
    }));
    io.stdout(JSON.stringify({ files }) + '\n');
  } else {
    for (const { file, diagnostics } of results) {
      for (const d of diagnostics) {
        io.stdout(`${formatDiagnostic(file, d)}\n`);
      }
    }
  }
  if (unreadable) return 2;
  return anyError ? 1 : 0;
}

/** A file's text (`-`: stdin); undefined after saying why it can't be read. */
function readText(file: string, io: CliIo): string | undefined {
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    io.stderr(`${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})\n`);
    return undefined;
  }
}

/** `file:line:col: severity CODE message`, the format editors and CI logs link. */
function formatDiagnostic(file: string, d: Diagnostic): string {
  return `${file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity} ${d.code} ${d.message}`;
}

/** Reads and validates one file for render or send; undefined (after saying why) when it can't be used. */
function readPayload(file: string, verb: string, io: CliIo): ValidationResult | undefined {
  const text = readText(file, io);
  if (text === undefined) return undefined;
  const result = validateText(text);
  if (!result.isPayload) {
    io.stderr(`${file}: not a CM payload (no top-level "messages"); nothing to ${verb}\n`);
    return undefined;
  }
  return result;
}

async function render(args: string[], io: CliIo): Promise<number> {
  let out: string | undefined;
  let png: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--out' || arg === '--png') {
      const value = args[++i];
      if (!value) {
        io.stderr(`${arg} needs a file name.\n${USAGE}\n`);
        return 2;
      }
      if (arg === '--out') out = value;
      else png = value;
    } else if (arg.startsWith('-') && arg !== '-') {
      io.stderr(`Unknown option "${arg}".\n${USAGE}\n`);
      return 2;
    } else {
      files.push(arg);
    }
  }
  if (files.length !== 1) {
    io.stderr(`render takes exactly one file.\n${USAGE}\n`);
    return 2;
  }
  const [file] = files;
  const result = readPayload(file, 'render', io);
  if (!result) return 2;
  const html = standaloneHtml(result, basename(file));
  if (out || !png) {
    writeFileSync(out ?? 'preview.html', html);
    io.stdout(`Wrote ${out ?? 'preview.html'}\n`);
  }
  if (png) {
    const chromium = findChromium();
    if (!chromium) {
      // The page is kept (in a temporary file unless --out named one) so the work is not lost.
      const htmlPath = out ?? join(tmpdir(), `cm-preview-${process.pid}.html`);
      if (!out) writeFileSync(htmlPath, html);
      const looked = process.env.CHROMIUM_PATH ? `CHROMIUM_PATH=${process.env.CHROMIUM_PATH}` : chromiumCandidates().join(', ');
      io.stderr(`No local Chromium found (looked at ${looked}); install one (Debian: apt-get install chromium) or set CHROMIUM_PATH. ${htmlPath} was written.\n`);
      return 2;
    }
    try {
      await screenshotHtml(html, png, { executablePath: chromium });
    } catch (error) {
      io.stderr(`Could not take the screenshot: ${(error as Error).message}\n`);
      return 2;
    }
    io.stdout(`Wrote ${png}\n`);
  }
  return 0;
}

async function send(args: string[], io: CliIo): Promise<number> {
  let gateway = DEFAULT_GATEWAY_URL;
  let dryRun = false;
  let yes = false;
  let timeoutSeconds = 30;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--gateway') gateway = args[++i] ?? '';
    else if (arg === '--timeout') timeoutSeconds = Number(args[++i]);
    else if (arg === '--dry-run') dryRun = true;
    else if (arg === '--yes' || arg === '-y') yes = true;
    else if (arg.startsWith('-')) {
      io.stderr(`Unknown option "${arg}".\n${USAGE}\n`);
      return 2;
    } else files.push(arg);
  }
  if (files.length !== 1 || !gateway || !(timeoutSeconds > 0)) {
    io.stderr(`send takes one file, a --gateway URL and a positive --timeout.\n${USAGE}\n`);
    return 2;
  }
  const urlProblem = checkGatewayUrl(gateway);
  if (urlProblem) {
    io.stderr(`${urlProblem}\n`);
    return 2;
  }
  const [file] = files;
  const result = readPayload(file, 'send', io);
  if (!result) return 2;
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  const token = (io.env ?? process.env).CM_PRODUCT_TOKEN ?? '';
  const literal = fileToken(result.document.value);
  if (errors.length > 0) {
    for (const d of errors) io.stderr(redact(`${formatDiagnostic(file, d)}\n`, token, literal));
    io.stderr(`Not sent: ${errors.length} error${errors.length === 1 ? '' : 's'} that CM or WhatsApp would reject. Fix them first (cm-interactive lint ${file}).\n`);
    return 1;
  }
  const prepared = prepareRequest(result.document.value);
  if (literal) io.stderr(`Note: the product token written in ${file} is left out of the request; the token from CM_PRODUCT_TOKEN goes in the X-CM-PRODUCTTOKEN header.\n`);
  if (dryRun) {
    io.stdout(`POST ${gateway}\nContent-Type: application/json\nAccept: application/json\nX-CM-PRODUCTTOKEN: ***\n\n`);
    io.stdout(redact(JSON.stringify(prepared.body, null, 2), token, literal) + '\n');
    return 0;
  }
  if (!token.trim()) {
    io.stderr('No product token: set the CM_PRODUCT_TOKEN environment variable (it is sent only in the X-CM-PRODUCTTOKEN header).\n');
    return 2;
  }
  const media = await checkMedia(mediaReferences(prepared.body));
  for (const problem of media) io.stderr(`warning SEND-MEDIA-REACHABLE ${problem.message}\n`);
  if (!yes) {
    const question = `Send ${prepared.messageCount} message${prepared.messageCount === 1 ? '' : 's'} to ${prepared.recipients.length} recipient${prepared.recipients.length === 1 ? '' : 's'} via ${new URL(gateway).host}${media.length ? ' despite the media warnings' : ''}?`;
    if (!io.confirm) {
      io.stderr(`${question} There is no terminal to ask: add --yes to send.\n`);
      return 2;
    }
    if (!(await io.confirm(question))) {
      io.stderr('Not sent.\n');
      return 1;
    }
  }
  const outcome = await postMessages({ url: gateway, token, body: prepared.body, timeoutMs: timeoutSeconds * 1000 });
  const summary = summarize(outcome, prepared.recipients.length);
  const print = summary.severity === 'info' ? io.stdout : io.stderr;
  print(redact(`${summary.headline}\n${summary.details.map((line) => `  ${line}`).join('\n')}\n`, token, literal));
  if (summary.outcomeUnknown) return 3;
  return summary.severity === 'info' ? 0 : 1;
}

async function askOnTerminal(question: string): Promise<boolean> {
  const { createInterface } = await import('node:readline/promises');
  const terminal = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await terminal.question(`${question} [y/N] `)).trim());
  } finally {
    terminal.close();
  }
}

/** Entry point of bin/cm-interactive.js. */
export function main(argv: string[]): void {
  // `cm-interactive lint … | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  void runCli(argv, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    confirm: process.stdin.isTTY ? askOnTerminal : undefined,
  }).then((code) => {
    process.exitCode = code;
  });
}
