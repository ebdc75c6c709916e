/**
 * Validation for an editor, keystroke after keystroke. The text is seen as the envelope plus
 * its msg entries; each entry's findings are kept with paths and offsets relative to the
 * entry. On the next text, the common prefix and suffix with the previous one tell which
 * entries an edit touched: only those are parsed and checked again, the others are shifted
 * into place. Anything unusual — an edit outside `msg`, a syntax error, an odd layout — takes
 * the full path, which also words syntax errors best.
 */
import { JsonDocument, spansInText, type OffsetSpan, type Position } from './json-document';
import { withoutBom } from './json-text';
import { countContainers, locatePaths, skipValue, skipWhitespace } from './offset-locator';
import type { Finding } from './report';
import { payloadSecrets } from './safe-text';
import { isObject } from './rules/access';
import {
  capProblems,
  envelopeFindings,
  firstInText,
  isPayloadValue,
  MAX_CONTAINERS,
  MAX_ENTRY_CONTAINERS,
  msgEntryFindings,
  sortByPosition,
  toDiagnostic,
  tooComplexEntry,
  validateText,
  withPrefix,
  type Diagnostic,
  type ValidateOptions,
  type ValidationResult,
} from './validate';

export interface IncrementalOptions extends ValidateOptions {
  /** The editor's own line index (LSP's TextDocument keeps one up to date): saves a scan. */
  positionAt?: (offset: number) => Position;
}

interface EntryResult {
  /** How many findings the entry has. */
  count: number;
  /** The first of them: all, unless the problem cap left no room for more when it was checked. */
  findings: Finding[];
  /** Relative to the entry's first character. */
  spans: OffsetSpan[];
}

interface Entry {
  span: OffsetSpan;
  result?: EntryResult;
  /**
   * What features derived from the entry's text (outline, code lens, its tree's size): a new
   * object whenever that text changes, the same one while an edit leaves it alone.
   */
  memo: EntryMemo;
}

/** Per msg entry, what features keep between edits (see Entry.memo). */
export type EntryMemo = Record<string, unknown>;

/** Where the msg entries of a text are; `memos` when they come from the validator (see Entry.memo). */
export interface EntrySpans {
  array: OffsetSpan;
  entries: OffsetSpan[];
  memos?: EntryMemo[];
}

export interface Layout {
  /** The `msg` array, from `[` to after `]`. */
  array: OffsetSpan;
  entries: Entry[];
}

/**
 * More entries than this are checked on the full path instead: each costs a few objects here,
 * and CM takes 1,000 anyway (ENV-MSG-MAX says so).
 */
const MAX_LAYOUT_ENTRIES = 50_000;

export class IncrementalValidator {
  private previous: { text: string; layout: Layout } | undefined;
  /** How many entries the last validation reused (for tests and the benchmark). */
  reused = 0;

  validate(text: string, options: IncrementalOptions = {}): ValidationResult {
    if (options.maxLength !== undefined && text.length > options.maxLength) return this.full(text, options);
    const body = withoutBom(text);
    const layout = (this.previous && reuseLayout(this.previous.text, this.previous.layout, body)) ?? freshLayout(body);
    if (!layout) return this.full(text, options);

    // Everything outside the entries must parse on its own; the entries are parsed one by one
    // (an entry kept from the previous text was parsed then, with exactly this text).
    const arrayEnd = layout.array.offset + layout.array.length;
    const skeleton = body.slice(0, layout.array.offset) + '[]' + body.slice(arrayEnd);
    let envelope: any;
    try {
      if (countContainers(skeleton, MAX_CONTAINERS) > MAX_CONTAINERS) return this.full(text, options);
      envelope = JSON.parse(skeleton);
    } catch {
      return this.full(text, options);
    }
    if (!isPayloadValue(envelope) || !isObject(envelope.messages) || !Array.isArray(envelope.messages.msg)) return this.full(text, options);

    const limit = options.maxProblems ?? Infinity;
    const checked = checkEntries(body, layout, limit);
    if (!checked) return this.full(text, options);

    // A token can only be in the envelope (messages.authentication).
    const secrets = payloadSecrets(envelope);
    // The envelope is checked on the skeleton, with the real number of entries.
    envelope.messages.msg = new Array(layout.entries.length).fill(null);
    const around = envelopeFindings(envelope);
    const grow = layout.array.length - 2;
    spansInText(skeleton, around).forEach((span, i) => {
      const inArray = span.offset === layout.array.offset && span.length === 2;
      checked.placed.push({ finding: around[i], span: inArray ? layout.array : { offset: span.offset > layout.array.offset ? span.offset + grow : span.offset, length: span.length } });
    });

    this.previous = { text: body, layout };
    this.reused = checked.reused;
    const document = JsonDocument.trusted(text);
    const positionAt = options.positionAt ?? ((offset: number) => document.positionAt(offset));
    const diagnostics: Diagnostic[] = checked.placed.map(({ finding, span }) =>
      toDiagnostic(finding, { start: positionAt(Math.min(span.offset, body.length)), end: positionAt(Math.min(span.offset + span.length, body.length)) }),
    );
    return { isPayload: true, diagnostics: capProblems(sortByPosition(diagnostics), limit, checked.leftOut), document, secrets };
  }

