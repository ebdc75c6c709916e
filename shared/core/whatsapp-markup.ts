/**
 * WhatsApp's text formatting markers — *bold*, _italic_, ~strike~, `code`, ```mono``` — as one
 * grammar for the rules (BTN-TITLE-PLAIN and the literal-markdown notes: text that WhatsApp
 * would format) and the preview (which formats it). A marker opens after a start, space or
 * punctuation and closes before one, as WhatsApp does: `file_v2_final` or `5 * 3 * 2` is no
 * formatting, `_Yes_` and `Say *yes* now` are.
 */

/** What may stand right before an opening marker: the start of the text, a space or punctuation. */
export const EDGE_BEFORE = '(^|[\\s.,!?;:()\\[\\]"\'-])';

export interface MarkupPattern {
  kind: 'mono' | 'code' | 'bold' | 'italic' | 'strike';
  /** The marker with its content as group 1. */
  body: string;
  /** Whether the marker needs EDGE_BEFORE before it (then the edge is group 1 and the content group 2). */
  edge: boolean;
}

export const MARKUP_PATTERNS: readonly MarkupPattern[] = [
  { kind: 'mono', body: '```([\\s\\S]+?)```', edge: false },
  { kind: 'code', body: '`([^`\\n]+)`', edge: true },
  { kind: 'bold', body: `\\*(\\S(?:[^*\\n]*?\\S)?)\\*(?=$|[\\s.,!?;:()\\[\\]"'_~-])`, edge: true },
  { kind: 'italic', body: `_(\\S(?:[^_\\n]*?\\S)?)_(?=$|[\\s.,!?;:()\\[\\]"'*~-])`, edge: true },
  { kind: 'strike', body: `~(\\S(?:[^~\\n]*?\\S)?)~(?=$|[\\s.,!?;:()\\[\\]"'*_-])`, edge: true },
];

/** A pattern's search: the leftmost span from `lastIndex` on, with its edge character when it has one. */
export function markupSearch(pattern: MarkupPattern): RegExp {
  return new RegExp(pattern.edge ? EDGE_BEFORE + pattern.body : pattern.body, 'gu');
}

const SEARCHES = MARKUP_PATTERNS.map((pattern) => ({ pattern, search: markupSearch(pattern) }));

interface MarkupSpan {
  /** Where the marker opens (after its edge character) and where it closes. */
  start: number;
  end: number;
  inner: string;
}

/** The leftmost formatted span in `text` from `from` on. */
function firstSpan(text: string, from: number): MarkupSpan | undefined {
  let first: MarkupSpan | undefined;
  for (const { pattern, search } of SEARCHES) {
    search.lastIndex = from;
    const match = search.exec(text);
    if (!match) continue;
    const start = match.index + (pattern.edge ? match[1].length : 0);
    if (!first || start < first.start) first = { start, end: match.index + match[0].length, inner: pattern.edge ? match[2] : match[1] };
  }
  return first;
}

/** The first span WhatsApp would format, markers included; undefined for plain text. */
export function findMarkdown(text: string): string | undefined {
  const span = firstSpan(text, 0);
  return span && text.slice(span.start, span.end);
}

/** The text with every formatted span's markers taken away (nested ones too), its content kept. */
export function removeMarkdown(text: string): string {
  let result = '';
  let cursor = 0;
  for (let span = firstSpan(text, 0); span; span = firstSpan(text, cursor)) {
    result += text.slice(cursor, span.start) + removeMarkdown(span.inner);
    cursor = span.end;
  }
  return result + text.slice(cursor);
}
