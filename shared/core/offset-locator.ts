/**
 * Finds the offsets of a few paths in valid JSON text in one pass, without building a tree:
 * the scanner descends only where a requested path goes and skips every other value with a
 * tight loop. On a 5 MB payload this is several times cheaper than jsonc-parser's parseTree
 * (measured: building the tree costs about ten times the validation itself).
 */
import type { JsonPath, OffsetSpan } from './json-text';

interface TrieNode {
  children: Map<string | number, TrieNode>;
  value?: OffsetSpan;
  key?: OffsetSpan;
}

export interface LocatedPath {
  /** The value of the deepest existing node on the path. */
  value: OffsetSpan;
  /** Its property key, when it is reached through one. */
  key?: OffsetSpan;
  /** Whether the whole path exists. */
  exact: boolean;
  /**
   * Located in the tree only (JsonDocument.locate): the node's grandparent in jsonc-parser's
   * tree — for a property's value the object that holds the property — where a syntax error
   * would make the node unreliable.
   */
  outer?: OffsetSpan;
}

export function locatePaths(text: string, paths: JsonPath[]): LocatedPath[] {
  const root: TrieNode = { children: new Map() };
  for (const path of paths) {
    let node = root;
    for (const segment of path) {
      let child = node.children.get(segment);
      if (!child) node.children.set(segment, (child = { children: new Map() }));
      node = child;
    }
  }
  new Scanner(text).value(skipWhitespace(text, 0), root);
  return paths.map((path) => {
    let node = root;
    let depth = 0;
    for (const segment of path) {
      const child = node.children.get(segment);
      if (!child?.value) break;
      node = child;
      depth++;
    }
    return { value: node.value ?? { offset: 0, length: 0 }, key: node.key, exact: depth === path.length };
  });
}

class Scanner {
  constructor(private readonly text: string) {}

  /** Scans the value at `start` into `node`; returns the offset after it. */
  value(start: number, node: TrieNode): number {
    const text = this.text;
    const c = text.charCodeAt(start);
    let end: number;
    if (c === 0x7b /* { */) end = this.object(start, node);
    else if (c === 0x5b /* [ */) end = this.array(start, node);
    else end = skipValue(text, start);
    node.value = { offset: start, length: end - start };
    return end;
  }

  private object(start: number, node: TrieNode): number {
    const text = this.text;
    let pos = skipWhitespace(text, start + 1);
    if (text.charCodeAt(pos) === 0x7d) return pos + 1;
    for (;;) {
      const keyStart = pos;
      const keyEnd = skipString(text, pos);
      pos = skipWhitespace(text, keyEnd);
      pos = skipWhitespace(text, pos + 1); // the colon
      const key = keyAt(text, keyStart, keyEnd);
      const child = node.children.get(key);
      if (child) {
        child.key = { offset: keyStart, length: keyEnd - keyStart };
        pos = this.value(pos, child);
      } else {
        pos = skipValue(text, pos);
      }
      pos = skipWhitespace(text, pos);
      if (text.charCodeAt(pos) === 0x2c /* , */) {
        pos = skipWhitespace(text, pos + 1);
        continue;
      }
      return pos + 1; // }
    }
  }

  private array(start: number, node: TrieNode): number {
    const text = this.text;
    let pos = skipWhitespace(text, start + 1);
    if (text.charCodeAt(pos) === 0x5d) return pos + 1;
    for (let index = 0; ; index++) {
      const child = node.children.get(index);
      pos = child ? this.value(pos, child) : skipValue(text, pos);
      pos = skipWhitespace(text, pos);
      if (text.charCodeAt(pos) === 0x2c) {
        pos = skipWhitespace(text, pos + 1);
        continue;
      }
      return pos + 1; // ]
    }
  }
}

/** A property key's name: unescaped when it has escapes (and, in broken text, left raw when they are not valid). */
function keyAt(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end - 1);
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(text.slice(start, end)) as string;
  } catch {
    return raw;
  }
}

export function skipWhitespace(text: string, pos: number): number {
  for (;;) {
    const c = text.charCodeAt(pos);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++;
    else return pos;
  }
}

/** `pos` is at the opening quote; returns the offset after the closing one. */
export function skipString(text: string, pos: number): number {
  let at = pos + 1;
  for (;;) {
    const quote = text.indexOf('"', at);
    if (quote < 0) return text.length;
    let backslashes = 0;
    for (let i = quote - 1; text.charCodeAt(i) === 0x5c; i--) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    at = quote + 1;
  }
}