  /** Where the msg entries of `text` are, when this validator has just seen exactly that text. */
  entrySpans(text: string): EntrySpans | undefined {
    if (!this.previous || this.previous.text !== withoutBom(text)) return undefined;
    return { ...spansOf(this.previous.layout), memos: this.previous.layout.entries.map((entry) => entry.memo) };
  }

  private full(text: string, options: ValidateOptions): ValidationResult {
    this.previous = undefined;
    this.reused = 0;
    return validateText(text, options);
  }
}

function spansOf(layout: Layout): EntrySpans {
  return { array: layout.array, entries: layout.entries.map((entry) => entry.span) };
}

/** Where the msg entries of a text are (a skipping scan), if it has the plain shape of a request. */
export function msgEntrySpans(text: string): EntrySpans | undefined {
  const layout = freshLayout(withoutBom(text));
  return layout && spansOf(layout);
}

interface Checked {
  placed: { finding: Finding; span: OffsetSpan }[];
  /** Findings counted but not kept: the problem cap had no room for them. */
  leftOut: number;
  reused: number;
}

/**
 * Each entry's findings, placed in the text: the first `limit` of them in entry order are kept,
 * the rest only counted. An entry keeps its result until an edit touches it; it is checked again
 * only if earlier entries now leave room for more of its findings than it kept.
 * undefined when an entry is not valid JSON (the full path words that best).
 */
function checkEntries(body: string, layout: Layout, limit: number): Checked | undefined {
  const placed: Checked['placed'] = [];
  let room = limit;
  let leftOut = 0;
  let reused = 0;
  for (const [index, entry] of layout.entries.entries()) {
    const kept = entry.result;
    const enough = kept && (kept.findings.length === kept.count || kept.findings.length >= room);
    const result = enough ? kept : checkEntry(body, entry.span, room);
    if (!result) return undefined;
    if (enough) reused++;
    entry.result = result;
    const { count, findings, spans } = result;
    const shown = Math.min(findings.length, room);
    for (let i = 0; i < shown; i++) {
      placed.push({ finding: withPrefix(findings[i], ['messages', 'msg', index]), span: { offset: entry.span.offset + spans[i].offset, length: spans[i].length } });
    }
    room -= shown;
    leftOut += count - shown;
  }
  return { placed, leftOut, reused };
}

/** One entry's findings, keeping at most `room` of them; undefined when it does not parse. */
function checkEntry(body: string, span: OffsetSpan, room: number): EntryResult | undefined {
  // Counted in the text, so that such an entry is not even parsed.
  if (countContainers(body, MAX_ENTRY_CONTAINERS, span.offset, span.offset + span.length) > MAX_ENTRY_CONTAINERS) {
    return { count: 1, findings: room > 0 ? [tooComplexEntry()] : [], spans: room > 0 ? [{ offset: 0, length: 1 }] : [] };
  }
  const entryText = body.slice(span.offset, span.offset + span.length);
  let msg: unknown;
  try {
    msg = JSON.parse(entryText);
  } catch {
    return undefined;
  }
  const all = msgEntryFindings(msg);
  if (room <= 0) return { count: all.length, findings: [], spans: [] };
  const spans = spansInText(entryText, all);
  if (all.length <= room) return { count: all.length, findings: all, spans };
  // Only partly room for it: its first findings in the text, as the full path keeps them.
  const indexes = firstInText(all.map((_finding, index) => index), spans, room);
  return { count: all.length, findings: indexes.map((i) => all[i]), spans: indexes.map((i) => spans[i]) };
}

/** Where `messages.msg` and its entries are, if the text has the plain shape of a request. */
function freshLayout(text: string): Layout | undefined {
  const [located] = locatePaths(text, [['messages', 'msg']]);
  if (!located.exact || text.charCodeAt(located.value.offset) !== 0x5b /* [ */) return undefined;
  const array = located.value;
  const end = array.offset + array.length;
  const start = skipWhitespace(text, array.offset + 1);
  if (text.charCodeAt(start) === 0x5d) return start + 1 === end ? { array, entries: [] } : undefined;
  const spans = scanEntries(text, start, end - 1);
  return spans && { array, entries: spans.map((span) => ({ span, memo: {} })) };
}

