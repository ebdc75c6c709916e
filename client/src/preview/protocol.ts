/** Messages between the extension and the preview webview. Every message names its document. */
import type { PreviewDiagnostic } from '../../../media/src/model';

export type ToWebview =
  | {
      type: 'update';
      uri: string;
      version: number;
      /** undefined when the text does not parse: the webview keeps its last good render. */
      value: unknown;
      syntaxError?: string;
      diagnostics: PreviewDiagnostic[];
      dark: boolean;
    }
  | { type: 'highlight'; uri: string; pointer: string | undefined };

export type FromWebview =
  | { type: 'ready' }
  | { type: 'select'; uri: string; pointer: string }
  | { type: 'postback'; uri: string; id: string; title: string };

/** What the webview keeps across reloads (getState/setState), and the serializer restores. */
export interface PreviewState {
  uri: string;
  showFallback: boolean;
  narrow: boolean;
}
