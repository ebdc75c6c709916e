/**
 * `cm-interactive`: the command line over the same validation core as the language server.
 *   cm-interactive lint [--format text|json|sarif|github] [--max-warnings N] [--quiet] FILE|DIR|GLOB...
 */
import { closeSync, mkdirSync, openSync, readSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { validateText, type Diagnostic, type ValidationResult } from '../../shared/core/index';
import { escapeLine, payloadSecrets, safeText } from '../../shared/core/safe-text';
import { MAX_NESTING, nestedDeeperThan } from '../../shared/send/envelope';
import { executeSend } from '../../shared/send/execute';
import { DEFAULT_GATEWAY_URL } from '../../shared/send/gateway-client';
import { planSend, type ReadyPlan, type Refusal } from '../../shared/send/plan';
import { standaloneHtml } from '../../shared/render/standalone-html';
import { chromiumCandidates, findChromium, screenshotHtml } from './screenshot';
import { callPermissionTargets } from '../../shared/send/call-history';
import { CallHistoryFile, stateDir } from './call-history-file';
import { acquireSendLock, sendLockPath } from './send-lock';
import { toGithubCommands } from './lint/github';
import { countProblems, summaryLine, type LintedFile } from './lint/report';
import { toSarif } from './lint/sarif';
import { collectLintTargets } from './lint/targets';
import { reply, REPLY_HELP, REPLY_USAGE } from './reply';

const USAGE = `Usage:
  cm-interactive lint [--format text|json|sarif|github] [--max-warnings N] [--quiet] FILE|DIR|GLOB...
  cm-interactive render FILE [--out preview.html] [--png preview.png]
  cm-interactive send FILE [--gateway URL] [--dry-run] [--yes] [--timeout SECONDS]
                      [--over-call-limit | --call-connected] [--despite-media-warnings]
${REPLY_USAGE}

lint    checks CM.com WhatsApp interactive message payloads against the rule catalogue.
        Directories are searched for JSON files (not node_modules or .git) and glob patterns
        expanded; found files that are not payloads are skipped and counted. --format sarif
        is for GitHub code scanning, --format github for Actions annotations; --quiet shows
        errors only; --max-warnings N fails above N warnings.
        Exit code: 0 no errors, 1 errors found (or too many warnings), 2 usage error,
        unreadable file or output that could not be written.
render  writes a standalone WhatsApp-style preview page (the same renderer as the VS Code
        preview); --png also screenshots it with a local Chromium.
send    posts the file's messages to CM's gateway with the product token from the
        CM_PRODUCT_TOKEN environment variable (sent only in the X-CM-PRODUCTTOKEN header).
        Refuses files with errors; --dry-run prints the request with the token redacted;
        --yes skips the confirmation; nothing (not even a media check) goes out before it.
        One send of a file at a time. Call permission requests are checked against
        WhatsApp's limits (1 per recipient per 24 h, 2 per 7 days; CALL-RATE) with a local
        history ($CM_INTERACTIVE_STATE_DIR, else $XDG_STATE_HOME/cm-interactive, else
        ~/.local/state/cm-interactive: call-history.json); over a limit it asks, and --yes
        alone refuses (exit 1): add --over-call-limit to send anyway, or --call-connected
        when a call connected since (the limits start again). Each mediaUri is checked
        (SEND-MEDIA-REACHABLE: CM drops a message whose media it cannot fetch); after a
        warning it asks, and --yes alone refuses (exit 1, nothing sent): add
        --despite-media-warnings to send anyway.
        Exit code: 0 all accepted, 1 refused or rejected,
        2 usage error or unusable file, 3 outcome unknown (timeout, redirect, unreadable
        answer: check CM's logs before sending again).
${REPLY_HELP}`;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Asks a yes/no question on the terminal; undefined when there is no terminal to ask. */
  confirm?: (question: string) => Promise<boolean>;
  env?: NodeJS.ProcessEnv;
  /** Standard output is a terminal (a person reads it): lint closes with a summary line. */
  stdoutIsTerminal?: boolean;
}

