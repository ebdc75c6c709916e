/**
 * The language service: a plain object over the validation core that knows nothing of the
 * connection (like yaml-language-server's). It keeps, per document, what it worked out for its
 * current text — keyed by the text itself, since an editor may repeat a version number or open
 * a document twice — so diagnostics and code actions share one validation, and hover,
 * completion, symbols and code lens share one view of the text in scopes (core/scopes.ts),
 * which never parses a big file whole. Requests never wait for a validation of their own.
 */
import type Picomatch from 'picomatch';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type * as lsp from 'vscode-languageserver';
import { IncrementalValidator, type EditedText } from '../../shared/core/incremental';
import { MAX_PROBLEMS } from '../../shared/core/validate';
import type { ValidationResult } from '../../shared/core/index';
import type { PayloadText } from '../../shared/core/scopes';
import type * as Features from './features/all';
import type { CompletionOptions } from './features/completion';
import { toLspDiagnostics } from './features/diagnostics';
import type { Formatted } from './features/formatting';

let loaded: typeof Features | undefined;
/**
 * The request features, loaded on the first request: a starting server compiles and runs only
 * what its first diagnostics need (the build makes features/all.ts a bundle of its own).
 */
function features(): typeof Features {
  return (loaded ??= require('./features/all') as typeof Features);
}

export interface ServiceSettings {
  validateEnable: boolean;
  /** Globs of files that are payloads even before they have content. */
  files: string[];
  /** Larger files get one FILE-LIMIT warning instead of a check, and no other answers. */
  maxFileSizeMB: number;
  /** The most symbols an outline lists (cmInteractive.outline.maxItems). */
  outlineMaxItems: number;
}

export const DEFAULT_SETTINGS: ServiceSettings = { validateEnable: true, files: ['**/*.cm.json'], maxFileSizeMB: 20, outlineMaxItems: 5000 };

/** The longest text checked before the client's settings are known (LanguageService.checkAhead). */
const CHECK_AHEAD_MAX_LENGTH = 1024 * 1024;

/** What an outline left out (features/symbols.ts). */
export interface OutlineLimit {
  shown: number;
  total: number;
}

type Checked = Pick<ValidationResult, 'isPayload' | 'diagnostics' | 'secrets'>;

/** What is known about one text of a document. */
interface Snapshot {
  /** The text, once something needed it whole (the check of an edited text does not). */
  text?: string;
  /** The server's documents (text-document.ts) name their content by a stamp: no need to read the text to know it is new. */
  source?: EditedText;
  stamp?: number;
  checked?: Checked;
  payload?: PayloadText;
}

export class LanguageService {
  private readonly snapshots = new Map<string, Snapshot>();
  /** Keeps each msg entry's findings, so a keystroke re-checks only the edited message. */
  private readonly validators = new Map<string, IncrementalValidator>();
  /** Whether each document's last checked text was a payload: requests go by it while a check is pending. */
  private readonly payloads = new Map<string, boolean>();
  private settings: ServiceSettings = DEFAULT_SETTINGS;
  /** Hears when a document's outline had more symbols than cmInteractive.outline.maxItems. */
  onOutlineLimited: ((uri: string, limit: OutlineLimit) => void) | undefined;
  /** What the client's completion takes (insert/replace ranges), from its capabilities. */
  completionOptions: CompletionOptions = {};
  /** Compiled when first needed (a document whose content is no payload): not at start. */
  private matcher: ((path: string) => boolean) | undefined;

  configure(settings: Partial<ServiceSettings>): void {
    const next = { ...this.settings, ...settings };
    // Settings that change nothing keep the checks made so far: the first one is made while the
    // client's settings are on their way (checkAhead), and they are most often the same.
    if (JSON.stringify(next) === JSON.stringify(this.settings)) return;
    this.settings = next;
    this.snapshots.clear();
    this.validators.clear();
    this.matcher = undefined;
  }

