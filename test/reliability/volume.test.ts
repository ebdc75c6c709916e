/**
 * Files that are big or full of problems, through the built server started as editors start it
 * (the same heap cap): it stays alive, answers, and publishes the newest version's problems.
 * Nothing here measures time; the figures belong in bench/.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  CodeLensRequest,
  DocumentFormattingRequest,
  DocumentSymbolRequest,
  HoverRequest,
  type Hover,
  type MarkupContent,
  type Position,
  type TextEdit,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { VALIDATION_FOR_REQUEST, type ValidationForResponse } from '../../shared/protocol';
import { LspClient, SERVER_AS_VSCODE_STARTS_IT } from '../helpers/lsp-client';
import { example, validPayloadOfSize } from '../helpers/payloads';

const MB = 1024 * 1024;

/** The server as VS Code starts it (bundle + heap flags), and as other editors do (the bin). */
let vscodeLike: LspClient;
let bin: LspClient;
before(async () => {
  vscodeLike = await LspClient.start({ args: [...SERVER_AS_VSCODE_STARTS_IT] });
  bin = await LspClient.start();
});
after(async () => Promise.all([vscodeLike.stop(), bin.stop()]));

function positionIn(text: string, needle: string, from: number, delta = 0): Position {
  const offset = text.indexOf(needle, from);
  assert.ok(offset >= 0, `${needle} not in the text`);
  return TextDocument.create('x', 'json', 1, text.slice(0, offset + delta)).positionAt(offset + delta);
}

const hoverText = (hover: Hover | null) => (hover ? (hover.contents as MarkupContent).value : '');

test('40,000 empty msg entries: at most 1,000 problems and one that counts the rest; the server answers', async () => {
  const uri = 'file:///volume/many-problems.json';
  const text = `{"messages":{"msg":[${Array(40_000).fill('{}').join(',')}]}}`;
  bin.open(uri, text);
  const published = await bin.diagnostics(uri, (p) => p.version === 1, 120_000);
  assert.equal(published.diagnostics.length, 1001);
  // Three problems per empty entry plus ENV-MSG-MAX: 120,001 in all.
  const limit = published.diagnostics[1000];
  assert.equal(limit.code, 'PROBLEM-LIMIT');
  assert.match(String(limit.message), /^119,001 more problems are not shown/);
  assert.equal(published.diagnostics[0].code, 'ENV-MSG-MAX');
  assert.deepEqual(new Set(published.diagnostics.slice(1, 1000).map((d) => d.code)), new Set(['ENV-TO', 'ENV-BODY', 'ENV-FROM']));
  const hover = await bin.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 3 } });
  assert.match(hoverText(hover), /messages/);
  // The Send command's check of the same text is capped too.
  const checked = await bin.connection.sendRequest<ValidationForResponse>(VALIDATION_FOR_REQUEST, { uri, version: 1 });
  assert.equal(checked.status, 'current');
  if (checked.status !== 'current') return;
  assert.equal(checked.diagnostics.length, 1001);
  assert.equal(checked.diagnostics[1000].code, 'PROBLEM-LIMIT');
  // An edit keeps the count right: the first entry removed, three problems fewer.
  const version = bin.change(uri, [{ range: { start: { line: 0, character: 20 }, end: { line: 0, character: 23 } }, text: '' }]);
  const edited = await bin.diagnostics(uri, (p) => p.version === version, 120_000);
  assert.match(String(edited.diagnostics[1000].message), /^118,998 more problems are not shown/);
  bin.close(uri);
  assert.ok(bin.alive);
});

/** Opens a lint-clean payload of `megabytes`, checks it is published clean, returns it. */
async function openValid(client: LspClient, uri: string, megabytes: number, languageId = 'json'): Promise<string> {
  const text = validPayloadOfSize(megabytes * MB);
  client.open(uri, text, languageId);
  const published = await client.diagnostics(uri, (p) => p.version === 1, 120_000);
  assert.deepEqual(published.diagnostics, []);
  return text;
}

test('a lint-clean 14.6 MB file: hover, edit, hover, outline and code lens under the heap cap', async () => {
  const uri = 'file:///volume/valid-14.json';
  const text = await openValid(vscodeLike, uri, 14.6);
  const middle = text.indexOf('"reference": "ref500"');
  const title = positionIn(text, '"title": "', middle, 12);
  assert.match(hoverText(await vscodeLike.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: title })), /title/i);
  const reference = positionIn(text, '"ref500"', middle, 1);
  const version = vscodeLike.change(uri, [{ range: { start: reference, end: reference }, text: 'x'.repeat(40) }]);
  const edited = await vscodeLike.diagnostics(uri, (p) => p.version === version, 120_000);
  assert.deepEqual(edited.diagnostics.map((d) => d.code), ['ENV-REFERENCE']);
  const hover = await vscodeLike.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: reference });
  assert.match(hoverText(hover), /\*\*Reference\*\* — 46 \/ 32 characters \(14 over\)/);
  const symbols = await vscodeLike.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
  assert.ok(symbols && symbols.length > 0);
  const lenses = await vscodeLike.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
  assert.equal(lenses!.length, 2000);
  vscodeLike.close(uri);
  await vscodeLike.diagnostics(uri, (p) => p.diagnostics.length === 0 && p.version === undefined);
  assert.ok(vscodeLike.alive);
});

