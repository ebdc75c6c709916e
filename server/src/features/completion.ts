/**
 * Completion from the schemas: property names (with value templates), enum values and
 * examples, and each kind's `defaultSnippets` (whole interactive messages, a whole msg entry).
 */
import { getLocation, type Node } from 'jsonc-parser';
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type CompletionList, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { valueAtPath, type JsonPath, type ValidationResult } from '../core/index';
import { factsOf, schemasAt, type SchemaNode } from '../core/schemas';
import { detectIndent, lineIndent, snippetText } from './snippets';

export function doComplete(document: TextDocument, position: Position, result: ValidationResult): CompletionList {
  const text = document.getText();
  const offset = document.offsetAt(position);
  const items: CompletionItem[] = [];
  const indent = detectIndent(text);
  const baseIndent = lineIndent(text, offset);
  const root = result.document.value;

  if (text.trim() === '') {
    for (const snippet of schemasAt([], undefined).flatMap((s) => s.defaultSnippets ?? [])) {
      items.push(snippetItem(snippet, snippetText(snippet.body, indent.unit, baseIndent)));
    }
    return { isIncomplete: false, items };
  }

  const location = getLocation(text, offset);
  const path = location.path as JsonPath;
  const node = location.previousNode;
  const replace = replaceRange(document, node, offset);

  if (location.isAtPropertyKey) {
    const parentPath = path.slice(0, -1);
    const parent = valueAtPath(root, parentPath);
    const present = new Set(parent && typeof parent === 'object' ? Object.keys(parent) : []);
    const typed = node?.type === 'string' ? String(node.value) : '';
    const hasColon = node ? /^\s*:/.test(text.slice(node.offset + node.length)) : false;
    const properties = new Map<string, SchemaNode[]>();
    for (const schema of schemasAt(parentPath, root)) {
      for (const [name, propertySchema] of Object.entries(schema.properties ?? {})) {
        if (present.has(name) && name !== typed) continue;
        properties.set(name, [...(properties.get(name) ?? []), propertySchema]);
      }
    }
    for (const [name] of properties) {
      const schemas = schemasAt([...parentPath, name], root);
      const facts = factsOf(schemas);
      const value = hasColon ? '' : ': ' + valueTemplate(schemas);
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
          items.push({
            ...snippetItem(snippet, `"${name}": ${snippetText(snippet.body, indent.unit, baseIndent)}`),
            textEdit: { range: replace, newText: `"${name}": ${snippetText(snippet.body, indent.unit, baseIndent)}` },
            filterText: `"${name}"`,
          });
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
  for (const snippet of schemas.flatMap((s) => s.defaultSnippets ?? [])) {
    items.push({ ...snippetItem(snippet, snippetText(snippet.body, indent.unit, baseIndent)), textEdit: { range: replace, newText: snippetText(snippet.body, indent.unit, baseIndent) } });
  }
  // Inside an array: snippets of its items (a whole msg entry, a conversation item …).
  if (node === undefined || node.type !== 'string') {
    const itemSchemas = schemasAt([...path.slice(0, -1), 0], root).filter((s) => typeof path[path.length - 1] === 'number');
    for (const snippet of itemSchemas.flatMap((s) => s.defaultSnippets ?? [])) {
      if (schemas.some((s) => s.defaultSnippets?.includes(snippet))) continue;
      items.push({ ...snippetItem(snippet, snippetText(snippet.body, indent.unit, baseIndent)), textEdit: { range: replace, newText: snippetText(snippet.body, indent.unit, baseIndent) } });
    }
  }
  return { isIncomplete: false, items };
}

function snippetItem(snippet: { label?: string; description?: string }, text: string): CompletionItem {
  return {
    label: snippet.label ?? 'snippet',
    kind: CompletionItemKind.Snippet,
    detail: snippet.description,
    insertTextFormat: InsertTextFormat.Snippet,
    insertText: text,
    sortText: '~' + (snippet.label ?? ''),
  };
}

/** What follows `"name": ` when a property name is completed. */
function valueTemplate(schemas: SchemaNode[]): string {
  const facts = factsOf(schemas);
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

function replaceRange(document: TextDocument, node: Node | undefined, offset: number) {
  if (node && (node.type === 'string' || node.type === 'number' || node.type === 'boolean' || node.type === 'null') && node.offset <= offset && offset <= node.offset + node.length) {
    return { start: document.positionAt(node.offset), end: document.positionAt(node.offset + node.length) };
  }
  const position = document.positionAt(offset);
  return { start: position, end: position };
}