  /** The validation of this exact text, computed once. */
  resultFor(document: TextDocument): Checked {
    const snapshot = this.snapshot(document);
    if (!snapshot.checked) {
      const validator = this.validatorOf(document.uri);
      const options = { maxLength: this.maxLength(), maxProblems: MAX_PROBLEMS, positionAt: (offset: number) => document.positionAt(offset) };
      // An edited text is checked from the parts the edit touched, without joining the whole text.
      let { isPayload, diagnostics, secrets } = snapshot.source ? validator.validateEdited(snapshot.source, options) : validator.validate(this.textOf(snapshot, document), options);
      // A document that is a payload by its language or name is checked as one whatever its
      // content: without top-level "messages" it has ENV-MSG (README: "is treated as a payload").
      // Asked only of content that is no payload, so the globs are still compiled only then.
      if (!isPayload && (document.languageId === 'cm-payload' || this.matchesFileGlobs(document.uri))) {
        ({ isPayload, diagnostics, secrets } = validator.validate(this.textOf(snapshot, document), { ...options, assumePayload: true }));
      }
      snapshot.checked = { isPayload, diagnostics, secrets };
      this.payloads.set(document.uri, isPayload);
    }
    return snapshot.checked;
  }

  /**
   * Works out the check of the document's text with the settings so far, before its diagnostics
   * may be published: the server's first check runs while the client's settings are on their way
   * (kept if they change nothing, see configure). A big text waits for them: its check is long,
   * and they may turn it off or set a lower size limit.
   */
  checkAhead(document: TextDocument): void {
    const snapshot = this.snapshot(document);
    if (this.lengthOf(snapshot, document) <= CHECK_AHEAD_MAX_LENGTH) this.resultFor(document);
  }

  forget(uri: string): void {
    this.snapshots.delete(uri);
    this.validators.delete(uri);
    this.payloads.delete(uri);
  }

  /** A payload by our own language id, by the `cmInteractive.files` globs, or by content. */
  isPayload(document: TextDocument): boolean {
    return document.languageId === 'cm-payload' || this.resultFor(document).isPayload || this.matchesFileGlobs(document.uri);
  }

