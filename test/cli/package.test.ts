/**
 * The npm package as a user gets it: `npm pack`, the tarball installed offline into a scratch
 * TypeScript project (and globally, as pre-commit installs a node hook), code compiled against
 * its declarations with the repository's own tsc (--strict, node16 and bundler resolution,
 * the library's declarations checked too) and run with node, through import and require.
 * Needs `npm run build` first; reaches no network (the package has no dependencies).
 */
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, before, test } from 'node:test';
import { parse } from 'yaml';
import { DocumentSymbolRequest, type DocumentSymbol } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lsp-client';
import { example, mutated, ROOT } from '../helpers/payloads';
import { readmeBlock } from '../helpers/readme';

const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
/** The environment without what an enclosing `npm test` sets (npm_config_*, npm_lifecycle_*). */
const ENV = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
const NPM_OFFLINE = ['--offline', '--no-audit', '--no-fund', '--no-update-notifier'];

let work: string;
let tarball: string;
let packed: { path: string; size: number }[];
let packedSize: number;
let scratch: string;

function run(command: string, args: string[], options: SpawnSyncOptions = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', env: ENV, ...options });
  return { code: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

function write(file: string, content: string): void {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, content);
}

before(() => {
  assert.ok(existsSync(join(ROOT, 'dist', 'lib', 'index.d.ts')), 'dist/lib is missing: run `npm run build` first');
  work = mkdtempSync(join(tmpdir(), 'cm-package-'));
  // Built already (the tier runs after `npm run build`): pack what is there.
  const pack = run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: ROOT });
  assert.equal(pack.code, 0, pack.stderr);
  const [info] = JSON.parse(pack.stdout);
  tarball = join(work, info.filename);
  packed = info.files;
  packedSize = info.size;

  scratch = join(work, 'bot');
  write(join(scratch, 'package.json'), JSON.stringify({ name: 'bot', version: '1.0.0', private: true }));
  const install = run('npm', ['install', tarball, ...NPM_OFFLINE], { cwd: scratch });
  assert.equal(install.code, 0, install.stderr);
});

after(() => rmSync(work, { recursive: true, force: true }));

test('the tarball holds only what a user needs: the bins and what they load, the library, the renderer\'s files, the schemas', () => {
  assert.deepEqual(packed.map((f) => f.path).sort(), [
    'CHANGELOG.md', 'LICENSE', 'README.md',
    'bin/cm-interactive-language-server.js', 'bin/cm-interactive.js',
    'dist/cli.js',
    'dist/lib/index.d.mts', 'dist/lib/index.d.ts', 'dist/lib/index.js', 'dist/lib/index.mjs', 'dist/lib/payload.d.ts',
    'dist/server/server-features.js', 'dist/server/server.js',
    'media/preview.css', 'media/standalone.js',
    'package.json',
    'schemas/cm-envelope.schema.json',
    'schemas/cm-inbound-webhook.schema.json', 'schemas/interactive.schema.json',
  ]);
  assert.ok(packedSize < 600 * 1024, `the tarball is ${packedSize} bytes`);
  const manifest = JSON.parse(readFileSync(join(scratch, 'node_modules', 'cm-interactive', 'package.json'), 'utf8'));
  assert.equal(manifest.dependencies, undefined, 'everything is bundled: no runtime dependencies');
  assert.equal(manifest.private, undefined);
});

