/**
 * Requests — hover, completion, quick fixes, outline, code lens — each look at one place of a
 * file. A jsonc-parser tree of a whole big file costs far more than its text (a 14.6 MB
 * payload: ~130 MB, over the server's 160 MB heap), so when a file's tree would pass
 * MAX_TREE_TOKENS a request parses only its scope: the msg entry it is about, or the
 * request around the entries with each entry reduced to a placeholder. A scope maps offsets between its
 * own text and the file's, and knows the file path of its root.
 */
import { JsonDocument, MAX_TREE_TOKENS, treeAffordable, treeTokens, type JsonPath, type OffsetSpan } from './json-document';
import { msgEntrySpans, type EntryMemo, type EntrySpans } from './incremental';
import { withoutBom } from './json-text';

export interface Scope {
  /** The scope's own text: the file, one msg entry (behind its line's indentation), or the request around the entries. */
  readonly text: string;
  readonly document: JsonDocument;
  /** The file path of the scope's root value: [] or ['messages', 'msg', k]. */
  readonly base: JsonPath;
  /** The file's value as far as the scope holds it (other entries absent): for file paths into it. */
  readonly root: unknown;
  /** The offset in the scope's text of a file offset; undefined when the scope does not cover it. */
  toLocal(offset: number): number | undefined;
  /** The file offset of an offset in the scope's text. */
  toFile(offset: number): number;
}

type Entries = EntrySpans;

/** One msg entry of a big file, for features that keep their answer per entry between edits. */
export interface MessageEntry {
  index: number;
  /** Where the entry starts in the file. */
  offset: number;
  /** Lives as long as the entry's text (see incremental.ts). */
  memo: EntryMemo;
  /** The entry's scope, parsed when asked; undefined when it may not be parsed. */
  scope(): Scope | undefined;
}

/**
 * A text read in parts (the server's document, text-document.ts): a big file's scopes need only
 * the request around the entries and the entries asked about, not the whole text joined.
 */
export interface TextParts {
  readonly textLength: number;
  slice(start: number, end: number): string;
  getText(): string;
}

/** One version of a file's text, with the scopes requests need (computed when first asked). */
export class PayloadText {
  /** The text with a BOM as a space (offsets stay the same and the parsers accept it), once read whole. */
  private wholeText: string | undefined;
  private readonly parts: TextParts | undefined;
  private layout: Entries | null | undefined;
  private wholeScope: Scope | null | undefined;
  private envelopeScope: Scope | null | undefined;
  private lastEntry: { index: number; scope: Scope | undefined } | undefined;

  /**
   * `entries`: the msg entries' spans when already known (the validator's, for this very text).
   * `wholeLimit`: up to how many tokens the file is one scope (tests lower it to check the
   * scopes against the whole).
   */
  constructor(text: string | TextParts, entries?: Entries, private readonly wholeLimit = MAX_TREE_TOKENS) {
    if (typeof text === 'string') this.wholeText = withoutBom(text);
    else this.parts = text;
    this.layout = entries;
  }

  /** The whole text (BOM as a space), read once. */
  private get body(): string {
    return (this.wholeText ??= withoutBom(this.parts!.getText()));
  }

  /** Part of the text (BOM as a space), without reading the whole of it. */
  private slice(start: number, end: number): string {
    if (this.wholeText !== undefined || !this.parts) return this.body.slice(start, end);
    const part = this.parts.slice(start, end);
    return start === 0 ? withoutBom(part) : part;
  }

  private get length(): number {
    return this.wholeText?.length ?? this.parts!.textLength;
  }

  /** The scope that holds a file offset; undefined between entries of a big file, or when nothing may be parsed. */
  scopeAt(offset: number): Scope | undefined {
    const whole = this.whole();
    if (whole !== undefined) return whole ?? undefined;
    const layout = this.entries();
    if (!layout) return undefined;
    const index = entryAt(layout.entries, offset);
    if (index >= 0) return this.entry(index);
    const { offset: start, length } = layout.array;
    return offset > start && offset < start + length ? undefined : this.envelope();
  }

