/**
 * The VS Code extension: start the bundled language server and register the commands.
 * Nothing else happens on activation, so it stays cheap.
 */
import * as path from 'node:path';
import { commands, Range, Uri, window, workspace, type ExtensionContext, type TextEditor } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { serverHeapLimitMB, VALIDATE_REQUEST, type ValidateResponse } from '../../server/src/protocol';
import { newPayloadFromExample } from './examples';
import { PreviewManager } from './preview/preview-manager';
import { CallHistoryStore } from './send/call-history-store';
import { ResultPresenter } from './send/result-presenter';
import { SendCommand } from './send/send-command';
import { TokenStore } from './send/token-store';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server', 'server.js'));
  const maxFileSizeMB = workspace.getConfiguration('cmInteractive').get<number>('validate.maxFileSizeMB') ?? 20;
  const heap = `--max-old-space-size=${serverHeapLimitMB(maxFileSizeMB)}`;
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [heap] } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [heap, '--nolazy', '--inspect=6009'] } },
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
  };
  client = new LanguageClient('cmInteractive', 'CM Interactive', serverOptions, clientOptions);

  const previews = new PreviewManager(context);
  const tokens = new TokenStore(context.secrets);
  const presenter = new ResultPresenter();
  const languageClient = client;
  const validate = (text: string) => languageClient.sendRequest<ValidateResponse>(VALIDATE_REQUEST, { text });
  const sender = new SendCommand(validate, tokens, new CallHistoryStore(context.globalState), presenter);
  context.subscriptions.push(
    previews,
    presenter,
    commands.registerCommand('cmInteractive.openPreview', (target?: Uri | string) => {
      previews.open(asUri(target));
    }),
    commands.registerCommand('cmInteractive.send', (target?: Uri | string, msgIndex?: number) => sender.send({ uri: target, msgIndex: typeof msgIndex === 'number' ? msgIndex : undefined })),
    commands.registerCommand('cmInteractive.sendToTestRecipient', (target?: Uri | string) => sender.sendToTestRecipient(target)),
    commands.registerCommand('cmInteractive.setProductToken', (token?: unknown) => tokens.promptAndStore(token)),
    commands.registerCommand('cmInteractive.clearProductToken', () => tokens.clear()),
    commands.registerCommand('cmInteractive.newExample', () => newPayloadFromExample(context)),
    window.onDidChangeActiveTextEditor(updatePayloadContext),
    workspace.onDidChangeTextDocument((event) => {
      if (event.document === window.activeTextEditor?.document) updatePayloadContext(window.activeTextEditor);
    }),
  );
  updatePayloadContext(window.activeTextEditor);
  await client.start();
}

function asUri(target: Uri | string | undefined): Uri | undefined {
  if (typeof target === 'string') return Uri.parse(target);
  return target instanceof Uri ? target : undefined;
}

/** `cmInteractive.isPayload` drives the editor title button and the keybinding. */
function updatePayloadContext(editor: TextEditor | undefined): void {
  const document = editor?.document;
  const isPayload =
    !!document && (document.languageId === 'cm-payload' || (['json', 'jsonc'].includes(document.languageId) && /"messages"\s*:/.test(document.getText(new Range(0, 0, 200, 0)))));
  void commands.executeCommand('setContext', 'cmInteractive.isPayload', isPayload);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
