/** The built CLI as a real process: both formats, exit codes, unreadable file, syntax error. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { EXAMPLES, ROOT } from '../helpers/payloads';

const BIN = join(ROOT, 'bin', 'cm-interactive.js');
const dir = mkdtempSync(join(tmpdir(), 'cm-lint-'));

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: dir });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const tooLongTitle = join(dir, 'too-long.json');
writeFileSync(
  tooLongTitle,
  JSON.stringify({
    messages: { msg: [{ from: '00316098765432', to: [{ number: '00316012345678' }], body: { type: 'auto', content: 'x' }, allowedChannels: ['WhatsApp'],
      richContent: { conversation: [{ interactive: { type: 'button', body: { text: 'Deliver?' }, action: { buttons: [
        { type: 'reply', reply: { id: 'yes', title: 'Yes, deliver it to me!!' } },
      ] } } }] } }] },
  }, null, 2),
);
const broken = join(dir, 'broken.json');
writeFileSync(broken, '{\n  "messages": {\n    "msg": [\n  }\n');
const notPayload = join(dir, 'package.json');
writeFileSync(notPayload, '{ "name": "something-else" }');

test('the examples lint clean with exit code 0', () => {
  const files = readdirSync(EXAMPLES).map((f) => join(EXAMPLES, f));
  const { code, stdout } = run('lint', ...files);
  assert.equal(stdout, '');
  assert.equal(code, 0);
});

// Where the over-long title sits in the file, counted independently of the core.
const titleLines = readFileSync(tooLongTitle, 'utf8').split('\n');
const titleLine = titleLines.findIndex((line) => line.includes('"Yes, deliver it to me!!"'));
const titleColumn = titleLines[titleLine].indexOf('"Yes, deliver');

test('text format: file:line:col: severity code message, exit code 1', () => {
  const { code, stdout } = run('lint', tooLongTitle);
  assert.equal(code, 1);
  assert.equal(stdout, `${tooLongTitle}:${titleLine + 1}:${titleColumn + 1}: error BTN-TITLE Button title is 23 characters; WhatsApp allows at most 20\n`);
});

test('json format has exactly the documented shape', () => {
  const { code, stdout } = run('lint', '--format', 'json', tooLongTitle);
  assert.equal(code, 1);
  assert.deepEqual(JSON.parse(stdout), {
    files: [{
      file: tooLongTitle,
      diagnostics: [{
        severity: 'error',
        code: 'BTN-TITLE',
        message: 'Button title is 23 characters; WhatsApp allows at most 20',
        path: '/messages/msg/0/richContent/conversation/0/interactive/action/buttons/0/reply/title',
        range: { start: { line: titleLine, character: titleColumn }, end: { line: titleLine, character: titleColumn + 25 } },
      }],
    }],
  });
});

test('a syntax error is a JSON-SYNTAX error with an empty path', () => {
  const { code, stdout } = run('lint', '--format=json', broken);
  assert.equal(code, 1);
  const [file] = JSON.parse(stdout).files;
  assert.ok(file.diagnostics.length >= 1);
  assert.equal(file.diagnostics[0].code, 'JSON-SYNTAX');
  assert.equal(file.diagnostics[0].path, '');
  assert.equal(file.diagnostics[0].range.start.line, 3);
});

test('an unreadable file exits 2 with a clear message, the other files are still checked', () => {
  const { code, stdout, stderr } = run('lint', join(dir, 'missing.json'), tooLongTitle);
  assert.equal(code, 2);
  assert.match(stderr, /missing\.json: cannot read the file \(ENOENT\)/);
  assert.match(stdout, /BTN-TITLE/);
});

test('usage errors exit 2', () => {
  assert.equal(run().code, 2);
  assert.equal(run('lint').code, 2);
  assert.equal(run('lint', '--format', 'xml', tooLongTitle).code, 2);
  assert.equal(run('frobnicate').code, 2);
  const help = run('--help');
  assert.equal(help.code, 0);
  assert.match(help.stdout, /cm-interactive lint/);
});

test('a JSON file that is not a payload is skipped with a note', () => {
  const { code, stdout, stderr } = run('lint', notPayload);
  assert.equal(code, 0);
  assert.equal(stdout, '');
  assert.match(stderr, /not a CM payload/);
});

test('a *.cm.json file is a payload by its name: without top-level "messages" it is ENV-MSG (exit 1), named or found in a directory', () => {
  const folder = mkdtempSync(join(tmpdir(), 'cm-lint-name-'));
  const misspelt = join(folder, 'order.cm.json');
  writeFileSync(misspelt, JSON.stringify({ mesages: JSON.parse(readFileSync(join(EXAMPLES, 'list.json'), 'utf8')).messages }, null, 2));
  writeFileSync(join(folder, 'package.json'), '{ "name": "x" }');
  const named = run('lint', misspelt);
  assert.equal(named.code, 1);
  assert.match(named.stdout, /order\.cm\.json:1:1: error ENV-MSG Missing "messages"/);
  assert.doesNotMatch(named.stderr, /not a CM payload/);
  const found = run('lint', folder);
  assert.equal(found.code, 1);
  assert.match(found.stdout, /order\.cm\.json:\d+:\d+: error ENV-MSG Missing "messages"/);
  // Other JSON is still judged by its content: package.json is skipped and counted.
  assert.match(found.stderr, /^1 JSON file skipped: not CM payloads/m);
});
