/**
 * The validation core: text in, diagnostics out. Parse once (fast path JSON.parse),
 * check the schemas with ajv, run the rule functions, then place each finding in the text.
 * Offsets are looked up only for findings, so a clean file never builds an offset tree.
 */
import { RULES, type Severity } from './catalogue';
import { findingSpans, JsonDocument, toPointer, type JsonPath, type OffsetSpan, type Range, type SyntaxProblem } from './json-document';
import { containersBeyond } from './offset-locator';
import type { DiagnosticData, Finding } from './report';
import { arrayAt, isObject, objectAt } from './rules/access';
import type { InteractiveContext } from './rules/context';
import { MSG_RULES, RULES_BY_KIND, tokenInFile } from './rules/index';
import { bracketsBalance, repairInPlace } from './repair';
import { findNodeAtLocation } from 'jsonc-parser';
import { payloadSecrets } from './safe-text';
import { checkEnvelope, checkMsgEntry, collapse } from './schema-check';

export interface Diagnostic {
  severity: Severity;
  /** The rule id (core/catalogue.ts, docs/rules.md). */
  code: string;
  message: string;
  /** JSON pointer of the offending node; "" for a syntax error. */
  path: string;
  /** 0-based, UTF-16 characters, like LSP. */
  range: Range;
  data?: DiagnosticData;
}

export interface ValidationResult {
  /** False for JSON that is not a CM request (no top-level `messages`): nothing is reported then. */
  isPayload: boolean;
  diagnostics: Diagnostic[];
  document: JsonDocument;
  /**
   * The product tokens written in the file (`messages.authentication`), which whatever quotes
   * the file must mask — known without parsing the whole text again (`document.value` can be a
   * full JSON.parse of a 5 MB file on each keystroke).
   */
  secrets: string[];
}

export function isPayloadValue(value: unknown): boolean {
  return isObject(value) && 'messages' in value;
}

export interface ValidateOptions {
  /** Larger texts are not checked (one FILE-LIMIT warning instead): the editor stays responsive. */
  maxLength?: number;
  /**
   * At most this many diagnostics, the first in the file, and then one PROBLEM-LIMIT that says
   * how many more there are. The findings beyond it are only counted, never kept or placed, so
   * a file of 40,000 broken messages costs what its first problems cost, plus a count.
   */
  maxProblems?: number;
  /**
   * Check the text as a payload whatever its content: the editor's documents that are payloads by
   * their language (cm-payload) or name (cmInteractive.files), and the CLI's `*.cm.json` files.
   * A file meant as a payload without top-level `messages` then gets ENV-MSG, not silence. An
   * empty text (a new file) has nothing to report yet.
   */
  assumePayload?: boolean;
}

/** The language server's cap (VS Code's JSON support caps its problems too). */
export const MAX_PROBLEMS = 1000;

/**
 * The most objects and arrays a whole text is parsed with: JSON.parse allocates ~56 bytes per
 * empty object, so 500,000 stay near 30 MB. Real payloads have far fewer (a 20 MB file of
 * recipients ~750,000, and the editor checks those message by message, see incremental.ts).
 */
export const MAX_CONTAINERS = 500_000;

/**
 * A msg entry with more objects and arrays than this is not checked: a valid one has about
 * 1,100 (1,000 recipients), and checking 90,000 bad recipients made ~180,000 findings at once
 * (well over 100 MB) before any cap could apply.
 */
export const MAX_ENTRY_CONTAINERS = 20_000;

export function validateText(text: string, options: ValidateOptions = {}): ValidationResult {
  if (options.maxLength !== undefined && text.length > options.maxLength) return tooLarge(text, options.maxLength, options.assumePayload);
  if (containersBeyond(text, MAX_CONTAINERS)) return tooComplex(text, options.assumePayload);
  const document = JsonDocument.parse(text);
  const hasSyntaxProblems = document.syntaxProblems.length > 0;
  const assumed = options.assumePayload === true;
  const isPayload = assumed || isPayloadValue(document.value) || (hasSyntaxProblems && /"messages"\s*:/.test(text));
  if (!isPayload || (assumed && text.trim().replace(/^\uFEFF/, '') === '')) return { isPayload, diagnostics: [], document, secrets: [] };

  const syntax: Diagnostic[] = document.syntaxProblems.map((problem) => ({
    severity: 'error',
    code: 'JSON-SYNTAX',
    message: problem.message,
    path: '',
    range: document.rangeOf(problem),
    data: { kind: 'syntax', syntax: problem.kind },
  }));
  const limit = options.maxProblems ?? Infinity;
  // A half-typed message is judged as it will most likely be (repair.ts); what cannot be repaired, as before.
  const { judged, shown } = hasSyntaxProblems ? judgedWhileTyping(document) : { judged: document, shown: () => true };
  const locate = (findings: Finding[]) => findingSpans(judged, findings);
  const { kept, leftOut } = isObject(judged.value)
    ? findingsOf(judged.value, limit, shown, locate)
    : { kept: assumed && !hasSyntaxProblems ? [notAnObject()] : [], leftOut: 0 };
  const spans = findingSpans(judged, kept);
  const placed = kept.map((finding, index) => toDiagnostic(finding, judged.rangeOf(spans[index])));
  return { isPayload, diagnostics: capProblems(sortByPosition([...syntax, ...placed]), limit, leftOut + document.moreSyntaxProblems), document, secrets: payloadSecrets(document.value) };
}

