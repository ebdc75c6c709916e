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
  /** `msg` entries that do not parse: drawn as such, never as a tolerant parse guessed them. */
  unparsed?: UnparsedMessage[];
}

/** A `msg` entry (0-based index) with a syntax problem on `line` (1-based). */
export interface UnparsedMessage {
  index: number;
  line: number;
}

/** The preview's own state, owned by the page: a render shows it, a click changes it. */
export interface ViewState {
  /** Pointers (`…/action/sections`) of the list sheets the reader opened. */
  openSheets: Set<string>;
  /** Per sheet pointer, the pointer of the row the reader tapped. */
  selectedRows: Map<string, string>;
  /** https: image URLs that did not load: shown as a placeholder from then on. */
  failedImages: Set<string>;
  /** Per interactive pointer, the customer's replies tapped in the preview, oldest first. */
  replies: Map<string, CustomerBubble[]>;
}

/** The customer's reply as WhatsApp shows it on their side: a bubble quoting the business message. */
export interface CustomerBubble {
  /** The tap that sent it (`data-reply`). */
  tap: number;
  text: string;
  /** A list row's description, under its title. */
  description?: string;
  /** The business message replied to: its sender and the start of its body. */
  quote?: { author: string; text: string };
  /** A shared location: pin, name and address. */
  location?: { label?: string; searchQuery?: string; latitude: number; longitude: number };
  /** "HH:MM" of the tap. */
  time: string;
}

export function newViewState(): ViewState {
  return { openSheets: new Set(), selectedRows: new Map(), failedImages: new Set(), replies: new Map() };
}

export interface RenderCallbacks {
  /** An element that stands for a JSON node was clicked. */
  onSelect?(pointer: string): void;
  /** The customer tapped something (`data-tap`: a reply button, list row, flow, location, URL or call button). */
  onTap?(tap: { key: string }): void;
}
