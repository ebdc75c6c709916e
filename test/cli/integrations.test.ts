/**
 * The ready-made integrations as far as this machine can run them: the README's GitHub
 * Actions workflow (parsed; its lint step run as the runner's bash runs it, on a small tree,
 * writing SARIF that the 2.1.0 schema accepts) and the pre-commit hook definition with the
 * README's config for it. test/cli/package.test.ts runs the hook as pre-commit installs it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import Ajv from 'ajv-draft-04';
import type * as Sarif from 'sarif';
import { parse } from 'yaml';
import { BIN } from '../helpers/cli';
import { example, mutated, ROOT } from '../helpers/payloads';
import { readmeBlock } from '../helpers/readme';

const tree = mkdtempSync(join(tmpdir(), 'cm-integrations-'));
after(() => rmSync(tree, { recursive: true, force: true }));

function write(relative: string, content: string): void {
  mkdirSync(dirname(join(tree, relative)), { recursive: true });
  writeFileSync(join(tree, relative), content);
}

interface Step { name?: string; uses?: string; run?: string; if?: string; with?: Record<string, string> }

test('the README workflow: permissions for code scanning, a lint step writing SARIF, an upload of that file even after lint failed', () => {
  const workflow = parse(readmeBlock('Use in CI', 'yaml', 'upload-sarif'));
  assert.equal(workflow.permissions['security-events'], 'write');
  assert.ok(workflow.on.pull_request !== undefined && workflow.on.push !== undefined);
  const steps: Step[] = workflow.jobs.lint.steps;
  assert.ok(steps.some((s) => s.uses?.startsWith('actions/checkout@')));
  assert.ok(steps.some((s) => s.uses?.startsWith('actions/setup-node@') && Number(s.with?.['node-version']) >= 20));
  const lint = steps.findIndex((s) => s.run?.startsWith('npx cm-interactive lint --format sarif'));
  const upload = steps.findIndex((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
  assert.ok(lint >= 0 && upload > lint, 'lint, then upload');
  const sarifFile = /> (\S+)$/.exec(steps[lint].run!)?.[1];
  assert.equal(steps[upload].with?.sarif_file, sarifFile);
  // lint exits 1 on errors, which fails its step: the upload must run anyway.
  assert.match(steps[upload].if ?? '', /always\(\)|!cancelled\(\)|failure\(\)/);
});

test('the README workflow\'s lint line, run as the runner runs it (bash -eo pipefail), writes valid SARIF for the tree', () => {
  const workflow = parse(readmeBlock('Use in CI', 'yaml', 'upload-sarif'));
  const line: string = workflow.jobs.lint.steps.find((s: Step) => s.run?.startsWith('npx cm-interactive')).run;
  write('payloads/orders/ok.json', JSON.stringify(example('list'), null, 2));
  write('payloads/orders/too-long.json', JSON.stringify(mutated('reply-buttons', (i) => (i.action.buttons[0].reply.title = 'Yes, deliver it to me!!')), null, 2));
  write('payloads/tsconfig.json', '{ "compilerOptions": {} }');
  write('src/not-linted.json', JSON.stringify(mutated('list', (i) => (i.type = 'bogus'))));
  // `npx cm-interactive` is the bin of the devDependency; here the repository's own.
  const command = line.replace(/^npx cm-interactive /, `"${process.execPath}" "${BIN}" `);
  const run = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', command], { cwd: tree, encoding: 'utf8' });
  assert.equal(run.status, 1, `errors fail the step: ${run.stderr}`);
  const log: Sarif.Log = JSON.parse(readFileSync(join(tree, /> (\S+)$/.exec(line)![1]), 'utf8'));
  const schema = JSON.parse(readFileSync(join(ROOT, 'test', 'schemas', 'sarif-2.1.0-rtm.5.schema.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
  assert.ok(ajv.validate(schema, log), JSON.stringify(ajv.errors?.slice(0, 5), null, 2));
  const results = log.runs[0].results ?? [];
  assert.deepEqual(results.map((r) => [r.ruleId, r.locations?.[0].physicalLocation?.artifactLocation?.uri]), [['BTN-TITLE', 'payloads/orders/too-long.json']]);
});

test('.pre-commit-hooks.yaml: one node hook, cm-interactive-lint, running the package\'s bin on JSON files; the README config names it', () => {
  const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8'));
  assert.equal(hooks.length, 1);
  const [hook] = hooks;
  assert.equal(hook.id, 'cm-interactive-lint');
  assert.equal(hook.language, 'node');
  assert.ok(hook.name && hook.description);
  const [command, subcommand] = hook.entry.split(' ');
  assert.ok(command in JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).bin);
  assert.equal(subcommand, 'lint');
  // pre-commit matches `files` with Python's re.search against paths relative to the repository.
  const files = new RegExp(hook.files);
  for (const path of ['a.json', 'payloads/orders/x.cm.json', '.vscode/settings.json']) assert.ok(files.test(path), path);
  for (const path of ['a.jsonc', 'a.json.bak', 'README.md', 'json/notes.txt']) assert.ok(!files.test(path), path);

  const config = parse(readmeBlock('Use in CI', 'yaml', 'repos:'));
  const [repo] = config.repos;
  assert.equal(repo.repo, JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).repository.url);
  assert.deepEqual(repo.hooks.map((h: { id: string }) => h.id), ['cm-interactive-lint']);
});