export function sortByPosition<T extends { range: Range }>(diagnostics: T[]): T[] {
  return diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/**
 * The first `limit` diagnostics (sorted), and one PROBLEM-LIMIT at the top of the file counting
 * the rest: those cut here and the `leftOut` that were never placed.
 */
export function capProblems(diagnostics: Diagnostic[], limit: number, leftOut: number): Diagnostic[] {
  const shown = diagnostics.length > limit ? diagnostics.slice(0, limit) : diagnostics;
  const more = leftOut + diagnostics.length - shown.length;
  if (more === 0) return shown;
  const count = (n: number) => n.toLocaleString('en-US');
  shown.push({
    severity: 'warning',
    code: 'PROBLEM-LIMIT',
    message: `${count(more)} more problem${more === 1 ? ' is' : 's are'} not shown: at most ${count(Math.min(limit, shown.length))} are listed per file; fix these first`,
    path: '',
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  });
  return shown;
}

/** ENV-MSG for a text checked as a payload whose top level is JSON but no object (`[]`, `42`). */
function notAnObject(): Finding {
  return { code: 'ENV-MSG', path: [], message: 'Not a CM request: the top level must be an object with "messages"' };
}

function tooLarge(text: string, maxLength: number, assumed = false): ValidationResult {
  const megabytes = (n: number) => (n / (1024 * 1024)).toFixed(1);
  return notChecked(text, `The file is ${megabytes(text.length)} MB; files over ${megabytes(maxLength)} MB are not checked (setting cmInteractive.validate.maxFileSizeMB)`, assumed);
}

function tooComplex(text: string, assumed = false): ValidationResult {
  return notChecked(text, `The file has more than ${MAX_CONTAINERS.toLocaleString('en-US')} objects and arrays; it is not checked (CM takes at most 1,000 messages of 1,000 recipients)`, assumed);
}

/** One FILE-LIMIT warning instead of a check, for a file that looks like a payload (or is taken as one). */
function notChecked(text: string, message: string, assumed: boolean): ValidationResult {
  const document = JsonDocument.parse('{}');
  const isPayload = assumed || /"messages"\s*:/.test(text.slice(0, 65536));
  return {
    isPayload,
    document,
    secrets: [],
    diagnostics: isPayload
      ? [{ severity: 'warning', code: 'FILE-LIMIT', message, path: '', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } }]
      : [],
  };
}

/**
 * The envelope's findings and, message by message, each entry's: kept until `limit` entry
 * findings are kept (no more can be shown), only counted after that. `shown` filters both;
 * `locate` places the findings of the one entry that only partly fits.
 */
function findingsOf(
  value: Record<string, unknown>,
  limit: number,
  shown: (finding: Finding) => boolean,
  locate: (findings: Finding[]) => OffsetSpan[],
): { kept: Finding[]; leftOut: number } {
  const kept = envelopeFindings(value).filter(shown);
  let room = limit;
  let leftOut = 0;
  arrayAt(value.messages, 'msg').forEach((msg, index) => {
    const checked = containersIn(msg, MAX_ENTRY_CONTAINERS) > MAX_ENTRY_CONTAINERS ? tooComplexEntryFindings(msg) : msgEntryFindings(msg);
    if (checked.length === 0) return; // most entries: nothing to prefix, filter or keep
    const findings = checked.map((finding) => withPrefix(finding, ['messages', 'msg', index])).filter(shown);
    const fitting = findings.length <= room ? findings : firstInText(findings, room > 0 ? locate(findings) : [], room);
    kept.push(...fitting);
    room -= fitting.length;
    leftOut += findings.length - fitting.length;
  });
  return { kept, leftOut };
}

/**
 * The first `count` of one entry's findings in the text (equal offsets in their order): the cap
 * keeps the first problems of the file, and an entry's checks do not report in text order.
 */
export function firstInText<T>(findings: T[], spans: OffsetSpan[], count: number): T[] {
  if (count <= 0) return [];
  const order = spans.map((_span, index) => index).sort((a, b) => spans[a].offset - spans[b].offset || a - b);
  return order.slice(0, count).map((index) => findings[index]);
}

