/**
 * Fuzzing in size and volume: many msg entries and many problems (the cap), the scopes big
 * files are read in (they must answer as the whole text does), storms of edits with requests
 * in between, and big valid files in a server with its real heap cap. These cases are heavier:
 * one per 50 of FUZZ_RUNS (10 in `npm test`, 200 in `npm run fuzz`), and the big files grow to
 * the 20 MB limit only under `npm run fuzz`.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import {
  CodeLensRequest,
  CompletionRequest,
  DocumentFormattingRequest,
  DocumentSymbolRequest,
  HoverRequest,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { IncrementalValidator } from '../../shared/core/incremental';
import { validateText } from '../../shared/core/index';
import { PayloadText } from '../../shared/core/scopes';
import { getCodeActions } from '../../server/src/features/code-actions';
import { getCodeLenses } from '../../server/src/features/code-lens';
import { doComplete } from '../../server/src/features/completion';
import { doHover } from '../../server/src/features/hover';
import { getDocumentSymbols } from '../../server/src/features/symbols';
import { LspClient, SERVER_AS_VSCODE_STARTS_IT } from '../helpers/lsp-client';
import { example, KINDS, validPayloadOfSize } from '../helpers/payloads';
import { assertInside } from '../helpers/ranges';

const RUNS = Number(process.env.FUZZ_RUNS ?? 500);
const HEAVY_RUNS = Math.max(3, Math.round(RUNS / 50));
const SEED = Number(process.env.FUZZ_SEED ?? 20261126);
const FULL = RUNS >= 5000;
const MB = 1024 * 1024;

/** Entries to build requests from: every example, and broken ones with several problems each. */
const ENTRIES: unknown[] = [...KINDS.map((kind) => example(kind).messages.msg[0]), {}, { to: 'x' }, { to: [{ number: '+31 6' }], body: {} }, []];

/** A request of `count` entries, cycling through `pattern` (indexes into ENTRIES): cheap to make at any count. */
const manyEntries = fc
  .record({
    // Under npm run fuzz, one request in ten has 3,000 to 40,000 entries.
    count: FULL ? fc.oneof({ arbitrary: fc.integer({ min: 1, max: 3000 }), weight: 9 }, { arbitrary: fc.integer({ min: 3000, max: 40_000 }), weight: 1 }) : fc.integer({ min: 1, max: 3000 }),
    pattern: fc.array(fc.nat({ max: ENTRIES.length - 1 }), { minLength: 1, maxLength: 12 }),
    indent: fc.constantFrom(0, 2),
  })
  .map(({ count, pattern, indent }) => JSON.stringify({ messages: { msg: Array.from({ length: count }, (_, i) => ENTRIES[pattern[i % pattern.length]]) } }, null, indent));

test(`volume: ${HEAVY_RUNS} requests of up to ${FULL ? '40,000' : '3,000'} entries — capped problems are the first of all, and the rest are counted`, (t) => {
  let problems = 0;
  fc.assert(
    fc.property(manyEntries, fc.integer({ min: 1, max: 1500 }), (text, limit) => {
      const all = validateText(text).diagnostics;
      const capped = validateText(text, { maxProblems: limit }).diagnostics;
      problems += all.length;
      if (all.length <= limit) return assert.deepEqual(capped, all);
      assert.equal(capped.length, limit + 1);
      assert.deepEqual(capped.slice(0, limit), all.slice(0, limit));
      assert.equal(capped[limit].code, 'PROBLEM-LIMIT');
      assert.match(String(capped[limit].message), new RegExp(`^${(all.length - limit).toLocaleString('en-US')} more problems? (are|is) not shown`));
      // The editor's validator, with the same cap, over edits that add and remove problems.
      const incremental = new IncrementalValidator();
      assert.deepEqual(incremental.validate(text, { maxProblems: limit }).diagnostics, capped);
      for (const edited of [text.replace('{}', '{"to": []}'), text.replace(/"to": ?"x"/, '"to": "y"'), text.replace('"msg":[{}', '"msg":[')]) {
        assert.deepEqual(incremental.validate(edited, { maxProblems: limit }).diagnostics, validateText(edited, { maxProblems: limit }).diagnostics);
      }
    }),
    { numRuns: HEAVY_RUNS, seed: SEED },
  );
  t.diagnostic(`fuzz: ${problems} problems counted in ${HEAVY_RUNS} requests`);
});