test('a lint-clean 9.7 MB file: edits that break and mend the JSON, each version published', async () => {
  const uri = 'file:///volume/valid-9.cm.json';
  const text = await openValid(bin, uri, 9.7, 'cm-payload');
  const quote = positionIn(text, '"ref700"', 0, 0);
  const after = { line: quote.line, character: quote.character + 1 };
  // Remove a quote (the rest of the file shifts inside out), put it back, break a bracket.
  let version = bin.change(uri, [{ range: { start: quote, end: after }, text: '' }]);
  const broken = await bin.diagnostics(uri, (p) => p.version === version, 120_000);
  assert.ok(broken.diagnostics.some((d) => d.code === 'JSON-SYNTAX'));
  version = bin.change(uri, [{ range: { start: quote, end: quote }, text: '"' }]);
  assert.deepEqual((await bin.diagnostics(uri, (p) => p.version === version, 120_000)).diagnostics, []);
  const brace = positionIn(text, '{', text.indexOf('"ref300"') - 400);
  version = bin.change(uri, [{ range: { start: brace, end: { line: brace.line, character: brace.character + 1 } }, text: '' }]);
  assert.ok((await bin.diagnostics(uri, (p) => p.version === version, 120_000)).diagnostics.some((d) => d.code === 'JSON-SYNTAX'));
  version = bin.change(uri, [{ range: { start: brace, end: brace }, text: '{' }]);
  assert.deepEqual((await bin.diagnostics(uri, (p) => p.version === version, 120_000)).diagnostics, []);
  bin.close(uri);
  assert.ok(bin.alive);
});

test('a 5 MB file under 2,000 edits with hovers in between: all answered, the newest version published', async () => {
  const uri = 'file:///volume/storm-5.json';
  const text = await openValid(vscodeLike, uri, 5);
  const { last, hovers } = vscodeLike.storm(uri, positionIn(text, '"ref400"', 0, 1), positionIn(text, '"footer"', text.indexOf('"ref400"'), 2));
  const final = await vscodeLike.diagnostics(uri, (p) => p.version === last, 300_000);
  assert.deepEqual(final.diagnostics, []);
  for (const { hover } of await Promise.all(hovers)) assert.match(hoverText(hover), /\*\*Footer\*\*/);
  assert.ok(vscodeLike.publications(uri).length < 2001 / 10);
  vscodeLike.close(uri);
  assert.ok(vscodeLike.alive);
});

test('formatting: 3,000 nested brackets get no edits and a reason, not a crash', async () => {
  const uri = 'file:///volume/deep.cm.json';
  const deep = '['.repeat(3000) + ']'.repeat(3000);
  bin.open(uri, `{"messages": {"msg": [], "x": ${deep}}}`, 'cm-payload');
  await bin.diagnostics(uri, (p) => p.version === 1);
  const edits = await bin.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
  assert.deepEqual(edits ?? [], []);
  assert.match(bin.shown.map((m) => m.message).join('\n'), /nest/i);
  bin.close(uri);
  assert.ok(bin.alive);
});

test('formatting: a 5.7 MB minified payload is formatted under the heap cap, with one bounded edit', async () => {
  const uri = 'file:///volume/minified.cm.json';
  // Minified, the generated payload is ~43% of its pretty size.
  const pretty = validPayloadOfSize(13.3 * MB);
  const minified = JSON.stringify(JSON.parse(pretty));
  assert.ok(minified.length > 5.6 * MB);
  vscodeLike.open(uri, minified, 'cm-payload');
  await vscodeLike.diagnostics(uri, (p) => p.version === 1, 120_000);
  const edits = (await vscodeLike.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } })) as TextEdit[];
  assert.equal(edits.length, 1);
  assert.equal(TextDocument.applyEdits(TextDocument.create(uri, 'json', 1, minified), edits), pretty);
  vscodeLike.close(uri);
  assert.ok(vscodeLike.alive);
});

test('formatting: a 25 MB file, over the default 20 MB setting, gets no edits and a reason', async () => {
  const uri = 'file:///volume/over-20.cm.json';
  const entry = JSON.stringify(example('list').messages.msg[0]);
  const text = `{"messages": {"msg": [${Array.from({ length: Math.ceil((25 * MB) / entry.length) }, () => entry).join(',')}]}}`;
  vscodeLike.open(uri, text, 'cm-payload');
  assert.deepEqual((await vscodeLike.diagnostics(uri, (p) => p.version === 1, 120_000)).diagnostics.map((d) => d.code), ['FILE-LIMIT']);
  const edits = await vscodeLike.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
  assert.deepEqual(edits ?? [], []);
  assert.match(vscodeLike.shown.map((m) => m.message).join('\n'), /files over 20\.0 MB are not formatted/);
  vscodeLike.close(uri);
  assert.ok(vscodeLike.alive);
});

test('formatting honours cmInteractive.validate.maxFileSizeMB', async () => {
  const small = await LspClient.start();
  try {
    small.settings = { validate: { enable: true, maxFileSizeMB: 1 }, files: [] };
    const uri = 'file:///volume/over-the-setting.cm.json';
    const text = validPayloadOfSize(2 * MB);
    small.open(uri, text, 'cm-payload');
    assert.deepEqual((await small.diagnostics(uri, (p) => p.version === 1)).diagnostics.map((d) => d.code), ['FILE-LIMIT']);
    const edits = await small.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
    assert.deepEqual(edits ?? [], []);
    assert.match(small.shown.map((m) => m.message).join('\n'), /maxFileSizeMB/);
    // A file under it still formats.
    const under = 'file:///volume/under-the-setting.cm.json';
    small.open(under, JSON.stringify(example('flow')), 'cm-payload');
    await small.diagnostics(under, (p) => p.version === 1);
    const formatted = await small.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri: under }, options: { tabSize: 2, insertSpaces: true } });
    assert.equal(TextDocument.applyEdits(TextDocument.create(under, 'json', 1, JSON.stringify(example('flow'))), formatted ?? []), JSON.stringify(example('flow'), null, 2));
  } finally {
    await small.stop();
  }
});
