/** One preview panel for one payload document. */
import { randomBytes } from 'node:crypto';
import {
  ColorThemeKind,
  env,
  Range,
  Selection,
  TextEditorRevealType,
  Uri,
  window,
  workspace,
  type Disposable,
  type TextDocument,
  type TextEditor,
  type WebviewPanel,
} from 'vscode';
import { previewPage } from '../../../shared/render/page';
import type { DiagnosticsFeed } from './diagnostics-feed';
import { pointerAt, rangeOfPointer } from './document-model';
import { PreviewSync, THROTTLE_MS, type PreviewUpdate } from './preview-sync';
import type { FromWebview, ToWebview } from './protocol';
import { customerSettings, safe, type WebhookSender } from '../reply/webhook-sender';

export const PREVIEW_VIEW_TYPE = 'cmInteractive.preview';

export class PreviewPanel {
  private readonly disposables: Disposable[] = [];
  private readonly sync: PreviewSync;
  private highlightEditor: TextEditor | undefined;
  private highlightTimer: NodeJS.Timeout | undefined;
  private ready = false;
  private disposed = false;

  constructor(
    readonly panel: WebviewPanel,
    readonly uri: Uri,
    private readonly extensionUri: Uri,
    diagnostics: DiagnosticsFeed,
    onDispose: () => void,
    /** Posts the customer's taps to the bot's webhook. */
    private readonly webhooks: WebhookSender,
  ) {
    const key = uri.toString();
    this.sync = new PreviewSync({
      document: () => this.document(),
      diagnostics: () => diagnostics.get(key),
      post: (update) => this.postUpdate(update),
    });
    const media = Uri.joinPath(extensionUri, 'media');
    panel.webview.options = { enableScripts: true, localResourceRoots: [media] };
    panel.webview.html = this.html();
    this.disposables.push(
      panel.onDidDispose(() => {
        this.dispose();
        onDispose();
      }),
      panel.webview.onDidReceiveMessage((message: FromWebview) => this.onMessage(message)),
      workspace.onDidChangeTextDocument((event) => {
        if (event.document.uri.toString() === key && event.contentChanges.length > 0) this.sync.textChanged();
      }),
      workspace.onDidOpenTextDocument((document) => {
        if (document.uri.toString() === key) this.sync.textChanged();
      }),
      workspace.onDidCloseTextDocument((document) => {
        if (document.uri.toString() === key) this.sync.documentClosed();
      }),
      diagnostics.onDidPublish((published) => {
        if (published === key) this.sync.diagnosticsPublished();
      }),
      window.onDidChangeTextEditorSelection((event) => {
        if (event.textEditor.document.uri.toString() === key) this.scheduleHighlight(event.textEditor);
      }),
      window.onDidChangeActiveColorTheme(() => this.sync.refresh()),
      workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('cmInteractive.customer') || event.affectsConfiguration('cmInteractive.webhook')) this.postCustomer();
      }),
    );
  }

  reveal(): void {
    this.panel.reveal(undefined, true);
  }

  /** The cursor moves with every keystroke too: find its JSON node at most every THROTTLE_MS, for where it is then. */
  private scheduleHighlight(editor: TextEditor): void {
    this.highlightEditor = editor;
    this.highlightTimer ??= setTimeout(() => {
      this.highlightTimer = undefined;
      const document = this.highlightEditor!.document;
      const pointer = pointerAt(document, document.offsetAt(this.highlightEditor!.selection.active));
      void this.post({ type: 'highlight', uri: this.uri.toString(), pointer });
    }, THROTTLE_MS);
  }

  private document(): TextDocument | undefined {
    return this.ready && !this.disposed ? workspace.textDocuments.find((d) => d.uri.toString() === this.uri.toString()) : undefined;
  }

  private postUpdate(update: PreviewUpdate): void {
    const kind = window.activeColorTheme.kind;
    void this.post({ type: 'update', uri: this.uri.toString(), ...update, dark: kind === ColorThemeKind.Dark || kind === ColorThemeKind.HighContrast });
    this.panel.title = `Preview ${this.uri.path.split('/').pop()}`;
  }

  private async onMessage(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        // A preview restored after a reload may come before its document is open.
        if (!this.document()) await workspace.openTextDocument(this.uri);
        this.postCustomer();
        this.sync.refresh();
        break;
      case 'select':
        if (message.uri === this.uri.toString()) await this.selectInEditor(message.pointer);
        break;
      case 'customerReply':
        if (customerSettings().postTaps) await this.postWebhook(message);
        else window.setStatusBarMessage(`$(reply) Customer tapped ${safe(message.summary)}: the webhook is in the preview`, 6000);
        break;
      case 'postWebhook':
        await this.postWebhook(message);
        break;
      case 'copy':
        await env.clipboard.writeText(message.text);
        window.setStatusBarMessage('$(copy) Webhook JSON copied', 3000);
        break;
    }
  }

  /** The tap's webhook to the bot; the answer back to the panel. */
  private async postWebhook(message: { tap: number; summary: string; webhook: unknown }): Promise<void> {
    const posted = await this.webhooks.post(message.webhook, `${this.uri.path.split('/').pop()} · ${message.summary}`);
    const lines = posted ? [posted.report.headline, ...posted.report.details].map(safe) : ['Not posted: no webhook URL (cmInteractive.webhook.url).'];
    void this.post({ type: 'webhookResult', uri: this.uri.toString(), tap: message.tap, delivered: posted?.report.delivered ?? false, lines });
  }

  private postCustomer(): void {
    void this.post({ type: 'customer', uri: this.uri.toString(), settings: customerSettings() });
  }

  /** Clicking an element selects its JSON node in the editor beside the preview. */
  private async selectInEditor(pointer: string): Promise<void> {
    const document: TextDocument = await workspace.openTextDocument(this.uri);
    const span = rangeOfPointer(document.getText(), pointer);
    if (!span) return;
    const range = new Range(document.positionAt(span.offset), document.positionAt(span.offset + span.length));
    const visible = window.visibleTextEditors.find((e) => e.document.uri.toString() === this.uri.toString());
    const editor = await window.showTextDocument(document, { viewColumn: visible?.viewColumn, preserveFocus: false });
    editor.selection = new Selection(range.start, range.end);
    editor.revealRange(range, TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private post(message: ToWebview): Thenable<boolean> {
    return this.disposed ? Promise.resolve(false) : this.panel.webview.postMessage(message);
  }

  private html(): string {
    const webview = this.panel.webview;
    const nonce = randomBytes(16).toString('base64');
    const media = Uri.joinPath(this.extensionUri, 'media');
    const css = webview.asWebviewUri(Uri.joinPath(media, 'preview.css'));
    const script = webview.asWebviewUri(Uri.joinPath(media, 'webview.js'));
    const csp = [`default-src 'none'`, `img-src https: ${webview.cspSource}`, `style-src ${webview.cspSource}`, `font-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`].join('; ');
    return previewPage({
      csp,
      title: 'WhatsApp preview',
      style: `<link rel="stylesheet" href="${css}">`,
      scripts: `<script nonce="${nonce}" src="${script}"></script>`,
    });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.sync.dispose();
    clearTimeout(this.highlightTimer);
    this.disposables.forEach((d) => d.dispose());
  }
}
