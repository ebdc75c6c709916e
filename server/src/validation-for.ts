/**
 * The answer to VALIDATION_FOR_REQUEST (Send): the language service's validation of the
 * server's own copy of a document at the version the client asks for — the cached one its
 * diagnostics came from, or computed now and cached — never a text sent by the client.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { MAX_NESTING, nestedDeeperThan } from '../../shared/send/envelope';
import { JsonDocument } from '../../shared/core/json-document';
import { redact } from '../../shared/core/safe-text';
import type { ValidationForParams, ValidationForResponse } from '../../shared/protocol';
import type { LanguageService } from './service';

export function validationFor(params: ValidationForParams, document: TextDocument | undefined, service: LanguageService): ValidationForResponse {
  if (!document) return { status: 'not-open' };
  if (document.version !== params.version) return { status: 'stale', version: document.version };
  const { isPayload, diagnostics, secrets } = service.resultFor(document);
  // Send shows messages (the first error): a product token written in the file is masked where one quotes it.
  const shown = secrets.length ? diagnostics.map((d) => ({ ...d, message: redact(d.message, ...secrets) })) : diagnostics;
  // The payload goes back only when Send may send it, and only as deep as JSON-RPC can serialize.
  const sendable = isPayload && !diagnostics.some((d) => d.severity === 'error');
  // Parsed here, once per Send and only when it may be sent (the service keeps no parsed value between keystrokes).
  const value = sendable ? JsonDocument.parse(document.getText()).value : undefined;
  return { status: 'current', version: document.version, isPayload, diagnostics: shown, ...(value !== undefined && !nestedDeeperThan(value, MAX_NESTING) ? { value } : {}) };
}
