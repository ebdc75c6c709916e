/**
 * One parsed payload file. The fast path is `JSON.parse` (measured 10–20× cheaper than
 * building an offset tree); the jsonc-parser tree is built only when something
 * needs an offset (a diagnostic's range) or when the text is not valid JSON, in which
 * case the tolerant parse yields syntax problems plus as much of the value as it can.
 */
import { withoutBom, type JsonPath, type OffsetSpan, type Position, type Range } from './json-text';
import { locatePaths, type LocatedPath } from './offset-locator';
import { createScanner, findNodeAtLocation, type Node, parseTree, type ParseError, type ParseErrorCode, type ParseOptions, printParseErrorCode, SyntaxKind, visit } from 'jsonc-parser';

export type { JsonPath, OffsetSpan, Position, Range } from './json-text';

export interface SyntaxProblem extends OffsetSpan {
  message: string;
  /** Comments and trailing commas are fine in JSONC, but CM's gateway takes plain JSON only. */
  kind: 'comment' | 'trailing-comma' | 'other';
}

const SYNTAX_MESSAGES: Record<string, string> = {
  InvalidSymbol: 'Invalid symbol',
  InvalidNumberFormat: 'Invalid number format',
  PropertyNameExpected: 'Property name expected',
  ValueExpected: 'Value expected',
  ColonExpected: 'Colon expected',
  CommaExpected: 'Comma expected',
  CloseBraceExpected: 'Closing brace } expected',
  CloseBracketExpected: 'Closing bracket ] expected',
  EndOfFileExpected: 'End of file expected: only one top-level value is allowed',
  InvalidCommentToken: 'Comments are not allowed in JSON: CM rejects the request',
  UnexpectedEndOfComment: 'Unterminated comment',
  UnexpectedEndOfString: 'Unterminated string',
  UnexpectedEndOfNumber: 'Unexpected end of number',
  InvalidUnicode: 'Invalid unicode escape sequence',
  InvalidEscapeCharacter: 'Invalid escape character in string',
  InvalidCharacter: 'Invalid character in string (control characters must be escaped)',
};

export class JsonDocument {
  private tree: Node | undefined;
  private treeBuilt = false;
  private lineStarts: Uint32Array | undefined;
  /** Syntax problems found beyond the MAX_SYNTAX_PROBLEMS kept in `syntaxProblems`. */
  moreSyntaxProblems = 0;

  private parsedValue: unknown;
  private parsed: boolean;

  private constructor(
    readonly text: string,
    value: unknown,
    readonly syntaxProblems: readonly SyntaxProblem[],
    parsed = true,
  ) {
    this.parsedValue = value;
    this.parsed = parsed;
  }

  /** Text already known to be valid JSON (checked piece by piece): parsed only if asked. */
  static trusted(text: string): JsonDocument {
    return new JsonDocument(withoutBom(text), undefined, [], false);
  }

  get value(): unknown {
    if (!this.parsed) {
      this.parsedValue = JSON.parse(this.text);
      this.parsed = true;
    }
    return this.parsedValue;
  }

  static parse(rawText: string): JsonDocument {
    const text = withoutBom(rawText);
    try {
      return new JsonDocument(text, JSON.parse(text), []);
    } catch {
      return JsonDocument.parseTolerant(text);
    }
  }

