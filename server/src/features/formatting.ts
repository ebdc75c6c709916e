/**
 * Formatting for `cm-payload` documents (the built-in JSON formatter handles only the
 * `json`/`jsonc` languages). Registered dynamically for that language alone, so JSON
 * files never see two formatters.
 */
import { format } from 'jsonc-parser';
import type { FormattingOptions, TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

export function formatDocument(document: TextDocument, options: FormattingOptions): TextEdit[] {
  const text = document.getText();
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return format(text, undefined, { tabSize: options.tabSize, insertSpaces: options.insertSpaces, eol, insertFinalNewline: options.insertFinalNewline }).map((edit) => ({
    range: { start: document.positionAt(edit.offset), end: document.positionAt(edit.offset + edit.length) },
    newText: edit.content,
  }));
}
