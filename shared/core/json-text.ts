/**
 * What the JSON modules share: paths, positions and spans in a text, and the one place a
 * byte-order mark is handled. Imports nothing, so json-document.ts, offset-locator.ts,
 * incremental.ts and scopes.ts depend on it and not on each other in a circle.
 */

export type JsonPath = (string | number)[];

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface OffsetSpan {
  offset: number;
  length: number;
}

/**
 * The text as the parsers read it: a leading BOM (U+FEFF, an editor's or a Windows tool's)
 * becomes a space, so offsets and lines stay those of the file and both JSON.parse and
 * jsonc-parser accept it.
 */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
}
