/**
 * "Preview" and "Send" above each message; the client implements the two commands. Asked for
 * after every edit: the messages are found by one skipping scan, not a tree of the file.
 */
import type { CodeLens } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ValidationResult } from '../core/index';

export const PREVIEW_COMMAND = 'cmInteractive.openPreview';
export const SEND_COMMAND = 'cmInteractive.send';

export function getCodeLenses(document: TextDocument, result: ValidationResult): CodeLens[] {
  const msg = (result.document.value as any)?.messages?.msg;
  if (!Array.isArray(msg)) return [];
  const located = result.document.locate(msg.map((_entry: unknown, index: number) => ['messages', 'msg', index]));
  const lenses: CodeLens[] = [];
  msg.forEach((entry: any, index: number) => {
    if (!located[index].exact) return;
    const start = document.positionAt(located[index].value.offset);
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
