/** Custom LSP requests between our client and server. */
import type { Diagnostic } from './core/index';

/** Validate a text with the core: `{ text }` → `{ isPayload, diagnostics }` (core diagnostics with JSON pointers). */
export const VALIDATE_REQUEST = 'cmInteractive/validate';

export interface ValidateResponse {
  isPayload: boolean;
  diagnostics: Diagnostic[];
}
