/**
 * Starts the language server when the first CM payload is open, not on activation. The
 * extension activates for every JSON file (payloads are often plain `*.json`), and most of
 * those — package.json, tsconfig.json — are not payloads: for them the extension loads
 * neither vscode-languageclient (~430 KB, the bulk of the client) nor a server process.
 */
import { window, workspace, type Disposable, type ExtensionContext, type TextDocumentChangeEvent } from 'vscode';
import type { DiagnosticsFeed } from '../preview/diagnostics-feed';
import { linesLookLikePayload, looksLikePayload } from './payload-sniff';
import type { LanguageServerHandle, startLanguageClient } from './start-language-client';

/** The separately bundled client (see scripts/build.mjs). */
const LANGUAGE_CLIENT_BUNDLE = 'dist/client/language-client.js';

export class LanguageServerLoader implements Disposable {
  private server: Promise<LanguageServerHandle> | undefined;
  private watchers: Disposable[] = [];

  constructor(
    private readonly context: ExtensionContext,
    private readonly diagnostics?: DiagnosticsFeed,
  ) {
    this.watchers = [
      workspace.onDidOpenTextDocument((document) => this.startIf(() => looksLikePayload(document))),
      workspace.onDidChangeTextDocument((event) => this.startIf(() => typedIntoPayload(event))),
      workspace.onDidChangeConfiguration((event) => this.startIf(() => event.affectsConfiguration('cmInteractive.files') && anyOpenPayload())),
    ];
    this.startIf(anyOpenPayload);
  }

  /** The running server, started now if no payload has started it yet. */
  ensureStarted(): Promise<LanguageServerHandle> {
    if (!this.server) {
      this.server = this.load().then((server) => {
        this.stopWatching();
        return server;
      });
      this.server.catch((error: unknown) => {
        // Let the next payload (or Send) try again, and say why this attempt failed.
        this.server = undefined;
        void window.showErrorMessage(`CM Interactive: the language server did not start: ${error instanceof Error ? error.message : String(error)}`);
      });
    }
    return this.server;
  }

  async stop(): Promise<void> {
    this.stopWatching();
    const server = this.server;
    this.server = undefined;
    await (await server?.catch(() => undefined))?.stop();
  }

  dispose(): void {
    void this.stop();
  }

  private startIf(isPayloadOpen: () => boolean): void {
    if (!this.server && isPayloadOpen()) void this.ensureStarted().catch(() => undefined);
  }

  private async load(): Promise<LanguageServerHandle> {
    // A runtime require of a path, so esbuild leaves the language client in its own bundle.
    const bundle = require(this.context.asAbsolutePath(LANGUAGE_CLIENT_BUNDLE)) as { startLanguageClient: typeof startLanguageClient };
    return bundle.startLanguageClient(this.context, { onPublishDiagnostics: (params) => this.diagnostics?.publish(params) });
  }

  private stopWatching(): void {
    for (const watcher of this.watchers) watcher.dispose();
    this.watchers = [];
  }
}

function anyOpenPayload(): boolean {
  return workspace.textDocuments.some((document) => looksLikePayload(document));
}

/** Cheap per keystroke: only the lines the change touched are looked at. */
function typedIntoPayload(event: TextDocumentChangeEvent): boolean {
  return event.contentChanges.some((change) => {
    const first = change.range.start.line;
    return linesLookLikePayload(event.document, first, first + (change.text.match(/\n/g)?.length ?? 0));
  });
}
