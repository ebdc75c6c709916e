/** What the preview needs from a document: its value (if it parses), syntax problem, our diagnostics. */
import { findNodeAtLocation, getLocation, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { Diagnostic, TextDocument } from 'vscode';
import type { PreviewDiagnostic } from '../../../media/src/model';
import { toPointer } from '../../../server/src/core/json-document';

export function parseForPreview(text: string): { value: unknown; syntaxError?: string } {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { value: JSON.parse(clean) };
  } catch {
    const errors: ParseError[] = [];
    parseTree(clean, errors, { disallowComments: true });
    const first = errors[0];
    const line = first ? clean.slice(0, first.offset).split('\n').length : 1;
    return { value: undefined, syntaxError: `Line ${line}: ${first ? printParseErrorCode(first.error) : 'not valid JSON'}` };
  }
}

/** Our diagnostics carry the JSON pointer in `data.path` (vscode-languageclient keeps `data`). */
export function toPreviewDiagnostics(diagnostics: readonly Diagnostic[]): PreviewDiagnostic[] {
  const severities = ['error', 'warning', 'information', 'hint'] as const;
  return diagnostics.flatMap((d) => {
    const data = (d as Diagnostic & { data?: { path?: unknown; limit?: unknown } }).data;
    if (d.source !== 'cm-interactive' || typeof data?.path !== 'string') return [];
    const code = typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? '');
    if (code === 'JSON-SYNTAX') return [];
    return [{ severity: severities[d.severity] ?? 'error', code, message: d.message, path: data.path, ...(typeof data.limit === 'number' ? { limit: data.limit } : {}) }];
  });
}

export function pointerAt(document: TextDocument, offset: number): string | undefined {
  const location = getLocation(document.getText(), offset);
  if (location.path.length === 0) return undefined;
  return toPointer(location.path);
}

export function rangeOfPointer(text: string, pointer: string): { offset: number; length: number } | undefined {
  const root = parseTree(text);
  if (!root) return undefined;
  const segments = pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  // Walk with the tree so array indices become numbers.
  let node = root;
  const path: (string | number)[] = [];
  for (const segment of segments) {
    path.push(node.type === 'array' ? Number(segment) : segment);
    const next = findNodeAtLocation(root, path);
    if (!next) break;
    node = next;
  }
  return { offset: node.offset, length: node.length };
}