// The next character that matters when skipping a container: a quote or a bracket. The regex
// engine jumps over everything else far faster than a character loop in JavaScript. It is
// stepped with `test`, not `exec`: the match is one character, at lastIndex - 1, and `exec`
// would allocate a match array for each of the ~300,000 quotes and brackets of a 5 MB payload.
const STRUCTURAL = /["{}[\]]/g;

// Everything up to and including the next bracket outside strings, strings and all, in one step
// of the regex engine: a 5 MB payload has ~300,000 quotes and brackets but only ~80,000
// brackets, and a step costs more than the characters it passes (skipping the bench payload:
// 5.5 ms by quote and bracket, 3.7 ms by bracket). A string is `"`, then runs of plain characters
// and escape pairs, then `"` (the first quote that no backslash escapes, as skipString finds it).
const TO_NEXT_BRACKET = /[^"{}[\]]*(?:"[^"\\]*(?:\\[^][^"\\]*)*"[^"{}[\]]*)*[{}[\]]/y;

export function skipValue(text: string, pos: number): number {
  const c = text.charCodeAt(pos);
  if (c === 0x22) return skipString(text, pos);
  if (c === 0x7b || c === 0x5b) {
    try {
      return skipContainerByBracket(text, pos);
    } catch {
      // The regex engine's backtracking stack overflows on millions of strings (or escapes)
      // with no bracket between them: such a text is skipped string by string.
      return skipContainerByToken(text, pos);
    }
  }
  // A number, true, false or null: up to the next delimiter.
  let i = pos;
  for (; i < text.length; i++) {
    const d = text.charCodeAt(i);
    if (d === 0x2c || d === 0x7d || d === 0x5d || d === 0x20 || d === 0x0a || d === 0x0d || d === 0x09) break;
  }
  return i;
}

/** The offset after the container at `pos` (its end, or text.length when it never closes). */
function skipContainerByBracket(text: string, pos: number): number {
  let depth = 0;
  TO_NEXT_BRACKET.lastIndex = pos;
  while (TO_NEXT_BRACKET.test(text)) {
    const at = TO_NEXT_BRACKET.lastIndex - 1;
    const d = text.charCodeAt(at);
    if (d === 0x7b || d === 0x5b) depth++;
    else if (--depth === 0) return at + 1;
  }
  // No bracket ahead, or an unterminated string before the next one: the text ends first.
  return text.length;
}

/** The same as skipContainerByBracket, stepping from quote to bracket to quote. */
function skipContainerByToken(text: string, pos: number): number {
  let depth = 0;
  STRUCTURAL.lastIndex = pos;
  while (STRUCTURAL.test(text)) {
    const at = STRUCTURAL.lastIndex - 1;
    const d = text.charCodeAt(at);
    if (d === 0x22) STRUCTURAL.lastIndex = skipString(text, at);
    else if (d === 0x7b || d === 0x5b) depth++;
    else if (--depth === 0) return at + 1;
  }
  return text.length;
}

// What the count below looks for, besides the quote that starts a string (skipped).
const OPENINGS = /["{[]/g;

/**
 * How many objects and arrays `text` holds between `start` and `end`, counting no further than
 * `limit + 1`: what a parse would allocate (an empty object costs ~56 bytes in V8, so a 20 MB
 * file of `{}` would need 390 MB). No allocation.
 */
export function countContainers(text: string, limit: number, start = 0, end = text.length): number {
  return countOutsideStrings(OPENINGS, text, limit, start, end);
}

/**
 * Whether `text` holds more than `limit` objects and arrays (countContainers > limit). Most texts
 * have far fewer `{` and `[` characters, in strings or not, than the limit: counting those with
 * indexOf (a memchr) settles it without the regular expression's walk over every string.
 */
export function containersBeyond(text: string, limit: number): boolean {
  let openings = 0;
  for (const opening of ['{', '[']) {
    for (let at = text.indexOf(opening); at >= 0; at = text.indexOf(opening, at + 1)) if (++openings > limit) return countContainers(text, limit) > limit;
  }
  return false;
}

/** Matches of `pattern` (which also matches `"`) outside strings, up to `limit + 1`. */
function countOutsideStrings(pattern: RegExp, text: string, limit: number, start: number, end: number): number {
  let count = 0;
  pattern.lastIndex = start;
  for (let match = pattern.exec(text); match && match.index < end; match = pattern.exec(text)) {
    if (text.charCodeAt(match.index) === 0x22) pattern.lastIndex = skipString(text, match.index);
    else if (++count > limit) return count;
  }
  return count;
}
