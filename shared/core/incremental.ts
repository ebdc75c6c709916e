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
import { containersBeyond, locatePaths, skipValue, skipWhitespace } from './offset-locator';
import type { Finding } from './report';
import { payloadSecrets } from './safe-text';
import { isObject, objectAt } from './rules/access';
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
  tooComplexEntryFindings,
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
  /**
   * The diagnostics last placed for them: valid while the entry's index, start position and
   * number shown stay (then every range in it is where it was). After a keystroke the entries
   * the edit did not touch hand over the same objects, and only the edited one is placed.
   */
  placed?: { index: number; line: number; character: number; diagnostics: Diagnostic[] };
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

/**
 * A text that can tell what changed in it since an earlier state, and hand out parts of itself,
 * without being joined into one string (the server's document, text-document.ts: joining a
 * 5 MB text after every keystroke was most of a keystroke's cost).
 */
export interface EditedText {
  readonly textLength: number;
  /** Names the current content: the same stamp, the same text. */
  readonly stamp: number;
  /**
   * Everything that changed since `stamp`: [start, oldEnd) of that text became [start, newEnd)
   * of this one. undefined when that is no longer known.
   */
  changedSince(stamp: number): { start: number; oldEnd: number; newEnd: number } | undefined;
  /** The characters from `start` to `end` (a BOM as it is). */
  slice(start: number, end: number): string;
  /** The whole text. */
  getText(): string;
}

/** How the validation reads the text it checks (a BOM read as a space, see withoutBom). */
interface TextView {
  readonly length: number;
  slice(start: number, end: number): string;
}

/** What the previous validation saw: its text, or the edited text and its stamp then. */
interface Seen {
  text?: string;
  source?: EditedText;
  stamp?: number;
  layout: Layout;
}

type Verdict = Pick<ValidationResult, 'isPayload' | 'diagnostics' | 'secrets'>;

export class IncrementalValidator {
  private previous: Seen | undefined;
  /** How many entries the last validation reused (for tests and the benchmark). */
  reused = 0;

  validate(text: string, options: IncrementalOptions = {}): ValidationResult {
    if (options.maxLength !== undefined && text.length > options.maxLength) return this.full(text, options);
    const body = withoutBom(text);
    // The previous layout's entries are moved in place (reuseLayout): it is forgotten until this
    // validation succeeds, so a failure can never leave it half moved.
    const previous = this.previous;
    this.previous = undefined;
    const layout = (previous?.text !== undefined && reuseLayout(previous.layout, changeBetween(previous.text, body), stringView(body))) || freshLayout(body);
    if (!layout) return this.full(text, options);
    const document = JsonDocument.trusted(text);
    const positionAt = options.positionAt ?? ((offset: number) => document.positionAt(offset));
    const checked = this.check(stringView(body), layout, options, positionAt);
    if (!checked) return this.full(text, options);
    this.previous = { text: body, layout };
    return { ...checked, document };
  }

  /**
   * The same as `validate(source.getText(), options)`, but when this validator checked an earlier
   * state of the same `source` it reads only the parts of the text the check needs (the edited
   * entries and the request around the entries): the text is not joined. `positionAt` must be
   * the source's own.
   */
  validateEdited(source: EditedText, options: IncrementalOptions & { positionAt: (offset: number) => Position }): Verdict {
    const previous = this.previous;
    const change = previous?.source === source && previous.stamp !== undefined ? source.changedSince(previous.stamp) : undefined;
    if (!previous || !change || (options.maxLength !== undefined && source.textLength > options.maxLength)) return this.validateWhole(source, options);
    this.previous = undefined;
    const view = editedView(source);
    const unchanged = change.start === change.oldEnd && change.start === change.newEnd;
    const layout = reuseLayout(previous.layout, unchanged ? undefined : { prefix: change.start, oldChangeEnd: change.oldEnd, delta: change.newEnd - change.oldEnd }, view);
    const checked = layout && this.check(view, layout, options, options.positionAt);
    if (!layout || !checked) return this.validateWhole(source, options);
    this.previous = { source, stamp: source.stamp, layout };
    return checked;
  }

  /** Where the msg entries of `source` are, when this validator has just checked it as it is now. */
  entrySpansOf(source: EditedText): EntrySpans | undefined {
    const previous = this.previous;
    if (!previous || previous.source !== source || previous.stamp !== source.stamp) return undefined;
    return { ...spansOf(previous.layout), memos: previous.layout.entries.map((entry) => entry.memo) };
  }

  private validateWhole(source: EditedText, options: IncrementalOptions): ValidationResult {
    const stamp = source.stamp;
    const result = this.validate(source.getText(), options);
    if (this.previous) Object.assign(this.previous, { source, stamp });
    return result;
  }

  /** The check of a text whose entries are laid out: undefined when it must take the full path. */
  private check(view: TextView, layout: Layout, options: IncrementalOptions, positionAt: (offset: number) => Position): Verdict | undefined {
    // Everything outside the entries must parse on its own; the entries are parsed one by one
    // (an entry kept from the previous text was parsed then, with exactly this text).
    const arrayEnd = layout.array.offset + layout.array.length;
    const skeleton = view.slice(0, layout.array.offset) + '[]' + view.slice(arrayEnd, view.length);
    let envelope: unknown;
    try {
      if (containersBeyond(skeleton, MAX_CONTAINERS)) return undefined;
      envelope = JSON.parse(skeleton);
    } catch {
      return undefined;
    }
    const messages = objectAt(envelope, 'messages');
    if (!isPayloadValue(envelope) || !isObject(envelope) || !messages || !Array.isArray(messages.msg)) return undefined;

    const limit = options.maxProblems ?? Infinity;
    const checked = checkEntries(view, layout, limit, positionAt);
    if (!checked) return undefined;

    // A token can only be in the envelope (messages.authentication).
    const secrets = payloadSecrets(envelope);
    // The envelope is checked on the skeleton, with the real number of entries.
    messages.msg = new Array(layout.entries.length).fill(null);
    const around = envelopeFindings(envelope);
    const grow = layout.array.length - 2;
    const diagnostics = checked.diagnostics;
    spansInText(skeleton, around).forEach((span, i) => {
      const inArray = span.offset === layout.array.offset && span.length === 2;
      const placed = inArray ? layout.array : { offset: span.offset > layout.array.offset ? span.offset + grow : span.offset, length: span.length };
      diagnostics.push(toDiagnostic(around[i], rangeOf(positionAt, view.length, placed.offset, placed.length)));
    });
    this.reused = checked.reused;
    return { isPayload: true, diagnostics: capProblems(sortByPosition(diagnostics), limit, checked.leftOut), secrets };
  }

