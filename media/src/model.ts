/** What the renderer gets: the payload value and the diagnostics that point into it. */

export interface PreviewDiagnostic {
  severity: 'error' | 'warning' | 'information' | 'hint';
  code: string;
  message: string;
  /** JSON pointer of the offending node. */
  path: string;
  /** For text over a length limit: where WhatsApp would cut. */
  limit?: number;
}

export interface RenderInput {
  value: unknown;
  diagnostics: PreviewDiagnostic[];
  /** Show each message's SMS fallback (`body.content`) too. */
  showFallback?: boolean;
  /** The time shown in the bubbles, "HH:MM". */
  time?: string;
}

export interface RenderCallbacks {
  /** An element that stands for a JSON node was clicked. */
  onSelect?(pointer: string): void;
  /** A reply button or list row was tapped: what the business would receive. */
  onPostback?(postback: { kind: 'reply' | 'list_reply'; id: string; title: string; description?: string }): void;
}