/** A request of a few messages, some mutated, pretty-printed (so quick fixes format alike in a scope and in the whole). */
const fewMessages = fc
  .record({
    kinds: fc.array(fc.constantFrom(...KINDS), { minLength: 2, maxLength: 6 }),
    footer: fc.string({ maxLength: 80 }),
    title: fc.constantFrom('Yes', 'Yes 👍', '*Yes*', 'A title that is far too long'),
    indent: fc.constantFrom(2, '\t'),
  })
  .map(({ kinds, footer, title, indent }) => {
    const msg = kinds.map((kind, index) => {
      const entry = example(kind).messages.msg[0];
      const interactive = entry.richContent.conversation[0].interactive;
      if (index % 2 === 0 && interactive.footer) interactive.footer.text = footer;
      if (interactive.action?.buttons?.[0]?.reply) interactive.action.buttons[0].reply.title = title;
      return entry;
    });
    return JSON.stringify({ messages: { msg } }, null, indent);
  });

test(`scopes: ${HEAVY_RUNS * 5} requests — a file read in scopes answers as the whole text does`, () => {
  fc.assert(
    fc.property(fewMessages, fc.array(fc.nat(), { minLength: 8, maxLength: 8 }), (text, probes) => {
      const document = TextDocument.create('file:///scopes.json', 'json', 1, text);
      const whole = new PayloadText(text);
      const scoped = new PayloadText(text, undefined, 0);
      assert.deepEqual(getDocumentSymbols(document, scoped), getDocumentSymbols(document, whole));
      assert.deepEqual(getCodeLenses(document, scoped), getCodeLenses(document, whole));
      for (const probe of probes) {
        const offset = probe % (text.length + 1);
        const position = document.positionAt(offset);
        const scope = scoped.scopeAt(offset);
        if (!scope) continue; // between entries: a big file answers nothing there
        const wholeScope = whole.scopeAt(offset)!;
        assert.deepEqual(doHover(document, position, scope), doHover(document, position, wholeScope), `hover at ${offset}`);
        assert.deepEqual(doComplete(document, position, scope), doComplete(document, position, wholeScope), `completion at ${offset}`);
      }
      const checked = validateText(text);
      for (const diagnostic of checked.diagnostics) {
        const range = diagnostic.range;
        const context = { diagnostics: [] };
        assert.deepEqual(getCodeActions(document, range, context, checked, scoped), getCodeActions(document, range, context, checked, whole), diagnostic.code);
      }
    }),
    { numRuns: HEAVY_RUNS * 5, seed: SEED },
  );
});

let client: LspClient;
before(async () => (client = await LspClient.start()));
after(async () => client.stop());

const stormEdit = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 30 }),
  insert: fc.oneof(fc.constantFrom('', 'x', '"', ',', '{', '}', '\n', '👍', '{"to": []},'), fc.string({ maxLength: 5 })),
  request: fc.constantFrom(undefined, undefined, undefined, 'hover', 'completion', 'symbols', 'lens'),
});

