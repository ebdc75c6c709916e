/**
 * Completion from the schemas, as vscode-json-languageservice does it: at a key, the properties
 * the schemas allow in that object (the branch for its kind, header type or button type) minus
 * those already there; at a value, the values of the property under the cursor, each with what
 * it means; and each kind's `defaultSnippets` (whole interactive messages, a whole msg entry).
 * The edit range covers what is typed there, quotes included, so the editor filters by it.
 *
 * The object around the cursor is read from the scope's text with the typed key (or value)
 * taken out: a half-typed key makes the tolerant parse lose what follows it (`"he` before
 * `"body": …` drops `body`, and maybe the `type` that picks the branch).
 */
import { getLocation, parse, type Node } from 'jsonc-parser';
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type CompletionList, type Position, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { valueAtPath, type JsonPath } from '../../../shared/core/index';
import { mimeTypeOffers } from '../../../shared/core/media-types';
import { MAX_TREE_DEPTH, nestingDepthBeyond } from '../../../shared/core/json-document';
import { closeUnclosed } from '../../../shared/core/repair';
import { factsOf, propertiesAt, schemasAt, valuesAt, type SchemaFacts } from '../../../shared/core/schemas';
import type { Scope } from '../../../shared/core/scopes';
import { detectIndent, lineIndent, snippetText } from './snippets';

export interface CompletionOptions {
  /** The client takes `InsertReplaceEdit`s (textDocument.completion.completionItem.insertReplaceSupport). */
  insertReplace?: boolean;
}