  private static parseTolerant(text: string): JsonDocument {
    const depth = nestingDepthBeyond(text, MAX_TREE_DEPTH);
    if (depth !== undefined) {
      // jsonc-parser's tree is recursive: refuse what would overflow the stack.
      const document = new JsonDocument(text, undefined, [{ offset: depth, length: 1, message: `Nesting deeper than ${MAX_TREE_DEPTH} levels: the file cannot be checked`, kind: 'other' }]);
      document.treeBuilt = true;
      return document;
    }
    const errors = new SyntaxErrors(MAX_SYNTAX_PROBLEMS);
    const options: ParseOptions = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false };
    // Beyond MAX_TREE_TOKENS only the syntax problems are found (a streaming scan), and the
    // rules wait until the file parses again.
    const tree = treeAffordable(text) ? parseTree(text, errors.asArray(), options) : scanErrors(text, errors, options);
    const problems = errors.kept.map((error) => syntaxProblem(text, error));
    if (problems.length === 0) {
      // JSON.parse refused what jsonc-parser accepts (e.g. a lone surrogate escape is fine
      // for both, but a raw control character is not): still say something.
      problems.push({ offset: 0, length: 1, message: 'The file is not valid JSON', kind: 'other' });
    }
    const document = new JsonDocument(text, tree ? valueOfTree(tree) : undefined, problems);
    document.tree = tree;
    document.treeBuilt = true;
    document.moreSyntaxProblems = errors.more;
    return document;
  }

  /** The jsonc-parser tree, built on first use (not for absurdly deep files: it recurses; nor for big ones: see MAX_TREE_TOKENS). */
  root(): Node | undefined {
    if (!this.treeBuilt) {
      const buildable = treeAffordable(this.text) && nestingDepthBeyond(this.text, MAX_TREE_DEPTH) === undefined;
      this.tree = buildable ? parseTree(this.text, [], { disallowComments: false, allowTrailingComma: true }) : undefined;
      this.treeBuilt = true;
    }
    return this.tree;
  }

  /** The node at `path`, or its nearest existing ancestor when the path does not exist. */
  private nearestNode(path: JsonPath): { node: Node; exact: boolean } | undefined {
    const root = this.root();
    if (!root) return undefined;
    for (let depth = path.length; depth >= 0; depth--) {
      const node = depth === 0 ? root : findNodeAtLocation(root, path.slice(0, depth));
      if (node) return { node, exact: depth === path.length };
    }
    return undefined;
  }

  /**
   * The one way to find nodes by path: where each path is — its value, its key, whether it
   * exists (else its nearest ancestor; nothing found is an empty span at 0). Valid JSON is
   * located by one skipping scan (no tree) unless `tree` is asked for or the tree exists;
   * broken JSON uses the tolerant tree, which exists already. Many paths at once cost one scan.
   */
  locate(paths: JsonPath[], tree = false): LocatedPath[] {
    if (paths.length === 0) return [];
    if (!tree && this.syntaxProblems.length === 0 && !this.treeBuilt) return locatePaths(this.text, paths);
    return paths.map((path) => {
      const found = this.nearestNode(path);
      if (!found) return { value: { offset: 0, length: 0 }, exact: false };
      const { node } = found;
      const key = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
      const outer = node.parent?.parent;
      return {
        value: { offset: node.offset, length: node.length },
        key: key && { offset: key.offset, length: key.length },
        exact: found.exact,
        ...(outer ? { outer: { offset: outer.offset, length: outer.length } } : {}),
      };
    });
  }

  positionAt(offset: number): Position {
    const starts = this.getLineStarts();
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low, character: offset - starts[low] };
  }

  offsetAt(position: Position): number {
    const starts = this.getLineStarts();
    if (position.line >= starts.length) return this.text.length;
    if (position.line < 0) return 0;
    const lineEnd = position.line + 1 < starts.length ? starts[position.line + 1] : this.text.length;
    return Math.min(starts[position.line] + Math.max(position.character, 0), lineEnd);
  }

  /** Clamped to the text: an error "at the end of the file" must not point past it. */
  rangeOf(span: OffsetSpan): Range {
    const start = Math.min(Math.max(span.offset, 0), this.text.length);
    const end = Math.min(Math.max(span.offset + span.length, start), this.text.length);
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  private getLineStarts(): Uint32Array {
    if (!this.lineStarts) {
      const text = this.text;
      // A typed array grown by doubling: pushing 200,000 numbers onto an array cost more than finding them.
      let starts = new Uint32Array(Math.max(16, text.length >> 5));
      let count = 1;
      const push = (start: number) => {
        if (count === starts.length) {
          const larger = new Uint32Array(starts.length * 2);
          larger.set(starts);
          starts = larger;
        }
        starts[count++] = start;
      };
      if (!text.includes('\r')) {
        // The common case: indexOf is far faster than a character loop over megabytes.
        for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) push(at + 1);
      } else {
        for (let i = 0; i < text.length; i++) {
          const c = text.charCodeAt(i);
          if (c === 10) push(i + 1);
          else if (c === 13) {
            if (text.charCodeAt(i + 1) === 10) i++;
            push(i + 1);
          }
        }
      }
      this.lineStarts = starts.subarray(0, count);
    }
    return this.lineStarts;
  }
}

/**
 * Where findings go in valid JSON text: the value, or the property key for `target: 'key'`
 * and for a missing node (whose nearest existing ancestor is underlined by its key).
 */
export function spansInText(text: string, requests: SpanRequest[]): OffsetSpan[] {
  return findingSpans(JsonDocument.trusted(text), requests);
}

export interface SpanRequest {
  path: JsonPath;
  target?: 'value' | 'key';
}

/** The spans of many findings at once, located in `document` (see `findingSpan`). */
export function findingSpans(document: JsonDocument, requests: SpanRequest[]): OffsetSpan[] {
  return document.locate(requests.map((r) => r.path)).map((located, index) => findingSpan(located, requests[index].target));
}

/**
 * The span a diagnostic on a path should underline: the value, or with `target: 'key'` the
 * property key (for a missing property: its nearest existing parent's key).
 */