/** What the commands write through: every text is masked and escaped on its way out. */
interface Output {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  confirm?: (question: string) => Promise<boolean>;
  env: NodeJS.ProcessEnv;
  stdoutIsTerminal: boolean;
  /** The token from the environment and every token written in a file read so far. */
  secrets: Set<string>;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const env = io.env ?? process.env;
  const secrets = new Set<string>(env.CM_PRODUCT_TOKEN ? [env.CM_PRODUCT_TOKEN] : []);
  const out: Output = {
    stdout: (text) => io.stdout(safeText(maskUrlCredentials(text), secrets)),
    stderr: (text) => io.stderr(safeText(maskUrlCredentials(text), secrets)),
    confirm: io.confirm && ((question) => io.confirm!(safeText(maskUrlCredentials(question), secrets))),
    env,
    stdoutIsTerminal: io.stdoutIsTerminal ?? false,
    secrets,
  };
  const [command, ...rest] = argv;
  try {
    if (command === '--help' || command === '-h' || command === 'help') {
      out.stdout(USAGE + '\n');
      return 0;
    }
    if (command === '--version') {
      out.stdout(`${VERSION}\n`);
      return 0;
    }
    if (command === 'lint') return lint(rest, out);
    if (command === 'render') return await render(rest, out);
    if (command === 'send') return await send(rest, out);
    if (command === 'reply') return await reply(rest, out, (file) => readPayload(file, 'reply to', out), USAGE);
  } catch (error) {
    // Never a stack trace: what went wrong, in one line.
    out.stderr(`cm-interactive ${command}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  out.stderr(`${command === undefined ? 'Missing command' : `Unknown command "${command}"`}.\n${USAGE}\n`);
  return 2;
}

/**
 * URLs with their credentials masked (`https://***@host/…`): a `--gateway` or `--webhook` URL
 * with `user:password@` is shown in a dry run and in messages, never its password.
 */
export function maskUrlCredentials(text: string): string {
  // Not across a quote or backslash: JSON output stays JSON (a password with those is percent-encoded in a URL).
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"\\]+@/gi, '$1***@');
}

/** A parsed URL's user and password as `***` (whatever characters they hold); the text as it is when it does not parse. */
function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password) return url;
    parsed.username = '***';
    parsed.password = '';
    return parsed.href.replace('%2A%2A%2A@', '***@');
  } catch {
    return url;
  }
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';

const LINT_FORMATS = ['text', 'json', 'sarif', 'github'] as const;
type LintFormat = (typeof LINT_FORMATS)[number];

interface LintOptions {
  format: LintFormat;
  maxWarnings: number | undefined;
  quiet: boolean;
  patterns: string[];
}

/** The options of `lint`, or a usage problem in words. */
function lintOptions(args: string[]): LintOptions | string {
  const options: LintOptions = { format: 'text', maxWarnings: undefined, quiet: false, patterns: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const valued = /^(--format|--max-warnings)(?:=(.*))?$/.exec(arg);
    if (valued) {
      const value = valued[2] ?? args[++i];
      if (valued[1] === '--format') {
        if (!LINT_FORMATS.includes(value as LintFormat)) return `--format must be one of ${LINT_FORMATS.join(', ')}, not ${value === undefined ? 'nothing' : `"${value}"`}.`;
        options.format = value as LintFormat;
      } else {
        if (value === undefined || !/^\d+$/.test(value)) return `--max-warnings needs a whole number of warnings, not ${value === undefined ? 'nothing' : `"${value}"`}.`;
        options.maxWarnings = Number(value);
      }
    } else if (arg === '--quiet') {
      options.quiet = true;
    } else if (arg.startsWith('-') && arg !== '-') {
      return `Unknown option "${arg}".`;
    } else {
      options.patterns.push(arg);
    }
  }
  return options.patterns.length === 0 ? 'No file, directory or pattern given.' : options;
}

function lint(args: string[], io: Output): number {
  const options = lintOptions(args);
  if (typeof options === 'string') {
    io.stderr(`${options}\n${USAGE}\n`);
    return 2;
  }
  const { targets, unmatched } = collectLintTargets(options.patterns);
  for (const pattern of unmatched) io.stderr(`${pattern}: no JSON files found\n`);

  let unreadable = unmatched.length > 0;
  let skipped = 0;
  const results: LintedFile[] = [];
  for (const { file, named } of targets) {
    const text = readText(file, io);
    if (text === undefined) {
      unreadable = true;
      continue;
    }
    // A `*.cm.json` file is a payload by its name, as in the editor (cmInteractive.files' default):
    // without top-level "messages" it is ENV-MSG, not skipped, so a misspelt key fails CI.
    const result = validate(text, io, PAYLOAD_NAME.test(file));
    if (!result.isPayload) {
      // Found in a directory or by a pattern: other JSON (package.json, tsconfig.json) is not ours.
      if (!named) {
        skipped++;
        continue;
      }
      io.stderr(`${escapeLine(file)}: not a CM payload (no top-level "messages"); nothing to check\n`);
    }
    results.push({ file, diagnostics: result.diagnostics });
  }
  if (skipped > 0) io.stderr(`${skipped} JSON file${skipped === 1 ? '' : 's'} skipped: not CM payloads (no top-level "messages")\n`);

  const counts = countProblems(results);
  const shown = options.quiet ? results.map((r) => ({ ...r, diagnostics: r.diagnostics.filter((d) => d.severity === 'error') })) : results;
  writeLintReport(shown, options.format, io);
  // A closing line for people; pipes and CI logs get exactly the report.
  if (options.format === 'text' && io.stdoutIsTerminal) io.stdout(`\n${summaryLine(counts, skipped)}\n`);

  if (unreadable) return 2;
  if (counts.errors > 0) return 1;
  if (options.maxWarnings !== undefined && counts.warnings > options.maxWarnings) {
    io.stderr(`${counts.warnings} warning${counts.warnings === 1 ? '' : 's'}: more than --max-warnings ${options.maxWarnings}\n`);
    return 1;
  }
  return 0;
}

function writeLintReport(files: LintedFile[], format: LintFormat, io: Output): void {
  if (format === 'json') {
    const json = files.map(({ file, diagnostics }) => ({
      file,
      diagnostics: diagnostics.map(({ severity, code, message, path, range }) => ({ severity, code, message, path, range })),
    }));
    io.stdout(JSON.stringify({ files: json }) + '\n');
  } else if (format === 'sarif') {
    io.stdout(JSON.stringify(toSarif(files, VERSION), null, 2) + '\n');
  } else if (format === 'github') {
    for (const command of toGithubCommands(files)) io.stdout(`${command}\n`);
  } else {
    for (const { file, diagnostics } of files) {
      for (const d of diagnostics) io.stdout(`${formatDiagnostic(file, d)}\n`);
    }
  }
}

/** Larger files are refused unread: a CM request is a few kilobytes (and /dev/zero never ends). */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

/**
 * A file's text (`-`: stdin), decoded as strict UTF-8; undefined after saying why it can't
 * be used (unreadable, too large, not UTF-8).
 */
function readText(file: string, io: Output): string | undefined {
  let bytes: Buffer | undefined;
  try {
    bytes = readLimited(file, MAX_FILE_BYTES);
  } catch (error) {
    io.stderr(`${escapeLine(file)}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})\n`);
    return undefined;
  }
  if (!bytes) {
    io.stderr(`${escapeLine(file)}: larger than ${MAX_FILE_BYTES / 1024 / 1024} MB; a CM payload is far smaller, so it is not read\n`);
    return undefined;
  }
  const problem = encodingProblem(bytes);
  if (problem) {
    io.stderr(`${escapeLine(file)}: ${problem}; CM payloads are UTF-8 JSON: save the file as UTF-8\n`);
    return undefined;
  }
  // A UTF-8 byte order mark is hidden by editors: the lines and columns printed are counted without it.
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The text validated; the tokens written in it are masked in everything printed from then on. */
/** The name of a payload file by convention: the editor's default cmInteractive.files (`*.cm.json` anywhere). */
const PAYLOAD_NAME = /\.cm\.json$/i;

function validate(text: string, io: Output, assumePayload = false): ValidationResult {
  const result = validateText(text, { assumePayload });
  for (const secret of payloadSecrets(result.document.value)) io.secrets.add(secret);
  return result;
}

/** At most `limit` bytes of a file; undefined when there are more. */
function readLimited(file: string, limit: number): Buffer | undefined {
  const fd = file === '-' ? 0 : openSync(file, 'r');
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, limit + 1 - size));
      let read: number;
      try {
        read = readSync(fd, chunk, 0, chunk.length, null);
      } catch (error) {
        // A non-blocking standard input: wait for it.
        if ((error as NodeJS.ErrnoException).code === 'EAGAIN') {
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
          continue;
        }
        throw error;
      }
      if (read === 0) return Buffer.concat(chunks, size);
      chunks.push(chunk.subarray(0, read));
      size += read;
      if (size > limit) return undefined;
    }
  } finally {
    if (fd !== 0) closeSync(fd);
  }
}

