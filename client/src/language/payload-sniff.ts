/**
 * The client's cheap guess that a document is a CM payload. The server decides precisely
 * (a parsed top-level "messages"); this guess only decides when to start it and when to
 * show the editor title buttons, so a false positive costs a silent server, nothing more.
 */
import { languages, Range, workspace, type TextDocument } from 'vscode';

const PAYLOAD_LANGUAGE = 'cm-payload';
const JSON_LANGUAGES = ['json', 'jsonc'];
const MESSAGES_KEY = /"messages"\s*:/;

/** `*.cm.json`, a `cmInteractive.files` glob, or a JSON document with a "messages" key. */
export function looksLikePayload(document: TextDocument, { maxLines = Number.POSITIVE_INFINITY } = {}): boolean {
  if (document.languageId === PAYLOAD_LANGUAGE) return true;
  if (!JSON_LANGUAGES.includes(document.languageId)) return false;
  if (matchesPayloadGlobs(document)) return true;
  // getText clamps the range to the document.
  return MESSAGES_KEY.test(maxLines >= document.lineCount ? document.getText() : document.getText(new Range(0, 0, maxLines, 0)));
}

/** Whether text typed into these lines made a JSON document look like a payload. */
export function linesLookLikePayload(document: TextDocument, firstLine: number, lastLine: number): boolean {
  if (!JSON_LANGUAGES.includes(document.languageId)) return false;
  for (let line = Math.max(0, firstLine); line <= Math.min(lastLine, document.lineCount - 1); line++) {
    if (MESSAGES_KEY.test(document.lineAt(line).text)) return true;
  }
  return false;
}

/** The same globs the server reads (`cmInteractive.files`), matched the way VS Code matches selectors. */
function matchesPayloadGlobs(document: TextDocument): boolean {
  const globs: unknown = workspace.getConfiguration('cmInteractive', document.uri).get('files');
  // A hand-edited settings.json may hold anything here: only strings are patterns.
  if (!Array.isArray(globs)) return false;
  return globs.some((pattern) => typeof pattern === 'string' && pattern.length > 0 && languages.match({ pattern }, document) > 0);
}
