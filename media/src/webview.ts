/** The preview inside VS Code: messages in, clicks and state out. */
import type { FromWebview, PreviewState, ToWebview } from '../../client/src/preview/protocol';
import { PreviewApp } from './app';

declare function acquireVsCodeApi(): { postMessage(message: FromWebview): void; getState(): PreviewState | undefined; setState(state: PreviewState): void };

const vscode = acquireVsCodeApi();
let state: PreviewState = vscode.getState() ?? { uri: '', showFallback: false, narrow: true };

const app = new PreviewApp(document.getElementById('root')!, {
  onSelect: (pointer) => vscode.postMessage({ type: 'select', uri: state.uri, pointer }),
  onPostback: ({ id, title }) => vscode.postMessage({ type: 'postback', uri: state.uri, id, title }),
  onStateChange: (change) => {
    state = { ...state, ...change };
    vscode.setState(state);
  },
});
app.restore(state);

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const message = event.data;
  if (!message || typeof message !== 'object') return;
  if (message.type === 'update') {
    if (state.uri !== message.uri) {
      state = { ...state, uri: message.uri };
      vscode.setState(state);
    }
    app.setDark(message.dark);
    app.update(message.value, message.diagnostics, message.syntaxError);
    document.body.dataset.version = String(message.version);
  } else if (message.type === 'highlight' && message.uri === state.uri) {
    app.highlight(message.pointer);
  }
});

vscode.postMessage({ type: 'ready' });