/** Why `bytes` are not UTF-8 text, with where; undefined when they are. */
function encodingProblem(bytes: Buffer): string | undefined {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return `it is UTF-16 (byte order mark ${bytes[0].toString(16).toUpperCase()} ${bytes[1].toString(16).toUpperCase()})`;
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) return `it holds NUL bytes (the first at ${where(bytes, nul)}), as UTF-16 or binary files do`;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return undefined;
  } catch {
    // Valid sequences survive a lenient round trip unchanged: the first difference is the first bad byte.
    const again = Buffer.from(bytes.toString('utf8'), 'utf8');
    let at = 0;
    while (at < bytes.length && bytes[at] === again[at]) at++;
    return `it is not valid UTF-8 (byte 0x${bytes[at].toString(16).toUpperCase().padStart(2, '0')} at ${where(bytes, at)}; Latin-1 or Windows-1252?)`;
  }
}

/** "line L, column C" (1-based, column in characters) of a byte offset. */
function where(bytes: Buffer, offset: number): string {
  const lineStart = offset === 0 ? 0 : bytes.lastIndexOf(0x0a, offset - 1) + 1;
  let line = 1;
  for (let i = bytes.indexOf(0x0a); i >= 0 && i < offset; i = bytes.indexOf(0x0a, i + 1)) line++;
  return `line ${line}, column ${bytes.subarray(lineStart, offset).toString('utf8').length + 1}`;
}

