/**
 * Starts the bundled language server and its client. Bundled on its own
 * (dist/client/language-client.js) and loaded only when the first payload is open:
 * vscode-languageclient is most of the client's code.
 */
import * as path from 'node:path';
import { workspace, type ExtensionContext } from 'vscode';
import {
  LanguageClient,
  Message,
  PublishDiagnosticsNotification,
  TransportKind,
  type LanguageClientOptions,
  type PublishDiagnosticsParams,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { serverNodeFlags, VALIDATION_FOR_REQUEST, type ValidationForParams, type ValidationForResponse } from '../../../shared/protocol';

/** What the rest of the extension needs from the running client. */
export interface LanguageServerHandle {
  /** The server's validation of an open document at this version (Send uses it: one validator in the product). */
  validationFor(params: ValidationForParams): Promise<ValidationForResponse>;
  stop(): Promise<void>;
}

export interface LanguageClientHooks {
  /**
   * Each publishDiagnostics as it arrives, with the document version it was computed for
   * (the preview pairs it with that version's text; VS Code's diagnostics API drops it).
   */
  onPublishDiagnostics?(params: PublishDiagnosticsParams): void;
}

export async function startLanguageClient(context: ExtensionContext, hooks: LanguageClientHooks = {}): Promise<LanguageServerHandle> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server', 'server.js'));
  const maxFileSizeMB = workspace.getConfiguration('cmInteractive').get<number>('validate.maxFileSizeMB') ?? 20;
  const flags = serverNodeFlags(maxFileSizeMB);
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: flags } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...flags, '--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // The server decides by content (a top-level "messages") and by cmInteractive.files
    // which of these documents are payloads; it stays silent for every other JSON file.
    documentSelector: [
      { language: 'cm-payload' },
      { language: 'json', scheme: 'file' },
      { language: 'json', scheme: 'untitled' },
      { language: 'jsonc', scheme: 'file' },
      { language: 'jsonc', scheme: 'untitled' },
    ],
    outputChannelName: 'CM Interactive Language Server',
    connectionOptions: {
      // Sees every incoming message before the client handles it; passes each on unchanged.
      messageStrategy: {
        handleMessage: (message, next) => {
          if (Message.isNotification(message) && message.method === PublishDiagnosticsNotification.method) {
            try {
              hooks.onPublishDiagnostics?.(message.params as PublishDiagnosticsParams);
            } catch {
              // The preview's bookkeeping never costs the editor its diagnostics.
            }
          }
          return next(message);
        },
      },
    },
  };
  const client = new LanguageClient('cmInteractive', 'CM Interactive', serverOptions, clientOptions);
  await client.start();
  return {
    validationFor: (params) => client.sendRequest<ValidationForResponse>(VALIDATION_FOR_REQUEST, params),
    stop: () => client.stop(),
  };
}
