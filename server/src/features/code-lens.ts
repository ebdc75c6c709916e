/**
 * "Preview" and "Send" above each message; the client implements the two commands. Asked for
 * after every edit: each message is located in its own scope (see core/scopes.ts) by one
 * skipping scan, not in a tree of the file.
 */
import type { CodeLens } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { valueAtPath } from '../../../shared/core/index';
import type { Loose } from '../../../shared/core/payload-model';
import { arrayAt } from '../../../shared/core/rules/access';
import type { PayloadText } from '../../../shared/core/scopes';
import type { Message } from '../../../shared/payload';

export const PREVIEW_COMMAND = 'cmInteractive.openPreview';
export const SEND_COMMAND = 'cmInteractive.send';

/** CM takes at most 1,000 messages per request: lenses for more would only weigh on the editor. */
export const MAX_LENS_MESSAGES = 1000;

export function getCodeLenses(document: TextDocument, payload: PayloadText): CodeLens[] {
  const lenses: CodeLens[] = [];
  const entries = payload.messageEntries();
  if (entries) {
    // Message by message, each entry's recipients counted once per text of the entry (kept in
    // its memo) rather than from a parse of every message after each edit.
    for (const entry of entries.slice(0, MAX_LENS_MESSAGES)) {
      if (!('recipients' in entry.memo)) {
        const scope = entry.scope();
        entry.memo.recipients = scope ? arrayAt(valueAtPath(scope.root, ['messages', 'msg', entry.index]) as Loose<Message> | undefined, 'to').length : undefined;
      }
      const recipients = entry.memo.recipients as number | undefined;
      if (recipients !== undefined) lenses.push(...lensesAt(document, entry.index, entry.offset, recipients));
    }
    return lenses;
  }
  for (const { scope, indexes } of payload.messageScopes()) {
    const wanted = indexes.filter((index) => index < MAX_LENS_MESSAGES);
    const located = scope.document.locate(wanted.map((index) => ['messages', 'msg', index].slice(scope.base.length)));
    wanted.forEach((index, i) => {
      if (!located[i].exact) return;
      const entry = valueAtPath(scope.root, ['messages', 'msg', index]) as Loose<Message> | undefined;
      lenses.push(...lensesAt(document, index, scope.toFile(located[i].value.offset), arrayAt(entry, 'to').length));
    });
    if (indexes[indexes.length - 1] >= MAX_LENS_MESSAGES - 1) break;
  }
  return lenses;
}

/** "Preview" and "Send" at the start of message `index`. */
function lensesAt(document: TextDocument, index: number, offset: number, recipients: number): CodeLens[] {
  const start = document.positionAt(offset);
  const range = { start, end: start };
  return [
    { range, command: { title: 'Preview', command: PREVIEW_COMMAND, arguments: [document.uri, index] } },
    { range, command: { title: `Send to ${recipients} recipient${recipients === 1 ? '' : 's'}`, command: SEND_COMMAND, arguments: [document.uri, index] } },
  ];
}