/** `file:line:col: severity CODE message`, the format editors and CI logs link. */
function formatDiagnostic(file: string, d: Diagnostic): string {
  return `${escapeLine(file)}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity} ${escapeLine(d.code)} ${escapeLine(d.message)}`;
}

/** Reads and validates one file for render; undefined (after saying why) when it can't be used. */
function readPayload(file: string, verb: string, io: Output): ValidationResult | undefined {
  const text = readText(file, io);
  if (text === undefined) return undefined;
  const result = validate(text, io);
  if (!result.isPayload) {
    io.stderr(`${escapeLine(file)}: not a CM payload (no top-level "messages"); nothing to ${verb}\n`);
    return undefined;
  }
  if (nestedDeeperThan(result.document.value, MAX_NESTING)) {
    io.stderr(`${escapeLine(file)}: nests objects and arrays more than ${MAX_NESTING} levels deep; a CM payload needs about 10, so there is nothing to ${verb}\n`);
    return undefined;
  }
  return result;
}

/** One rule for every file render writes: missing folders are made, a folder or an unwritable path is a clear error. */
function writeOutput(path: string, data: string | Uint8Array, io: Output): boolean {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, data);
    return true;
  } catch (error) {
    io.stderr(`${path}: cannot write the file (${describeFsError(error)})\n`);
    return false;
  }
}

