/**
 * `cm-interactive` as a library, for bot and back-end code:
 *
 *   import { validate, render, type CmRequest } from 'cm-interactive';
 *
 * The same validation core and renderer as the CLI, the language server and the VS Code
 * preview. Everything this module's declarations name is declared here or in ./payload
 * (generated from schemas/), so the published types stand alone.
 */
import { join } from 'node:path';
import { RULES as CATALOGUE, isRuleId, ruleDocUrl } from './core/catalogue';
import type { Diagnostic, ValidationResult } from './core/index';
import { validateText } from './core/index';
import { payloadSecrets, redact } from './core/safe-text';
import { mediaAssets, standaloneHtml } from './render/standalone-html';
import type { CmRequest } from './payload';

export type * from './payload';

/** The rule catalogue: each rule id with its default severity, summary, limit and sources. */
export const RULES = CATALOGUE;
export type RuleId = keyof typeof RULES;
export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** One thing found in a payload. */
export interface Problem {
  /** The rule id, e.g. `BTN-TITLE` (all of them: `RULES`). */
  code: RuleId;
  /** `error`: CM or WhatsApp rejects it; `warning`: sent but changed or risky; `information`: advice. */
  severity: Severity;
  message: string;
  /** JSON pointer of the offending node, e.g. `/messages/msg/0/to/0/number`; `""` for the whole request. */
  pointer: string;
  /** Where the rule is explained. */
  docsUrl: string;
  /** Given a string: where in it, 0-based UTF-16 positions (as in LSP). */
  range?: { start: { line: number; character: number }; end: { line: number; character: number } };
  /** Given a string: the 1-based line of the start. */
  line?: number;
  /** Given a string: the 1-based column of the start. */
  column?: number;
}

export interface ValidationReport {
  /** No errors (warnings and advice may remain): CM will take it. */
  valid: boolean;
  errors: Problem[];
  warnings: Problem[];
  /** Every problem, `information` ones too, in document order. */
  problems: Problem[];
}

/**
 * Checks a request against every rule of the catalogue. Give the object you are about to
 * POST, or its JSON text, or the file's bytes as `fs.readFileSync(path)` gives them (decoded as
 * UTF-8, strictly; a BOM is skipped). Given text or bytes, each problem also says where in the
 * text it is. Anything that is not a request (no top-level `messages`, not JSON, bytes that are
 * not UTF-8, an object that cannot be written as JSON: cyclic or nested thousands deep) is
 * invalid, never thrown.
 */
export function validate(payload: CmRequest | string | Uint8Array): ValidationReport {
  const result = check(payload);
  if ('unreadable' in result) {
    const problem: Problem = { code: result.code, severity: 'error', message: result.unreadable, pointer: '', docsUrl: ruleDocUrl(result.code) };
    return { valid: false, errors: [problem], warnings: [], problems: [problem] };
  }
  const secrets = payloadSecrets(result.document.value);
  const withRange = typeof payload === 'string' || payload instanceof Uint8Array;
  const problems = diagnosticsOf(result).map((d) => problemOf(d, withRange, secrets));
  const errors = problems.filter((p) => p.severity === 'error');
  return { valid: errors.length === 0, errors, warnings: problems.filter((p) => p.severity === 'warning'), problems };
}

export interface RenderOptions {
  /** The page title (before " — WhatsApp preview"); default "CM request". */
  title?: string;
  /** Texts to mask wherever they would appear in the page, e.g. your product token. */
  secrets?: string[];
}

/**
 * A standalone HTML page that shows each message as WhatsApp renders it, with its problems:
 * the same renderer as the VS Code preview, no external resources, a strict CSP. Product
 * tokens written in the payload (and `secrets`) are masked. Throws a TypeError for input that
 * is not a CM request (bytes are decoded as in `validate`).
 */
export function render(payload: CmRequest | string | Uint8Array, options: RenderOptions = {}): string {
  const result = check(payload);
  if ('unreadable' in result) throw new TypeError(result.unreadable);
  if (!result.isPayload) throw new TypeError('Not a CM request: the top level has no "messages"');
  return standaloneHtml(result, options.title ?? 'CM request', mediaAssets(MEDIA_DIR), options.secrets ?? []);
}

/** The renderer's files: dist/lib/index.js → media/ of the package. */
const MEDIA_DIR = join(__dirname, '..', '..', 'media');

/** Why an input could not even be made into text: the one problem it gets. */
interface Unreadable {
  unreadable: string;
  code: 'JSON-SYNTAX' | 'ENV-MSG';
}

function check(payload: unknown): ValidationResult | Unreadable {
  if (typeof payload === 'string') return validateText(payload);
  if (payload instanceof Uint8Array) {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(payload);
    } catch {
      return { code: 'JSON-SYNTAX', unreadable: 'The bytes are not UTF-8 text; a CM request is JSON in UTF-8' };
    }
    return validateText(text);
  }
  let text: string | undefined;
  try {
    text = JSON.stringify(payload, null, 2);
  } catch (error) {
    const why = error instanceof RangeError
      ? 'it nests objects and arrays too deeply (a CM request needs about 10 levels)'
      : error instanceof TypeError && /circular/i.test(error.message)
        ? 'it refers to itself (a cycle)'
        : `it cannot be serialized (${error instanceof Error ? error.message : String(error)})`;
    return { code: 'ENV-MSG', unreadable: `The payload cannot be written as JSON: ${why}` };
  }
  try {
    return validateText(text ?? '');
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return { code: 'ENV-MSG', unreadable: 'The payload cannot be checked: it nests objects and arrays too deeply (a CM request needs about 10 levels)' };
  }
}

/** The core's diagnostics; for input that is not a request at all, why not. */
function diagnosticsOf(result: ValidationResult): Diagnostic[] {
  if (result.isPayload) return result.diagnostics;
  const { document } = result;
  if (document.syntaxProblems.length > 0) {
    return document.syntaxProblems.map((problem) => ({ severity: 'error', code: 'JSON-SYNTAX', message: problem.message, path: '', range: document.rangeOf(problem) }));
  }
  return [{
    severity: 'error',
    code: 'ENV-MSG',
    message: 'Not a CM request: the top level must be an object with "messages"',
    path: '',
    range: document.rangeOf({ offset: 0, length: Math.min(document.text.length, 1) }),
  }];
}

function problemOf(d: Diagnostic, withRange: boolean, secrets: string[]): Problem {
  const code = isRuleId(d.code) ? d.code : 'INTERNAL';
  return {
    code,
    severity: d.severity,
    message: redact(d.message, ...secrets),
    pointer: d.path,
    docsUrl: ruleDocUrl(code),
    ...(withRange ? { range: d.range, line: d.range.start.line + 1, column: d.range.start.character + 1 } : {}),
  };
}