/**
 * The findings for a msg entry over MAX_ENTRY_CONTAINERS, in place of its full check: one
 * MSG-LIMIT error (a message that is not checked is never passed, nor sent), and what can be
 * judged without walking its nodes: its envelope (`from`, `to`, `body` and the recipient count)
 * checked on a skeleton of the entry, so that 25,000 bad recipients still make few findings.
 */
export function tooComplexEntryFindings(msg: unknown): Finding[] {
  const message = `This message has more than ${MAX_ENTRY_CONTAINERS.toLocaleString('en-US')} objects and arrays; it is not checked in full and cannot be sent (CM takes at most 1,000 recipients per message)`;
  const limit: Finding = { code: 'MSG-LIMIT', path: [], target: 'key', message };
  if (!isObject(msg)) return [limit];
  return [limit, ...collapse(checkMsgEntry(entrySkeleton(msg)))];
}

/** Values with at most this many objects and arrays are kept as they are in an entry's skeleton. */
const SKELETON_CONTAINERS = 2_000;
/** A recipient as the schema wants it: the skeleton's stand-in for each one of a long `to`. */
const STAND_IN_RECIPIENT = Object.freeze({ number: '0' });

/**
 * An over-complex msg entry with its small values kept and each big one replaced by a stand-in
 * the envelope schema judges as it would the original's shape: a long `to` by as many valid
 * recipients (its length still counts), a big `body` object by a valid body, a big `from` or
 * `to` of the wrong type by an empty one of its type; other big values are left out (optional).
 */
function entrySkeleton(msg: Record<string, unknown>): Record<string, unknown> {
  const skeleton: Record<string, unknown> = {};
  for (const key of Object.keys(msg)) {
    const value = msg[key];
    if (!value || typeof value !== 'object' || containersIn(value, SKELETON_CONTAINERS) <= SKELETON_CONTAINERS) skeleton[key] = value;
    else if (key === 'to' && Array.isArray(value)) skeleton[key] = new Array<unknown>(value.length).fill(STAND_IN_RECIPIENT);
    else if (key === 'body' && !Array.isArray(value)) skeleton[key] = { type: 'auto', content: '-' };
    else if (key === 'from' || key === 'to' || key === 'body') skeleton[key] = Array.isArray(value) ? [] : {};
  }
  return skeleton;
}

/** Objects and arrays in a parsed value, counted no further than `limit + 1` (no array of values made per object). */
function containersIn(value: unknown, limit: number): number {
  let count = 0;
  const pending: object[] = [];
  if (value && typeof value === 'object') pending.push(value);
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (++count + pending.length > limit) return limit + 1;
    if (Array.isArray(next)) {
      for (const child of next) if (child && typeof child === 'object') pending.push(child);
    } else {
      for (const key in next) {
        const child = (next as Record<string, unknown>)[key];
        if (child && typeof child === 'object') pending.push(child);
      }
    }
  }
  return count;
}

/** The request around its msg entries: the envelope schema and the token rule. */
export function envelopeFindings(value: Record<string, unknown>): Finding[] {
  const fromRules: Finding[] = [];
  const report = (finding: Finding) => fromRules.push(finding);
  try {
    tokenInFile(value.messages, ['messages'], report);
  } catch (error) {
    report(failedCheck(['messages'], error));
  }
  return collapse([...checkEnvelope(value), ...fromRules]);
}

/** Everything about one msg entry, with paths relative to it: what can be cached per entry. */
export function msgEntryFindings(msg: unknown): Finding[] {
  const fromRules: Finding[] = [];
  const report = (finding: Finding) => fromRules.push(finding);
  if (isObject(msg)) {
    // Each rule in its own try (see failedCheck), written out: a closure and a context per rule
    // per message were ~7 MB of garbage on a 2,500-message file, each megabyte a share of a
    // scavenge that copies the whole freshly parsed payload.
    for (const rule of MSG_RULES) {
      try {
        rule(msg, [], report);
      } catch (error) {
        report(failedCheck([], error));
      }
    }
    const conversation = arrayAt(objectAt(msg, 'richContent'), 'conversation');
    for (let itemIndex = 0; itemIndex < conversation.length; itemIndex++) {
      const interactive = objectAt(conversation[itemIndex], 'interactive');
      const kind = interactive?.type;
      if (!interactive || typeof kind !== 'string') continue;
      const path: JsonPath = ['richContent', 'conversation', itemIndex, 'interactive'];
      const context: InteractiveContext = { interactive, path, msg };
      for (const rule of RULES_BY_KIND[kind] ?? []) {
        try {
          rule(context, report);
        } catch (error) {
          report(failedCheck(path, error));
        }
      }
    }
  }
  // Most entries: no rule findings, so nothing replaced and nothing to join (no set, no copies).
  if (fromRules.length === 0) return collapse(checkMsgEntry(msg));
  // A loop, not flatMap: flatMap's setup alone was ~1 ms over the ~2,500 entries of a big file.
  const replaced = new Set<string>();
  for (const finding of fromRules) if (finding.replaces) replaced.add(finding.replaces);
  const fromSchema = checkMsgEntry(msg).filter((f) => !replaced.has(toPointer(f.path)));
  return collapse([...fromSchema, ...fromRules]);
}

