/** Custom LSP requests between our client and server. */
import type { Diagnostic } from './core/index';

/**
 * The validation of an open document at one version, as the server already has it for its
 * diagnostics (Send uses it: the client sends no text and carries no validator).
 * `{ uri, version }` → the core's diagnostics (JSON pointers), or why there are none.
 */
export const VALIDATION_FOR_REQUEST = 'cmInteractive/validationFor';

export interface ValidationForParams {
  uri: string;
  version: number;
}

export type ValidationForResponse =
  | {
      status: 'current';
      version: number;
      isPayload: boolean;
      diagnostics: Diagnostic[];
      /** The parsed payload, so the client need not parse it again; left out when it has errors or nests deeper than MAX_NESTING. */
      value?: unknown;
    }
  /** The server has another version of the document (the editor changed it meanwhile). */
  | { status: 'stale'; version: number }
  /** The server does not have the document open (it is not a JSON document). */
  | { status: 'not-open' };

/**
 * How node runs the server for files up to `maxFileSizeMB`: V8 flags that keep its memory
 * down on big payload files, where each edit makes a new copy of the whole text.
 * - A heap limit proportional to the largest file we check: without one, V8 keeps growing the
 *   heap instead of collecting (5 MB file: 254 → ~140 MB peak); a 17.6 MB file was checked,
 *   with 40 edits, even under 128 MB.
 * - A 1 MB young generation (default 16 MB): our short-lived objects are small, and the
 *   smaller nursery took the 5 MB file's peak from 127–143 to 109–119 MB, for keystrokes
 *   ~4 ms slower (p50 ~20 ms, still well inside the 30 ms budget).
 * The bin (bin/cm-interactive-language-server.js) starts the server with the same flags.
 */
export function serverNodeFlags(maxFileSizeMB: number): string[] {
  return [`--max-old-space-size=${Math.max(160, Math.ceil(maxFileSizeMB * 8))}`, '--max-semi-space-size=1'];
}
