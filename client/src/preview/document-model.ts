/** What the preview needs from a document: its value (if it parses) or its syntax problem, and JSON pointers. */
import { getLocation } from 'jsonc-parser';
import type { TextDocument } from 'vscode';
import { fromPointer, JsonDocument, toPointer } from '../../../shared/core/json-document';
import type { UnparsedMessage } from '../../../shared/render/model';
import { unparsedMessages } from '../../../shared/render/unparsed';

/** The value to render, or the first syntax problem, worded as the core words it everywhere. */
export function parseForPreview(text: string): { value: unknown; syntaxError?: string; unparsed?: UnparsedMessage[] } {
  const document = JsonDocument.parse(text);
  const problem = document.syntaxProblems[0];
  if (!problem) return { value: document.value };
  // Not the tolerant parse's value (it makes up what is still being typed): the webview keeps
  // its last good render, with the entries that do not parse drawn as such.
  return { value: undefined, syntaxError: `Line ${document.positionAt(problem.offset).line + 1}: ${problem.message}`, unparsed: unparsedMessages(document) };
}

export function pointerAt(document: TextDocument, offset: number): string | undefined {
  const location = getLocation(document.getText(), offset);
  if (location.path.length === 0) return undefined;
  return toPointer(location.path);
}

/** The node a preview element stands for, or its nearest existing ancestor. */
export function rangeOfPointer(text: string, pointer: string): { offset: number; length: number } | undefined {
  // The tree, not a scan: the text may be half-typed.
  const [found] = JsonDocument.trusted(text).locate([fromPointer(pointer)], true);
  return found.value.length > 0 ? found.value : undefined;
}