function findingSpan(located: LocatedPath, target: 'value' | 'key' = 'value'): OffsetSpan {
  if (target === 'value' && located.exact) return located.value;
  // The root object or an array element has no key: one character at its start.
  return located.key ?? { offset: located.value.offset, length: Math.min(1, located.value.length) };
}

/** No real payload nests more than a few dozen levels; thousands only blow the stack. */
export const MAX_TREE_DEPTH = 1000;

/**
 * The most tokens a jsonc-parser tree is built for. Its nodes cost up to ~130 bytes per token —
 * a 14.6 MB payload made a 127 MB tree, 90,000 recipients in 1.3 MB made 60 MB — and the server
 * runs under a 160 MB heap: this keeps a tree near 25 MB (a 2 MB pretty-printed payload has
 * ~180,000 tokens). Bigger files are only parsed piece by piece (incremental.ts, scopes.ts).
 */
export const MAX_TREE_TOKENS = 200_000;

/** Whether a tree of `text` stays within MAX_TREE_TOKENS. */
export function treeAffordable(text: string): boolean {
  return treeTokens(text, MAX_TREE_TOKENS) <= MAX_TREE_TOKENS;
}

/**
 * The tokens jsonc-parser's tree would be built from, counted up to `limit + 1` with its own
 * scanner: in broken text (an unbalanced quote) it resynchronises as the parser does, where a
 * count that skips strings would see one long string and miss a huge tree.
 */
export function treeTokens(text: string, limit: number): number {
  const scanner = createScanner(text, true);
  let count = 0;
  while (scanner.scan() !== SyntaxKind.EOF) if (++count > limit) return count;
  return count;
}

/** Syntax problems kept per text; a garbage file would otherwise yield one per character. */
export const MAX_SYNTAX_PROBLEMS = 1000;

/**
 * jsonc-parser's errors, at most `limit` of them (one per offset: its recovery repeats itself at
 * one spot, "} expected" once per open brace), and a count of the rest.
 */
class SyntaxErrors {
  readonly kept: ParseError[] = [];
  more = 0;
  private readonly offsets = new Set<number>();
  private lastOffset = -1;

  constructor(private readonly limit: number) {}

  add(error: ParseErrorCode, offset: number, length: number): void {
    if (this.offsets.has(offset) || offset === this.lastOffset) return;
    this.lastOffset = offset;
    if (this.kept.length < this.limit) {
      this.offsets.add(offset);
      this.kept.push({ error, offset, length });
    } else {
      this.more++;
    }
  }

  /** parseTree only ever calls `push` on its errors array: this one keeps within the limit. */
  asArray(): ParseError[] {
    return { push: (e: ParseError) => (this.add(e.error, e.offset, e.length), 0) } as unknown as ParseError[];
  }
}

/** The syntax errors of a text without building anything from it; returns no tree. */
function scanErrors(text: string, errors: SyntaxErrors, options: ParseOptions): undefined {
  visit(text, { onError: (error, offset, length) => errors.add(error, offset, length) }, options);
  return undefined;
}

function syntaxProblem(text: string, error: ParseError): SyntaxProblem {
  const code = printParseErrorCode(error.error);
  const afterComma = /,\s*$/.test(text.slice(Math.max(0, error.offset - 200), error.offset));
  const trailingComma = afterComma && (code === 'ValueExpected' || code === 'PropertyNameExpected');
  const message = trailingComma ? 'Trailing comma: JSON allows no comma before a closing bracket or brace' : SYNTAX_MESSAGES[code] ?? code;
  const kind = trailingComma ? 'trailing-comma' : code === 'InvalidCommentToken' ? 'comment' : 'other';
  return { offset: error.offset, length: Math.max(error.length, 1), message, kind };
}

/** The offset where nesting first exceeds `limit`, or undefined (strings are skipped). */
export function nestingDepthBeyond(text: string, limit: number): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return i;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return undefined;
}

/** Like jsonc-parser's getNodeValue, but never throws on a broken tree. */
function valueOfTree(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const result: Record<string, unknown> = {};
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (key && value && typeof key.value === 'string') result[key.value] = valueOfTree(value);
      }
      return result;
    }
    case 'array':
      return (node.children ?? []).map(valueOfTree);
    default:
      return node.value;
  }
}

/** The value at `path` in a parsed JSON value, or undefined. */
export function valueAtPath(root: unknown, path: JsonPath): unknown {
  let current = root;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

export function toPointer(path: JsonPath): string {
  return path.map((segment) => '/' + String(segment).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

export function fromPointer(pointer: string): JsonPath {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^(0|[1-9][0-9]*)$/.test(segment) ? Number(segment) : segment));
}
