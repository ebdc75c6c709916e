/** The standalone page of `cm-interactive render`: the payload is embedded as JSON. */
import { PreviewApp } from './app';
import type { PreviewDiagnostic, UnparsedMessage } from '../../shared/render/model';

performance.mark('cm-render-start');
const embedded = document.getElementById('cm-payload')?.textContent ?? '{}';
const { value, diagnostics, syntaxError, syntaxErrors, unparsed, file } = JSON.parse(embedded) as {
  value: unknown;
  diagnostics: PreviewDiagnostic[];
  syntaxError?: string;
  syntaxErrors?: number;
  unparsed?: UnparsedMessage[];
  file?: string;
};
// A tap shows the webhook JSON here too (copied with navigator.clipboard); posting it is for the CLI or VS Code.
const app = new PreviewApp(document.getElementById('root')!, { themeToggle: true, fileName: () => file ?? '' });
app.setDark(window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false);
// No earlier version to fall back on: what parses is drawn, a msg entry that does not is drawn as such.
app.update(value, diagnostics, syntaxError, { unparsed, syntaxErrors, current: true });
// The benchmark reads these: how long our renderer took, apart from the browser's own work.
performance.measure('cm-render', 'cm-render-start');
