/**
 * The VS Code extension: register the commands, and start the language server once a CM
 * payload is open. Activation itself stays cheap: it happens for every JSON file.
 */
import { commands, Uri, window, workspace, type ExtensionContext, type TextEditor } from 'vscode';
import type { ValidationForParams } from '../../shared/protocol';
import { newPayloadFromExample } from './examples';
import { LanguageServerLoader } from './language/language-server-loader';
import { looksLikePayload } from './language/payload-sniff';
import { DiagnosticsFeed } from './preview/diagnostics-feed';
import { PreviewManager } from './preview/preview-manager';
import type * as ReplyBundle from './reply/reply-command';
import { WebhookSender } from './reply/webhook-sender';
import { CallHistoryStore } from './send/call-history-store';
import { ResultPresenter } from './send/result-presenter';
import { SendCommand } from './send/send-command';
import { TokenStore } from './send/token-store';

let languageServer: LanguageServerLoader | undefined;

/**
 * The customer reply command and the webhook poster, bundled apart (scripts/build.mjs) and
 * loaded when first used, as the language client is: activation happens for every JSON file.
 */
const REPLY_BUNDLE = 'dist/client/reply.js';

export function activate(context: ExtensionContext): void {
  // The server's diagnostics with their document versions, for the preview.
  const diagnostics = new DiagnosticsFeed();
  const server = new LanguageServerLoader(context, diagnostics);
  languageServer = server;
  let replyBundle: typeof ReplyBundle | undefined;
  // A runtime require of a path, so esbuild leaves the reply command in its own bundle.
  const reply = () => (replyBundle ??= require(context.asAbsolutePath(REPLY_BUNDLE)) as typeof ReplyBundle);
  const webhooks = new WebhookSender(reply);
  let replies: ReplyBundle.ReplyCommand | undefined;
  const previews = new PreviewManager(context, diagnostics, webhooks);
  const tokens = new TokenStore(context.secrets);
  const presenter = new ResultPresenter();
  const validationFor = async (params: ValidationForParams) => (await server.ensureStarted()).validationFor(params);
  const sender = new SendCommand(validationFor, tokens, new CallHistoryStore(context.globalState), presenter);
  context.subscriptions.push(
    server,
    previews,
    presenter,
    commands.registerCommand('cmInteractive.openPreview', (target?: Uri | string) => {
      previews.open(asUri(target));
    }),
    commands.registerCommand('cmInteractive.send', (target?: Uri | string, msgIndex?: number) => sender.send({ uri: asUri(target), msgIndex: typeof msgIndex === 'number' ? msgIndex : undefined })),
    commands.registerCommand('cmInteractive.sendToTestRecipient', (target?: Uri | string) => sender.sendToTestRecipient(asUri(target))),
    commands.registerCommand('cmInteractive.setProductToken', (token?: unknown) => tokens.promptAndStore(token)),
    commands.registerCommand('cmInteractive.clearProductToken', () => tokens.clear()),
    commands.registerCommand('cmInteractive.newExample', () => newPayloadFromExample(context)),
    webhooks,
    commands.registerCommand('cmInteractive.sendCustomerReply', (target?: Uri | string, msgIndex?: number, choice?: string) =>
      (replies ??= new (reply().ReplyCommand)(webhooks)).run(asUri(target), typeof msgIndex === 'number' ? msgIndex : undefined, typeof choice === 'string' ? choice : undefined),
    ),
    window.onDidChangeActiveTextEditor(updatePayloadContext),
    workspace.onDidChangeTextDocument((event) => {
      if (event.document === window.activeTextEditor?.document) updatePayloadContext(window.activeTextEditor);
    }),
  );
  updatePayloadContext(window.activeTextEditor);
}

/** Command arguments name a document as a Uri (menus) or a string (the server's code lenses). */
function asUri(target: Uri | string | undefined): Uri | undefined {
  if (typeof target === 'string') return Uri.parse(target);
  return target instanceof Uri ? target : undefined;
}

/** `cmInteractive.isPayload` drives the editor title button and the keybinding. */
let payloadContext: boolean | undefined;
function updatePayloadContext(editor: TextEditor | undefined): void {
  const isPayload = !!editor && looksLikePayload(editor.document, { maxLines: 200 });
  // Checked on every keystroke: tell the workbench only when the answer changes.
  if (isPayload === payloadContext) return;
  payloadContext = isPayload;
  void commands.executeCommand('setContext', 'cmInteractive.isPayload', isPayload);
}

export async function deactivate(): Promise<void> {
  await languageServer?.stop();
}