  matchesFileGlobs(uri: string): boolean {
    let path: string;
    try {
      path = decodeURIComponent(new URL(uri).pathname);
    } catch {
      return false;
    }
    const matcher = this.fileMatcher();
    return matcher(path) || matcher(path.replace(/^\//, ''));
  }

  doValidation(document: TextDocument): lsp.Diagnostic[] {
    if (!this.settings.validateEnable || !this.isPayload(document)) return [];
    return toLspDiagnostics(this.resultFor(document), document.languageId);
  }

  doComplete(document: TextDocument, position: lsp.Position): lsp.CompletionList | null {
    const scope = this.answers(document) ? this.payloadText(document)?.scopeAt(document.offsetAt(position)) : undefined;
    return scope ? features().doComplete(document, position, scope, this.completionOptions) : null;
  }

  doHover(document: TextDocument, position: lsp.Position): lsp.Hover | null {
    const scope = this.answers(document) ? this.payloadText(document)?.scopeAt(document.offsetAt(position)) : undefined;
    return scope ? features().doHover(document, position, scope) : null;
  }

  getCodeActions(document: TextDocument, range: lsp.Range, context: lsp.CodeActionContext): lsp.CodeAction[] {
    if (!this.settings.validateEnable || !this.isPayload(document)) return [];
    const payload = this.payloadText(document);
    return payload ? features().getCodeActions(document, range, context, this.resultFor(document), payload) : [];
  }

  getDocumentSymbols(document: TextDocument): lsp.DocumentSymbol[] {
    const payload = this.answers(document) ? this.payloadText(document) : undefined;
    return payload ? features().getDocumentSymbols(document, payload, this.settings.outlineMaxItems, (limit) => this.onOutlineLimited?.(document.uri, limit)) : [];
  }

  getCodeLenses(document: TextDocument): lsp.CodeLens[] {
    const payload = this.answers(document) ? this.payloadText(document) : undefined;
    return payload ? features().getCodeLenses(document, payload) : [];
  }

  /** Folding, smart expand and range formatting: for `cm-payload` documents (VS Code's JSON has them for `json`). */
  getFoldingRanges(document: TextDocument): lsp.FoldingRange[] {
    return this.ownLanguage(document) ? features().getFoldingRanges(document) : [];
  }

  getSelectionRanges(document: TextDocument, positions: lsp.Position[]): lsp.SelectionRange[] {
    return this.ownLanguage(document) ? features().getSelectionRanges(document, positions) : [];
  }

  formatRange(document: TextDocument, range: lsp.Range, options: lsp.FormattingOptions): lsp.TextEdit[] {
    return this.ownLanguage(document) ? features().formatRange(document, range, options) : [];
  }

  private ownLanguage(document: TextDocument): boolean {
    return document.languageId === 'cm-payload' && document.getText().length <= this.maxLength();
  }

  format(document: TextDocument, options: lsp.FormattingOptions): Formatted {
    return features().formatDocument(document, options, this.maxLength());
  }

  /**
   * Whether requests are answered for a document: as `isPayload`, but by the last check of its
   * content when this text is not checked yet (while typing, its check may be pending, and a
   * request must not run one: whether a file is a payload rarely changes with a keystroke).
   */
  private answers(document: TextDocument): boolean {
    if (document.languageId === 'cm-payload' || this.matchesFileGlobs(document.uri)) return true;
    const snapshot = this.snapshots.get(document.uri);
    if (snapshot?.checked && this.isCurrent(snapshot, document)) return snapshot.checked.isPayload;
    return this.payloads.get(document.uri) ?? this.resultFor(document).isPayload;
  }

  /** The text in scopes for requests; none for a file over the size setting. */
  private payloadText(document: TextDocument): PayloadText | undefined {
    const snapshot = this.snapshot(document);
    if (snapshot.payload) return snapshot.payload;
    const { source, stamp } = snapshot;
    if (this.lengthOf(snapshot, document) > this.maxLength()) return undefined;
    // The validator's entry spans, when it has just checked this very text, save a scan.
    const validator = this.validators.get(document.uri);
    const checked = source && validator?.entrySpansOf(source);
    if (source && checked) {
      // Read in parts, as the check read it: the outline and lenses after a keystroke need only the edited message.
      const current = () => {
        if (source.stamp !== stamp) throw new Error('The document changed while a request read it');
      };
      const parts = { textLength: source.textLength, slice: (start: number, end: number) => (current(), source.slice(start, end)), getText: () => (current(), this.textOf(snapshot, document)) };
      return (snapshot.payload = new (features().PayloadText)(parts, checked));
    }
    const text = this.textOf(snapshot, document);
    return (snapshot.payload = new (features().PayloadText)(text, validator?.entrySpans(text)));
  }

  /** The snapshot of the document's current text: a new one when the text is new, whatever its version. */
  private snapshot(document: TextDocument): Snapshot {
    let snapshot = this.snapshots.get(document.uri);
    if (!snapshot || !this.isCurrent(snapshot, document)) {
      const source = editedText(document);
      snapshot = source ? { source, stamp: source.stamp } : { text: document.getText() };
      this.snapshots.set(document.uri, snapshot);
    }
    return snapshot;
  }

  /** Whether the snapshot is of the document's current text. */
  private isCurrent(snapshot: Snapshot, document: TextDocument): boolean {
    const source = editedText(document);
    if (source) return snapshot.source === source && snapshot.stamp === source.stamp;
    return snapshot.source === undefined && snapshot.text === document.getText();
  }

  /** The snapshot's length: an edited text knows it without being joined. */
  private lengthOf(snapshot: Snapshot, document: TextDocument): number {
    return snapshot.source ? snapshot.source.textLength : this.textOf(snapshot, document).length;
  }

  /** The snapshot's text, read from the document (whose snapshot it is) when first needed. */
  private textOf(snapshot: Snapshot, document: TextDocument): string {
    return (snapshot.text ??= document.getText());
  }

  private fileMatcher(): (path: string) => boolean {
    return (this.matcher ??= (require('picomatch') as typeof Picomatch)(this.settings.files.length ? this.settings.files : DEFAULT_SETTINGS.files, { dot: true }));
  }

  private validatorOf(uri: string): IncrementalValidator {
    let validator = this.validators.get(uri);
    if (!validator) this.validators.set(uri, (validator = new IncrementalValidator()));
    return validator;
  }

  private maxLength(): number {
    return this.settings.maxFileSizeMB * 1024 * 1024;
  }
}

/** The document as an EditedText, when it is one (the server's own documents, text-document.ts). */
function editedText(document: TextDocument): EditedText | undefined {
  const candidate = document as Partial<EditedText>;
  return typeof candidate.changedSince === 'function' && typeof candidate.stamp === 'number' ? (document as unknown as EditedText) : undefined;
}
