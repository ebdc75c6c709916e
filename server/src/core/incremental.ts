/**
 * Validation for an editor, keystroke after keystroke. The text is seen as the envelope plus
 * its msg entries; each entry's findings are kept with paths and offsets relative to the
 * entry. On the next text, the common prefix and suffix with the previous one tell which
 * entries an edit touched: only those are parsed and checked again, the others are shifted
 * into place. Anything unusual — an edit outside `msg`, a syntax error, an odd layout — takes
 * the full path, which also words syntax errors best.
 */
import { JsonDocument, spansInText, type OffsetSpan, type Position } from './json-document';
import { locatePaths, skipValue, skipWhitespace } from './offset-locator';
import type { Finding } from './report';
import { payloadSecrets } from './safe-text';
import { isObject } from './rules/access';
import { envelopeFindings, isPayloadValue, msgEntryFindings, toDiagnostic, validateText, withPrefix, type ValidateOptions, type ValidationResult } from './validate';

export interface IncrementalOptions extends ValidateOptions {
  /** The editor's own line index (LSP's TextDocument keeps one up to date): saves a scan. */
  positionAt?: (offset: number) => Position;
}

interface EntryResult {
  findings: Finding[];
  /** Relative to the entry's first character. */
  spans: OffsetSpan[];
}

interface Entry {
  span: OffsetSpan;
  result?: EntryResult;
}

interface Layout {
  /** The `msg` array, from `[` to after `]`. */
  array: OffsetSpan;
  entries: Entry[];
}

export class IncrementalValidator {
  private previous: { text: string; layout: Layout } | undefined;
  /** How many entries the last validation reused (for tests and the benchmark). */
  reused = 0;

  validate(text: string, options: IncrementalOptions = {}): ValidationResult {
    if (options.maxLength !== undefined && text.length > options.maxLength) return this.full(text, options);
    const body = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
    const layout = (this.previous && reuseLayout(this.previous.text, this.previous.layout, body)) ?? freshLayout(body);
    if (!layout) return this.full(text, options);

    // Everything outside the entries must parse on its own; the entries are parsed one by one
    // (an entry kept from the previous text was parsed then, with exactly this text).
    const arrayEnd = layout.array.offset + layout.array.length;
    const skeleton = body.slice(0, layout.array.offset) + '[]' + body.slice(arrayEnd);
    let envelope: any;
    try {
      envelope = JSON.parse(skeleton);
    } catch {
      return this.full(text, options);
    }
    if (!isPayloadValue(envelope) || !isObject(envelope.messages) || !Array.isArray(envelope.messages.msg)) return this.full(text, options);

    let reused = 0;
    for (const entry of layout.entries) {
      if (entry.result) {
        reused++;
        continue;
      }
      const entryText = body.slice(entry.span.offset, entry.span.offset + entry.span.length);
      let msg: unknown;
      try {
        msg = JSON.parse(entryText);
      } catch {
        return this.full(text, options);
      }
      const findings = msgEntryFindings(msg);
      entry.result = { findings, spans: spansInText(entryText, findings) };
    }

    const placed: { finding: Finding; span: OffsetSpan }[] = [];
    layout.entries.forEach((entry, index) => {
      const { findings, spans } = entry.result!;
      findings.forEach((finding, i) => {
        placed.push({ finding: withPrefix(finding, ['messages', 'msg', index]), span: { offset: entry.span.offset + spans[i].offset, length: spans[i].length } });
      });
    });
    // A token can only be in the envelope (messages.authentication).
    const secrets = payloadSecrets(envelope);
    // The envelope is checked on the skeleton, with the real number of entries.
    envelope.messages.msg = new Array(layout.entries.length).fill(null);
    const around = envelopeFindings(envelope);
    const grow = layout.array.length - 2;
    spansInText(skeleton, around).forEach((span, i) => {
      const inArray = span.offset === layout.array.offset && span.length === 2;
      placed.push({ finding: around[i], span: inArray ? layout.array : { offset: span.offset > layout.array.offset ? span.offset + grow : span.offset, length: span.length } });
    });

    this.previous = { text: body, layout };
    this.reused = reused;
    const document = JsonDocument.trusted(text);
    const positionAt = options.positionAt ?? ((offset: number) => document.positionAt(offset));
    const diagnostics = placed
      .map(({ finding, span }) =>
        toDiagnostic(finding, { start: positionAt(Math.min(span.offset, body.length)), end: positionAt(Math.min(span.offset + span.length, body.length)) }),
      )
      .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    return { isPayload: true, diagnostics, document, secrets };
  }

  private full(text: string, options: ValidateOptions): ValidationResult {
    this.previous = undefined;
    this.reused = 0;
    return validateText(text, options);
  }
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
  return spans && { array, entries: spans.map((span) => ({ span })) };
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
  if (!scanned) return undefined;
  return {
    array: { offset: old.array.offset, length: old.array.length + delta },
    entries: [
      ...entries.slice(0, lo).map((e) => ({ ...e })),
      ...scanned.map((span) => ({ span })),
      ...entries.slice(hi + 1).map((e) => ({ span: { offset: e.span.offset + delta, length: e.span.length }, result: e.result })),
    ],
  };
}

/**
 * Object entries from `start`, separated by commas, up to `last` (the closing bracket, or with
 * `stopAt` the exact end of the last entry). undefined when the text does not look like that.
 */
function scanEntries(text: string, start: number, last: number, stopAt?: number): OffsetSpan[] | undefined {
  const spans: OffsetSpan[] = [];
  let pos = start;
  for (;;) {
    // Entries are objects; anything else takes the full path, which words the error best.
    if (text.charCodeAt(pos) !== 0x7b /* { */) return undefined;
    const after = skipValue(text, pos);
    spans.push({ offset: pos, length: after - pos });
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
function commonPrefix(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  const chunk = 1 << 16;
  let at = 0;
  while (at + chunk <= max && a.slice(at, at + chunk) === b.slice(at, at + chunk)) at += chunk;
  while (at < max && a.charCodeAt(at) === b.charCodeAt(at)) at++;
  return at;
}

function commonSuffix(a: string, b: string, max: number): number {
  const chunk = 1 << 16;
  let n = 0;
  while (n + chunk <= max && a.slice(a.length - n - chunk, a.length - n) === b.slice(b.length - n - chunk, b.length - n)) n += chunk;
  while (n < max && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  return n;
}
