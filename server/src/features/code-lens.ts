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
  for (const { scope, indexes } of payload.messageScopes()) {
    const wanted = indexes.filter((index) => index < MAX_LENS_MESSAGES);
    const located = scope.document.locate(wanted.map((index) => ['messages', 'msg', index].slice(scope.base.length)));
    wanted.forEach((index, i) => {
      if (!located[i].exact) return;
      const entry = valueAtPath(scope.root, ['messages', 'msg', index]) as Loose<Message> | undefined;
      const start = document.positionAt(scope.toFile(located[i].value.offset));
      const range = { start, end: start };
      const recipients = arrayAt(entry, 'to').length;
      lenses.push({ range, command: { title: 'Preview', command: PREVIEW_COMMAND, arguments: [document.uri, index] } });
      lenses.push({
        range,
        command: { title: `Send to ${recipients} recipient${recipients === 1 ? '' : 's'}`, command: SEND_COMMAND, arguments: [document.uri, index] },
      });
    });
    if (indexes[indexes.length - 1] >= MAX_LENS_MESSAGES - 1) break;
  }
  return lenses;
}