/** Before any work: an output that names a folder is refused. */
function outputProblem(path: string): string | undefined {
  try {
    if (statSync(path).isDirectory()) return `${path} is a folder; give a file name`;
  } catch {
    // Missing: it will be written.
  }
  return undefined;
}

/** The same file by device and inode (also through another path or a link); false when either is missing. */
function sameFile(a: string, b: string): boolean {
  try {
    const [x, y] = [statSync(a), statSync(b)];
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

/** Before any work: an output that is the payload itself (or both outputs one file) would overwrite it. */
function outputClash(file: string, htmlOut: string | undefined, png: string | undefined): string | undefined {
  for (const [option, path] of [['--out', htmlOut], ['--png', png]] as const) {
    if (path && file !== '-' && sameFile(path, file)) return `${option} ${path} is the payload file ${file} itself; writing it would overwrite the payload: give another file name`;
  }
  if (htmlOut && png && (htmlOut === png || sameFile(htmlOut, png))) return `--out and --png name the same file ${png}; give each its own file name`;
  return undefined;
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const meanings: Record<string, string> = {
    EISDIR: 'it is a folder',
    ENOTDIR: 'a part of the path is a file, not a folder',
    EEXIST: 'a part of the path is a file, not a folder',
    EACCES: 'permission denied',
    EPERM: 'not permitted',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on the device',
  };
  return code ? `${code}${meanings[code] ? `: ${meanings[code]}` : ''}` : (error as Error).message;
}

async function render(args: string[], io: Output): Promise<number> {
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
  const htmlOut = out ?? (png ? undefined : 'preview.html');
  const problem = [htmlOut, png].flatMap((path) => (path ? outputProblem(path) ?? [] : []))[0];
  if (problem) {
    io.stderr(`${problem}.\n`);
    return 2;
  }
  const [file] = files;
  const clash = outputClash(file, htmlOut, png);
  if (clash) {
    io.stderr(`${clash}.\n`);
    return 2;
  }
  const result = readPayload(file, 'render', io);
  if (!result) return 2;
  const html = standaloneHtml(result, basename(file), undefined, [...io.secrets]);
  if (htmlOut) {
    if (!writeOutput(htmlOut, html, io)) return 2;
    io.stdout(`Wrote ${htmlOut}\n`);
  }
  if (png) {
    const chromium = findChromium();
    if (!chromium) {
      // The page is kept (in a temporary file unless --out named one) so the work is not lost.
      const htmlPath = htmlOut ?? join(tmpdir(), `cm-preview-${process.pid}.html`);
      if (!htmlOut && !writeOutput(htmlPath, html, io)) return 2;
      const looked = process.env.CHROMIUM_PATH ? `CHROMIUM_PATH=${process.env.CHROMIUM_PATH}` : chromiumCandidates().join(', ');
      io.stderr(`No local Chromium found (looked at ${looked}); install one (Debian: apt-get install chromium) or set CHROMIUM_PATH. ${htmlPath} was written.\n`);
      return 2;
    }
    let image: Uint8Array;
    try {
      image = await screenshotHtml(html, { executablePath: chromium });
    } catch (error) {
      io.stderr(`Could not take the screenshot: ${(error as Error).message}\n`);
      return 2;
    }
    if (!writeOutput(png, image, io)) return 2;
    io.stdout(`Wrote ${png}\n`);
  }
  return 0;
}

/** --timeout in seconds: whole milliseconds that a timer can hold, and no longer than an hour. */
const TIMEOUT_RANGE = { min: 0.001, max: 3600 };

async function send(args: string[], io: Output): Promise<number> {
  let gateway = DEFAULT_GATEWAY_URL;
  let dryRun = false;
  let yes = false;
  let despiteMedia = false;
  let callRate: CallRateAnswer | undefined;
  let timeoutSeconds = 30;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--gateway') gateway = args[++i] ?? '';
    else if (arg === '--timeout') timeoutSeconds = Number(args[++i]);
    else if (arg === '--dry-run') dryRun = true;
    else if (arg === '--yes' || arg === '-y') yes = true;
    else if (arg === '--despite-media-warnings') despiteMedia = true;
    else if (arg === '--over-call-limit' || arg === '--call-connected') {
      const answer = arg === '--over-call-limit' ? 'over-limit' : 'call-connected';
      if (callRate && callRate !== answer) {
        io.stderr(`--over-call-limit and --call-connected are two answers to one question: give one.\n${USAGE}\n`);
        return 2;
      }
      callRate = answer;
    }
    else if (arg.startsWith('-') && arg !== '-') {
      io.stderr(`Unknown option "${arg}".\n${USAGE}\n`);
      return 2;
    } else files.push(arg);
  }
  if (files.length !== 1 || !gateway) {
    io.stderr(`send takes one file and a --gateway URL.\n${USAGE}\n`);
    return 2;
  }
  if (!(timeoutSeconds >= TIMEOUT_RANGE.min && timeoutSeconds <= TIMEOUT_RANGE.max)) {
    io.stderr(`--timeout is in seconds, from ${TIMEOUT_RANGE.min} to ${TIMEOUT_RANGE.max}.\n${USAGE}\n`);
    return 2;
  }
  // The URL's `user:password` is masked like a token wherever it is printed, whatever it holds.
  const credentials = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)@/i.exec(gateway)?.[1];
  if (credentials) io.secrets.add(credentials);
  const [file] = files;
  const text = readText(file, io);
  if (text === undefined) return 2;
  const { isPayload, diagnostics, document } = validate(text, io);
  const token = io.env.CM_PRODUCT_TOKEN ?? '';
  const tokenProblem = dryRun ? undefined : headerValueProblem(token);
  if (tokenProblem) {
    io.stderr(`CM_PRODUCT_TOKEN has ${tokenProblem}, which an HTTP header cannot carry: set it to the product token alone. Nothing was sent.\n`);
    return 2;
  }
  // The call history is read only for a file that asks for call permission.
  const history = isPayload && callPermissionTargets(document.value).length > 0 ? new CallHistoryFile(stateDir(io.env)) : undefined;
  const plan = planSend({
    validation: { isPayload, diagnostics, value: document.value },
    gatewayUrl: gateway,
    token: dryRun ? 'not-needed' : token.trim() ? 'present' : 'missing',
    listRecipients: false,
    callHistory: history && !history.problem ? history.get() : undefined,
  });
  if (plan.kind === 'refused') return printRefusals(file, plan.refusals, io);
  if (history?.problem) {
    // Its limits cannot be checked: a question like the limits' own, and nothing is recorded in it.
    io.stderr(`Note: the call history ${history.path} ${history.problem}; fix or delete it. Until then call permission requests are neither checked against WhatsApp's limits (CALL-RATE) nor recorded.\n`);
    plan.questions.push({ kind: 'call-rate', text: 'The call permission limits (CALL-RATE) cannot be checked.' });
  }
  if (dryRun) for (const question of plan.questions) if (question.kind === 'call-rate') io.stderr(`Note: ${question.text}\n`);
  // On a terminal the file's token needs no question of its own: --yes or the confirmation is the consent.
  for (const question of plan.questions) if (question.kind === 'file-token') io.stderr(`Note: ${escapeLine(file)} ${escapeLine(question.text)}\n`);
  if (dryRun) {
    io.stdout(`POST ${withoutCredentials(plan.gatewayUrl)}\nContent-Type: application/json\nAccept: application/json\nX-CM-PRODUCTTOKEN: ***\n\n`);
    io.stdout(JSON.stringify(plan.request.body, null, 2) + '\n');
    return 0;
  }
  const lock = acquireSendLock(sendLockPath(file, document.text));
  if (!lock.held) {
    io.stderr(`Not sent: ${file} is already being sent${lock.holder ? ` by process ${lock.holder}` : ''}; wait for CM's answer there before sending again. (If no send is running, delete ${lock.path}.)\n`);
    return 1;
  }
  try {
    return await consentAndPost(plan, { token, yes, despiteMedia, callRate, history: history?.problem ? undefined : history, timeoutMs: timeoutSeconds * 1000 }, io);
  } finally {
    lock.release();
  }
}

