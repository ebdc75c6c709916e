/** The standalone page of `cm-interactive render`: the payload is embedded as JSON. */
import { PreviewApp } from './app';
import type { PreviewDiagnostic } from './model';

performance.mark('cm-render-start');
const embedded = document.getElementById('cm-payload')?.textContent ?? '{}';
const { value, diagnostics, syntaxError } = JSON.parse(embedded) as { value: unknown; diagnostics: PreviewDiagnostic[]; syntaxError?: string };
const app = new PreviewApp(document.getElementById('root')!, { themeToggle: true });
app.setDark(window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false);
app.update(value, diagnostics, syntaxError);
// The benchmark reads these: how long our renderer took, apart from the browser's own work.
performance.measure('cm-render', 'cm-render-start');
