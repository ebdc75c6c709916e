/**
 * Positions and ranges as clients send them, made safe before any feature sees them: LSP
 * positions are non-negative integers inside the document, but a client may send `1.5`, `"x"`,
 * a negative line or one past the end. TextDocument's own clamping works only on integers
 * (a fractional line reads `undefined` from its line index and answers NaN, sent as `null`).
 */
import type { Position, Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** The position clamped into the document; undefined when it is not a pair of numbers. */
export function validPosition(document: TextDocument, position: unknown): Position | undefined {
  if (!position || typeof position !== 'object') return undefined;
  const { line, character } = position as Record<string, unknown>;
  if (!isFiniteNumber(line) || !isFiniteNumber(character)) return undefined;
  const lastLine = Math.max(document.lineCount - 1, 0);
  const clampedLine = Math.min(Math.max(Math.floor(line), 0), lastLine);
  // offsetAt clamps the character to its line (before its line break); positionAt reads it back.
  return document.positionAt(document.offsetAt({ line: clampedLine, character: Math.max(Math.floor(Math.min(character, 2 ** 31)), 0) }));
}

/** The range with both ends clamped and in order; undefined when either end is malformed. */
export function validRange(document: TextDocument, range: unknown): Range | undefined {
  if (!range || typeof range !== 'object') return undefined;
  const start = validPosition(document, (range as Record<string, unknown>).start);
  const end = validPosition(document, (range as Record<string, unknown>).end);
  if (!start || !end) return undefined;
  return document.offsetAt(start) <= document.offsetAt(end) ? { start, end } : { start: end, end: start };
}

/**
 * Request params with their `position` and `range` made valid; undefined when one is present
 * but malformed (the request then gets its empty answer).
 */
export function withValidPositions<P extends object>(document: TextDocument, params: P): P | undefined {
  const checked = { ...params } as Record<string, unknown>;
  if ('position' in params) {
    const position = validPosition(document, params.position);
    if (!position) return undefined;
    checked.position = position;
  }
  if ('range' in params) {
    const range = validRange(document, params.range);
    if (!range) return undefined;
    checked.range = range;
  }
  return checked as P;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
