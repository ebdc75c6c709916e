/**
 * The VS Code extension: start the bundled language server and register the commands.
 * Nothing else happens on activation, so it stays cheap.
 */
import * as path from 'node:path';
import { commands, Range, Uri, window, workspace, type ExtensionContext, type TextEditor } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { PreviewManager } from './preview/preview-manager';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
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
  context.subscriptions.push(
    previews,
    commands.registerCommand('cmInteractive.openPreview', (target?: Uri | string) => previews.open(asUri(target))),
    // Until the send feature lands, the Send code lens shows the file's problems.
    commands.registerCommand('cmInteractive.send', () => showProblems('Sending')),
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

async function showProblems(feature: string): Promise<void> {
  await commands.executeCommand('workbench.actions.view.problems');
  void window.showInformationMessage(`${feature} is not available in this version yet; the Problems view shows what CM.com would reject.`);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
