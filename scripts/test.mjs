// The test tiers, run by Node's own test runner in one process (one closing summary):
//   node scripts/test.mjs unit integration e2e
// unit         in-process, no child processes: the core, the rules, the docs (seconds)
// integration  the built CLI and language server as processes, the loopback gateway, Chromium
// e2e          real VS Code (code-server) with the packaged extension, and `npm start`
// Extra arguments after the tiers go to `node --test` (e.g. --test-name-pattern=BTN).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TIERS = {
  unit: ['unit'],
  integration: ['cli', 'lsp', 'send', 'fuzz', 'reliability', 'browser'],
  e2e: ['vscode'],
};

const args = process.argv.slice(2);
const tiers = args.filter((arg) => arg in TIERS);
const passThrough = args.filter((arg) => !(arg in TIERS));
if (tiers.length === 0) {
  process.stderr.write(`usage: node scripts/test.mjs ${Object.keys(TIERS).join('|')} [...] [node --test options]\n`);
  process.exit(2);
}
const files = tiers.flatMap((tier) => TIERS[tier]).flatMap((folder) =>
  readdirSync(join(root, 'test', folder)).filter((name) => name.endsWith('.test.ts')).sort().map((name) => join('test', folder, name)),
);
const run = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...passThrough, ...files], { cwd: root, stdio: 'inherit' });
process.exit(run.status ?? 1);
