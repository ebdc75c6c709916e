/** Custom LSP requests between our client and server. */
import type { Diagnostic } from './core/index';

/** Validate a text with the core: `{ text }` → `{ isPayload, diagnostics }` (core diagnostics with JSON pointers). */
export const VALIDATE_REQUEST = 'cmInteractive/validate';

export interface ValidateResponse {
  isPayload: boolean;
  diagnostics: Diagnostic[];
}

/**
 * The server's V8 heap limit for files up to `maxFileSizeMB`. Without one, V8 keeps growing
 * the heap while each edit copies the whole text; a limit proportional to the largest file
 * we check makes it collect sooner (5 MB file: 254 → about 130 MB peak) with room to spare
 * (a 17.6 MB file was checked, with 40 edits, even under 128).
 */
export function serverHeapLimitMB(maxFileSizeMB: number): number {
  return Math.max(160, Math.ceil(maxFileSizeMB * 8));
}
