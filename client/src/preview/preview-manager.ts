/** Owns the preview panels: one per payload document, restored after a reload. */
import { Uri, ViewColumn, window, type Disposable, type ExtensionContext, type WebviewPanel } from 'vscode';
import type { DiagnosticsFeed } from './diagnostics-feed';
import { PREVIEW_VIEW_TYPE, PreviewPanel } from './preview-panel';
import type { PreviewState } from './protocol';
import type { WebhookSender } from '../reply/webhook-sender';

export class PreviewManager implements Disposable {
  private readonly panels = new Map<string, PreviewPanel>();

  constructor(
    private readonly context: ExtensionContext,
    private readonly diagnostics: DiagnosticsFeed,
    private readonly webhooks: WebhookSender,
  ) {
    context.subscriptions.push(
      window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel: WebviewPanel, state: PreviewState | undefined) => {
          if (!state?.uri) {
            panel.dispose();
            return;
          }
          this.adopt(panel, Uri.parse(state.uri));
        },
      }),
    );
  }

  /** "CM: Open Preview to the Side" for `uri` (default: the active editor's document). */
  open(uri: Uri | undefined): PreviewPanel | undefined {
    const target = uri ?? window.activeTextEditor?.document.uri;
    if (!target) {
      void window.showInformationMessage('Open a CM payload file first, then run "CM: Open Preview to the Side".');
      return undefined;
    }
    const existing = this.panels.get(target.toString());
    if (existing) {
      existing.reveal();
      return existing;
    }
    const panel = window.createWebviewPanel(PREVIEW_VIEW_TYPE, 'WhatsApp preview', { viewColumn: ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      localResourceRoots: [Uri.joinPath(this.context.extensionUri, 'media')],
    });
    return this.adopt(panel, target);
  }

  private adopt(panel: WebviewPanel, uri: Uri): PreviewPanel {
    const preview = new PreviewPanel(panel, uri, this.context.extensionUri, this.diagnostics, () => this.panels.delete(uri.toString()), this.webhooks);
    this.panels.set(uri.toString(), preview);
    return preview;
  }

  dispose(): void {
    this.panels.forEach((p) => p.panel.dispose());
    this.panels.clear();
  }
}