  /** The scope that holds a file path: its msg entry, or the request around the entries. */
  scopeOf(path: JsonPath): Scope | undefined {
    const whole = this.whole();
    if (whole !== undefined) return whole ?? undefined;
    const layout = this.entries();
    if (!layout) return undefined;
    const index = path[0] === 'messages' && path[1] === 'msg' && typeof path[2] === 'number' ? path[2] : -1;
    if (index >= 0 && index < layout.entries.length) return this.entry(index);
    return index >= 0 ? undefined : this.envelope();
  }

  /** How many msg entries the file has (0 when they cannot be seen). */
  messageCount(): number {
    const whole = this.whole();
    if (whole) return msgOf(whole)?.length ?? 0;
    return whole === null ? 0 : this.entries()?.entries.length ?? 0;
  }

  /** The scopes of all messages, each with the indexes of the messages it holds (one scope per entry in a big file). */
  *messageScopes(): Generator<{ scope: Scope; indexes: number[] }> {
    const whole = this.whole();
    if (whole) {
      const msg = msgOf(whole);
      if (msg) yield { scope: whole, indexes: msg.map((_entry, index) => index) };
      return;
    }
    if (whole === null) return;
    const layout = this.entries();
    for (let index = 0; layout && index < layout.entries.length; index++) {
      const scope = this.entryScope(index);
      if (scope) yield { scope, indexes: [index] };
    }
  }

  /**
   * The msg entries one by one, each with its memo: when the file is seen in scopes and this
   * very text was just checked message by message (the validator's entries, see
   * incremental.ts). Features keep their per-message answers there, so after a keystroke only
   * the edited message is parsed again. undefined otherwise.
   */
  messageEntries(): MessageEntry[] | undefined {
    if (this.whole() !== undefined) return undefined;
    const layout = this.entries();
    const memos = layout?.memos;
    if (!layout || !memos) return undefined;
    return layout.entries.map((span, index) => ({ index, offset: span.offset, memo: memos[index], scope: () => this.entryScope(index) }));
  }

  /**
   * The whole-text scope for a file whose tree is affordable; undefined when the file is to be
   * seen in scopes (its msg entries can be found), null when it cannot be seen at all.
   */
  private whole(): Scope | null | undefined {
    if (this.wholeScope !== undefined) return this.wholeScope;
    if (this.treeTokens() > this.wholeLimit) return this.entries() ? undefined : (this.wholeScope = null);
    const document = JsonDocument.parse(this.body);
    return (this.wholeScope = { text: this.body, document, base: [], root: document.value, toLocal: (offset) => clamp(offset, this.body.length), toFile: (offset) => offset });
  }

  /**
   * The tokens of the file's tree, counted up to `wholeLimit + 1`. With the validator's entries,
   * the sum of each entry's count (kept in its memo) and the envelope's: after a keystroke only
   * the edited entry is scanned, not the 5 MB file. Entries are separated by commas only (see
   * scanEntries in incremental.ts), so the sum is the count of the whole text.
   */
  private treeTokens(): number {
    const layout = this.layout;
    if (!layout?.memos || layout.entries.length === 0) return treeTokens(this.body, this.wholeLimit);
    const { array, entries, memos } = layout;
    const limit = this.wholeLimit;
    // `[`, the commas between entries and `]`.
    let count = treeTokens(this.slice(0, array.offset), limit) + entries.length + 1 + treeTokens(this.slice(array.offset + array.length, this.length), limit);
    for (let index = 0; index < entries.length && count <= limit; index++) {
      const memo = memos[index];
      const kept = memo.treeTokens as { limit: number; count: number } | undefined;
      if (kept?.limit === limit) {
        count += kept.count;
        continue;
      }
      const { offset, length } = entries[index];
      const counted = treeTokens(this.slice(offset, offset + length), limit);
      memo.treeTokens = { limit, count: counted };
      count += counted;
    }
    return count;
  }

  private entries(): Entries | undefined {
    if (this.layout === undefined) this.layout = msgEntrySpans(this.body) ?? null;
    return this.layout ?? undefined;
  }

