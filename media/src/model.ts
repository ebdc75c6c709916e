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
  /** What the reader did in the preview, kept across updates. */
  view?: ViewState;
}

/** The preview's own state, owned by the page: a render shows it, a click changes it. */
export interface ViewState {
  /** Pointers (`…/action/sections`) of the list sheets the reader opened. */
  openSheets: Set<string>;
  /** Per sheet pointer, the pointer of the row the reader tapped. */
  selectedRows: Map<string, string>;
  /** https: image URLs that did not load: shown as a placeholder from then on. */
  failedImages: Set<string>;
}

export function newViewState(): ViewState {
  return { openSheets: new Set(), selectedRows: new Map(), failedImages: new Set() };
}

export interface RenderCallbacks {
  /** An element that stands for a JSON node was clicked. */
  onSelect?(pointer: string): void;
  /** A reply button or list row was tapped: what the business would receive. */
  onPostback?(postback: { kind: 'reply' | 'list_reply'; id: string; title: string; description?: string }): void;
}
