/**
 * The language server: connection wiring only, a thin adapter from LSP to the language service
 * (service.ts). Importing it has no side effects: server.ts, the entry, creates the connection
 * and calls startServer.
 */
import {
  CodeActionKind,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DocumentFormattingRequest,
  MessageType,
  RegistrationRequest,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type FormattingOptions,
  type InitializeResult,
  type TextEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { SOURCE } from './features/diagnostics';
import { withValidPositions } from './features/positions';
import { isObject, objectAt } from '../../shared/core/rules/access';
import { VALIDATION_FOR_REQUEST, type ValidationForParams } from '../../shared/protocol';
import { DEFAULT_SETTINGS, LanguageService, type ServiceSettings } from './service';
import { PieceDocument } from './text-document';
import { validationFor } from './validation-for';

/**
 * The longest a document's check waits while its edits keep coming (see scheduleValidation):
 * diagnostics still follow a long burst of typing, a few times a second.
 */
const MAX_DEFER_MS = 200;

/**
 * Milliseconds on a monotonic clock. Not performance.now(): node builds `performance` (perf_hooks,
 * nine modules, ~1.5 ms) on its first use, and the first use would be the first document's check.
 */
function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** A document's check that is waiting for the incoming messages to settle. */
interface PendingCheck {
  timer: NodeJS.Immediate;
  /** When the first edit not yet checked came. */
  since: number;
}

export function startServer(connection: Connection): void {
  // Not LSP's TextDocument: it copies the whole text on every change (see text-document.ts).
  const documents = new TextDocuments<TextDocument>(PieceDocument);
  const service = new LanguageService();
  const pending = new Map<string, PendingCheck>();
  /** Edits and requests handled so far: a turn of the event loop that handles none means the incoming queue is drained. */
  let handled = 0;
  let pullsConfiguration = false;
  let registersFormatting = false;
  /** Documents whose outline was cut (cmInteractive.outline.maxItems): the user is told once per document. */
  const toldOutlineLimit = new Set<string>();
  service.onOutlineLimited = (uri, { shown, total }) => {
    if (toldOutlineLimit.has(uri)) return;
    toldOutlineLimit.add(uri);
    const count = (n: number) => n.toLocaleString('en-US');
    const name = decodeURIComponent(uri.split('/').pop() ?? uri);
    const message = `The outline of ${name} shows ${count(shown)} of its ${count(total)} symbols, every message first (setting cmInteractive.outline.maxItems).`;
    connection.console.info(`${uri}: ${message}`);
    // A notification, not showInformationMessage: that one is a request waiting for the user.
    void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message });
  };
  // The first validation waits for the client's settings, so a disabled check never flashes.
  let settingsLoaded: Promise<void> = Promise.resolve();
  /** Whether the client's settings are on their way: a check may be worked out meanwhile, not published. */
  let settingsPending = false;

  /** A handler that fails logs and answers "nothing" instead of taking the server down. */
  function safely<A extends unknown[], R>(name: string, fallback: R, handler: (...args: A) => R): (...args: A) => R {
    return (...args: A) => {
      try {
        return handler(...args);
      } catch (error) {
        connection.console.error(`${name} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
        return fallback;
      }
    };
  }

  /**
   * Edits are coalesced. The connection handles one incoming message per turn of the event
   * loop, so a document is checked once a turn has passed without any message handled: a
   * backlog of queued edits (a storm of typing, a paste, a replace-all) is applied first, and
   * the requests queued among them are answered without waiting behind a check per version.
   * While messages keep coming the check still runs every MAX_DEFER_MS. It checks the newest
   * text, whichever version that is, so the newest version's problems are published last.
   */
  function scheduleValidation(document: TextDocument): void {
    handled++;
    if (!pending.has(document.uri)) pending.set(document.uri, { timer: setImmediate(() => settle(document.uri, -1)), since: nowMs() });
  }

  /** Checks the document if no message was handled since the last turn (`seen`), or if it waited long enough. */
  function settle(uri: string, seen: number): void {
    const check = pending.get(uri);
    if (!check) return;
    if (handled !== seen && nowMs() - check.since < MAX_DEFER_MS) {
      const now = handled;
      check.timer = setImmediate(() => settle(uri, now));
      return;
    }
    pending.delete(uri);
    if (settingsPending) checkAhead(uri);
    void settingsLoaded.then(() => {
      const current = documents.get(uri);
      if (current && !pending.has(uri)) validate(current);
    });
  }

  /**
   * The document's check, worked out while the client's settings are on their way (a round trip
   * the server would otherwise spend idle), so that its diagnostics go out as soon as they come.
   */
  function checkAhead(uri: string): void {
    const document = documents.get(uri);
    try {
      if (document) service.checkAhead(document);
    } catch {
      // validate() reports the failure, once the settings are here.
    }
  }

  function validate(document: TextDocument): void {
    let diagnostics;
    try {
      diagnostics = service.doValidation(document);
    } catch (error) {
      connection.console.error(`Validation of ${document.uri} failed: ${error instanceof Error ? error.stack : String(error)}`);
      diagnostics = [{
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Error,
        code: 'INTERNAL',
        source: SOURCE,
        message: `The file could not be checked (${error instanceof Error ? error.message : String(error)}); please report this`,
      }];
    }
    // Only publish for the version still open: a close or a newer edit makes this stale.
    if (documents.get(document.uri)?.version === document.version) {
      void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
    }
  }

  async function loadSettings(fromNotification?: unknown): Promise<void> {
    let section: unknown;
    if (pullsConfiguration) {
      try {
        section = await connection.workspace.getConfiguration('cmInteractive');
      } catch {
        section = undefined;
      }
    } else {
      section = objectAt(fromNotification, 'cmInteractive');
    }
    service.configure(settingsFrom(section));
    documents.all().forEach(scheduleValidation);
  }

  connection.onInitialize((params): InitializeResult => {
    pullsConfiguration = Boolean(params.capabilities.workspace?.configuration);
    registersFormatting = Boolean(params.capabilities.textDocument?.formatting?.dynamicRegistration);
    service.completionOptions = { insertReplace: Boolean(params.capabilities.textDocument?.completion?.completionItem?.insertReplaceSupport) };
    service.configure(settingsFrom(objectAt(params.initializationOptions, 'cmInteractive') ?? params.initializationOptions));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: ['"', ':'] },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        documentSymbolProvider: { label: 'CM messages' },
        codeLensProvider: { resolveProvider: false },
        foldingRangeProvider: true,
        selectionRangeProvider: true,
        documentRangeFormattingProvider: true,
      },
      serverInfo: { name: 'cm-interactive-language-server' },
    };
  });

  /**
   * The client/registerCapability request connection.client.register sends, with an id of our own
   * (each is registered once and never unregistered): register makes its ids with
   * crypto.randomUUID, and loading node's crypto for that (~3.5 ms under the server's heap flags,
   * see scripts/build.mjs) would delay the first diagnostics.
   */
  function register(method: string, registerOptions: object): void {
    void connection.sendRequest(RegistrationRequest.type, { registrations: [{ id: `cm-interactive/${method}`, method, registerOptions }] }).catch(() => undefined);
  }

  connection.onInitialized(() => {
    if (registersFormatting) register(DocumentFormattingRequest.method, { documentSelector: [{ language: 'cm-payload' }] });
    if (pullsConfiguration) {
      register(DidChangeConfigurationNotification.method, { section: 'cmInteractive' });
      settingsPending = true;
      settingsLoaded = loadSettings().finally(() => (settingsPending = false));
    }
  });

  connection.onDidChangeConfiguration((change) => void loadSettings(change.settings));

  documents.onDidOpen((event) => scheduleValidation(event.document));
  documents.onDidChangeContent((event) => scheduleValidation(event.document));
  documents.onDidClose((event) => {
    const check = pending.get(event.document.uri);
    if (check) clearImmediate(check.timer);
    pending.delete(event.document.uri);
    service.forget(event.document.uri);
    toldOutlineLimit.delete(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  /** A request about an open document, with its position and range made valid (or the fallback). */
  const withDocument = <P extends { textDocument: { uri: string } }, R>(name: string, fallback: R, run: (document: TextDocument, params: P) => R) =>
    safely(name, fallback, (params: P) => {
      handled++;
      const document = documents.get(params?.textDocument?.uri);
      const valid = document && withValidPositions(document, params);
      return document && valid ? run(document, valid) : fallback;
    });

  /** Formatting answers no edits rather than risk the server, and says why. */
  function format(document: TextDocument, options: FormattingOptions): TextEdit[] {
    const formatted = service.format(document, options);
    if ('edits' in formatted) return formatted.edits;
    connection.console.info(`${document.uri}: ${formatted.refused}`);
    // A notification, not showInformationMessage: that one is a request waiting for the user.
    void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: formatted.refused });
    return [];
  }

  connection.onCompletion(withDocument('completion', null, (document, params) => service.doComplete(document, params.position)));
  connection.onHover(withDocument('hover', null, (document, params) => service.doHover(document, params.position)));
  connection.onCodeAction(withDocument('codeAction', [], (document, params) => service.getCodeActions(document, params.range, params.context)));
  connection.onDocumentSymbol(withDocument('documentSymbol', [], (document) => service.getDocumentSymbols(document)));
  connection.onDocumentFormatting(withDocument('formatting', [], (document, params) => format(document, params.options)));
  // Send asks for the validation of the version it sends (validation-for.ts): the client carries no validator and sends no text.
  connection.onRequest(VALIDATION_FOR_REQUEST, async (params: ValidationForParams) => {
    await settingsLoaded;
    return validationFor(params, documents.get(params?.uri), service);
  });
  connection.onCodeLens(withDocument('codeLens', [], (document) => service.getCodeLenses(document)));
  connection.onFoldingRanges(withDocument('foldingRange', [], (document) => service.getFoldingRanges(document)));
  connection.onSelectionRanges(withDocument('selectionRange', [], (document, params) => service.getSelectionRanges(document, params.positions)));
  connection.onDocumentRangeFormatting(withDocument('rangeFormatting', [], (document, params) => service.formatRange(document, params.range, params.options)));

  documents.listen(connection);
  connection.listen();
}

function settingsFrom(section: unknown): Partial<ServiceSettings> {
  if (!isObject(section)) return {};
  const settings: Partial<ServiceSettings> = {};
  // Pulled settings nest (`validate.enable`); initializationOptions may carry them flat.
  const enable = objectAt(section, 'validate')?.enable ?? section['validate.enable'];
  if (typeof enable === 'boolean') settings.validateEnable = enable;
  if (Array.isArray(section.files)) settings.files = section.files.filter((f: unknown): f is string => typeof f === 'string');
  const maxSize = objectAt(section, 'validate')?.maxFileSizeMB ?? section['validate.maxFileSizeMB'];
  if (typeof maxSize === 'number' && maxSize > 0) settings.maxFileSizeMB = maxSize;
  const maxItems = objectAt(section, 'outline')?.maxItems ?? section['outline.maxItems'];
  if (typeof maxItems === 'number' && maxItems >= 1) settings.outlineMaxItems = Math.floor(maxItems);
  return Object.keys(settings).length ? settings : { ...DEFAULT_SETTINGS, ...settings };
}
