/**
 * Text the product writes (terminal, pages, output channel, logs): the product token never
 * appears in it, and text from outside (payload fields, CM's answers, media hosts) cannot
 * drive a terminal. VS Code-free and rule-free, so the activation bundle can import it.
 */
import { literalProductTokens } from './rules/envelope';

const MASK = '***';

/** The product tokens written in a payload (`messages.authentication`), which must be hidden like the real one. */
export function payloadSecrets(value: unknown): string[] {
  return literalProductTokens((value as { messages?: unknown } | null)?.messages).map(({ token }) => token);
}

/**
 * `text` with every secret masked: a text that equals a secret, and every occurrence of a
 * secret of 4 characters or more (also in its JSON-escaped form, for JSON output) — in any
 * letter case and with or without its hyphens (a GUID token echoed as `3F2B8C1E-…` or
 * `3f2b8c1e7a4d…` is the same token). Shorter "tokens" are masked only where a whole text
 * equals them: masking every "ab" would garble everything else.
 */
export function redact(text: string, ...secrets: (string | undefined)[]): string {
  let safe = text;
  for (const secret of secrets) {
    if (!secret) continue;
    // A "secret" of hyphens alone is compared as it is (loosely it would equal every empty text).
    if (loose(secret) ? loose(safe) === loose(secret) : safe === secret) return MASK;
    const pattern = secretPattern(secret);
    if (pattern) safe = safe.replace(pattern, MASK);
  }
  return safe;
}

/** A secret compared loosely: any case, hyphens left out. */
function loose(text: string): string {
  return text.replace(/-/g, '').toLowerCase();
}

const patterns = new Map<string, RegExp | undefined>();

/**
 * Every written form of `secret` as one pattern: its characters (and those of its JSON-escaped
 * form) in order, case-insensitive, each pair optionally split by a hyphen; undefined below 4 characters.
 */
function secretPattern(secret: string): RegExp | undefined {
  if (patterns.has(secret)) return patterns.get(secret);
  const forms = [...new Set([secret, JSON.stringify(secret).slice(1, -1)])]
    .map((form) => [...form.replace(/-/g, '')])
    .filter((chars) => chars.length >= 4)
    .map((chars) => chars.map((c) => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('-?'));
  const pattern = forms.length > 0 ? new RegExp(forms.join('|'), 'giu') : undefined;
  if (patterns.size > 100) patterns.clear();
  patterns.set(secret, pattern);
  return pattern;
}

// C0 controls but tab and line feed, DEL, C1 controls, and the bidirectional overrides.
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Control characters as visible `\uXXXX` escapes: an ESC or OSC sequence in a gateway's
 * answer or a payload field is shown, never obeyed (no title change, no screen clear).
 * Inside JSON strings the escape is the same character, so JSON output stays valid and equal.
 */
export function escapeControls(text: string): string {
  return text.replace(CONTROLS, asEscape);
}

/** One character as its visible `\uXXXX` escape. */
function asEscape(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** What may be shown: secrets masked, then controls escaped. */
export function safeText(text: string, secrets: Iterable<string | undefined>): string {
  return escapeControls(redact(text, ...secrets));
}

/**
 * A value shown inside one line of output (a diagnostic, a choice, a status line): line feeds
 * and tabs too become visible escapes (`\u000a`, `\u0009`, like `\u000d` and every other
 * control), so a payload field cannot forge a line of its own or shift the columns.
 */
export function escapeLine(text: string): string {
  return escapeControls(text).replace(/[\n\t]/g, asEscape);
}
