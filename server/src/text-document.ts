/**
 * The server's text documents. LSP's TextDocument (vscode-languageserver-textdocument) applies
 * an incremental change by concatenating the whole text and then reading a character of the
 * result, which flattens it: a copy of the file per keystroke. 2,000 edits of a 5 MB file took
 * 24–37 s in that alone, and requests queued behind them. This document keeps its text as
 * pieces — slices of the last flat text and the inserted texts — and joins them once, when the
 * text is read (by a check or a request). Its line index is kept up to date per change exactly
 * as LSP's is, so positions and offsets answer the same (test/unit/text-document.test.ts
 * compares the two over random edits).
 */
import type { Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { EditedText } from '../../shared/core/incremental';

/** Pieces kept before they are joined: each edit looks them up one by one. */
const MAX_PIECES = 256;

/** Changes remembered for `changedSince`: a check is rarely more than a few edits behind. */
const MAX_LOGGED_CHANGES = 1024;

export class PieceDocument implements TextDocument, EditedText {
  private pieces: string[];
  private length: number;
  private lineOffsets: number[] | undefined;
  /** Names the content: one more per change. */
  private currentStamp = 0;
  /** The changes that made the last stamps, each in the offsets of the text before it. */
  private changes: { stamp: number; start: number; end: number; inserted: number }[] = [];
  /** The oldest stamp `changes` leads from to now. */
  private loggedFrom = 0;

  private constructor(
    readonly uri: string,
    readonly languageId: string,
    private currentVersion: number,
    content: string,
  ) {
    this.pieces = [content];
    this.length = content.length;
  }

  static create(uri: string, languageId: string, version: number, content: string): PieceDocument {
    return new PieceDocument(uri, languageId, version, content);
  }

  static update(document: PieceDocument, changes: TextDocumentContentChangeEvent[], version: number): PieceDocument {
    document.update(changes, version);
    return document;
  }

  get version(): number {
    return this.currentVersion;
  }

  get stamp(): number {
    return this.currentStamp;
  }

  /** The text's length (EditedText). */
  get textLength(): number {
    return this.length;
  }

  changedSince(stamp: number): { start: number; oldEnd: number; newEnd: number } | undefined {
    if (stamp === this.currentStamp) return { start: this.length, oldEnd: this.length, newEnd: this.length };
    if (stamp < this.loggedFrom || stamp > this.currentStamp) return undefined;
    let changed: { start: number; oldEnd: number; newEnd: number } | undefined;
    for (const { stamp: after, start, end, inserted } of this.changes) {
      if (after <= stamp) continue;
      if (!changed) {
        changed = { start, oldEnd: end, newEnd: start + inserted };
        continue;
      }
      // The span changed so far, widened to this change (in the offsets of the text before it).
      const reach = Math.max(changed.newEnd, end);
      changed = { start: Math.min(changed.start, start), oldEnd: changed.oldEnd + Math.max(0, end - changed.newEnd), newEnd: reach + inserted - (end - start) };
    }
    return changed;
  }

  /** The characters from `start` to `end`, from the pieces that hold them: the text is not joined. */
  slice(start: number, end: number): string {
    start = Math.max(0, Math.min(start, this.length));
    end = Math.max(start, Math.min(end, this.length));
    if (this.pieces.length === 1) return this.pieces[0].slice(start, end);
    const parts: string[] = [];
    let at = 0;
    for (const piece of this.pieces) {
      const next = at + piece.length;
      if (next > start && at < end) parts.push(piece.slice(Math.max(start - at, 0), Math.min(end - at, piece.length)));
      if (next >= end) break;
      at = next;
    }
    return parts.join('');
  }

  get lineCount(): number {
    return this.getLineOffsets().length;
  }

  getText(range?: Range): string {
    const text = this.flat();
    return range ? text.substring(this.offsetAt(range.start), this.offsetAt(range.end)) : text;
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.length), 0);
    const lineOffsets = this.getLineOffsets();
    let low = 0;
    let high = lineOffsets.length;
    if (high === 0) return { line: 0, character: offset };
    while (low < high) {
      const middle = Math.floor((low + high) / 2);
      if (lineOffsets[middle] > offset) high = middle;
      else low = middle + 1;
    }
    const line = low - 1;
    offset = this.beforeLineBreak(offset, lineOffsets[line]);
    return { line, character: offset - lineOffsets[line] };
  }

  offsetAt(position: Position): number {
    const lineOffsets = this.getLineOffsets();
    if (position.line >= lineOffsets.length) return this.length;
    if (position.line < 0) return 0;
    const lineOffset = lineOffsets[position.line];
    if (position.character <= 0) return lineOffset;
    const nextLineOffset = position.line + 1 < lineOffsets.length ? lineOffsets[position.line + 1] : this.length;
    return this.beforeLineBreak(Math.min(lineOffset + position.character, nextLineOffset), lineOffset);
  }

  getLineRange(line: number): Range {
    const lineOffsets = this.getLineOffsets();
    if (line >= lineOffsets.length) {
      const last = lineOffsets.length - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: this.length - lineOffsets[last] } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const start = lineOffsets[line];
    const next = line + 1 < lineOffsets.length ? lineOffsets[line + 1] : this.length;
    return { start: { line, character: 0 }, end: { line, character: this.beforeLineBreak(next, start) - start } };
  }

  getEOLCharacters(line: number): string {
    const lineOffsets = this.getLineOffsets();
    if (line >= lineOffsets.length || line < 0) return '';
    const next = line + 1 < lineOffsets.length ? lineOffsets[line + 1] : this.length;
    return this.flat().substring(this.beforeLineBreak(next, lineOffsets[line]), next);
  }

  private update(changes: TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if (isIncremental(change)) this.applyIncremental(change);
      else if (isFull(change)) this.replaceAll(change.text);
      else throw new Error('Unknown change event received');
    }
    this.currentVersion = version;
  }

  private replaceAll(text: string): void {
    this.pieces = [text];
    this.length = text.length;
    this.lineOffsets = undefined;
    this.changes = [];
    this.loggedFrom = ++this.currentStamp;
  }

  private logChange(start: number, end: number, inserted: number): void {
    this.changes.push({ stamp: ++this.currentStamp, start, end, inserted });
    if (this.changes.length > MAX_LOGGED_CHANGES) this.loggedFrom = this.changes.splice(0, this.changes.length - MAX_LOGGED_CHANGES / 2).pop()!.stamp;
  }

  /** The change spliced into the pieces, and the line index moved as LSP's TextDocument moves it. */
  private applyIncremental(change: { range: Range; text: string }): void {
    const range = wellFormed(change.range);
    const startOffset = this.offsetAt(range.start);
    const endOffset = this.offsetAt(range.end);
    this.splice(startOffset, endOffset, change.text);
    this.logChange(startOffset, endOffset, change.text.length);
    const insertedEnd = startOffset + change.text.length;
    const crlfAtStart = this.charCodeAt(startOffset - 1) === 13 && this.charCodeAt(startOffset) === 10;
    const crlfAtEnd = this.charCodeAt(insertedEnd - 1) === 13 && this.charCodeAt(insertedEnd) === 10;
    if (crlfAtStart || crlfAtEnd) {
      this.lineOffsets = undefined;
      return;
    }
    const startLine = Math.max(range.start.line, 0);
    const endLine = Math.max(range.end.line, 0);
    let lineOffsets = this.getLineOffsets();
    const added = computeLineOffsets(change.text, false, startOffset);
    if (endLine - startLine === added.length) {
      for (let i = 0; i < added.length; i++) lineOffsets[i + startLine + 1] = added[i];
    } else if (added.length < 10_000) {
      lineOffsets.splice(startLine + 1, endLine - startLine, ...added);
    } else {
      this.lineOffsets = lineOffsets = lineOffsets.slice(0, startLine + 1).concat(added, lineOffsets.slice(endLine + 1));
    }
    const diff = change.text.length - (endOffset - startOffset);
    if (diff !== 0) {
      for (let i = startLine + 1 + added.length; i < lineOffsets.length; i++) lineOffsets[i] += diff;
    }
  }

  /** Replaces [start, end) with `text` among the pieces: slices, never a copy of the whole. */
  private splice(start: number, end: number, text: string): void {
    if (this.pieces.length > MAX_PIECES) this.flat();
    const [first, from] = this.pieceAt(start);
    const [last, to] = this.pieceAt(end);
    const replacement = [this.pieces[first].substring(0, from), text, this.pieces[last].substring(to)].filter((piece) => piece.length > 0);
    this.pieces.splice(first, last - first + 1, ...replacement);
    if (this.pieces.length === 0) this.pieces.push('');
    this.length += text.length - (end - start);
  }

  /** The piece holding `offset` (at its end, for an offset between two pieces) and the offset in it. */
  private pieceAt(offset: number): [number, number] {
    let at = 0;
    for (let i = 0; i < this.pieces.length; i++) {
      const length = this.pieces[i].length;
      if (offset <= at + length) return [i, offset - at];
      at += length;
    }
    const last = this.pieces.length - 1;
    return [last, this.pieces[last].length];
  }

  private charCodeAt(offset: number): number {
    if (offset < 0 || offset >= this.length) return NaN;
    let at = 0;
    for (const piece of this.pieces) {
      if (offset < at + piece.length) return piece.charCodeAt(offset - at);
      at += piece.length;
    }
    return NaN;
  }

  /** The text as one string: the pieces joined once, until the next change. */
  private flat(): string {
    if (this.pieces.length !== 1) this.pieces = [this.pieces.join('')];
    return this.pieces[0];
  }

  private getLineOffsets(): number[] {
    this.lineOffsets ??= computeLineOffsets(this.flat(), true);
    return this.lineOffsets;
  }

  /** A line's end is before its line break. */
  private beforeLineBreak(offset: number, lineOffset: number): number {
    while (offset > lineOffset && isLineBreak(this.charCodeAt(offset - 1))) offset--;
    return offset;
  }
}