/** The scratch project's programs: the README's example, a list message built with the types, one that must not compile. */
const PROGRAMS = {
  // No @types/node in the scratch project: the declarations must stand alone.
  'src/console.d.ts': 'declare const console: { log(...values: unknown[]): void };\n',
  'src/readme.mts': `${readmeBlock('Use from code', 'ts', "from 'cm-interactive'")}\nconsole.log(JSON.stringify({ readme: report.valid }));\n`,
  'src/main.mts': `
import { render, validate, RULES, type CmRequest, type ListMessage, type ListRow, type Problem } from 'cm-interactive';

const rows: ListRow[] = ['09:00', '14:00'].map((time, i) => ({ id: \`slot-\${i}\`, title: \`Tuesday \${time}\` }));
const list = (title: string): ListMessage => ({
  type: 'list',
  header: { type: 'text', text: 'Book your appointment' },
  body: { text: 'Pick a time slot for your bike service.' },
  action: { button: 'View time slots', sections: [{ title, rows }] },
});
const request = (interactive: ListMessage): CmRequest => ({
  messages: {
    authentication: { productToken: '0a1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d' },
    msg: [{
      from: '00316098765432',
      to: [{ number: '00316012345678' }],
      body: { type: 'auto', content: 'Pick a time slot' },
      allowedChannels: ['WhatsApp'],
      richContent: { conversation: [{ interactive }] },
    }],
  },
});
const good = request(list('Tuesday 3 March'));
const bad = request(list('A section title far longer than WhatsApp allows'));
const brief = (p: Problem) => ({ code: p.code, severity: p.severity, pointer: p.pointer, docsUrl: p.docsUrl, line: p.line });
const page = render(good, { title: 'Bike service' });
console.log(JSON.stringify({
  good: { valid: validate(good).valid, errors: validate(good).errors.map(brief), warnings: validate(good).warnings.map(brief) },
  bad: { valid: validate(bad).valid, errors: validate(bad).errors.map(brief) },
  badText: validate(JSON.stringify(bad, null, 2)).errors.map(brief),
  badBytes: validate(Uint8Array.from(JSON.stringify(bad, null, 2), (c) => c.charCodeAt(0))).errors.map(brief),
  notJson: validate('{ "messages": ').errors.map((p) => p.code),
  rule: RULES['LIST-SECTION-TITLE'].severity,
  page: { html: page.startsWith('<!DOCTYPE html>'), title: page.includes('Bike service — WhatsApp preview'), token: page.includes('0a1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d') },
}));
`,
  'src/cjs.cts': `
import { validate, type CmRequest } from 'cm-interactive';
const empty: CmRequest = { messages: { msg: [] } };
console.log(JSON.stringify({ cjs: validate(empty).errors.map((p) => p.code) }));
`,
  'src/wrong.mts': `
import type { CmRequest } from 'cm-interactive';
export const wrong: CmRequest = { messages: { msg: [{ from: '00316098765432', to: [{ number: '00316012345678' }], body: { type: 'auto', content: 'x' },
  richContent: { conversation: [{ interactive: { type: 'bogus', body: { text: 'Hi' }, action: { name: 'send_location' } } }] } }] } };
`,
  'plain.cjs': `
const lib = require('cm-interactive');
const schema = require('cm-interactive/schemas/cm-envelope.schema.json');
const { version } = require('cm-interactive/package.json');
console.log(JSON.stringify({ exports: Object.keys(lib).sort(), schema: schema.title, version, valid: lib.validate(process.argv[2] ? require('fs').readFileSync(process.argv[2], 'utf8') : '{}').valid }));
console.log(JSON.stringify({ bytes: lib.validate(require('fs').readFileSync(process.argv[2])).valid }));
`,
};

const STRICT = { strict: true, target: 'es2022', lib: ['es2022'], types: [], skipLibCheck: false, noEmitOnError: true };

function compile(config: string, compilerOptions: Record<string, unknown>, files: string[]) {
  write(join(scratch, config), JSON.stringify({ compilerOptions: { ...STRICT, ...compilerOptions }, files }));
  return run(process.execPath, [TSC, '-p', config], { cwd: scratch });
}

test('a TypeScript back-end compiles against the types (--strict, node16) and validates and renders through import and require', () => {
  for (const [file, text] of Object.entries(PROGRAMS)) write(join(scratch, file), text);
  const built = compile('tsconfig.json', { module: 'node16', moduleResolution: 'node16', outDir: 'out' }, ['src/console.d.ts', 'src/readme.mts', 'src/main.mts', 'src/cjs.cts']);
  assert.equal(built.code, 0, built.stdout + built.stderr);

  const readme = run(process.execPath, ['out/readme.mjs'], { cwd: scratch });
  assert.equal(readme.code, 0, readme.stderr);
  assert.deepEqual(JSON.parse(readme.stdout), { readme: true });

  const main = run(process.execPath, ['out/main.mjs'], { cwd: scratch });
  assert.equal(main.code, 0, main.stderr);
  const out = JSON.parse(main.stdout);
  const docs = 'https://github.com/cm-interactive/cm-interactive/blob/main/docs/rules.md';
  assert.deepEqual(out.good, {
    valid: true,
    errors: [],
    warnings: [{ code: 'ENV-TOKEN-IN-FILE', severity: 'warning', pointer: '/messages/authentication/productToken', docsUrl: `${docs}#env-token-in-file` }],
  });
  const sectionTitle = '/messages/msg/0/richContent/conversation/0/interactive/action/sections/0/title';
  assert.deepEqual(out.bad, { valid: false, errors: [{ code: 'LIST-SECTION-TITLE', severity: 'error', pointer: sectionTitle, docsUrl: `${docs}#list-section-title` }] });
  assert.equal(out.badText.length, 1);
  assert.equal(typeof out.badText[0].line, 'number');
  // The file's bytes (fs.readFileSync without an encoding) are typed and checked as its text.
  assert.deepEqual(out.badBytes, out.badText);
  assert.deepEqual(out.notJson, ['JSON-SYNTAX']);
  assert.equal(out.rule, 'error');
  assert.deepEqual(out.page, { html: true, title: true, token: false });

  const cjs = run(process.execPath, ['out/cjs.cjs'], { cwd: scratch });
  assert.equal(cjs.code, 0, cjs.stderr);
  assert.deepEqual(JSON.parse(cjs.stdout), { cjs: ['ENV-MSG'] });
});

