/**
 * WhatsApp's text formatting as DOM nodes: *bold*, _italic_, ~strike~, ```mono```,
 * `code`, line breaks and links. Everything is built with createElement/textContent, so
 * payload text can never become markup.
 */
import { MARKUP_PATTERNS, markupSearch, type MarkupPattern } from '../core/whatsapp-markup';

interface Marker {
  /** Finds the leftmost match from `lastIndex` on. */
  search: RegExp;
  /** Where the text (or the rest after a closing marker) starts, the marker needs no edge: tried there first. */
  atStart?: RegExp;
  tag: string;
  className?: string;
  /** Monospace content is not formatted further. */
  literal?: boolean;
}

/** How the preview shows each kind of marker. */
const ELEMENTS: Record<MarkupPattern['kind'], { tag: string; className?: string; literal?: boolean }> = {
  mono: { tag: 'code', className: 'wa-mono', literal: true },
  code: { tag: 'code', className: 'wa-code', literal: true },
  bold: { tag: 'strong' },
  italic: { tag: 'em' },
  strike: { tag: 's' },
};

// The grammar is the rules' too (BTN-TITLE-PLAIN flags exactly what is formatted here).
const MARKERS: Marker[] = MARKUP_PATTERNS.map((pattern) => ({
  search: markupSearch(pattern),
  atStart: pattern.edge ? new RegExp(pattern.body, 'yu') : undefined,
  ...ELEMENTS[pattern.kind],
}));

const LINK = /\bhttps?:\/\/[^\s<>"]+[^\s<>".,!?;:)\]]/u;

/** Nesting deeper than this is shown as plain text. */
const MAX_DEPTH = 8;

export function formatWhatsApp(doc: Document, text: string): DocumentFragment {
  const fragment = doc.createDocumentFragment();
  appendFormatted(doc, fragment, text, 0);
  return fragment;
}

interface Span {
  marker: Marker;
  /** Where the match begins (its edge character, if any). */
  index: number;
  /** Where the marker opens (after its edge character) and where the span ends. */
  start: number;
  end: number;
  inner: string;
}

/**
 * A loop along the text, not a recursion per span: any number of spans in a row costs no
 * stack (10,000 `*a*` overflowed it). Nesting recurses at most MAX_DEPTH levels. Each
 * marker's next match is searched again only once the loop has passed it.
 */
function appendFormatted(doc: Document, parent: Node, text: string, depth: number): void {
  if (depth > MAX_DEPTH) return appendPlain(doc, parent, text);
  const ahead = new Map<Marker, Span | null>();
  let cursor = 0;
  for (;;) {
    let earliest: Span | undefined;
    for (const marker of MARKERS) {
      const span = nextSpan(marker, text, cursor, ahead);
      if (span && (!earliest || span.start < earliest.start)) earliest = span;
    }
    if (!earliest) break;
    const { marker, start, end, inner } = earliest;
    appendPlain(doc, parent, text.slice(cursor, start));
    const element = doc.createElement(marker.tag);
    if (marker.className) element.className = marker.className;
    if (marker.literal) appendPlain(doc, element, inner, false);
    else appendFormatted(doc, element, inner, depth + 1);
    parent.appendChild(element);
    cursor = end;
  }
  appendPlain(doc, parent, text.slice(cursor));
}

/** The marker's leftmost span in `text` from `cursor` on, where the cursor counts as a start of text. */
function nextSpan(marker: Marker, text: string, cursor: number, ahead: Map<Marker, Span | null>): Span | null {
  if (marker.atStart) {
    marker.atStart.lastIndex = cursor;
    const match = marker.atStart.exec(text);
    if (match) return { marker, index: cursor, start: cursor, end: cursor + match[0].length, inner: match[1] };
  }
  // A match found from an earlier cursor is still the leftmost while the cursor has not passed it; no match stays no match.
  const known = ahead.get(marker);
  if (known === null || (known && known.index >= cursor)) return known;
  marker.search.lastIndex = cursor;
  const match = marker.search.exec(text);
  // With an edge group, the marker opens after the edge character.
  const span = match
    ? { marker, index: match.index, start: match.index + (marker.atStart ? match[1].length : 0), end: match.index + match[0].length, inner: marker.atStart ? match[2] : match[1] }
    : null;
  ahead.set(marker, span);
  return span;
}

/** Text with line breaks and links; links are shown, never followed (the URL is in the tooltip). */
function appendPlain(doc: Document, parent: Node, text: string, links = true): void {
  let rest = text;
  while (rest.length > 0) {
    const match = links ? LINK.exec(rest) : null;
    const before = match ? rest.slice(0, match.index) : rest;
    appendLines(doc, parent, before);
    if (!match) break;
    const link = doc.createElement('span');
    link.className = 'wa-link';
    link.title = match[0];
    link.textContent = match[0];
    parent.appendChild(link);
    rest = rest.slice(match.index + match[0].length);
  }
}

function appendLines(doc: Document, parent: Node, text: string): void {
  text.split('\n').forEach((line, index) => {
    if (index > 0) parent.appendChild(doc.createElement('br'));
    if (line) parent.appendChild(doc.createTextNode(line));
  });
}