  /** An entry's scope, the last one kept: hovers and completions come in runs at one place. */
  private entry(index: number): Scope | undefined {
    if (this.lastEntry?.index !== index) this.lastEntry = { index, scope: this.entryScope(index) };
    return this.lastEntry.scope;
  }

  private entryScope(index: number): Scope | undefined {
    const span = this.entries()!.entries[index];
    const end = span.offset + span.length;
    // The indentation of the entry's line goes first, so that an edit there is formatted at its depth.
    const indent = this.lineIndentBefore(span.offset);
    const text = indent + this.slice(span.offset, end);
    if (!treeAffordable(text)) return undefined;
    const document = JsonDocument.parse(text);
    const msg: unknown[] = [];
    msg[index] = document.value;
    return {
      text,
      document,
      base: ['messages', 'msg', index],
      root: { messages: { msg } },
      toLocal: (offset) => (offset >= span.offset && offset <= end ? offset - span.offset + indent.length : undefined),
      toFile: (offset) => Math.max(offset - indent.length, 0) + span.offset,
    };
  }

  /** lineIndentBefore in the text, from the characters before `offset` when that is enough. */
  private lineIndentBefore(offset: number): string {
    const from = Math.max(0, offset - 256);
    const before = this.slice(from, offset);
    const indent = lineIndentBefore(before, before.length);
    // Spaces and tabs all the way back: the whole text says where the line starts.
    return indent.length === before.length && from > 0 ? lineIndentBefore(this.body, offset) : indent;
  }

  /**
   * The request with `msg` as `[0,0,…]`: the envelope's own values, and the real count of
   * entries. Numbers, not `{}`: after an empty object jsonc-parser's getLocation still believes
   * it is at a property key, and completion right after the array would offer the wrong names.
   */
  private envelope(): Scope | undefined {
    if (this.envelopeScope !== undefined) return this.envelopeScope ?? undefined;
    const { array, entries } = this.entries()!;
    const placeholder = `[${new Array(entries.length).fill('0').join(',')}]`;
    const start = array.offset;
    const end = start + array.length;
    const shift = array.length - placeholder.length;
    const text = this.slice(0, start) + placeholder + this.slice(end, this.length);
    if (!treeAffordable(text)) {
      this.envelopeScope = null;
      return undefined;
    }
    const document = JsonDocument.parse(text);
    this.envelopeScope = {
      text,
      document,
      base: [],
      root: document.value,
      toLocal: (offset) => (offset <= start ? offset : offset >= end ? offset - shift : undefined),
      toFile: (offset) => (offset <= start ? offset : offset >= start + placeholder.length ? offset + shift : start),
    };
    return this.envelopeScope;
  }
}

/** The msg array of a scope's value, if it is one. */
function msgOf(scope: Scope): unknown[] | undefined {
  const msg = (scope.root as { messages?: { msg?: unknown } } | undefined)?.messages?.msg;
  return Array.isArray(msg) ? msg : undefined;
}

/** The index of the entry whose span holds `offset` (its brackets included), or -1. */
function entryAt(entries: OffsetSpan[], offset: number): number {
  let low = 0;
  let high = entries.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const entry = entries[middle];
    if (offset < entry.offset) high = middle - 1;
    else if (offset > entry.offset + entry.length) low = middle + 1;
    else return middle;
  }
  return -1;
}

/**
 * The spaces and tabs before `offset` when they start its line (else none: the entry starts
 * mid-line, in compact text). Looks back only over those, never along a long line.
 */
function lineIndentBefore(text: string, offset: number): string {
  let start = offset;
  while (start > 0 && (text.charCodeAt(start - 1) === 0x20 || text.charCodeAt(start - 1) === 0x09)) start--;
  const before = text.charCodeAt(start - 1);
  return start === 0 || before === 0x0a || before === 0x0d ? text.slice(start, offset) : '';
}

function clamp(offset: number, length: number): number {
  return Math.min(Math.max(offset, 0), length);
}
