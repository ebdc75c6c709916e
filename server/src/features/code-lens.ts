/** "Preview" and "Send" above each message; the client implements the two commands. */
import { findNodeAtLocation } from 'jsonc-parser';
import type { CodeLens } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ValidationResult } from '../core/index';

export const PREVIEW_COMMAND = 'cmInteractive.openPreview';
export const SEND_COMMAND = 'cmInteractive.send';

export function getCodeLenses(document: TextDocument, result: ValidationResult): CodeLens[] {
  const root = result.document.root();
  const msg = (result.document.value as any)?.messages?.msg;
  if (!root || !Array.isArray(msg)) return [];
  const lenses: CodeLens[] = [];
  msg.forEach((entry: any, index: number) => {
    const node = findNodeAtLocation(root, ['messages', 'msg', index]);
    if (!node) return;
    const start = document.positionAt(node.offset);
    const range = { start, end: start };
    const recipients = Array.isArray(entry?.to) ? entry.to.length : 0;
    lenses.push({ range, command: { title: 'Preview', command: PREVIEW_COMMAND, arguments: [document.uri, index] } });
    lenses.push({
      range,
      command: { title: `Send to ${recipients} recipient${recipients === 1 ? '' : 's'}`, command: SEND_COMMAND, arguments: [document.uri, index] },
    });
  });
  return lenses;
}