/** `scope`: the part of the file around `position` (see core/scopes.ts); `position` lies in the text. */
export function doComplete(document: TextDocument, position: Position, scope: Scope, options: CompletionOptions = {}): CompletionList {
  const fileText = document.getText();
  const items: CompletionItem[] = [];
  const indent = detectIndent(fileText);
  const baseIndent = lineIndent(fileText, document.offsetAt(position));

  if (!/\S/.test(fileText)) {
    for (const snippet of schemasAt([], undefined).flatMap((s) => s.defaultSnippets ?? [])) {
      items.push(snippetItem(snippet, snippetText(snippet.body, indent.unit, baseIndent), edit({ start: position, end: position }, position, options)));
    }
    return { isIncomplete: false, items };
  }

  let text = scope.text;
  let offset = scope.toLocal(document.offsetAt(position));
  if (offset === undefined) return { isIncomplete: false, items };
  // jsonc-parser recurses per level (getLocation, the tolerant parse): a text nested deeper than
  // the core's tree limit would overflow the stack, and is not checked anyway. Nothing to offer.
  if (nestingDepthBeyond(text, MAX_TREE_DEPTH) !== undefined) return { isIncomplete: false, items };
  let location = getLocation(text, offset);
  // On a new line after a complete value that lacks its comma: the properties, read with the
  // comma put in (each item then brings it, as vscode-json-languageservice does).
  let missingComma: number | undefined;
  const commaAt = missingCommaBefore(text, offset);
  if (commaAt !== undefined) {
    const patched = text.slice(0, commaAt) + ',' + text.slice(commaAt);
    const patchedLocation = getLocation(patched, offset + 1);
    if (patchedLocation.isAtPropertyKey) {
      [text, offset, location, missingComma] = [patched, offset + 1, patchedLocation, commaAt];
    }
  }
  const path = [...scope.base, ...location.path] as JsonPath;
  const typed = typedSpan(text, location.previousNode, offset);
  const at = (local: number) => document.positionAt(scope.toFile(missingComma !== undefined && local > missingComma ? local - 1 : local));
  const commaEdits = missingComma === undefined ? undefined : [{ range: { start: at(missingComma), end: at(missingComma) }, newText: ',' }];
  // The closing quote right after the cursor (auto-closed, or typed): the insert range takes it
  // too, so VS Code's insert mode (its default) does not leave it after the completed token.
  const insertEnd = typed.end === offset + 1 && offset > typed.start && text[offset] === '"' ? at(offset + 1) : position;
  const range = edit({ start: at(typed.start), end: at(typed.end) }, insertEnd, options);

  if (location.isAtPropertyKey) {
    const parentPath = path.slice(0, -1);
    const hasColon = followedByColon(text, typed.end);
    // Without the typed key, the object parses as it will be (what follows stays in it).
    const root = rootOf(scope, hasColon ? text.slice(0, typed.start) + '"\u0000"' + text.slice(typed.end) : text.slice(0, typed.start) + text.slice(typed.end));
    const parent = valueAtPath(root, parentPath);
    const present = new Set(parent && typeof parent === 'object' ? Object.keys(parent) : []);
    // Another property follows on: the completed one needs a comma after it, unless the object
    // typed in is left open and what follows is not in it (its layout closes it before that).
    const comma = !hasColon && startsProperty(text, typed.end) && startsProperty(closeUnclosed(text)?.text ?? text, typed.end) ? ',' : '';
    for (const { name, schemas, facts } of propertiesAt(parentPath, root)) {
      if (present.has(name)) continue;
      const value = hasColon ? '' : ': ' + valueTemplate(facts) + comma;
      items.push({
        label: name,
        kind: CompletionItemKind.Property,
        detail: facts.label,
        documentation: facts.description ? { kind: MarkupKind.Markdown, value: facts.description } : undefined,
        insertTextFormat: InsertTextFormat.Snippet,
        textEdit: { ...range, newText: `"${name}"${value}` },
        filterText: `"${name}"`,
        additionalTextEdits: commaEdits,
      });
      if (!hasColon) {
        for (const snippet of schemas.flatMap((s) => s.defaultSnippets ?? [])) {
          items.push({ ...snippetItem(snippet, `"${name}": ${snippetText(snippet.body, indent.unit, baseIndent)}${comma}`, range), filterText: `"${name}"`, additionalTextEdits: commaEdits });
        }
      }
    }
    return { isIncomplete: false, items };
  }

  // A value: the values of the property under the cursor, with the typed value taken out.
  // (A broken scope is parsed again too: an object left open there is closed first.)
  const root = typed.end > typed.start ? rootOf(scope, text.slice(0, typed.start) + 'null' + text.slice(typed.end)) : scope.document.syntaxProblems.length > 0 ? rootOf(scope, text) : scope.root;
  const schemas = schemasAt(path, root);
  const facts = factsOf(schemas);
  const seen = new Set<string>();
  // An array element (a whole msg entry, a recipient, a channel …): it needs a comma after it
  // when another element follows, and the element before it needs one when it lacks it.
  const element = typeof path[path.length - 1] === 'number' ? elementCommas(text, typed) : { after: '', before: undefined };
  const elementEdits = element.before === undefined ? undefined : [{ range: { start: at(element.before), end: at(element.before) }, newText: ',' }];
  // A media header's mimeType: the types of that header's kind, from the one media table.
  const mediaHeader = path[path.length - 1] === 'mimeType' && path[path.length - 2] === 'media' ? valueAtPath(root, path.slice(0, -2)) : undefined;
  const offers =
    mediaHeader !== undefined
      ? mimeTypeOffers(typeof mediaHeader === 'object' && mediaHeader !== null ? (mediaHeader as Record<string, unknown>).type : undefined).map(({ mimeType, description }) => ({ value: mimeType, description }))
      : [...valuesAt(path, root), ...(facts.examples ?? []).map((value) => ({ value, description: undefined }))];
  for (const { value, description } of offers) {
    const json = JSON.stringify(value);
    if (seen.has(json)) continue;
    seen.add(json);
    const meaning = [description, facts.description].filter(Boolean).join('\n\n');
    items.push({
      label: json,
      kind: CompletionItemKind.Value,
      detail: facts.label,
      documentation: meaning ? { kind: MarkupKind.Markdown, value: meaning } : undefined,
      textEdit: { ...range, newText: json + element.after },
      filterText: json,
      additionalTextEdits: elementEdits,
    });
  }
  // Inside an array the path ends at the item, so these include the item snippets (a whole msg entry …).
  for (const snippet of schemas.flatMap((s) => s.defaultSnippets ?? [])) {
    items.push({ ...snippetItem(snippet, snippetText(snippet.body, indent.unit, baseIndent) + element.after, range), additionalTextEdits: elementEdits });
  }
  return { isIncomplete: false, items };
}

type Edit = { range: Range } | { insert: Range; replace: Range };

/**
 * A plain range, or insert (up to `insertEnd`: the cursor, or past a closing quote right after
 * it) and replace (the whole typed token) ranges.
 */
function edit(replace: Range, insertEnd: Position, options: CompletionOptions): Edit {
  return options.insertReplace ? { insert: { start: replace.start, end: insertEnd }, replace } : { range: replace };
}

function snippetItem(snippet: { label?: string; description?: string }, text: string, range: Edit): CompletionItem {
  return {
    label: snippet.label ?? 'snippet',
    kind: CompletionItemKind.Snippet,
    detail: snippet.description,
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: { ...range, newText: text },
    sortText: '~' + (snippet.label ?? ''),
  };
}