export function withPrefix(finding: Finding, prefix: JsonPath): Finding {
  return { ...finding, path: [...prefix, ...finding.path], replaces: undefined };
}

/** A rule that throws becomes one diagnostic, this one, at `path`; the other rules still run. */
function failedCheck(path: JsonPath, error: unknown): Finding {
  return {
    code: 'INTERNAL',
    path,
    target: 'key',
    message: `A check failed unexpectedly (${error instanceof Error ? error.message : String(error)}); the other checks still ran`,
  };
}

/** A finding placed at `range`: the rule's severity unless the finding says otherwise. */
export function toDiagnostic(finding: Finding, range: Range): Diagnostic {
  const diagnostic: Diagnostic = {
    severity: finding.severity ?? RULES[finding.code].severity,
    code: finding.code,
    message: finding.message,
    path: toPointer(finding.path),
    range,
  };
  if (finding.data) diagnostic.data = finding.data;
  return diagnostic;
}

/**
 * A text with syntax errors is judged as it will most likely be once typed (core/repair.ts, same
 * offsets and lines), leaving out findings on the values the repair made up and on the objects
 * and arrays it closed. What cannot be
 * repaired is judged on the tolerant parse, where what seems missing or empty in a broken object
 * or array is most likely still being typed.
 */
function judgedWhileTyping(document: JsonDocument): { judged: JsonDocument; shown: (finding: Finding) => boolean } {
  const repaired = repairInPlace(document.text);
  if (!repaired) {
    // An object or array left open where the layout does not say where it ends: the tolerant
    // tree of the message being typed is no guide (what follows the open bracket went into it),
    // so that message keeps only its syntax error; the others are judged as before.
    // Looked for once there is a finding to show (a text too big for a tree has none): a scan of the text.
    let inDoubt: { entry: number | undefined } | undefined;
    const outsideDoubt = (finding: Finding) => {
      inDoubt ??= { entry: bracketsBalance(document.text) ? undefined : entryOfFirstProblem(document) };
      return inDoubt.entry === undefined || !(finding.path[0] === 'messages' && finding.path[1] === 'msg' && finding.path[2] === inDoubt.entry);
    };
    return { judged: document, shown: (finding) => outsideDoubt(finding) && !isInsideBrokenNode(finding, document) };
  }
  const judged = JsonDocument.parse(repaired.text);
  const madeUp = (finding: Finding) => {
    // The tree, built once for all findings, rather than a scan of the text for each.
    const node = judged.locate([finding.path], true)[0].value;
    const container = judged.text.charCodeAt(node.offset);
    if (node.length === 0) return false;
    // An object or array the repair closed is still being typed: what it lacks is not a problem yet.
    if (container === 0x7b /* { */ || container === 0x5b /* [ */) return repaired.closers.includes(node.offset + node.length - 1);
    return repaired.spans.some((span) => span.offset < node.offset + node.length && node.offset < span.offset + span.length);
  };
  return { judged, shown: (finding) => !madeUp(finding) && (judged.syntaxProblems.length === 0 || !isInsideBrokenNode(finding, judged)) };
}

/** The msg entry the first syntax problem falls in (or, between entries, the one before it), in the tolerant tree. */
function entryOfFirstProblem(document: JsonDocument): number | undefined {
  const root = document.root();
  const first = document.syntaxProblems[0];
  const entries = root && first ? findNodeAtLocation(root, ['messages', 'msg'])?.children : undefined;
  if (!entries) return undefined;
  let found: number | undefined;
  entries.forEach((entry, index) => {
    if (entry.offset <= first.offset) found = index;
  });
  return found;
}

function isInsideBrokenNode(finding: Finding, document: JsonDocument): boolean {
  const [found] = document.locate([finding.path], true);
  if (found.value.length === 0) return true;
  const node = finding.target === 'key' || !found.exact ? found.outer ?? found.value : found.value;
  return hasProblemWithin(document.syntaxProblems, node.offset, node.offset + node.length);
}

/** Problems come in text order (the parser reports them as it scans): a binary search finds one in [start, end]. */
function hasProblemWithin(problems: readonly SyntaxProblem[], start: number, end: number): boolean {
  let low = 0;
  let high = problems.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (problems[middle].offset < start) low = middle + 1;
    else high = middle;
  }
  return low < problems.length && problems[low].offset <= end;
}
