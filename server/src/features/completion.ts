/**
 * Completion from the schemas: property names (with value templates), enum values and
 * examples, and each kind's `defaultSnippets` (whole interactive messages, a whole msg entry).
 */
import { getLocation, type Node } from 'jsonc-parser';
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type CompletionList, type Position, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { valueAtPath, type JsonPath } from '../core/index';
import { factsOf, schemasAt } from '../core/schemas';
import type { Scope } from '../core/scopes';
import { detectIndent, lineIndent, snippetText } from './snippets';

/** `scope`: the part of the file around `position` (see core/scopes.ts); `position` lies in the text. */
export function doComplete(document: TextDocument, position: Position, scope: Scope): CompletionList {
  const fileText = document.getText();
  const items: CompletionItem[] = [];
  const indent = detectIndent(fileText);
  const baseIndent = lineIndent(fileText, document.offsetAt(position));
  const root = scope.root;

  if (!/\S/.test(fileText)) {
    for (const snippet of schemasAt([], undefined).flatMap((s) => s.defaultSnippets ?? [])) {
      items.push(snippetItem(snippet, snippetText(snippet.body, indent.unit, baseIndent), { start: position, end: position }));
    }
    return { isIncomplete: false, items };
  }

  const text = scope.text;
  const offset = scope.toLocal(document.offsetAt(position));
  if (offset === undefined) return { isIncomplete: false, items };
  const location = getLocation(text, offset);
  const path = [...scope.base, ...location.path] as JsonPath;
  const node = location.previousNode;
  const replace = replaceRange(document, scope, node, offset);

  if (location.isAtPropertyKey) {
    const parentPath = path.slice(0, -1);
    const parent = valueAtPath(root, parentPath);
    const present = new Set(parent && typeof parent === 'object' ? Object.keys(parent) : []);
    const typed = node?.type === 'string' ? String(node.value) : '';
    const hasColon = node ? followedByColon(text, node.offset + node.length) : false;
    const names = new Set<string>();
    for (const schema of schemasAt(parentPath, root)) {
      for (const name of Object.keys(schema.properties ?? {})) if (!present.has(name) || name === typed) names.add(name);
    }
    for (const name of names) {
      const schemas = schemasAt([...parentPath, name], root);
      const facts = factsOf(schemas);
      const value = hasColon ? '' : ': ' + valueTemplate(facts);
      items.push({
        label: name,
        kind: CompletionItemKind.Property,
        detail: facts.label,
        documentation: facts.description ? { kind: MarkupKind.Markdown, value: facts.description } : undefined,
        insertTextFormat: InsertTextFormat.Snippet,
        textEdit: { range: replace, newText: `"${name}"${value}` },
        filterText: `"${name}"`,
      });
      if (!hasColon) {
        for (const snippet of schemas.flatMap((s) => s.defaultSnippets ?? [])) {
          items.push({ ...snippetItem(snippet, `"${name}": ${snippetText(snippet.body, indent.unit, baseIndent)}`, replace), filterText: `"${name}"` });
        }
      }
    }
    return { isIncomplete: false, items };
  }

  // A value: enum values, examples and snippets for the schema at this path.
  const schemas = schemasAt(path, root);
  const facts = factsOf(schemas);
  const seen = new Set<string>();
  for (const value of [...(facts.enum ?? []), ...(facts.examples ?? [])]) {
    const json = JSON.stringify(value);
    if (seen.has(json)) continue;
    seen.add(json);
    items.push({
      label: json,
      kind: CompletionItemKind.Value,
      detail: facts.label,
      documentation: facts.description ? { kind: MarkupKind.Markdown, value: facts.description } : undefined,
      textEdit: { range: replace, newText: json },
    });
  }
  // Inside an array the path ends at the item, so these include the item snippets (a whole msg entry …).
  for (const snippet of schemas.flatMap((s) => s.defaultSnippets ?? [])) {
    items.push(snippetItem(snippet, snippetText(snippet.body, indent.unit, baseIndent), replace));
  }
  return { isIncomplete: false, items };
}

function snippetItem(snippet: { label?: string; description?: string }, text: string, range: Range): CompletionItem {
  return {
    label: snippet.label ?? 'snippet',
    kind: CompletionItemKind.Snippet,
    detail: snippet.description,
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: { range, newText: text },
    sortText: '~' + (snippet.label ?? ''),
  };
}

/** What follows `"name": ` when a property name is completed. */
function valueTemplate(facts: ReturnType<typeof factsOf>): string {
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

/** `offset` and the node's offsets are the scope's; the range is the file's. */
function replaceRange(document: TextDocument, scope: Scope, node: Node | undefined, offset: number) {
  const at = (local: number) => document.positionAt(scope.toFile(local));
  if (node && (node.type === 'string' || node.type === 'number' || node.type === 'boolean' || node.type === 'null') && node.offset <= offset && offset <= node.offset + node.length) {
    return { start: at(node.offset), end: at(node.offset + node.length) };
  }
  const position = at(offset);
  return { start: position, end: position };
}

const COLON_AHEAD = /\s*:/y;

/** Whether a colon follows `offset` (after whitespace): looked at in place, without a copy of the rest. */
function followedByColon(text: string, offset: number): boolean {
  COLON_AHEAD.lastIndex = offset;
  return COLON_AHEAD.test(text);
}