/** What in a header value fetch would refuse (line breaks, NUL, characters beyond Latin-1), in words; undefined when it can be sent. */
function headerValueProblem(value: string): string | undefined {
  if (/[\r\n]/.test(value)) return 'a line break (CR or LF)';
  if (value.includes('\0')) return 'a NUL character';
  if (/[^\u0000-\u00ff]/.test(value)) return 'a character beyond Latin-1';
  return undefined;
}

/** Every reason the plan gives; the exit code is the first one's (1 refused, 2 usage error or unusable file). */
function printRefusals(file: string, refusals: Refusal[], io: Output): number {
  for (const refusal of refusals) {
    if (refusal.reason === 'errors') {
      for (const d of refusal.errors) io.stderr(`${formatDiagnostic(file, d)}\n`);
      io.stderr(`Not sent: ${refusal.message}. Fix them first (cm-interactive lint ${file}).\n`);
    } else if (refusal.reason === 'gateway-url') {
      io.stderr(`${escapeLine(refusal.message)}\n`);
    } else if (refusal.reason === 'no-token') {
      io.stderr('No product token: set the CM_PRODUCT_TOKEN environment variable (it is sent only in the X-CM-PRODUCTTOKEN header).\n');
    } else {
      io.stderr(`${escapeLine(file)}: ${escapeLine(refusal.message)}; nothing to send\n`);
    }
  }
  return refusals[0].reason === 'errors' || refusals[0].reason === 'no-messages' ? 1 : 2;
}

