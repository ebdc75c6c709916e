/**
 * The language server: connection wiring only. Started by the VS Code client over IPC, or
 * by any editor over stdio (`cm-interactive-language-server --stdio`).
 */
import {
  CodeActionKind,
  createConnection,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DocumentFormattingRequest,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SOURCE } from './features/diagnostics';
import { formatDocument } from './features/formatting';
import { VALIDATION_FOR_REQUEST, type ValidationForParams } from './protocol';
import { DEFAULT_SETTINGS, LanguageService, type ServiceSettings } from './service';
import { validationFor } from './validation-for';

export function startServer(connection: Connection = createConnection(ProposedFeatures.all)): void {
  const documents = new TextDocuments(TextDocument);
  const service = new LanguageService();
  const pending = new Map<string, NodeJS.Immediate>();
  let pullsConfiguration = false;
  let registersFormatting = false;
  // The first validation waits for the client's settings, so a disabled check never flashes.
  let settingsLoaded: Promise<void> = Promise.resolve();

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

  /** Latest edit wins: a newer change replaces the queued validation of the older one. */
  function scheduleValidation(document: TextDocument): void {
    const queued = pending.get(document.uri);
    if (queued) clearImmediate(queued);
    pending.set(
      document.uri,
      setImmediate(() => {
        pending.delete(document.uri);
        void settingsLoaded.then(() => {
          const current = documents.get(document.uri);
          if (current && current.version === document.version) validate(current);
        });
      }),
    );
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
    let section: any;
    if (pullsConfiguration) {
      try {
        section = await connection.workspace.getConfiguration('cmInteractive');
      } catch {
        section = undefined;
      }
    } else {
      section = (fromNotification as any)?.cmInteractive;
    }
    service.configure(settingsFrom(section));
    documents.all().forEach(scheduleValidation);
  }

  connection.onInitialize((params): InitializeResult => {
    pullsConfiguration = Boolean(params.capabilities.workspace?.configuration);
    registersFormatting = Boolean(params.capabilities.textDocument?.formatting?.dynamicRegistration);
    service.configure(settingsFrom((params.initializationOptions as any)?.cmInteractive ?? params.initializationOptions));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: ['"', ':'] },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        documentSymbolProvider: { label: 'CM messages' },
        codeLensProvider: { resolveProvider: false },
      },
      serverInfo: { name: 'cm-interactive-language-server' },
    };
  });

  connection.onInitialized(() => {
    if (registersFormatting) {
      void connection.client.register(DocumentFormattingRequest.type, { documentSelector: [{ language: 'cm-payload' }] }).catch(() => undefined);
    }
    if (pullsConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'cmInteractive' }).catch(() => undefined);
      settingsLoaded = loadSettings();
    }
  });

  connection.onDidChangeConfiguration((change) => void loadSettings(change.settings));

  documents.onDidOpen((event) => scheduleValidation(event.document));
  documents.onDidChangeContent((event) => scheduleValidation(event.document));
  documents.onDidClose((event) => {
    const queued = pending.get(event.document.uri);
    if (queued) clearImmediate(queued);
    pending.delete(event.document.uri);
    service.forget(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  const withDocument = <P extends { textDocument: { uri: string } }, R>(name: string, fallback: R, run: (document: TextDocument, params: P) => R) =>
    safely(name, fallback, (params: P) => {
      const document = documents.get(params.textDocument.uri);
      return document ? run(document, params) : fallback;
    });

  connection.onCompletion(withDocument('completion', null, (document, params) => service.doComplete(document, params.position)));
  connection.onHover(withDocument('hover', null, (document, params) => service.doHover(document, params.position)));
  connection.onCodeAction(withDocument('codeAction', [], (document, params) => service.getCodeActions(document, params.range, params.context)));
  connection.onDocumentSymbol(withDocument('documentSymbol', [], (document) => service.getDocumentSymbols(document)));
  connection.onDocumentFormatting(withDocument('formatting', [], (document, params) => formatDocument(document, params.options)));
  // Send asks for the validation of the version it sends (validation-for.ts): the client carries no validator and sends no text.
  connection.onRequest(VALIDATION_FOR_REQUEST, async (params: ValidationForParams) => {
    await settingsLoaded;
    return validationFor(params, documents.get(params?.uri), service);
  });
  connection.onCodeLens(withDocument('codeLens', [], (document) => service.getCodeLenses(document)));

  documents.listen(connection);
  connection.listen();
}

function settingsFrom(section: any): Partial<ServiceSettings> {
  if (!section || typeof section !== 'object') return {};
  const settings: Partial<ServiceSettings> = {};
  const enable = section.validate?.enable ?? section['validate.enable'];
  if (typeof enable === 'boolean') settings.validateEnable = enable;
  if (Array.isArray(section.files)) settings.files = section.files.filter((f: unknown) => typeof f === 'string');
  const maxSize = section.validate?.maxFileSizeMB ?? section['validate.maxFileSizeMB'];
  if (typeof maxSize === 'number' && maxSize > 0) settings.maxFileSizeMB = maxSize;
  return Object.keys(settings).length ? settings : { ...DEFAULT_SETTINGS, ...settings };
}

// Bundled as dist/server/server.js: started directly by the client, or through the bin.
process.on('uncaughtException', (error) => {
  // Never die on a bug: the editor keeps its diagnostics and the next edit tries again.
  process.stderr.write(`cm-interactive-language-server: ${error.stack ?? error.message}\n`);
});

startServer();
