/**
 * The text a half-typed payload will most likely be, for judging its rules while it is typed
 * (as vscode-json-languageservice validates its error-tolerant tree). jsonc-parser's tolerant
 * tree drops what follows a half-typed key (`"he` before `"body": …` loses `body`), so the
 * rules would see a message that is not there. Here the typed fragments that break the parse
 * are blanked out or closed — a half-typed key, a key without its value, an unterminated
 * string, a missing comma, a dangling comma, a comment — always in place, character for
 * character and never across a line break, so every offset and line of the text stays as it
 * is: a problem on an untouched node keeps its range from keystroke to keystroke.
 *
 * An object or array left open (`"header": {` typed, the `}` not yet) swallows everything after
 * it in the tolerant tree. It is closed where the layout says it ends: at the first line that
 * is indented no deeper than the line it was opened on (its next sibling, or its parent's
 * closing bracket), its closer (and a comma before a sibling) written into that line's
 * indentation. That is trusted only where the whole text is laid out that way — every closing
 * bracket that starts a line stands at the indentation of the line its opening bracket is on,
 * and every bracket is matched once the open ones are closed — otherwise nothing is closed and
 * what is left is judged as before.
 */
import { createScanner, parseTree, ParseErrorCode, SyntaxKind, type ParseError } from 'jsonc-parser';
import { MAX_TREE_DEPTH, nestingDepthBeyond, treeAffordable } from './json-document';
import type { OffsetSpan } from './json-document';

/** Repairs tried at most: each removes at least one error, and a keystroke makes one or two. */
const MAX_REPAIRS = 16;

export interface Repaired {
  text: string;
  /** The spans changed: findings on nodes there are about the typing, not the payload. */
  spans: OffsetSpan[];
  /**
   * Where a closing bracket was written for an object or array left open: what is found missing
   * or empty in it is still being typed, so findings on it are not shown.
   */
  closers: number[];
}

/** `text` with its syntax errors repaired in place; undefined when one cannot be (what is left is judged as before). */
export function repairInPlace(text: string): Repaired | undefined {
  // jsonc-parser recurses per level: a text nested deeper than the tree limit is not parsed at all.
  if (!treeAffordable(text) || nestingDepthBeyond(text, MAX_TREE_DEPTH) !== undefined) return undefined;
  const closed = closeUnclosed(text) ?? { text, spans: [], closers: [] };
  let current = closed.text;
  const spans: OffsetSpan[] = [...closed.spans];
  const closers = closed.closers;
  for (let round = 0; round < MAX_REPAIRS; round++) {
    const errors: ParseError[] = [];
    parseTree(current, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    if (errors.length === 0) return { text: current, spans, closers };
    const span = repairOf(current, errors[0]);
    if (!span) return undefined;
    current = span.text;
    spans.push(span.changed);
  }
  return undefined;
}

/** Whether every `{` and `[` of `text` (outside strings and comments) has its closer, and no closer is left over. */
export function bracketsBalance(text: string): boolean {
  const scanner = createScanner(text, true);
  let depth = 0;
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind === SyntaxKind.OpenBraceToken || kind === SyntaxKind.OpenBracketToken) depth++;
    else if ((kind === SyntaxKind.CloseBraceToken || kind === SyntaxKind.CloseBracketToken) && --depth < 0) return false;
  }
  return depth === 0;
}

interface Open {
  closer: string;
  /** The indentation of the line the opening bracket is on: where its closer belongs. */
  indent: number;
}

/**
 * `text` with each object and array left open closed where its layout says it ends (see the
 * top of this file); undefined when the text is not laid out consistently enough to tell.
 * Completion asks it too: whether what follows the cursor is still in the object typed there.
 */
