/**
 * The text a half-typed payload will most likely be, for judging its rules while it is typed
 * (as vscode-json-languageservice validates its error-tolerant tree). jsonc-parser's tolerant
 * tree drops what follows a half-typed key (`"he` before `"body": …` loses `body`), so the
 * rules would see a message that is not there. Here the typed fragments that break the parse
 * are blanked out or closed — a half-typed key, a key without its value, an unterminated
 * string, a missing comma, a dangling comma, a comment — always in place, character for
 * character and never across a line break, so every offset and line of the text stays as it
 * is: a problem on an untouched node keeps its range from keystroke to keystroke.
 */
import { parseTree, ParseErrorCode, type ParseError } from 'jsonc-parser';
import { MAX_TREE_DEPTH, nestingDepthBeyond, treeAffordable } from './json-document';
import type { OffsetSpan } from './json-document';

/** Repairs tried at most: each removes at least one error, and a keystroke makes one or two. */
const MAX_REPAIRS = 16;

export interface Repaired {
  text: string;
  /** The spans changed: findings on nodes there are about the typing, not the payload. */
  spans: OffsetSpan[];
}

/** `text` with its syntax errors repaired in place; undefined when one cannot be (what is left is judged as before). */
export function repairInPlace(text: string): Repaired | undefined {
  // jsonc-parser recurses per level: a text nested deeper than the tree limit is not parsed at all.
  if (!treeAffordable(text) || nestingDepthBeyond(text, MAX_TREE_DEPTH) !== undefined) return undefined;
  let current = text;
  const spans: OffsetSpan[] = [];
  for (let round = 0; round < MAX_REPAIRS; round++) {
    const errors: ParseError[] = [];
    parseTree(current, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    if (errors.length === 0) return { text: current, spans };
    const span = repairOf(current, errors[0]);
    if (!span) return undefined;
    current = span.text;
    spans.push(span.changed);
  }
  return undefined;
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
