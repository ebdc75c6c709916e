/**
 * The language service: a plain object over the validation core that knows nothing of the
 * connection (like yaml-language-server's). It keeps one validation per document version,
 * so diagnostics, hover, completion, code actions, symbols and code lens share one parse.
 */
import picomatch from 'picomatch';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type * as lsp from 'vscode-languageserver';
import { IncrementalValidator } from './core/incremental';
import type { ValidationResult } from './core/index';
import { getCodeActions } from './features/code-actions';
import { getCodeLenses } from './features/code-lens';
import { doComplete } from './features/completion';
import { toLspDiagnostics } from './features/diagnostics';
import { doHover } from './features/hover';
import { getDocumentSymbols } from './features/symbols';

export interface ServiceSettings {
  validateEnable: boolean;
  /** Globs of files that are payloads even before they have content. */
  files: string[];
  /** Larger files get one FILE-LIMIT warning instead of a check. */
  maxFileSizeMB: number;
}

export const DEFAULT_SETTINGS: ServiceSettings = { validateEnable: true, files: ['**/*.cm.json'], maxFileSizeMB: 20 };

interface Cached {
  version: number;
  result: ValidationResult;
  /** Keeps each msg entry's findings, so a keystroke re-checks only the edited message. */
  validator: IncrementalValidator;
}

export class LanguageService {
  private readonly cache = new Map<string, Cached>();
  private settings: ServiceSettings = DEFAULT_SETTINGS;
  private fileMatcher = picomatch(DEFAULT_SETTINGS.files, { dot: true });

  configure(settings: Partial<ServiceSettings>): void {
    this.settings = { ...this.settings, ...settings };
    this.cache.clear();
    this.fileMatcher = picomatch(this.settings.files.length ? this.settings.files : DEFAULT_SETTINGS.files, { dot: true });
  }

  /** The validation of this exact version, computed once. */
  resultFor(document: TextDocument): ValidationResult {
    const cached = this.cache.get(document.uri);
    if (cached && cached.version === document.version) return cached.result;
    const validator = cached?.validator ?? new IncrementalValidator();
    const result = validator.validate(document.getText(), {
      maxLength: this.settings.maxFileSizeMB * 1024 * 1024,
      positionAt: (offset) => document.positionAt(offset),
    });
    this.cache.set(document.uri, { version: document.version, result, validator });
    return result;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  /** A payload by content, by the `cmInteractive.files` globs, or by our own language id. */
  isPayload(document: TextDocument): boolean {
    if (document.languageId === 'cm-payload') return true;
    if (this.resultFor(document).isPayload) return true;
    return this.matchesFileGlobs(document.uri);
  }

  matchesFileGlobs(uri: string): boolean {
    let path: string;
    try {
      path = decodeURIComponent(new URL(uri).pathname);
    } catch {
      return false;
    }
    return this.fileMatcher(path) || this.fileMatcher(path.replace(/^\//, ''));
  }

  doValidation(document: TextDocument): lsp.Diagnostic[] {
    if (!this.settings.validateEnable || !this.isPayload(document)) return [];
    return toLspDiagnostics(this.resultFor(document), document.languageId);
  }

  doComplete(document: TextDocument, position: lsp.Position): lsp.CompletionList | null {
    if (!this.isPayload(document)) return null;
    return doComplete(document, position, this.resultFor(document));
  }

  doHover(document: TextDocument, position: lsp.Position): lsp.Hover | null {
    if (!this.isPayload(document)) return null;
    return doHover(document, position, this.resultFor(document));
  }

  getCodeActions(document: TextDocument, range: lsp.Range, context: lsp.CodeActionContext): lsp.CodeAction[] {
    if (!this.settings.validateEnable || !this.isPayload(document)) return [];
    return getCodeActions(document, range, context, this.resultFor(document));
  }

  getDocumentSymbols(document: TextDocument): lsp.DocumentSymbol[] {
    if (!this.isPayload(document)) return [];
    return getDocumentSymbols(document, this.resultFor(document));
  }

  getCodeLenses(document: TextDocument): lsp.CodeLens[] {
    if (!this.isPayload(document)) return [];
    return getCodeLenses(document, this.resultFor(document));
  }
}