test(`storms: ${HEAVY_RUNS} bursts of up to 300 edits with requests in between — all answered, the newest version published`, async (t) => {
  let edits = 0;
  let requests = 0;
  let publications = 0;
  let run = 0;
  await fc.assert(
    fc.asyncProperty(fewMessages, fc.array(stormEdit, { minLength: 20, maxLength: 300, size: 'max' }), async (base, storm) => {
      const uri = `file:///fuzz/storm-${++run}.cm.json`;
      client.open(uri, base, 'cm-payload');
      const local = TextDocument.create(uri, 'cm-payload', 1, base);
      const answers: Promise<unknown>[] = [];
      let version = 1;
      for (const { at, remove, insert, request } of storm) {
        const offset = at % (local.getText().length + 1);
        const change: TextDocumentContentChangeEvent = { range: { start: local.positionAt(offset), end: local.positionAt(offset + remove) }, text: insert };
        version = client.change(uri, [change]);
        TextDocument.update(local, [change], version);
        const position = local.positionAt(at % (local.getText().length + 1));
        const textDocument = { uri };
        if (request === 'hover') answers.push(client.connection.sendRequest(HoverRequest.type, { textDocument, position }));
        if (request === 'completion') answers.push(client.connection.sendRequest(CompletionRequest.type, { textDocument, position }));
        if (request === 'symbols') answers.push(client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument }));
        if (request === 'lens') answers.push(client.connection.sendRequest(CodeLensRequest.type, { textDocument }));
      }
      await Promise.all(answers); // every request answered, none failed
      const final = await client.diagnostics(uri, (p) => p.version === version, 60_000);
      // A cm-payload document is checked as a payload whatever its content (an edit may break its "messages" key).
      const expected = validateText(local.getText(), { maxProblems: 1000, assumePayload: true }).diagnostics;
      assert.deepEqual(final.diagnostics.map((d) => [d.code, d.range]), expected.map((d) => [d.code, d.range]));
      for (const d of final.diagnostics) assertInside(local.getText(), d.range);
      const versions = client.publications(uri).map((p) => p.version!);
      assert.deepEqual([...versions].sort((a, b) => a - b), versions, 'publications in version order');
      client.close(uri);
      edits += storm.length;
      requests += answers.length;
      publications += versions.length;
    }),
    { numRuns: HEAVY_RUNS, seed: SEED },
  );
  assert.ok(client.alive, 'the server is still running');
  assert.equal(client.stderr, '', 'the server logged no crash');
  t.diagnostic(`fuzz: ${edits} edits and ${requests} requests, ${publications} publications`);
});

test(`size: ${FULL ? 4 : 1} valid payloads up to ${FULL ? 20 : 2} MB, in a server with its real heap cap — edits, requests, formatting`, async (t) => {
  const big = await LspClient.start({ args: [...SERVER_AS_VSCODE_STARTS_IT] });
  try {
    const sizes = fc.sample(fc.double({ min: 1, max: FULL ? 19.9 : 2, noNaN: true }), { numRuns: FULL ? 4 : 1, seed: SEED });
    for (const [index, megabytes] of sizes.entries()) {
      const uri = `file:///fuzz/big-${index}.cm.json`;
      const text = validPayloadOfSize(megabytes * MB);
      big.open(uri, text, 'cm-payload');
      await big.diagnostics(uri, (p) => p.version === 1, 120_000);
      const local = TextDocument.create(uri, 'cm-payload', 1, text);
      const offsets = fc.sample(fc.nat({ max: text.length }), { numRuns: 6, seed: SEED + index });
      const answers: Promise<unknown>[] = [];
      let version = 1;
      for (const [i, offset] of offsets.entries()) {
        const position = local.positionAt(offset);
        answers.push(big.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }), big.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position }));
        const change = { range: { start: position, end: position }, text: i % 3 === 2 ? '"' : 'x' };
        version = big.change(uri, [change]);
        TextDocument.update(local, [change], version);
      }
      answers.push(
        big.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }),
        big.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } }),
        big.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } }),
      );
      await Promise.all(answers);
      const final = await big.diagnostics(uri, (p) => p.version === version, 120_000);
      assert.deepEqual(final.diagnostics.map((d) => d.code), validateText(local.getText(), { maxProblems: 1000, assumePayload: true }).diagnostics.map((d) => d.code));
      big.close(uri);
      t.diagnostic(`fuzz: ${megabytes.toFixed(1)} MB payload, ${offsets.length} edits`);
    }
    assert.ok(big.alive, 'the server is still running');
  } finally {
    await big.stop();
  }
});
