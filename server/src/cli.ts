/**
 * `cm-interactive`: the command line over the same validation core as the language server.
 *   cm-interactive lint [--format text|json] FILE...
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { validateText, type Diagnostic } from './core/index';
import { standaloneHtml } from './render-html';
import { findChromium, screenshotHtml } from './screenshot';

const USAGE = `Usage:
  cm-interactive lint [--format text|json] FILE...
  cm-interactive render FILE [--out preview.html] [--png preview.png]

lint    checks CM.com WhatsApp interactive message payloads against the rule catalogue.
        Exit code: 0 no errors, 1 errors found, 2 usage error or unreadable file.
render  writes a standalone WhatsApp-style preview page (the same renderer as the VS Code
        preview); --png also screenshots it with a local Chromium.`;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
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
    let text: string;
    try {
      text = readFileSync(file === '-' ? 0 : file, 'utf8');
    } catch (error) {
      unreadable = true;
      io.stderr(`${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})\n`);
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
        io.stdout(`${file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity} ${d.code} ${d.message}\n`);
      }
    }
  }
  if (unreadable) return 2;
  return anyError ? 1 : 0;
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
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    io.stderr(`${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})\n`);
    return 2;
  }
  const result = validateText(text);
  if (!result.isPayload) {
    io.stderr(`${file}: not a CM payload (no top-level "messages"); nothing to render\n`);
    return 2;
  }
  const html = standaloneHtml(result, basename(file));
  const htmlPath = out ?? (png ? join(tmpdir(), `cm-preview-${process.pid}.html`) : 'preview.html');
  writeFileSync(htmlPath, html);
  if (out || !png) io.stdout(`Wrote ${htmlPath}\n`);
  if (png) {
    const chromium = findChromium();
    if (!chromium) {
      io.stderr(`No local Chromium found (looked at ${process.env.CHROMIUM_PATH ? `CHROMIUM_PATH=${process.env.CHROMIUM_PATH}` : '/usr/bin/chromium, /usr/bin/chromium-browser, /usr/bin/google-chrome'}); install one (Debian: apt-get install chromium) or set CHROMIUM_PATH. ${htmlPath} was written.\n`);
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
  }).then((code) => {
    process.exitCode = code;
  });
}