export function closeUnclosed(text: string): { text: string; spans: OffsetSpan[]; closers: number[] } | undefined {
  const scanner = createScanner(text, true);
  const open: Open[] = [];
  const insertions: { lineStart: number; closers: string; comma: boolean }[] = [];
  let line = -1;
  let indent = 0;
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    const offset = scanner.getTokenOffset();
    const closer = kind === SyntaxKind.CloseBraceToken ? '}' : kind === SyntaxKind.CloseBracketToken ? ']' : undefined;
    const startsLine = scanner.getTokenStartLine() !== line;
    if (startsLine) {
      line = scanner.getTokenStartLine();
      indent = scanner.getTokenStartCharacter();
      // What is open on an earlier line ends before a line indented no deeper, unless that line is its closer.
      let closers = '';
      while (open.length > 0) {
        const top = open[open.length - 1];
        if (indent > top.indent || (indent === top.indent && closer === top.closer)) break;
        closers += top.closer;
        open.pop();
      }
      if (closers) {
        const lineStart = offset - indent;
        if (!/^[ \t]*$/.test(text.slice(lineStart, offset))) return undefined;
        // A keystroke leaves one or two open; many more is a layout this cannot read.
        if (insertions.push({ lineStart, closers, comma: closer === undefined }) > MAX_REPAIRS) return undefined;
      }
    }
    if (kind === SyntaxKind.OpenBraceToken) open.push({ closer: '}', indent });
    else if (kind === SyntaxKind.OpenBracketToken) open.push({ closer: ']', indent });
    else if (closer) {
      const top = open.pop();
      if (!top || top.closer !== closer || (startsLine && indent !== top.indent)) return undefined;
    }
  }
  // Left open at the end of the text: nowhere to tell where it ends.
  if (open.length > 0) return undefined;
  // One pass over the text (insertions come in text order), not a copy per insertion.
  const pieces: string[] = [];
  const spans: OffsetSpan[] = [];
  const closers: number[] = [];
  let copied = 0;
  for (const { lineStart, closers: written, comma } of insertions) {
    const insert = written + (comma ? ',' : '');
    // Written into the indentation, so no offset or line moves; a line too shallow for it is not guessed at.
    if (lineStart + insert.length > text.length || !/^[ \t]*$/.test(text.slice(lineStart, lineStart + insert.length))) return undefined;
    pieces.push(text.slice(copied, lineStart), insert);
    copied = lineStart + insert.length;
    spans.push({ offset: lineStart, length: insert.length });
    for (let i = 0; i < written.length; i++) closers.push(lineStart + i);
  }
  pieces.push(text.slice(copied));
  return { text: pieces.join(''), spans, closers };
}

function repairOf(text: string, error: ParseError): { text: string; changed: OffsetSpan } | undefined {
  const { offset, length } = error;
  switch (error.error) {
    case ParseErrorCode.UnexpectedEndOfString: {
      // A value being typed: an empty string in its place; a key being typed: gone.
      if (previousSignificant(text, offset) === ':') {
        return length >= 2 ? replace(text, offset, length, '""') : replace(text, offset, length, '0');
      }
      return blank(text, offset, offset + length);
    }
    case ParseErrorCode.InvalidSymbol:
    case ParseErrorCode.InvalidCommentToken:
    case ParseErrorCode.UnexpectedEndOfComment:
      return blank(text, offset, offset + Math.max(length, 1));
    case ParseErrorCode.ColonExpected: {
      // `"he"` and then something else: a key still being typed.
      const key = stringBefore(text, offset);
      return key === undefined ? undefined : blank(text, key, offset);
    }
    case ParseErrorCode.ValueExpected:
    case ParseErrorCode.PropertyNameExpected: {
      const before = previousSignificantAt(text, offset);
      if (before < 0) return undefined;
      if (text[before] === ',') return blank(text, before, before + 1); // a dangling comma
      if (text[before] === ':') {
        // `"header":` with nothing after it yet: the property is not there yet.
        const key = stringBefore(text, before);
        return key === undefined ? undefined : blank(text, key, before + 1);
      }
      return undefined;
    }
    case ParseErrorCode.CommaExpected: {
      if (text[offset] === ':') {
        // `"header2":` with no value yet took the next key as its value: it goes.
        const next = stringBefore(text, offset);
        const colon = next === undefined ? -1 : previousSignificantAt(text, next);
        const key = colon >= 0 && text[colon] === ':' ? stringBefore(text, colon) : undefined;
        return key === undefined ? undefined : blank(text, key, colon + 1);
      }
      // Two values without a comma: one goes into the whitespace between them.
      for (let at = offset - 1; at >= 0 && /[ \t\r\n]/.test(text[at]); at--) {
        if (text[at] === ' ' || text[at] === '\t') return replace(text, at, 1, ',');
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** The text with [start, end) as spaces, line breaks kept. */
function blank(text: string, start: number, end: number): { text: string; changed: OffsetSpan } {
  return { text: text.slice(0, start) + text.slice(start, end).replace(/[^\r\n]/g, ' ') + text.slice(end), changed: { offset: start, length: end - start } };
}

/** `replacement` (no longer than `length`) in place of [offset, offset + length), padded with spaces. */
function replace(text: string, offset: number, length: number, replacement: string): { text: string; changed: OffsetSpan } {
  const padded = replacement + ' '.repeat(length - replacement.length);
  return { text: text.slice(0, offset) + padded + text.slice(offset + length), changed: { offset, length } };
}

function previousSignificantAt(text: string, offset: number): number {
  let at = offset - 1;
  while (at >= 0 && /\s/.test(text[at])) at--;
  return at;
}

function previousSignificant(text: string, offset: number): string | undefined {
  const at = previousSignificantAt(text, offset);
  return at >= 0 ? text[at] : undefined;
}

/** Where the string that ends just before `offset` (whitespace between) starts, on its line. */
function stringBefore(text: string, offset: number): number | undefined {
  const end = previousSignificantAt(text, offset);
  if (end < 0 || text[end] !== '"') return undefined;
  for (let at = end - 1; at >= 0 && text[at] !== '\n'; at--) {
    if (text[at] === '"' && text[at - 1] !== '\\') return at;
  }
  return undefined;
}
