/**
 * The language service in-process, as yaml-language-server tests it: a `LanguageService` and a
 * `TextDocument` made from a text with a cursor marker `|`, no server and no child process.
 * test/lsp/ keeps the tests that prove the wiring over stdio.
 */
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Position, TextEdit } from 'vscode-languageserver';
import { LanguageService, type ServiceSettings } from '../../server/src/service';

export const CURSOR = '|';

let counter = 0;

export interface Setup {
  service: LanguageService;
  document: TextDocument;
  /** Where the marker was (the start of the document when there was none). */
  position: Position;
  /** The document's diagnostics, as the server publishes them. */
  diagnostics: Diagnostic[];
}

export interface SetupOptions {
  languageId?: string;
  uri?: string;
  settings?: Partial<ServiceSettings>;
  /** Keep `|` in the text (a payload that contains one): the cursor is then at the start. */
  noCursor?: boolean;
  /** A service to reuse (its per-document state), instead of a new one. */
  service?: LanguageService;
}

/** A service and a document of `text`; the first `|` marks the cursor and is taken out of the text. */
export function setup(text: string, options: SetupOptions = {}): Setup {
  const offset = options.noCursor ? -1 : text.indexOf(CURSOR);
  const content = offset >= 0 ? text.slice(0, offset) + text.slice(offset + CURSOR.length) : text;
  const document = TextDocument.create(options.uri ?? `file:///work/service-${++counter}.json`, options.languageId ?? 'json', 1, content);
  const service = options.service ?? new LanguageService();
  if (options.settings) service.configure(options.settings);
  return { service, document, position: document.positionAt(Math.max(offset, 0)), diagnostics: service.doValidation(document) };
}

/** `body` with the cursor marker at `delta` characters after the first `needle`. */
export function withCursorAt(body: string, needle: string, delta = 0): string {
  const offset = body.indexOf(needle);
  assert.ok(offset >= 0, `${needle} not in document`);
  return body.slice(0, offset + delta) + CURSOR + body.slice(offset + delta);
}

export function applyEdits(document: TextDocument, edits: TextEdit[]): string {
  return TextDocument.applyEdits(document, edits);
}