  /** Where the msg entries of `text` are, when this validator has just seen exactly that text. */
  entrySpans(text: string): EntrySpans | undefined {
    if (this.previous?.text === undefined || this.previous.text !== withoutBom(text)) return undefined;
    return { ...spansOf(this.previous.layout), memos: this.previous.layout.entries.map((entry) => entry.memo) };
  }

  private full(text: string, options: ValidateOptions): ValidationResult {
    this.previous = undefined;
    this.reused = 0;
    return validateText(text, options);
  }
}

function stringView(body: string): TextView {
  return { length: body.length, slice: (start, end) => body.slice(start, end) };
}

/** The edited text as the checks read it: a BOM at its start read as a space. */
function editedView(source: EditedText): TextView {
  return { length: source.textLength, slice: (start, end) => (start === 0 ? withoutBom(source.slice(start, end)) : source.slice(start, end)) };
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
  /** The entries' diagnostics, in entry order. */
  diagnostics: Diagnostic[];
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
function checkEntries(body: TextView, layout: Layout, limit: number, positionAt: (offset: number) => Position): Checked | undefined {
  const diagnostics: Diagnostic[] = [];
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
    if (shown > 0) {
      const start = positionAt(entry.span.offset);
      let placed = result.placed;
      if (!placed || placed.index !== index || placed.line !== start.line || placed.character !== start.character || placed.diagnostics.length !== shown) {
        const entryDiagnostics: Diagnostic[] = [];
        for (let i = 0; i < shown; i++) {
          entryDiagnostics.push(toDiagnostic(withPrefix(findings[i], ['messages', 'msg', index]), rangeOf(positionAt, body.length, entry.span.offset + spans[i].offset, spans[i].length)));
        }
        placed = result.placed = { index, line: start.line, character: start.character, diagnostics: entryDiagnostics };
      }
      for (const diagnostic of placed.diagnostics) diagnostics.push(diagnostic);
    }
    room -= shown;
    leftOut += count - shown;
  }
  return { diagnostics, leftOut, reused };
}

function rangeOf(positionAt: (offset: number) => Position, length: number, offset: number, spanLength: number): Diagnostic['range'] {
  return { start: positionAt(Math.min(offset, length)), end: positionAt(Math.min(offset + spanLength, length)) };
}

/** One entry's findings, keeping at most `room` of them; undefined when it does not parse. */
function checkEntry(body: TextView, span: OffsetSpan, room: number): EntryResult | undefined {
  const entryText = body.slice(span.offset, span.offset + span.length);
  // Counted in the text first: such an entry gets only its cheap checks, as in validate.ts.
  const tooComplex = containersBeyond(entryText, MAX_ENTRY_CONTAINERS);
  let msg: unknown;
  try {
    msg = JSON.parse(entryText);
  } catch {
    return undefined;
  }
  const all = tooComplex ? tooComplexEntryFindings(msg) : msgEntryFindings(msg);
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
function reuseLayout(old: Layout, change: Change | undefined, text: TextView): Layout | undefined {
  const entries = old.entries;
  if (entries.length === 0) return undefined;
  if (!change) return old;
  const { prefix, oldChangeEnd, delta } = change;
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

  // Scanned in the window's own text: the text after it is the previous text's, entries the edit left alone.
  const windowText = text.slice(windowStart, windowEnd + delta);
  const scanned = scanEntries(windowText, 0, windowText.length - 1, windowText.length)?.map((span) => ({ offset: span.offset + windowStart, length: span.length }));
  if (!scanned || entries.length - (hi - lo + 1) + scanned.length > MAX_LAYOUT_ENTRIES) return undefined;
  // The entries before the edit stay as they are, those after it move by `delta` (a new span:
  // the old one may still be read where the previous text's spans were handed out).
  const moved = entries.slice();
  if (delta !== 0) for (let i = hi + 1; i < moved.length; i++) moved[i].span = { offset: moved[i].span.offset + delta, length: moved[i].span.length };
  moved.splice(lo, hi - lo + 1, ...scanned.map((span) => ({ span, memo: {} })));
  return { array: { offset: old.array.offset, length: old.array.length + delta }, entries: moved };
}

/** An edit: [prefix, oldChangeEnd) of the previous text became `delta` characters longer. */
interface Change {
  prefix: number;
  oldChangeEnd: number;
  delta: number;
}

/** What changed between two texts (undefined: nothing), from their common prefix and suffix. */
function changeBetween(oldText: string, text: string): Change | undefined {
  const prefix = commonPrefix(oldText, text);
  if (prefix === oldText.length && prefix === text.length) return undefined;
  const suffix = commonSuffix(oldText, text, Math.min(oldText.length, text.length) - prefix);
  return { prefix, oldChangeEnd: oldText.length - suffix, delta: text.length - oldText.length };
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
