/** Diagnostics through the built server over stdio: open, incremental change, close, settings. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { example, mutated, ROOT, payloadWithTokenInFrom } from '../helpers/payloads';
import { LspClient } from '../helpers/lsp-client';

let client: LspClient;
before(async () => (client = await LspClient.start()));
after(async () => client.stop());

const text = (payload: unknown) => JSON.stringify(payload, null, 2);

test('didOpen publishes the rule diagnostics with code, source, range and version', async () => {
  const uri = 'file:///work/too-long.json';
  const body = text(mutated('reply-buttons', (i) => (i.action.buttons[0].reply.title = 'Yes, deliver it to me!!')));
  client.open(uri, body);
  const published = await client.diagnostics(uri);
  assert.equal(published.version, 1);
  assert.equal(published.diagnostics.length, 1);
  const [d] = published.diagnostics;
  assert.equal(d.code, 'BTN-TITLE');
  assert.equal(d.source, 'cm-interactive');
  assert.equal(d.severity, 1);
  assert.equal(d.message, 'Button title is 23 characters; WhatsApp allows at most 20');
  const line = body.split('\n')[d.range.start.line];
  assert.equal(line.slice(d.range.start.character, d.range.end.character), '"Yes, deliver it to me!!"');
  // The code is a link to the rule's own entry in docs/rules.md.
  assert.equal(d.codeDescription?.href, 'https://github.com/cm-interactive/cm-interactive/blob/main/docs/rules.md#btn-title');
  assert.match(readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8'), /^### BTN-TITLE$/m, 'the anchor exists');
});

test('an incremental didChange re-validates: fixing the title clears the diagnostic', async () => {
  const uri = 'file:///work/incremental.json';
  const body = text(mutated('reply-buttons', (i) => (i.action.buttons[0].reply.title = 'Yes, deliver it to me!!')));
  client.open(uri, body);
  const first = await client.diagnostics(uri, (p) => p.version === 1);
  const range = first.diagnostics[0].range;
  // Replace only the string's characters, as an editor sends a keystroke batch.
  const version = client.change(uri, [{ range: { start: { line: range.start.line, character: range.start.character + 1 }, end: { line: range.end.line, character: range.end.character - 1 } }, text: 'Yes please' }]);
  const second = await client.diagnostics(uri, (p) => p.version === version);
  assert.deepEqual(second.diagnostics, []);
  // And breaking it again in a second change brings it back, at the new version.
  const again = client.change(uri, [{ range: { start: { line: range.start.line, character: range.start.character + 1 }, end: { line: range.start.line, character: range.start.character + 1 } }, text: 'Definitely, ' }]);
  const third = await client.diagnostics(uri, (p) => p.version === again);
  assert.deepEqual(third.diagnostics.map((d) => d.code), ['BTN-TITLE']);
  assert.match(String(third.diagnostics[0].message), /22 characters/);
});

test('many quick changes: the latest version wins and nothing stale is published after it', async () => {
  const uri = 'file:///work/typing.json';
  const payload = example('list');
  client.open(uri, text(payload));
  await client.diagnostics(uri, (p) => p.version === 1);
  let last = 1;
  for (let n = 0; n < 20; n++) {
    payload.messages.msg[0].richContent.conversation[0].interactive.footer.text = 'f'.repeat(50 + n);
    last = client.change(uri, [{ text: text(payload) }]);
  }
  const final = await client.diagnostics(uri, (p) => p.version === last);
  assert.deepEqual(final.diagnostics.map((d) => d.code), ['INT-FOOTER-LEN']);
  assert.match(String(final.diagnostics[0].message), /69 characters/);
  const versions = client.publications(uri).map((p) => p.version!);
  assert.deepEqual([...versions].sort((a, b) => a - b), versions, 'publications arrive in version order');
  assert.equal(versions[versions.length - 1], last);
});

test('didClose clears the diagnostics', async () => {
  const uri = 'file:///work/closing.json';
  client.open(uri, text(mutated('list', (i) => (i.action.button = ''))));
  await client.diagnostics(uri, (p) => p.diagnostics.length === 1);
  client.close(uri);
  await client.diagnostics(uri, (p) => p.diagnostics.length === 0);
});

test('syntax errors: left to VS Code\'s JSON support in json documents, reported in cm-payload documents', async () => {
  const broken = text(example('list')).replace('"allowedChannels"', '// CM rejects comments\n    "allowedChannels"');
  client.open('file:///work/a.json', broken, 'json');
  client.open('file:///work/a.cm.json', broken, 'cm-payload');
  client.open('file:///work/a.jsonc', broken, 'jsonc');
  assert.deepEqual((await client.diagnostics('file:///work/a.json')).diagnostics, []);
  const own = await client.diagnostics('file:///work/a.cm.json');
  assert.deepEqual(own.diagnostics.map((d) => d.code), ['JSON-SYNTAX']);
  // JSONC allows comments, CM does not: that one is still ours to say.
  assert.deepEqual((await client.diagnostics('file:///work/a.jsonc')).diagnostics.map((d) => d.code), ['JSON-SYNTAX']);
});

test('JSON that is not a payload gets no diagnostics and no completion', async () => {
  const uri = 'file:///work/package.json';
  client.open(uri, '{ "name": "x", "version": 1, "scripts": { "a": } }');
  const published = await client.diagnostics(uri);
  assert.deepEqual(published.diagnostics, []);
});

test('a file that is a payload by its name or language is checked as one: no top-level "messages" is ENV-MSG, not silence', async () => {
  const misspelt = text({ mesages: example('list').messages });
  // Matched by cmInteractive.files (**/*.cm.json) in the json language, and in the cm-payload language by any name.
  client.open('file:///work/misspelt.cm.json', misspelt, 'json');
  client.open('file:///work/misspelt-own-language.cm.json', misspelt, 'cm-payload');
  client.open('file:///work/misspelt-untitled', misspelt, 'cm-payload');
  for (const uri of ['file:///work/misspelt.cm.json', 'file:///work/misspelt-own-language.cm.json', 'file:///work/misspelt-untitled']) {
    const published = await client.diagnostics(uri);
    assert.ok(published.diagnostics.some((d) => d.code === 'ENV-MSG' && /Missing "messages"/.test(String(d.message))), `${uri}: ${JSON.stringify(published.diagnostics)}`);
  }
  // A top level that is no object, too; an empty new file has nothing to report yet.
  client.open('file:///work/array.cm.json', '[]');
  assert.deepEqual((await client.diagnostics('file:///work/array.cm.json')).diagnostics.map((d) => [d.code, d.message]), [['ENV-MSG', 'Not a CM request: the top level must be an object with "messages"']]);
  client.open('file:///work/new.cm.json', '');
  assert.deepEqual((await client.diagnostics('file:///work/new.cm.json')).diagnostics, []);
  // Any other JSON is still judged by its content: the same text in settings.json is not ours.
  client.open('file:///work/settings.json', misspelt);
  assert.deepEqual((await client.diagnostics('file:///work/settings.json')).diagnostics, []);
});

