/** Assertions that LSP positions and ranges lie inside a text: (line, UTF-16 character) pairs of integers. */
import assert from 'node:assert/strict';
import type { Position, Range } from 'vscode-languageserver-protocol';

/** A range inside `text`, start before end. */
export function assertInside(text: string, range: Range): void {
  const lines = text.split(/\r\n|\r|\n/);
  for (const position of [range.start, range.end]) assertPositionInside(lines, position, '');
  assert.ok(range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character), 'start ≤ end');
}

/** Every `start`/`end` position anywhere in an LSP answer lies inside `text`. */
export function assertPositionsInside(text: string, answer: unknown): void {
  const lines = text.split(/\r\n|\r|\n/);
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!value || typeof value !== 'object') return;
    const object = value as Record<string, unknown>;
    for (const key of ['start', 'end']) {
      const position = object[key];
      if (position && typeof position === 'object' && 'line' in position) assertPositionInside(lines, position as Position, `${key}: `);
    }
    Object.values(object).forEach(visit);
  };
  visit(answer);
}

function assertPositionInside(lines: string[], position: Position, label: string): void {
  assert.ok(Number.isInteger(position.line) && Number.isInteger(position.character), `${label}${JSON.stringify(position)}`);
  assert.ok(position.line >= 0 && position.line < lines.length, `${label}line ${position.line} of ${lines.length}`);
  assert.ok(position.character >= 0 && position.character <= lines[position.line].length, `${label}character ${position.character} of ${lines[position.line].length}`);
}
