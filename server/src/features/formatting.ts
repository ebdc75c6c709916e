/**
 * Formatting for `cm-payload` documents (the built-in JSON formatter handles only the
 * `json`/`jsonc` languages). Registered dynamically for that language alone, so JSON
 * files never see two formatters.
 *
 * Bounded, so that no file can take the server down: jsonc-parser's `format` returns one edit
 * per token (a 5.7 MB minified payload: about a million edits, over the heap) and its output
 * grows with the square of the nesting (2,000 brackets: 8 MB). So plain JSON is laid out by a
 * streaming printer with the same layout, JSONC (comments) by jsonc-parser only when small,
 * and the answer is one edit from the first to the last change. Files over the size setting,
 * nested too deep, or whose answer would be too large get no edits and a reason instead.
 */
import { createScanner, format, ScanError, SyntaxKind, type EditResult } from 'jsonc-parser';
import type { FormattingOptions, TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { nestingDepthBeyond } from '../../../shared/core/json-document';
import { commonPrefix, commonSuffix } from '../../../shared/core/incremental';

/** Payloads nest about a dozen levels; each level deeper indents every line below it. */
export const MAX_FORMAT_DEPTH = 100;
/** Characters of new text in one answer (it is held twice more while it is sent). */
export const MAX_FORMAT_OUTPUT = 16 * 1024 * 1024;
/** How much longer than the text the laid-out text may grow before it is given up (the answer is only its changed part). */
const OUTPUT_GROWTH = 4 * 1024 * 1024;
/** jsonc-parser's `format` makes an object per edit: only texts this small go through it. */
const MAX_JSONC_FORMAT_TEXT = 256 * 1024;

export type Formatted = { edits: TextEdit[] } | { refused: string };

/** `maxLength`: cmInteractive.validate.maxFileSizeMB in characters; larger files are not formatted. */
export function formatDocument(document: TextDocument, options: FormattingOptions, maxLength: number): Formatted {
  const text = document.getText();
  const megabytes = (n: number) => (n / (1024 * 1024)).toFixed(1);
  if (text.length > maxLength) {
    return { refused: `Not formatted: the file is ${megabytes(text.length)} MB; files over ${megabytes(maxLength)} MB are not formatted (setting cmInteractive.validate.maxFileSizeMB)` };
  }
  if (nestingDepthBeyond(text, MAX_FORMAT_DEPTH) !== undefined) return { refused: `Not formatted: the file nests deeper than ${MAX_FORMAT_DEPTH} levels` };
  const layout: Layout = {
    unit: options.insertSpaces === false ? '\t' : ' '.repeat(tabSize(options.tabSize)),
    eol: lineBreakOf(text),
    finalNewline: options.insertFinalNewline === true,
  };
  const limit = Math.max(MAX_FORMAT_OUTPUT, text.length + OUTPUT_GROWTH);
  const printed = printPlainJson(text, layout, limit) ?? formatJsonc(text, layout, limit);
  if (printed === NOT_FORMATTABLE) return { refused: `Not formatted: files over ${MAX_JSONC_FORMAT_TEXT / 1024} KB are formatted only when they are plain JSON (no comments, no syntax errors)` };
  const edits = printed === TOO_LARGE ? undefined : singleEdit(document, text, printed);
  if (!edits || edits.some((edit) => edit.newText.length > MAX_FORMAT_OUTPUT)) return { refused: `Not formatted: the formatting would change more than ${megabytes(MAX_FORMAT_OUTPUT)} MB of text` };
  return { edits };
}

interface Layout {
  unit: string;
  eol: string;
  finalNewline: boolean;
}

/** The client's tab size as a small whole number: `1e8` would indent every line by 100 MB. */
function tabSize(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 1 ? Math.min(Math.floor(value), 16) : 4;
}

const TOO_LARGE = Symbol('too large');
const NOT_FORMATTABLE = Symbol('not formattable');

/** The first line break of the text, as jsonc-parser's formatter picks it ('\n' without one). */
function lineBreakOf(text: string): string {
  const at = text.search(/[\r\n]/);
  if (at < 0 || text[at] === '\n') return '\n';
  return text[at + 1] === '\n' ? '\r\n' : '\r';
}

/** One edit for the span where `formatted` differs from `text`, or none. */
function singleEdit(document: TextDocument, text: string, formatted: string): TextEdit[] {
  if (formatted === text) return [];
  const prefix = commonPrefix(text, formatted);
  const suffix = commonSuffix(text, formatted, Math.min(text.length, formatted.length) - prefix);
  return [{ range: { start: document.positionAt(prefix), end: document.positionAt(text.length - suffix) }, newText: formatted.slice(prefix, formatted.length - suffix) }];
}

/** Text built piece by piece, joined in chunks (so no array holds a piece per token), with a size limit. */
class Output {
  private readonly chunks: string[] = [];
  private pieces: string[] = [];
  length = 0;

  constructor(private readonly limit: number) {}

  /** false once the limit is passed. */
  push(piece: string): boolean {
    this.pieces.push(piece);
    this.length += piece.length;
    if (this.pieces.length >= 4096) this.flush();
    return this.length <= this.limit;
  }

  toString(): string {
    this.flush();
    return this.chunks.join('');
  }

  private flush(): void {
    this.chunks.push(this.pieces.join(''));
    this.pieces = [];
  }
}

/** What the printer expects next. */
const enum Expect {
  Value,
  ValueOrClose,
  Key,
  KeyOrClose,
  Colon,
  CommaOrClose,
  End,
}

/**
 * Plain JSON laid out as jsonc-parser's `format` lays it out (and as JSON.stringify with an
 * indent does): a line per member, `{}` and `[]` when empty, one space after a colon. Streams
 * tokens into chunks. undefined when the text has comments or is not valid JSON.
 */
function printPlainJson(text: string, layout: Layout, limit: number): string | typeof TOO_LARGE | undefined {
  const scanner = createScanner(text, false);
  const out = new Output(limit);
  const closers: SyntaxKind[] = [];
  const indents = [''];
  const lineAt = (depth: number) => layout.eol + (indents[depth] ??= layout.unit.repeat(depth));
  let expect = Expect.Value;
  let previous: SyntaxKind | undefined;
  for (let token = nextToken(scanner); token !== SyntaxKind.EOF; token = nextToken(scanner)) {
    if (token === undefined) return undefined;
    const closing = token === SyntaxKind.CloseBraceToken || token === SyntaxKind.CloseBracketToken;
    if (closing) {
      if ((expect !== Expect.CommaOrClose && expect !== Expect.ValueOrClose && expect !== Expect.KeyOrClose) || closers.pop() !== token) return undefined;
      // `{}` and `[]` stay on their line.
      if (expect === Expect.CommaOrClose && !out.push(lineAt(closers.length))) return TOO_LARGE;
      expect = closers.length ? Expect.CommaOrClose : Expect.End;
    } else {
      const next = follow(expect, token, closers);
      if (next === undefined) return undefined;
      expect = next;
      const separator = previous === SyntaxKind.OpenBraceToken || previous === SyntaxKind.OpenBracketToken || previous === SyntaxKind.CommaToken ? lineAt(closers.length - (opens(token) ? 1 : 0)) : previous === SyntaxKind.ColonToken ? ' ' : '';
      if (separator && !out.push(separator)) return TOO_LARGE;
    }
    if (!out.push(text.slice(scanner.getTokenOffset(), scanner.getTokenOffset() + scanner.getTokenLength()))) return TOO_LARGE;
    previous = token;
  }
  if (expect !== Expect.End) return undefined;
  if (layout.finalNewline && !out.push(layout.eol)) return TOO_LARGE;
  return out.toString();
}

function opens(token: SyntaxKind): boolean {
  return token === SyntaxKind.OpenBraceToken || token === SyntaxKind.OpenBracketToken;
}

/** The next token that is not whitespace; undefined for a comment or anything malformed. */
function nextToken(scanner: ReturnType<typeof createScanner>): SyntaxKind | undefined {
  for (;;) {
    const token = scanner.scan();
    if (scanner.getTokenError() !== ScanError.None || token === SyntaxKind.Unknown) return undefined;
    if (token === SyntaxKind.LineCommentTrivia || token === SyntaxKind.BlockCommentTrivia) return undefined;
    if (token !== SyntaxKind.Trivia && token !== SyntaxKind.LineBreakTrivia) return token;
  }
}

/**
 * The JSON grammar for every token but the closing brackets: what may follow `token` when
 * `expect`ed, or undefined when it may not come here. Opening brackets push their closer.
 */
function follow(expect: Expect, token: SyntaxKind, closers: SyntaxKind[]): Expect | undefined {
  const afterValue = () => (closers.length ? Expect.CommaOrClose : Expect.End);
  const inObject = () => closers[closers.length - 1] === SyntaxKind.CloseBraceToken;
  switch (token) {
    case SyntaxKind.CommaToken:
      return expect === Expect.CommaOrClose ? (inObject() ? Expect.Key : Expect.Value) : undefined;
    case SyntaxKind.ColonToken:
      return expect === Expect.Colon ? Expect.Value : undefined;
    case SyntaxKind.StringLiteral:
      if (expect === Expect.Key || expect === Expect.KeyOrClose) return Expect.Colon;
      return expect === Expect.Value || expect === Expect.ValueOrClose ? afterValue() : undefined;
    case SyntaxKind.NumericLiteral:
    case SyntaxKind.TrueKeyword:
    case SyntaxKind.FalseKeyword:
    case SyntaxKind.NullKeyword:
      return expect === Expect.Value || expect === Expect.ValueOrClose ? afterValue() : undefined;
    case SyntaxKind.OpenBraceToken:
    case SyntaxKind.OpenBracketToken:
      if (expect !== Expect.Value && expect !== Expect.ValueOrClose) return undefined;
      closers.push(token === SyntaxKind.OpenBraceToken ? SyntaxKind.CloseBraceToken : SyntaxKind.CloseBracketToken);
      return token === SyntaxKind.OpenBraceToken ? Expect.KeyOrClose : Expect.ValueOrClose;
    default:
      return undefined;
  }
}

/** JSONC (comments) and broken JSON through jsonc-parser's own formatter, for small texts only. */
function formatJsonc(text: string, layout: Layout, limit: number): string | typeof TOO_LARGE | typeof NOT_FORMATTABLE {
  if (text.length > MAX_JSONC_FORMAT_TEXT) return NOT_FORMATTABLE;
  const edits = format(text, undefined, { tabSize: layout.unit === '\t' ? 4 : layout.unit.length, insertSpaces: layout.unit !== '\t', eol: layout.eol, insertFinalNewline: layout.finalNewline });
  return applyInOrder(text, edits, limit);
}

/** `edits` in text order (as `format` returns them) applied in one pass. */
function applyInOrder(text: string, edits: EditResult, limit: number): string | typeof TOO_LARGE {
  const out = new Output(limit);
  let at = 0;
  for (const edit of edits) {
    if (!out.push(text.slice(at, edit.offset)) || !out.push(edit.content)) return TOO_LARGE;
    at = edit.offset + edit.length;
  }
  return out.push(text.slice(at)) ? out.toString() : TOO_LARGE;
}