function isIncremental(change: TextDocumentContentChangeEvent): change is { range: Range; rangeLength?: number; text: string } {
  const candidate = change as { range?: Range; rangeLength?: unknown; text?: unknown };
  return typeof candidate?.text === 'string' && candidate.range !== undefined && (candidate.rangeLength === undefined || typeof candidate.rangeLength === 'number');
}

function isFull(change: TextDocumentContentChangeEvent): change is { text: string } {
  const candidate = change as { range?: Range; rangeLength?: unknown; text?: unknown };
  return typeof candidate?.text === 'string' && candidate.range === undefined && candidate.rangeLength === undefined;
}

/**
 * The range with its ends in order, and each a pair of non-negative integers: a malformed range
 * (1.5, "x") would otherwise write fractional indexes into the line index.
 */
function wellFormed(range: Range): Range {
  const start = integral(range.start);
  const end = integral(range.end);
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? { start: end, end: start } : { start, end };
}

function integral(position: Position): Position {
  const whole = (n: unknown) => (typeof n === 'number' && n > 0 ? Math.floor(Math.min(n, 2 ** 31)) : 0);
  return { line: whole(position?.line), character: whole(position?.character) };
}

function computeLineOffsets(text: string, isAtLineStart: boolean, textOffset = 0): number[] {
  const result = isAtLineStart ? [textOffset] : [];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (isLineBreak(ch)) {
      if (ch === 13 && i + 1 < text.length && text.charCodeAt(i + 1) === 10) i++;
      result.push(textOffset + i + 1);
    }
  }
  return result;
}

function isLineBreak(char: number): boolean {
  return char === 13 || char === 10;
}
