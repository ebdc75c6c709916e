/**
 * `cm-interactive lint` as a CI linter, run as a real process on a real tree of files:
 * directories and globs, SARIF (validated against the SARIF 2.1.0 schema), GitHub workflow
 * commands, --max-warnings, --quiet, and the summary line on a terminal only.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import Ajv from 'ajv-draft-04';
import type * as Sarif from 'sarif';
import { RULES } from '../../shared/core/catalogue';
import { BIN } from '../helpers/cli';
import { example, mutated, ROOT } from '../helpers/payloads';

let tree: string;
const text = (value: unknown) => JSON.stringify(value, null, 2);
const tooLong = text(mutated('reply-buttons', (i) => (i.action.buttons[0].reply.title = 'Yes, deliver it to me!!')));
const withWarning = text(mutated('list', (_i, p) => (p.messages.msg[0].to[0].number = '+31 6 12345678')));

function write(relative: string, content: string): void {
  mkdirSync(dirname(join(tree, relative)), { recursive: true });
  writeFileSync(join(tree, relative), content);
}

function lint(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, 'lint', ...args], { cwd: tree, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

before(() => {
  tree = mkdtempSync(join(tmpdir(), 'cm-lint-tree-'));
  write('payloads/ok.json', text(example('list')));
  write('payloads/orders/too-long.cm.json', tooLong);
  write('payloads/orders/warned.json', withWarning);
  write('package.json', text({ name: 'bot', version: '1.0.0' }));
  write('payloads/tsconfig.json', text({ compilerOptions: {} }));
  // Never searched, even though they hold payloads with errors.
  write('node_modules/some-lib/payload.json', tooLong);
  write('.git/payload.json', tooLong);
  write('empty/readme.txt', 'no JSON here');
});

after(() => rmSync(tree, { recursive: true, force: true }));

test('a directory: its JSON payloads are checked, other JSON is skipped and counted, node_modules and .git are never searched', () => {
  const { code, stdout, stderr } = lint('.');
  assert.equal(code, 1, stderr);
  const files = new Set(stdout.trim().split('\n').map((line) => line.split(':')[0]));
  assert.deepEqual([...files].sort(), ['payloads/orders/too-long.cm.json', 'payloads/orders/warned.json']);
  assert.doesNotMatch(stdout, /node_modules|\.git/);
  assert.match(stderr, /^2 JSON files skipped: not CM payloads/m);
});

test('glob patterns are expanded (quoted, as CI configs pass them), and a pattern that matches nothing is a usage error', () => {
  const cm = lint('payloads/**/*.cm.json');
  assert.equal(cm.code, 1);
  assert.deepEqual(cm.stdout.trim().split('\n').map((l) => l.split(':')[0]), ['payloads/orders/too-long.cm.json']);
  const none = lint('nothing/**/*.json');
  assert.equal(none.code, 2);
  assert.match(none.stderr, /nothing\/\*\*\/\*\.json: no JSON files found/);
  const empty = lint('empty');
  assert.equal(empty.code, 2);
  assert.match(empty.stderr, /empty: no JSON files found/);
});

test('a file named on the command line is always checked, even when it is not a payload', () => {
  const { code, stderr } = lint('package.json');
  assert.equal(code, 0);
  assert.match(stderr, /package\.json: not a CM payload/);
});