/** What follows `"name": ` when a property name is completed. */
function valueTemplate(facts: SchemaFacts): string {
  if (facts.enum && facts.enum.length > 0) {
    if (facts.enum.every((v) => typeof v === 'string')) {
      return facts.enum.length === 1 ? JSON.stringify(facts.enum[0]) : `"\${1|${facts.enum.join(',')}|}"`;
    }
    return JSON.stringify(facts.enum[0]);
  }
  switch (facts.type) {
    case 'object':
      return '{$1}';
    case 'array':
      return '[$1]';
    case 'string':
      return '"$1"';
    default:
      return '$1';
  }
}

const WORD = /[^\s"{}[\],:]/;

/**
 * The span of what is typed at `offset` (offsets in the scope's text): the key or scalar node
 * there, quotes included (also an unterminated `"he`), or else the bare word around the cursor.
 */
function typedSpan(text: string, node: Node | undefined, offset: number): { start: number; end: number } {
  if (node && node.type !== 'object' && node.type !== 'array' && node.offset <= offset && offset <= node.offset + node.length) {
    return { start: node.offset, end: node.offset + node.length };
  }
  let start = offset;
  let end = offset;
  while (start > 0 && WORD.test(text[start - 1])) start--;
  while (end < text.length && WORD.test(text[end])) end++;
  // A word right after an opening quote: the quote is part of it (`"he|` without the closing one).
  if (text[start - 1] === '"' && start > 0 && !isClosingQuote(text, start - 1)) start--;
  return { start, end };
}

/** Whether the quote at `index` closes a string rather than opens one: counted on its line. */
function isClosingQuote(text: string, index: number): boolean {
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  let quotes = 0;
  for (let i = lineStart; i < index; i++) if (text[i] === '"' && text[i - 1] !== '\\') quotes++;
  return quotes % 2 === 1;
}

/**
 * The scope's file value, from `text` in place of the scope's text (parsed tolerantly), with an
 * object or array left open closed where its layout says (what follows it stays out of it).
 */
function rootOf(scope: Scope, text: string): unknown {
  const value: unknown = parse(closeUnclosed(text)?.text ?? text, [], { allowTrailingComma: true, disallowComments: false });
  if (scope.base.length === 0) return value;
  const msg: unknown[] = [];
  msg[scope.base[2] as number] = value;
  return { messages: { msg } };
}

const VALUE_END_ON_LINE = /(?::\s*(?:"(?:[^"\\]|\\.)*"|-?\d[\d.eE+-]*|true|false|null)|[}\]])$/;

/**
 * Where a comma is missing before `offset` (offsets in the scope's text): the end of the value
 * before the token being typed, when a line break lies between them (`"type": "list"` and on the
 * next line `"|"`); undefined when a comma, a brace or a colon comes first.
 */
function missingCommaBefore(text: string, offset: number): number | undefined {
  let start = offset;
  while (start > 0 && WORD.test(text[start - 1])) start--;
  if (text[start - 1] === '"') start--;
  let end = start;
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  if (end === 0 || !text.slice(end, start).includes('\n')) return undefined;
  const lineStart = text.lastIndexOf('\n', end - 1) + 1;
  return VALUE_END_ON_LINE.test(text.slice(lineStart, end)) ? end : undefined;
}

const ELEMENT_AHEAD = /\s*[{["\d\-tfn]/y;

/**
 * The commas an array element typed over `typed` (offsets in the scope's text) needs: `after`,
 * when another element follows it (`"msg": [` and the existing `{` on the next line), unless
 * the array is left open and what follows is not in it (its layout closes it before that);
 * `before`, where the comma after the previous element is missing (a new line after the last
 * entry's `}`).
 */
function elementCommas(text: string, typed: { start: number; end: number }): { after: string; before: number | undefined } {
  let before = typed.start;
  while (before > 0 && /\s/.test(text[before - 1])) before--;
  const previous = text[before - 1];
  const follows = (t: string) => {
    ELEMENT_AHEAD.lastIndex = typed.end;
    return ELEMENT_AHEAD.test(t);
  };
  return {
    after: follows(text) && follows(closeUnclosed(text)?.text ?? text) ? ',' : '',
    before: before > 0 && previous !== '[' && previous !== ',' ? before : undefined,
  };
}

const COLON_AHEAD = /\s*:/y;
const PROPERTY_AHEAD = /\s*"/y;

/** Whether a colon follows `offset` (after whitespace): looked at in place, without a copy of the rest. */
function followedByColon(text: string, offset: number): boolean {
  COLON_AHEAD.lastIndex = offset;
  return COLON_AHEAD.test(text);
}

function startsProperty(text: string, offset: number): boolean {
  PROPERTY_AHEAD.lastIndex = offset;
  return PROPERTY_AHEAD.test(text);
}
