/**
 * Deterministic benchmark payloads: every interactive kind mixed, about one message in nine
 * with a limit violation, ~2 KB per message as written (2-space indent).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const KINDS = ['list', 'reply-buttons', 'reply-buttons-image', 'reply-buttons-video', 'reply-buttons-document', 'cta-url', 'location-request', 'flow', 'call-permission-request'];
const bases = KINDS.map((kind) => JSON.parse(readFileSync(join(ROOT, 'examples', `${kind}.json`), 'utf8')).messages.msg[0]);

/** mulberry32: a small seeded PRNG, so every run benchmarks the same bytes. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generatePayload(messages: number, seed = 42): string {
  const next = random(seed);
  const msg = Array.from({ length: messages }, (_, index) => {
    const entry = structuredClone(bases[index % bases.length]);
    entry.to = [{ number: `0031601${String(1000000 + Math.floor(next() * 8999999)).slice(0, 7)}` }];
    entry.reference = `bench${index}`;
    const interactive = entry.richContent.conversation[0].interactive;
    interactive.body.text = `${interactive.body.text} Order ${index}: ${'details '.repeat(40 + Math.floor(next() * 20))}`.slice(0, 900);
    if (next() < 0.11) {
      // A violation a user would plausibly make: too-long footer (or body for kinds without one).
      if (interactive.footer) interactive.footer.text = 'x'.repeat(61 + Math.floor(next() * 20));
      else interactive.body.text = 'y'.repeat(1025 + Math.floor(next() * 50));
    }
    return entry;
  });
  return JSON.stringify({ messages: { msg } }, null, 2);
}

/** Message counts of the benchmark files: a typical file (~3 KB), ~200 KB, and ~5 MB. */
export const SIZES = [{ messages: 1 }, { messages: 100 }, { messages: 2500 }] as const;
