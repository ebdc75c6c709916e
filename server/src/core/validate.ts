/**
 * The validation core: text in, diagnostics out. Parse once (fast path JSON.parse),
 * check the schemas with ajv, run the rule functions, then place each finding in the text.
 * Offsets are looked up only for findings, so a clean file never builds an offset tree.
 */
import { RULES, type Severity } from './catalogue';
import { JsonDocument, toPointer, type JsonPath, type OffsetSpan, type Range } from './json-document';
import type { Finding } from './report';
import { arrayAt, isObject, objectAt } from './rules/access';
import { MSG_RULES, RULES_BY_KIND, tokenInFile } from './rules/index';
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
  data?: Record<string, unknown>;
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
}

export function validateText(text: string, options: ValidateOptions = {}): ValidationResult {
  if (options.maxLength !== undefined && text.length > options.maxLength) return tooLarge(text, options.maxLength);
  const document = JsonDocument.parse(text);
  const hasSyntaxProblems = document.syntaxProblems.length > 0;
  const isPayload = isPayloadValue(document.value) || (hasSyntaxProblems && /"messages"\s*:/.test(text));
  if (!isPayload) return { isPayload, diagnostics: [], document, secrets: [] };

  const syntax: Diagnostic[] = document.syntaxProblems.map((problem) => ({
    severity: 'error',
    code: 'JSON-SYNTAX',
    message: problem.message,
    path: '',
    range: document.rangeOf(problem),
    data: { syntax: problem.kind },
  }));
  const findings = isObject(document.value) ? findingsOf(document.value) : [];
  const spans = document.spansOf(findings);
  const placed = findings.flatMap((finding, index) => place(finding, spans[index], document, hasSyntaxProblems) ?? []);
  const diagnostics = [...syntax, ...placed].sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
  return { isPayload, diagnostics, document, secrets: payloadSecrets(document.value) };
}

function tooLarge(text: string, maxLength: number): ValidationResult {
  const document = JsonDocument.parse('{}');
  const isPayload = /"messages"\s*:/.test(text.slice(0, 65536));
  const megabytes = (n: number) => (n / (1024 * 1024)).toFixed(1);
  return {
    isPayload,
    document,
    secrets: [],
    diagnostics: isPayload
      ? [{
          severity: 'warning',
          code: 'FILE-LIMIT',
          message: `The file is ${megabytes(text.length)} MB; files over ${megabytes(maxLength)} MB are not checked (setting cmInteractive.validate.maxFileSizeMB)`,
          path: '',
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
        }]
      : [],
  };
}

function findingsOf(value: Record<string, unknown>): Finding[] {
  const findings = envelopeFindings(value);
  arrayAt(value.messages, 'msg').forEach((msg, index) => {
    for (const finding of msgEntryFindings(msg)) findings.push(withPrefix(finding, ['messages', 'msg', index]));
  });
  return findings;
}

/** The request around its msg entries: the envelope schema and the token rule. */
export function envelopeFindings(value: Record<string, unknown>): Finding[] {
  const fromRules: Finding[] = [];
  const report = (finding: Finding) => fromRules.push(finding);
  guarded(['messages'], report, () => tokenInFile(value.messages, ['messages'], report));
  return collapse([...checkEnvelope(value), ...fromRules]);
}

/** Everything about one msg entry, with paths relative to it: what can be cached per entry. */
export function msgEntryFindings(msg: unknown): Finding[] {
  const fromRules: Finding[] = [];
  const report = (finding: Finding) => fromRules.push(finding);
  if (isObject(msg)) {
    for (const rule of MSG_RULES) guarded([], report, () => rule(msg, [], report));
    arrayAt(objectAt(msg, 'richContent'), 'conversation').forEach((item, itemIndex) => {
      const interactive = objectAt(item, 'interactive');
      const kind = interactive?.type;
      if (!interactive || typeof kind !== 'string') return;
      const path: JsonPath = ['richContent', 'conversation', itemIndex, 'interactive'];
      for (const rule of RULES_BY_KIND[kind] ?? []) guarded(path, report, () => rule({ interactive, path, msg }, report));
    });
  }
  const replaced = new Set(fromRules.flatMap((f) => (f.replaces ? [f.replaces] : [])));
  const fromSchema = checkMsgEntry(msg).filter((f) => !replaced.has(toPointer(f.path)));
  return collapse([...fromSchema, ...fromRules]);
}

export function withPrefix(finding: Finding, prefix: JsonPath): Finding {
  return { ...finding, path: [...prefix, ...finding.path], replaces: undefined };
}

/** A rule that throws becomes one diagnostic; the other rules still run. */
function guarded(path: JsonPath, report: (finding: Finding) => void, run: () => void): void {
  try {
    run();
  } catch (error) {
    report({
      code: 'INTERNAL',
      path,
      target: 'key',
      message: `A check failed unexpectedly (${error instanceof Error ? error.message : String(error)}); the other checks still ran`,
    });
  }
}

function place(finding: Finding, span: OffsetSpan, document: JsonDocument, hasSyntaxProblems: boolean): Diagnostic | undefined {
  if (hasSyntaxProblems && isInsideBrokenNode(finding, document)) {
    // What seems missing or empty in a broken object or array is most likely still being typed.
    return undefined;
  }
  return toDiagnostic(finding, document.rangeOf(span));
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

function isInsideBrokenNode(finding: Finding, document: JsonDocument): boolean {
  const found = document.nearestNode(finding.path);
  const node = finding.target === 'key' || !found?.exact ? found?.node.parent?.parent ?? found?.node : found.node;
  if (!node) return true;
  return document.syntaxProblems.some((p) => p.offset >= node.offset && p.offset <= node.offset + node.length);
}
