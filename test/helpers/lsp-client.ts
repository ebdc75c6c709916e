/**
 * A real LSP client for tests: spawns the built server through its bin over stdio and
 * speaks JSON-RPC with vscode-languageserver-protocol, as an editor would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  LogMessageNotification,
  RegistrationRequest,
  ShowMessageNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type Hover,
  type Position,
  type PublishDiagnosticsParams,
  type ShowMessageParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { ROOT } from './payloads';
import { serverNodeFlags } from '../../shared/protocol';

export const SERVER_BIN = join(ROOT, 'bin', 'cm-interactive-language-server.js');
/** How the VS Code client starts it: the bundle itself, with the heap limit. */
export const SERVER_AS_VSCODE_STARTS_IT = [...serverNodeFlags(20), join(ROOT, 'dist', 'server', 'server.js'), '--stdio'];

export class LspClient {
  private readonly published = new Map<string, PublishDiagnosticsParams[]>();
  private readonly waiters: (() => void)[] = [];
  private readonly versions = new Map<string, number>();
  settings: Record<string, unknown> = { validate: { enable: true }, files: ['**/*.cm.json'] };
  stderr = '';
  /** What the server told the user (window/showMessage) and logged (window/logMessage). */
  readonly shown: ShowMessageParams[] = [];
  readonly logged: string[] = [];

  private constructor(readonly process: ChildProcess, readonly connection: ProtocolConnection) {}

  /**
   * `args`: how node starts the server; by default through the bin, as other editors do.
   * `command`: a program to start instead of node (a bin run as editors run it, by its shebang).
   */
  /** `insertReplace`: the client announces textDocument.completion.completionItem.insertReplaceSupport. */
  static async start(options: { configuration?: boolean; args?: string[]; command?: string; env?: NodeJS.ProcessEnv; insertReplace?: boolean } = {}): Promise<LspClient> {
    const child = spawn(options.command ?? process.execPath, options.args ?? [SERVER_BIN, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: options.env });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(child, connection);
    child.stderr!.on('data', (chunk) => (client.stderr += String(chunk)));
    // A server that dies fails the waiting test at once: pending requests are rejected, waits end.
    child.once('exit', () => {
      client.waiters.splice(0).forEach((wake) => wake());
      connection.dispose();
    });
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      client.published.set(params.uri, [...(client.published.get(params.uri) ?? []), params]);
      client.waiters.splice(0).forEach((wake) => wake());
    });
    connection.onNotification(ShowMessageNotification.type, (params) => {
      client.shown.push(params);
    });
    connection.onNotification(LogMessageNotification.type, (params) => {
      client.logged.push(params.message);
    });
    connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => client.settings));
    connection.onRequest(RegistrationRequest.type, () => undefined);
    connection.listen();
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        workspace: { configuration: options.configuration ?? true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: {
          publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          completion: { completionItem: { snippetSupport: true, ...(options.insertReplace ? { insertReplaceSupport: true } : {}) } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        },
      },
      workspaceFolders: null,
    });
    connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  open(uri: string, text: string, languageId = 'json'): void {
    this.versions.set(uri, 1);
    void this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  change(uri: string, changes: TextDocumentContentChangeEvent[]): number {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    void this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  close(uri: string): void {
    void this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** The version of `uri` the client sent last. */
  version(uri: string): number {
    return this.versions.get(uri) ?? 0;
  }

  /** Whether the server process is still running. */
  get alive(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  /**
   * A typing storm: one character typed at `at` and removed again, `edits` times, all sent at
   * once, with a hover at `hoverAt` after every `hoverEvery` edits. Returns the last version sent
   * and each hover's answer with the time it took.
   */
  storm(uri: string, at: Position, hoverAt: Position, edits = 2000, hoverEvery = 100): { last: number; hovers: Promise<{ hover: Hover | null; ms: number }>[] } {
    const hovers: Promise<{ hover: Hover | null; ms: number }>[] = [];
    let last = this.version(uri);
    for (let i = 0; i < edits; i++) {
      last = this.change(uri, [
        i % 2 === 0 ? { range: { start: at, end: at }, text: 'a' } : { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' },
      ]);
      if (i % hoverEvery === 0) {
        const sent = performance.now();
        hovers.push(this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: hoverAt }).then((hover) => ({ hover, ms: performance.now() - sent })));
      }
    }
    return { last, hovers };
  }

  /** All diagnostics publications for `uri` so far. */
  publications(uri: string): PublishDiagnosticsParams[] {
    return this.published.get(uri) ?? [];
  }

  /** Waits for a publication for `uri` that satisfies `accept` (event-driven, with a deadline). */
  async diagnostics(uri: string, accept: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 10_000): Promise<PublishDiagnosticsParams> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.publications(uri).find(accept);
      if (found) return found;
      if (!this.alive) throw new Error(`The server exited (${this.process.exitCode ?? this.process.signalCode}) waiting for diagnostics of ${uri}: ${this.stderr.slice(-2000)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`No matching diagnostics for ${uri}; got ${JSON.stringify(this.publications(uri).map((p) => [p.version, p.diagnostics.map((d) => d.code)]))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async stop(): Promise<void> {
    if (!this.alive) return;
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      void this.connection.sendNotification(ExitNotification.type);
    } catch {
      // already gone
    }
    await new Promise<void>((resolve) => {
      if (this.process.exitCode !== null) return resolve();
      const timer = setTimeout(() => {
        this.process.kill();
        resolve();
      }, 2000);
      this.process.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.connection.dispose();
  }
}
