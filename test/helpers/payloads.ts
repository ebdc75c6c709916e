/** Test payloads: the examples as bases, mutated per case, linted through the real core. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateText, type Diagnostic } from '../../shared/core/index';

export const ROOT = join(__dirname, '..', '..');
export const EXAMPLES = join(ROOT, 'examples');

export type Kind =
  | 'list'
  | 'reply-buttons'
  | 'reply-buttons-image'
  | 'reply-buttons-video'
  | 'reply-buttons-document'
  | 'cta-url'
  | 'location-request'
  | 'flow'
  | 'call-permission-request';

export const KINDS: Kind[] = [
  'list', 'reply-buttons', 'reply-buttons-image', 'reply-buttons-video', 'reply-buttons-document',
  'cta-url', 'location-request', 'flow', 'call-permission-request',
];

/** Pointer of the first example's interactive object. */
export const I = '/messages/msg/0/richContent/conversation/0/interactive';
export const M = '/messages/msg/0';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Payload = any;

export function example(kind: Kind): Payload {
  return JSON.parse(readFileSync(join(EXAMPLES, `${kind}.json`), 'utf8'));
}

export function interactiveOf(payload: Payload): Payload {
  return payload.messages.msg[0].richContent.conversation[0].interactive;
}

export interface Linted {
  text: string;
  diagnostics: Diagnostic[];
  /** The text a diagnostic's range covers. */
  covered(diagnostic: Diagnostic): string;
}

export function lintText(text: string): Linted {
  const result = validateText(text);
  const lines = text.split(/\r\n|\r|\n/);
  const offsetOf = (p: { line: number; character: number }) => {
    let offset = 0;
    for (let i = 0; i < p.line; i++) offset += lines[i].length + (text.slice(offset + lines[i].length, offset + lines[i].length + 2) === '\r\n' ? 2 : 1);
    return offset + p.character;
  };
  return {
    text,
    diagnostics: result.diagnostics,
    covered: (d) => text.slice(offsetOf(d.range.start), offsetOf(d.range.end)),
  };
}

export function lint(payload: Payload): Linted {
  return lintText(JSON.stringify(payload, null, 2));
}

/** Build from an example kind and a mutation of its interactive object (and the whole payload). */
export function mutated(kind: Kind, mutate: (interactive: Payload, payload: Payload) => void): Payload {
  const payload = example(kind);
  mutate(interactiveOf(payload), payload);
  return payload;
}

/** A list payload with a product token written in the file and copied into `from` (which messages quote). */
export function payloadWithTokenInFrom(token: string): Payload {
  const payload = example('list');
  payload.messages.authentication = { productToken: token };
  payload.messages.msg[0].from = token;
  return payload;
}

/**
 * A lint-clean request of about `bytes` characters (2-space indent): `messages` messages (CM
 * allows 1,000), one per example kind in turn, each to enough distinct recipients to reach the
 * size (CM allows 1,000 per message, so a valid file grows by its recipient lists). For memory
 * and volume tests.
 */
export function validPayloadOfSize(bytes: number, messages = 1000): string {
  const bases = KINDS.map((kind) => example(kind).messages.msg[0]);
  const build = (recipients: number) =>
    JSON.stringify({
      messages: {
        msg: Array.from({ length: messages }, (_, index) => {
          const entry = structuredClone(bases[index % bases.length]);
          entry.reference = `ref${index}`;
          entry.to = Array.from({ length: recipients }, (_, r) => ({ number: `0031${600000000 + index * 1000 + r}` }));
          return entry;
        }),
      },
    }, null, 2);
  // Every recipient adds the same number of characters: measure one, then size the lists.
  const one = build(1);
  const perRecipientInAll = build(2).length - one.length;
  return build(Math.max(1, Math.min(1000, 1 + Math.round((bytes - one.length) / perRecipientInAll))));
}
