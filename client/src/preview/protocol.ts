/** Messages between the extension and the preview webview. Every message names its document. */
import type { PreviewDiagnostic } from '../../../media/src/model';

export type ToWebview =
  | {
      type: 'update';
      uri: string;
      /** Counts the document's instances: a file closed and reopened starts again at version 1. */
      epoch: number;
      /** The document version the value was parsed from; the webview drops older ones. */
      version: number;
      /** undefined when the text does not parse: the webview keeps its last good render. */
      value: unknown;
      syntaxError?: string;
      /** The server's diagnostics of this very version; undefined while they are not in yet. */
      diagnostics?: PreviewDiagnostic[];
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