test('with bundler resolution too; and a payload of an unknown kind does not compile', () => {
  const bundler = compile('tsconfig.bundler.json', { module: 'preserve', moduleResolution: 'bundler', noEmit: true }, ['src/console.d.ts', 'src/main.mts', 'src/readme.mts']);
  assert.equal(bundler.code, 0, bundler.stdout + bundler.stderr);
  const wrong = compile('tsconfig.wrong.json', { module: 'node16', moduleResolution: 'node16', noEmit: true }, ['src/wrong.mts']);
  assert.equal(wrong.code, 2, wrong.stdout);
  assert.match(wrong.stdout, /src\/wrong\.mts.*error TS2322: Type '"bogus"' is not assignable/);
});

test('plain require(): the API, the schemas and package.json by their export paths', () => {
  write(join(scratch, 'good.json'), JSON.stringify(example('list')));
  const plain = run(process.execPath, ['plain.cjs', 'good.json'], { cwd: scratch });
  assert.equal(plain.code, 0, plain.stderr);
  const [api, bytes] = plain.stdout.trim().split('\n');
  assert.deepEqual(JSON.parse(api), { exports: ['RULES', 'render', 'validate'], schema: 'CM.com Business Messaging request', version, valid: true });
  assert.deepEqual(JSON.parse(bytes), { bytes: true });
});

test('the installed bins: cm-interactive lint and the language server work from the package alone', async () => {
  const bin = join(scratch, 'node_modules', '.bin');
  write(join(scratch, 'payloads', 'good.json'), JSON.stringify(example('list'), null, 2));
  write(join(scratch, 'payloads', 'bad.json'), JSON.stringify(mutated('reply-buttons', (i) => (i.action.buttons[0].reply.title = 'Yes, deliver it to me!!')), null, 2));
  const lint = run(join(bin, 'cm-interactive'), ['lint', 'payloads'], { cwd: scratch });
  assert.equal(lint.code, 1, lint.stderr);
  assert.match(lint.stdout, /^payloads\/bad\.json:\d+:\d+: error BTN-TITLE /m);
  assert.equal(run(join(bin, 'cm-interactive'), ['--version']).stdout, `${version}\n`);
  // The language server, through the installed bin, as another editor starts it.
  const client = await LspClient.start({ args: [join(scratch, 'node_modules', 'cm-interactive', 'bin', 'cm-interactive-language-server.js'), '--stdio'] });
  try {
    const uri = 'file:///bot/payloads/bad.json';
    client.open(uri, readFileSync(join(scratch, 'payloads', 'bad.json'), 'utf8'));
    const { diagnostics } = await client.diagnostics(uri, (p) => p.diagnostics.length > 0);
    assert.deepEqual(diagnostics.map((d) => d.code), ['BTN-TITLE']);
    // A request loads the features bundle beside the server's (dist/server/server-features.js).
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    assert.deepEqual(symbols.map((s) => s.name), ['Message 1']);
  } finally {
    await client.stop();
  }
});

test('the pre-commit hook, installed as pre-commit installs a node hook (npm install -g of the package), run on the staged files its `files` selects', () => {
  const [hook] = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8'));
  const prefix = join(work, 'pre-commit-env');
  const install = run('npm', ['install', '--global', '--prefix', prefix, tarball, ...NPM_OFFLINE], { cwd: work });
  assert.equal(install.code, 0, install.stderr);
  const repo = join(work, 'repo');
  write(join(repo, 'payloads', 'good.cm.json'), JSON.stringify(example('flow'), null, 2));
  write(join(repo, 'payloads', 'bad.json'), JSON.stringify(mutated('list', (i) => (i.action.button = 'A button text that is far too long')), null, 2));
  write(join(repo, 'package.json'), JSON.stringify({ name: 'bot' }));
  write(join(repo, 'README.md'), '# bot\n');
  // pre-commit: the entry split like a shell, its args, then the staged files that `files` matches.
  const files = new RegExp(hook.files);
  const runHook = (staged: string[]) => {
    const [command, ...args] = hook.entry.split(' ');
    return run(command, [...args, ...(hook.args ?? []), ...staged.filter((f) => files.test(f))], {
      cwd: repo,
      env: { ...ENV, PATH: `${join(prefix, 'bin')}${delimiter}${ENV.PATH}` },
    });
  };
  const clean = runHook(['payloads/good.cm.json', 'package.json', 'README.md']);
  assert.equal(clean.code, 0, clean.stdout + clean.stderr);
  assert.equal(clean.stdout, '');
  assert.match(clean.stderr, /^package\.json: not a CM payload/m);
  const failing = runHook(['payloads/good.cm.json', 'payloads/bad.json', 'README.md']);
  assert.equal(failing.code, 1);
  assert.match(failing.stdout, /^payloads\/bad\.json:\d+:\d+: error LIST-BUTTON /m);
  assert.doesNotMatch(failing.stdout + failing.stderr, /README/);
});
