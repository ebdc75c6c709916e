/** What the preview needs from a document: its value (if it parses), syntax problem, our diagnostics. */
import { getLocation } from 'jsonc-parser';
import type { Diagnostic, TextDocument } from 'vscode';
import type { PreviewDiagnostic } from '../../../media/src/model';
import { fromPointer, JsonDocument, toPointer } from '../../../server/src/core/json-document';

/** The value to render, or the first syntax problem, worded as the core words it everywhere. */
export function parseForPreview(text: string): { value: unknown; syntaxError?: string } {
  const document = JsonDocument.parse(text);
  const problem = document.syntaxProblems[0];
  if (!problem) return { value: document.value };
  return { value: undefined, syntaxError: `Line ${document.positionAt(problem.offset).line + 1}: ${problem.message}` };
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

/** The node a preview element stands for, or its nearest existing ancestor. */
export function rangeOfPointer(text: string, pointer: string): { offset: number; length: number } | undefined {
  const found = JsonDocument.trusted(text).nearestNode(fromPointer(pointer));
  return found && { offset: found.node.offset, length: found.node.length };
}
