/**
 * The VS Code extension: start the bundled language server and register the commands.
 * Nothing else happens on activation, so it stays cheap.
 */
import * as path from 'node:path';
import { commands, window, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

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

  context.subscriptions.push(
    // Until the preview and send features land, the code lens commands show the file's problems.
    commands.registerCommand('cmInteractive.openPreview', () => showProblems('The WhatsApp preview')),
    commands.registerCommand('cmInteractive.send', () => showProblems('Sending')),
  );
  await client.start();
}

async function showProblems(feature: string): Promise<void> {
  await commands.executeCommand('workbench.actions.view.problems');
  void window.showInformationMessage(`${feature} is not available in this version yet; the Problems view shows what CM.com would reject.`);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