/** The plan's questions on the terminal (or --yes), then its execution: nothing leaves the machine before a yes. */
/** The answer to the plan's call-rate question given on the command line. */
type CallRateAnswer = 'over-limit' | 'call-connected';

interface PostOptions {
  token: string;
  yes: boolean;
  /** --despite-media-warnings: the answer to the media question (never implied by --yes). */
  despiteMedia: boolean;
  callRate: CallRateAnswer | undefined;
  /** Where sends are recorded; undefined when the file asks for no call permission (or its history is unusable). */
  history: CallHistoryFile | undefined;
  timeoutMs: number;
}

async function consentAndPost(plan: ReadyPlan, options: PostOptions, io: Output): Promise<number> {
  let declined = 1;
  const ask = async (question: string): Promise<boolean> => {
    if (options.yes) return true;
    if (!io.confirm) {
      io.stderr(`${question} There is no terminal to ask: add --yes to send.\n`);
      declined = 2;
      return false;
    }
    if (await io.confirm(question)) return true;
    io.stderr('Not sent.\n');
    return false;
  };
  for (const question of plan.questions) {
    if (question.kind === 'call-rate') {
      if (options.callRate) continue;
      // --yes is consent to send, not to break WhatsApp's limits: that answer is never implied.
      if (options.yes || !io.confirm) {
        io.stderr(`Not sent: ${question.text} Add --over-call-limit to send anyway, or --call-connected if a call with them connected since (the limits start again).\n`);
        return 1;
      }
      if (!(await ask(`${question.text} Send anyway?`))) return declined;
    } else if (question.kind !== 'file-token' && !(await ask(question.text))) return declined;
  }
  const result = await executeSend(plan, {
    token: options.token,
    timeoutMs: options.timeoutMs,
    callHistory: options.history,
    callConnectedSince: options.callRate === 'call-connected',
    confirmMediaProblems: async (problems) => {
      for (const problem of problems) io.stderr(`warning SEND-MEDIA-REACHABLE ${escapeLine(problem.message)}\n`);
      if (options.despiteMedia) return true;
      // --yes is consent to send, not to send what CM would drop: like the call limits, that answer is never implied.
      if (options.yes || !io.confirm) {
        io.stderr('Not sent: a media check warned (SEND-MEDIA-REACHABLE). Add --despite-media-warnings to send anyway.\n');
        declined = 1;
        return false;
      }
      return ask('Send despite the media warnings?');
    },
  });
  if (result.kind === 'declined') return declined;
  if (options.history?.notWritten) io.stderr(`Note: this send could not be recorded in the call history ${options.history.path} (${options.history.notWritten}); WhatsApp's call permission limits still count it.\n`);
  const { summary } = result;
  const print = summary.severity === 'info' ? io.stdout : io.stderr;
  print(`${escapeLine(summary.headline)}\n${summary.details.map((line) => `  ${escapeLine(line)}`).join('\n')}\n`);
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
  // `cm-interactive lint … | head` closes the pipe early: the rest of the output has no reader,
  // but the command still finishes and its exit code (errors found or not) stands.
  // Any other failure (ENOSPC on `> /dev/full`, EIO) loses output that was meant to be read: one
  // line on stderr and exit 2, as render says it of --out, never a stack trace or a 1 that CI
  // would read as "errors found".
  let stdoutClosed = false;
  let stdoutFailed: NodeJS.ErrnoException | undefined;
  const stdoutError = (error: NodeJS.ErrnoException) => {
    stdoutClosed = true;
    if (error.code === 'EPIPE' || stdoutFailed) return;
    stdoutFailed = error;
    process.stderr.write(`cm-interactive${argv[0] ? ` ${escapeLine(argv[0])}` : ''}: cannot write the output (${describeFsError(error)})\n`);
  };
  process.stdout.on('error', stdoutError);
  process.stderr.on('error', () => undefined);
  // Node's fetch can leave a request pending with nothing that keeps the process alive (a
  // connection reset at the wrong moment): the process would then end with exit code 0 and not
  // a word — a send that "succeeded" in CI. Alive until the command has its answer, a request's
  // own time limit then ends such a wait (a timeout: for Send an outcome unknown, exit 3).
  const keepAlive = setInterval(() => undefined, 60_000);
  let finished = false;
  process.on('exit', () => {
    if (finished) return;
    process.stderr.write(`cm-interactive${argv[0] ? ` ${escapeLine(argv[0])}` : ''}: ended before the command finished; its outcome is unknown\n`);
    process.exitCode = 3;
  });
  void runCli(argv, {
    stdout: (text) => {
      if (stdoutClosed) return;
      try {
        process.stdout.write(text);
      } catch (error) {
        stdoutError(error as NodeJS.ErrnoException);
      }
    },
    stderr: (text) => process.stderr.write(text),
    confirm: process.stdin.isTTY ? askOnTerminal : undefined,
    stdoutIsTerminal: process.stdout.isTTY === true,
  })
    .then((code) => {
      process.exitCode = stdoutFailed ? 2 : code;
    })
    .finally(() => {
      finished = true;
      clearInterval(keepAlive);
    });
  // A write that fails after the command finished (a slow pipe) still makes the exit 2.
  process.on('exit', () => {
    if (stdoutFailed) process.exitCode = 2;
  });
}
