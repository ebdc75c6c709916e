/** Custom LSP requests between our client and server. */
import type { Diagnostic } from './core/index';

/** Validate a text with the core: `{ text }` → `{ isPayload, diagnostics }` (core diagnostics with JSON pointers). */
export const VALIDATE_REQUEST = 'cmInteractive/validate';

export interface ValidateResponse {
  isPayload: boolean;
  diagnostics: Diagnostic[];
}

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
