/**
 * What the preview shows, one way: each document version is parsed once, and its value goes
 * to the webview together with the server's diagnostics of that same version — never with a
 * list computed for an older text. Edits are throttled; an update waits a little for its
 * version's diagnostics and, if they are late, shows the text as not yet checked. No `vscode`
 * import: the panel wires the events in, the unit tests a fake clock.
 */
import type { PreviewDiagnostic, UnparsedMessage } from '../../../shared/render/model';
import type { PublishedDiagnostics } from './diagnostics-feed';
import { parseForPreview } from './document-model';

/** While typing, at most one update per this many ms. */
export const THROTTLE_MS = 50;
/** How long an update waits for its own version's diagnostics before it shows the text unchecked. */
export const DIAGNOSTICS_WAIT_MS = 250;

export interface PreviewUpdate {
  epoch: number;
  version: number;
  value: unknown;
  syntaxError?: string;
  /** With a syntax error: the msg entries that do not parse. */
  unparsed?: UnparsedMessage[];
  diagnostics?: PreviewDiagnostic[];
}

export interface SyncHost {
  /** The open document, undefined if it is not open. */
  document(): { readonly version: number; getText(): string } | undefined;
  /** What the server last published for it, undefined if it never did. */
  diagnostics(): PublishedDiagnostics | undefined;
  post(update: PreviewUpdate): void;
}

export interface Clock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: Clock = {
  now: () => performance.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export class PreviewSync {
  /** Bumped when the document is closed: a reopened one counts its versions from 1 again. */
  private epoch = 0;
  private parsed: { version: number; value: unknown; syntaxError?: string; unparsed?: UnparsedMessage[] } | undefined;
  private posted: { epoch: number; version: number; diagnostics: PublishedDiagnostics | undefined } | undefined;
  private lastPostAt = -Infinity;
  /** Since when something newer than the last post has been waiting for its diagnostics. */
  private waitingSince: number | undefined;
  private forced = false;
  private timer: { handle: unknown; due: number } | undefined;

  constructor(
    private readonly host: SyncHost,
    private readonly clock: Clock = realClock,
    private readonly parse: (text: string) => { value: unknown; syntaxError?: string; unparsed?: UnparsedMessage[] } = parseForPreview,
  ) {}

  textChanged(): void {
    this.schedule(this.throttled());
  }

  diagnosticsPublished(): void {
    this.schedule(this.throttled());
  }

  /** The webview (re)loaded or the theme changed: post the current state even if it was posted. */
  refresh(): void {
    this.forced = true;
    this.schedule(this.clock.now());
  }

  documentClosed(): void {
    this.epoch++;
    this.parsed = undefined;
  }

  dispose(): void {
    if (this.timer) this.clock.clearTimeout(this.timer.handle);
    this.timer = undefined;
  }

  /** Decides now: post this version (with its own diagnostics, or unchecked once waited enough), wait, or nothing. */
  flush(): void {
    const document = this.host.document();
    if (!document) return;
    const version = document.version;
    if (this.posted?.epoch === this.epoch && version < this.posted.version) this.epoch++;
    // One parse per version, however many diagnostics, theme or reload events come for it.
    if (this.parsed?.version !== version) this.parsed = { version, ...this.parse(document.getText()) };
    const { value, syntaxError, unparsed } = this.parsed;
    const published = this.host.diagnostics();
    const own = published?.version === version ? published : undefined;
    const postedThis = this.posted?.epoch === this.epoch && this.posted.version === version;
    if (postedThis && !this.forced && (own === this.posted!.diagnostics || syntaxError !== undefined)) return;
    // Broken text shows the banner at once (the webview keeps its last good render); the
    // server checks this document, so wait for its word on this version — not for ever.
    if (syntaxError === undefined && !own && !postedThis && published !== undefined) {
      const now = this.clock.now();
      this.waitingSince ??= now;
      if (now < this.waitingSince + DIAGNOSTICS_WAIT_MS) {
        this.schedule(this.waitingSince + DIAGNOSTICS_WAIT_MS);
        return;
      }
    }
    this.forced = false;
    this.waitingSince = undefined;
    this.lastPostAt = this.clock.now();
    this.posted = { epoch: this.epoch, version, diagnostics: own };
    this.host.post({ epoch: this.epoch, version, value, syntaxError, ...(unparsed ? { unparsed } : {}), diagnostics: syntaxError === undefined ? own?.diagnostics : undefined });
  }

  private throttled(): number {
    return Math.max(this.clock.now(), this.lastPostAt + THROTTLE_MS);
  }

  /** One timer, due at the earliest time anyone asked for. */
  private schedule(due: number): void {
    if (this.timer && this.timer.due <= due) return;
    if (this.timer) this.clock.clearTimeout(this.timer.handle);
    const handle = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, Math.max(0, due - this.clock.now()));
    this.timer = { handle, due };
  }
}