/**
 * The previous layout with the edit applied: entries wholly in the common prefix or suffix of
 * the two texts keep their results; the few the edit touched are scanned again.
 */
function reuseLayout(oldText: string, old: Layout, text: string): Layout | undefined {
  const entries = old.entries;
  if (entries.length === 0) return undefined;
  const prefix = commonPrefix(oldText, text);
  if (prefix === oldText.length && prefix === text.length) return { array: old.array, entries: entries.map((e) => ({ ...e })) };
  const suffix = commonSuffix(oldText, text, Math.min(oldText.length, text.length) - prefix);
  const oldChangeEnd = oldText.length - suffix;
  const delta = text.length - oldText.length;
  // The edit must lie inside the brackets of `msg`.
  if (prefix <= old.array.offset || oldChangeEnd >= old.array.offset + old.array.length) return undefined;

  const end = (e: Entry) => e.span.offset + e.span.length;
  let lo = entries.findIndex((e) => end(e) >= prefix);
  if (lo < 0) lo = entries.length - 1;
  if (prefix < entries[lo].span.offset && lo > 0) lo--; // the edit starts in the gap before it
  let hi = -1;
  for (let i = entries.length - 1; i >= 0; i--) if (entries[i].span.offset <= oldChangeEnd) { hi = i; break; }
  if (hi < 0) hi = 0;
  if (oldChangeEnd > end(entries[hi]) && hi < entries.length - 1) hi++; // it ends in the gap after it
  if (hi < lo) hi = lo;
  const windowStart = entries[lo].span.offset;
  const windowEnd = end(entries[hi]);
  if (windowStart > prefix || windowEnd < oldChangeEnd) return undefined;

  const scanned = scanEntries(text, windowStart, windowEnd + delta - 1, windowEnd + delta);
  if (!scanned || entries.length - (hi - lo + 1) + scanned.length > MAX_LAYOUT_ENTRIES) return undefined;
  return {
    array: { offset: old.array.offset, length: old.array.length + delta },
    entries: [
      ...entries.slice(0, lo).map((e) => ({ ...e })),
      ...scanned.map((span) => ({ span, memo: {} })),
      ...entries.slice(hi + 1).map((e) => ({ span: { offset: e.span.offset + delta, length: e.span.length }, result: e.result, memo: e.memo })),
    ],
  };
}

/**
 * Object entries from `start`, separated by commas, up to `last` (the closing bracket, or with
 * `stopAt` the exact end of the last entry). undefined when the text does not look like that, or
 * has more than MAX_LAYOUT_ENTRIES of them.
 */
function scanEntries(text: string, start: number, last: number, stopAt?: number): OffsetSpan[] | undefined {
  const spans: OffsetSpan[] = [];
  let pos = start;
  for (;;) {
    // Entries are objects; anything else takes the full path, which words the error best.
    if (text.charCodeAt(pos) !== 0x7b /* { */) return undefined;
    const after = skipValue(text, pos);
    spans.push({ offset: pos, length: after - pos });
    if (spans.length > MAX_LAYOUT_ENTRIES) return undefined;
    if (stopAt !== undefined) {
      if (after === stopAt) return spans;
      if (after > stopAt) return undefined;
    }
    pos = skipWhitespace(text, after);
    const separator = text.charCodeAt(pos);
    if (separator === 0x2c /* , */) {
      pos = skipWhitespace(text, pos + 1);
      continue;
    }
    return stopAt === undefined && separator === 0x5d && pos === last ? spans : undefined;
  }
}

/** Compared in 64 KB slices first: string equality is a memcmp, a character loop is not. */
export function commonPrefix(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  const chunk = 1 << 16;
  let at = 0;
  while (at + chunk <= max && a.slice(at, at + chunk) === b.slice(at, at + chunk)) at += chunk;
  while (at < max && a.charCodeAt(at) === b.charCodeAt(at)) at++;
  return at;
}

/** How many characters `a` and `b` share at their ends, looking at no more than `max`. */
export function commonSuffix(a: string, b: string, max: number): number {
  const chunk = 1 << 16;
  let n = 0;
  while (n + chunk <= max && a.slice(a.length - n - chunk, a.length - n) === b.slice(b.length - n - chunk, b.length - n)) n += chunk;
  while (n < max && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  return n;
}
