/** The preview inside VS Code: messages in, clicks and state out. */
import type { FromWebview, PreviewState, ToWebview } from '../../client/src/preview/protocol';
import { PreviewApp } from './app';

declare function acquireVsCodeApi(): { postMessage(message: FromWebview): void; getState(): PreviewState | undefined; setState(state: PreviewState): void };

const vscode = acquireVsCodeApi();
let state: PreviewState = vscode.getState() ?? { uri: '', showFallback: false, narrow: true };

const app = new PreviewApp(document.getElementById('root')!, {
  onSelect: (pointer) => vscode.postMessage({ type: 'select', uri: state.uri, pointer }),
  onReply: ({ tap, summary, webhook }) => vscode.postMessage({ type: 'customerReply', uri: state.uri, tap, summary, webhook }),
  // The webview has no network: the extension posts, and answers with a webhookResult.
  onPostWebhook: ({ tap, summary, webhook }) => vscode.postMessage({ type: 'postWebhook', uri: state.uri, tap, summary, webhook }),
  onCopy: async (text) => {
    vscode.postMessage({ type: 'copy', text });
    return true;
  },
  fileName: () => decodeURIComponent(state.uri.split('/').pop() ?? ''),
  onStateChange: (change) => {
    state = { ...state, ...change };
    vscode.setState(state);
  },
});
app.restore(state);

/** The newest update shown: an update for an older document instance or version is stale. */
let shown: { epoch: number; version: number } | undefined;
const isStale = (m: { epoch: number; version: number }) => !!shown && (m.epoch < shown.epoch || (m.epoch === shown.epoch && m.version < shown.version));

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const message = event.data;
  if (!message || typeof message !== 'object') return;
  // This panel shows one document: the first update names it (or the restored state does).
  if (state.uri && message.uri !== state.uri) return;
  if (message.type === 'update') {
    if (isStale(message)) return;
    shown = { epoch: message.epoch, version: message.version };
    if (state.uri !== message.uri) {
      state = { ...state, uri: message.uri };
      vscode.setState(state);
    }
    app.setDark(message.dark);
    app.update(message.value, message.diagnostics, message.syntaxError, { unparsed: message.unparsed });
    document.body.dataset.version = String(message.version);
  } else if (message.type === 'highlight') {
    app.highlight(message.pointer);
  } else if (message.type === 'customer') {
    app.setCustomer(message.settings);
  } else if (message.type === 'webhookResult') {
    app.showWebhookResult(message.tap, message);
  }
});

vscode.postMessage({ type: 'ready' });
