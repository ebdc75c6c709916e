/**
 * `cm-interactive`: the command line over the same validation core as the language server.
 *   cm-interactive lint [--format text|json] FILE...
 */
import { readFileSync } from 'node:fs';
import { validateText, type Diagnostic } from './core/index';

const USAGE = `Usage:
  cm-interactive lint [--format text|json] FILE...

Checks CM.com WhatsApp interactive message payloads against the rule catalogue.
Exit code: 0 no errors, 1 errors found, 2 usage error or unreadable file.`;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export function runCli(argv: string[], io: CliIo): number {
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

/** Entry point of bin/cm-interactive.js. */
export function main(argv: string[]): void {
  // `cm-interactive lint … | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  process.exitCode = runCli(argv, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
}
