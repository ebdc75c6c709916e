/**
 * WhatsApp's text formatting as DOM nodes: *bold*, _italic_, ~strike~, ```mono```,
 * `code`, line breaks and links. Everything is built with createElement/textContent, so
 * payload text can never become markup.
 */

interface Marker {
  pattern: RegExp;
  tag: string;
  className?: string;
  /** Monospace content is not formatted further. */
  literal?: boolean;
}

// A marker opens after a start, space or punctuation and closes before one, as WhatsApp does.
const EDGE_BEFORE = '(^|[\\s.,!?;:()\\[\\]"\'-])';
const MARKERS: Marker[] = [
  { pattern: /```([\s\S]+?)```/u, tag: 'code', className: 'wa-mono', literal: true },
  { pattern: new RegExp(`${EDGE_BEFORE}\`([^\`\\n]+)\``, 'u'), tag: 'code', className: 'wa-code', literal: true },
  { pattern: new RegExp(`${EDGE_BEFORE}\\*(\\S(?:[^*\\n]*?\\S)?)\\*(?=$|[\\s.,!?;:()\\[\\]"'_~-])`, 'u'), tag: 'strong' },
  { pattern: new RegExp(`${EDGE_BEFORE}_(\\S(?:[^_\\n]*?\\S)?)_(?=$|[\\s.,!?;:()\\[\\]"'*~-])`, 'u'), tag: 'em' },
  { pattern: new RegExp(`${EDGE_BEFORE}~(\\S(?:[^~\\n]*?\\S)?)~(?=$|[\\s.,!?;:()\\[\\]"'*_-])`, 'u'), tag: 's' },
];

const LINK = /\bhttps?:\/\/[^\s<>"]+[^\s<>".,!?;:)\]]/u;

export function formatWhatsApp(doc: Document, text: string): DocumentFragment {
  const fragment = doc.createDocumentFragment();
  appendFormatted(doc, fragment, text, 0);
  return fragment;
}

function appendFormatted(doc: Document, parent: Node, text: string, depth: number): void {
  if (depth > 8) return appendPlain(doc, parent, text);
  let earliest: { marker: Marker; match: RegExpExecArray; start: number } | undefined;
  for (const marker of MARKERS) {
    const match = marker.pattern.exec(text);
    if (!match) continue;
    // Patterns with an edge group start one character early.
    const start = match.length > 2 ? match.index + match[1].length : match.index;
    if (!earliest || start < earliest.start) earliest = { marker, match, start };
  }
  if (!earliest) return appendPlain(doc, parent, text);
  const { marker, match, start } = earliest;
  const inner = match.length > 2 ? match[2] : match[1];
  const end = match.index + match[0].length;
  appendPlain(doc, parent, text.slice(0, start));
  const element = doc.createElement(marker.tag);
  if (marker.className) element.className = marker.className;
  if (marker.literal) appendPlain(doc, element, inner, false);
  else appendFormatted(doc, element, inner, depth + 1);
  parent.appendChild(element);
  appendFormatted(doc, parent, text.slice(end), depth);
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
