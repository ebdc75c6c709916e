/** One preview panel for one payload document. */
import { randomBytes } from 'node:crypto';
import {
  ColorThemeKind,
  Range,
  Selection,
  TextEditorRevealType,
  Uri,
  languages,
  window,
  workspace,
  type Disposable,
  type TextDocument,
  type WebviewPanel,
} from 'vscode';
import { previewPage } from '../../../media/src/page';
import { parseForPreview, pointerAt, rangeOfPointer, toPreviewDiagnostics } from './document-model';
import type { FromWebview, ToWebview } from './protocol';

export const PREVIEW_VIEW_TYPE = 'cmInteractive.preview';

export class PreviewPanel {
  private readonly disposables: Disposable[] = [];
  private updateTimer: NodeJS.Timeout | undefined;
  private ready = false;
  private disposed = false;

  constructor(
    readonly panel: WebviewPanel,
    readonly uri: Uri,
    private readonly extensionUri: Uri,
    onDispose: () => void,
  ) {
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
        if (event.document.uri.toString() === uri.toString()) this.scheduleUpdate();
      }),
      languages.onDidChangeDiagnostics((event) => {
        if (event.uris.some((u) => u.toString() === uri.toString())) this.scheduleUpdate();
      }),
      window.onDidChangeTextEditorSelection((event) => {
        if (event.textEditor.document.uri.toString() !== uri.toString()) return;
        const pointer = pointerAt(event.textEditor.document, event.textEditor.document.offsetAt(event.selections[0].active));
        void this.post({ type: 'highlight', uri: uri.toString(), pointer });
      }),
      window.onDidChangeActiveColorTheme(() => this.scheduleUpdate()),
    );
  }

  reveal(): void {
    this.panel.reveal(undefined, true);
  }

  /** Edits arrive per keystroke: coalesce them, well within the 100 ms the preview promises. */
  scheduleUpdate(): void {
    if (this.updateTimer) clearTimeout(this.updateTimer);
    this.updateTimer = setTimeout(() => void this.update(), 30);
  }

  async update(): Promise<void> {
    if (this.disposed || !this.ready) return;
    const document = workspace.textDocuments.find((d) => d.uri.toString() === this.uri.toString()) ?? (await workspace.openTextDocument(this.uri));
    const { value, syntaxError } = parseForPreview(document.getText());
    const kind = window.activeColorTheme.kind;
    await this.post({
      type: 'update',
      uri: this.uri.toString(),
      version: document.version,
      value,
      syntaxError,
      diagnostics: toPreviewDiagnostics(languages.getDiagnostics(this.uri)),
      dark: kind === ColorThemeKind.Dark || kind === ColorThemeKind.HighContrast,
    });
    this.panel.title = `Preview ${document.fileName.split(/[\\/]/).pop()}`;
  }

  private async onMessage(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        await this.update();
        break;
      case 'select':
        if (message.uri === this.uri.toString()) await this.selectInEditor(message.pointer);
        break;
      case 'postback':
        window.setStatusBarMessage(`$(reply) Postback the business would receive: id "${message.id}", title "${message.title}"`, 8000);
        break;
    }
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
    if (this.updateTimer) clearTimeout(this.updateTimer);
    this.disposables.forEach((d) => d.dispose());
  }
}