test('--format sarif: valid SARIF 2.1.0, one rule per rule id with a help link, results with exact regions', () => {
  const { code, stdout } = lint('--format', 'sarif', 'payloads');
  assert.equal(code, 1);
  const log: Sarif.Log = JSON.parse(stdout);
  const schema = JSON.parse(readFileSync(join(ROOT, 'test', 'schemas', 'sarif-2.1.0-rtm.5.schema.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
  const valid = ajv.validate(schema, log);
  assert.ok(valid, JSON.stringify(ajv.errors?.slice(0, 5), null, 2));
  const run = log.runs[0] as any;
  assert.equal(run.tool.driver.rules.length, Object.keys(RULES).length);
  const btnTitle = run.tool.driver.rules.find((r: { id: string }) => r.id === 'BTN-TITLE');
  assert.equal(btnTitle.helpUri, 'https://github.com/cm-interactive/cm-interactive/blob/main/docs/rules.md#btn-title');
  assert.equal(btnTitle.shortDescription.text, RULES['BTN-TITLE'].summary);
  const result = run.results.find((r: { ruleId: string }) => r.ruleId === 'BTN-TITLE');
  assert.equal(result.level, 'error');
  assert.equal(run.tool.driver.rules[result.ruleIndex].id, 'BTN-TITLE');
  const { artifactLocation, region } = result.locations[0].physicalLocation;
  assert.equal(artifactLocation.uri, 'payloads/orders/too-long.cm.json');
  // The region is exactly the title string in the file (1-based lines and columns).
  const line = tooLong.split('\n')[region.startLine - 1];
  assert.equal(region.endLine, region.startLine);
  assert.equal(line.slice(region.startColumn - 1, region.endColumn - 1), '"Yes, deliver it to me!!"');
  const levels = new Set(run.results.map((r: { level: string }) => r.level));
  assert.ok(levels.has('warning'), 'warnings are results too');
});

test('--format github: one workflow command per problem, properties and data escaped as the runner expects', () => {
  write('odd/a,b:c.json', tooLong);
  try {
    const { code, stdout } = lint('--format', 'github', 'odd', 'payloads/orders/warned.json');
    assert.equal(code, 1);
    const lines = stdout.trim().split('\n');
    const titleLine = tooLong.split('\n').findIndex((l) => l.includes('"Yes, deliver it to me!!"'));
    const col = tooLong.split('\n')[titleLine].indexOf('"Yes, deliver it to me!!"') + 1;
    assert.equal(lines[0], `::error file=odd/a%2Cb%3Ac.json,line=${titleLine + 1},col=${col},endLine=${titleLine + 1},endColumn=${col + 25},title=BTN-TITLE::Button title is 23 characters; WhatsApp allows at most 20`);
    assert.ok(lines.slice(1).every((l) => /^::(warning|notice) file=payloads\/orders\/warned\.json,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[A-Z-]+::/.test(l)), lines.join('\n'));
  } finally {
    rmSync(join(tree, 'odd'), { recursive: true, force: true });
  }
});

test('--max-warnings fails above N warnings; --quiet shows errors only', () => {
  const warnedOnly = 'payloads/orders/warned.json';
  assert.equal(lint(warnedOnly).code, 0, 'warnings alone pass');
  const strict = lint('--max-warnings', '0', warnedOnly);
  assert.equal(strict.code, 1);
  assert.match(strict.stderr, /more than --max-warnings 0/);
  assert.equal(lint('--max-warnings=5', warnedOnly).code, 0);
  assert.equal(lint('--max-warnings', 'x', warnedOnly).code, 2);
  const quiet = lint('--quiet', 'payloads');
  assert.equal(quiet.code, 1);
  assert.ok(quiet.stdout.trim().split('\n').every((l) => / error /.test(l)), quiet.stdout);
});

test('on a terminal a closing summary line; in a pipe the output is the report alone', () => {
  const piped = lint('payloads');
  assert.doesNotMatch(piped.stdout, /files? checked/);
  // `script` gives the CLI a pseudo-terminal, as when a person runs it.
  const terminal = spawnSync('script', ['-qec', `${process.execPath} ${BIN} lint payloads`, '/dev/null'], { cwd: tree, encoding: 'utf8' });
  assert.equal(terminal.status, 1, terminal.stderr);
  assert.match(terminal.stdout, /\n3 files checked, 1 error, \d+ warnings?(, \d+ information)?, 1 skipped \(not CM payloads\)\r?\n$/);
});