test('garbage never kills the server; it keeps answering', async () => {
  const inputs = ['', '{', '{"messages": ', '{"messages": {"msg": [null, 1, "x", [], {"richContent": {"conversation": [{"interactive": []}]}}]}}', '\u0000\uD800{]]]', '{"messages": {"msg": [{"richContent": {"conversation": [{"interactive": {"type": "button", "action": {"buttons": "x"}}}]}}]}}'];
  for (const [index, input] of inputs.entries()) {
    const uri = `file:///work/garbage-${index}.cm.json`;
    client.open(uri, input, 'cm-payload');
    await client.diagnostics(uri);
  }
  const uri = 'file:///work/after-garbage.json';
  client.open(uri, text(example('flow')));
  assert.deepEqual((await client.diagnostics(uri)).diagnostics, []);
  assert.equal(client.process.exitCode, null);
});

test('cmInteractive.validate.enable=false turns diagnostics off', async () => {
  const other = await LspClient.start();
  try {
    other.settings = { validate: { enable: false }, files: [] };
    const uri = 'file:///work/disabled.json';
    other.open(uri, text(mutated('list', (i) => (i.action.button = ''))));
    const published = await other.diagnostics(uri);
    assert.deepEqual(published.diagnostics, []);
  } finally {
    await other.stop();
  }
});

test('a product token written in the file is masked where a message quotes a field that holds it', async () => {
  const uri = 'file:///work/token-in-from.json';
  const token = '3f2a1b0c-9d8e-4f7a-b6c5-d4e3f2a1b0c9';
  client.open(uri, text(payloadWithTokenInFrom(token)));
  const published = await client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'ENV-FROM'));
  const from = published.diagnostics.find((d) => d.code === 'ENV-FROM')!;
  assert.match(String(from.message), /Sender "\*\*\*" is not valid/);
  for (const d of published.diagnostics) assert.ok(!String(d.message).includes(token), `${d.code}: ${d.message}`);
});
