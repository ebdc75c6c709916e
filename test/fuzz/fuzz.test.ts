/**
 * Fuzzing (fast-check): valid payloads and mutated ones — wrong types, deleted and duplicated
 * keys, huge strings, emoji, ZWJ sequences, RTL marks, NUL, lone surrogates, truncation —
 * through the core and through the running server. Nothing throws, every range lies inside
 * the document, the same input gives the same output. FUZZ_RUNS sets the count (500 in
 * `npm test`, 10,000 in `npm run fuzz`).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { IncrementalValidator } from '../../shared/core/incremental';
import { validateText } from '../../shared/core/index';
import { LspClient } from '../helpers/lsp-client';
import { assertInside } from '../helpers/ranges';
import { example, KINDS } from '../helpers/payloads';

const RUNS = Number(process.env.FUZZ_RUNS ?? 500);

const nastyString = fc.oneof(
  fc.string(),
  fc.fullUnicodeString(),
  fc.constantFrom('👍', '👨‍👩‍👧‍👦', '🇳🇱', '\u200F\u202Eevil', '\u0000', '\uD800', '\uDFFF', 'é\u0301', '*bold*', '<script>x</script>', 'javascript:alert(1)'),
  fc.integer({ min: 0, max: 3000 }).map((n) => 'x'.repeat(n)),
);
const anyValue = fc.oneof(nastyString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.string(), { maxKeys: 3 }));

/** Every path of a value, to pick mutation targets from. */
function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  return out;
}

type Mutation = { kind: 'set' | 'delete' | 'rename'; pick: number; value: unknown; key: string };

function applyMutation(payload: any, mutation: Mutation): void {
  const all = paths(payload).filter((p) => p.length > 0);
  if (all.length === 0) return;
  const path = all[mutation.pick % all.length];
  let parent = payload;
  for (const segment of path.slice(0, -1)) parent = parent[segment];
  const last = path[path.length - 1];
  if (mutation.kind === 'set') parent[last] = mutation.value;
  else if (mutation.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else if (!Array.isArray(parent)) {
    parent[mutation.key] = parent[last];
    delete parent[last];
  }
}

const mutationArb = fc.record({ kind: fc.constantFrom('set', 'delete', 'rename') as fc.Arbitrary<Mutation['kind']>, pick: fc.nat(), value: anyValue, key: fc.string({ maxLength: 6 }) });

/** A payload text: an example, mutated, then maybe damaged as text (duplicate key, truncation, stray bytes). */
export const payloadText = fc
  .record({
    kind: fc.constantFrom(...KINDS),
    mutations: fc.array(mutationArb, { maxLength: 6 }),
    indent: fc.constantFrom(0, 2, '\t'),
    crlf: fc.boolean(),
    bom: fc.boolean(),
    damage: fc.option(fc.record({ at: fc.nat(), kind: fc.constantFrom('truncate', 'insert', 'duplicate-key'), text: nastyString }), { nil: undefined }),
  })
  .map(({ kind, mutations, indent, crlf, bom, damage }) => {
    const payload = example(kind);
    for (const mutation of mutations) applyMutation(payload, mutation);
    let text = JSON.stringify(payload, null, indent);
    if (damage) {
      const at = damage.at % (text.length + 1);
      if (damage.kind === 'truncate') text = text.slice(0, at);
      else if (damage.kind === 'insert') text = text.slice(0, at) + damage.text + text.slice(at);
      else text = text.replace('"messages": {', `"messages": {"msg": ${JSON.stringify(damage.text)},`);
    }
    if (crlf) text = text.replace(/\n/g, '\r\n');
    return (bom ? '\uFEFF' : '') + text;
  });

test(`core: ${RUNS} generated payloads never throw, ranges inside, deterministic`, (t) => {
  let checked = 0;
  // One editor-style validator across all cases: its cache must never change an answer.
  const incremental = new IncrementalValidator();
  fc.assert(
    fc.property(payloadText, (text) => {
      const first = validateText(text);
      const second = validateText(text);
      assert.deepEqual(second.diagnostics, first.diagnostics);
      assert.deepEqual(incremental.validate(text).diagnostics, first.diagnostics);
      for (const d of first.diagnostics) {
        assertInside(text, d.range);
        assert.notEqual(d.code, 'INTERNAL', d.message);
      }
      checked++;
    }),
    { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261126) },
  );
  t.diagnostic(`fuzz: ${checked} payloads through the core`);
});

test(`core: ${RUNS} edit sequences — the incremental validator always equals the full one`, (t) => {
  let edits = 0;
  const multi = () => {
    const payload = example('list');
    payload.messages.msg = KINDS.map((kind) => example(kind).messages.msg[0]);
    return JSON.stringify(payload, null, 2);
  };
  const base = multi();
  const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 40 }), insert: fc.oneof(fc.constantFrom('', 'x', '👍', '"', ',', '{', '}', ']', '\n', ' ', '{"a": 1},', '"title": "' + 'y'.repeat(30) + '"'), fc.string({ maxLength: 4 })) });
  fc.assert(
    fc.property(fc.array(edit, { minLength: 1, maxLength: 12 }), (sequence) => {
      const incremental = new IncrementalValidator();
      let text = base;
      incremental.validate(text);
      for (const { at, remove, insert } of sequence) {
        const position = at % (text.length + 1);
        text = text.slice(0, position) + insert + text.slice(position + remove);
        assert.deepEqual(incremental.validate(text).diagnostics, validateText(text).diagnostics);
        edits++;
      }
    }),
    { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261126) },
  );
  t.diagnostic(`fuzz: ${edits} edits checked incremental against full`);
});

let client: LspClient;
before(async () => (client = await LspClient.start()));
after(async () => client.stop());

test(`server: ${RUNS} generated payloads as edits of one open document`, async (t) => {
  const uri = 'file:///fuzz/payload.cm.json';
  client.open(uri, '{}', 'cm-payload');
  await client.diagnostics(uri, (p) => p.version === 1);
  let checked = 0;
  await fc.assert(
    fc.asyncProperty(payloadText, async (text) => {
      const version = client.change(uri, [{ text }]);
      const published = await client.diagnostics(uri, (p) => p.version === version);
      for (const d of published.diagnostics) assertInside(text, d.range);
      checked++;
    }),
    { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261126) },
  );
  assert.equal(client.process.exitCode, null, 'the server is still running');
  assert.equal(client.stderr, '', 'the server logged no crash');
  t.diagnostic(`fuzz: ${checked} payloads through the server`);
});
