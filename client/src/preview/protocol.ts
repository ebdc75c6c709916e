/** Messages between the extension and the preview webview. Every message names its document. */
import type { CustomerSettings } from '../../../media/src/app';
import type { PreviewDiagnostic, UnparsedMessage } from '../../../shared/render/model';

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
      /** With a syntax error: the msg entries that do not parse (drawn as such over the last good render). */
      unparsed?: UnparsedMessage[];
      /** The server's diagnostics of this very version; undefined while they are not in yet. */
      diagnostics?: PreviewDiagnostic[];
      dark: boolean;
    }
  | { type: 'highlight'; uri: string; pointer: string | undefined }
  /** The simulated customer and the bot's webhook, from the settings: at ready and on every change. */
  | { type: 'customer'; uri: string; settings: CustomerSettings }
  /** The bot's answer to a posted reply (`tap` names it), already in words and escaped. */
  | { type: 'webhookResult'; uri: string; tap: number; delivered: boolean; lines: string[] };

export type FromWebview =
  | { type: 'ready' }
  | { type: 'select'; uri: string; pointer: string }
  /** The customer tapped: the webhook CM would post (the extension posts it when cmInteractive.webhook.postTaps is on). */
  | { type: 'customerReply'; uri: string; tap: number; summary: string; webhook: unknown }
  /** "Post to webhook" in the panel. */
  | { type: 'postWebhook'; uri: string; tap: number; summary: string; webhook: unknown }
  /** "Copy" in the panel: the extension writes the clipboard. */
  | { type: 'copy'; text: string };

/** What the webview keeps across reloads (getState/setState), and the serializer restores. */
export interface PreviewState {
  uri: string;
  showFallback: boolean;
  narrow: boolean;
}
