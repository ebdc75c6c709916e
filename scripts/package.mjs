// `npm run package [OUT.vsix]`: stage the extension in .vsix-stage/ with a production build
// (the working tree's dist/ is left alone), package it with @vscode/vsce (.vscodeignore
// decides: bundled output only), then print the size and the file list.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const out = resolve(process.argv[2] ?? join(root, `${name}-${version}.vsix`));
const stage = join(root, '.vsix-stage');
const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
const run = (args, cwd) => execFileSync(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });

rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
for (const item of ['package.json', '.vscodeignore', 'README.md', 'CHANGELOG.md', 'LICENSE', 'images', 'language-configuration.json', 'syntaxes', 'schemas', 'examples', 'walkthrough', 'media/preview.css']) {
  if (existsSync(join(root, item))) cpSync(join(root, item), join(stage, item), { recursive: true });
}
// The npm package's fields mean nothing to VS Code, and vsce refuses `files` beside .vscodeignore.
const { files: _files, exports: _exports, types: _types, ...manifest } = JSON.parse(readFileSync(join(stage, 'package.json'), 'utf8'));
writeFileSync(join(stage, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
run([join(root, 'scripts', 'build.mjs'), '--production', '--out-root', stage], root);
run([vsce, 'package', '--no-dependencies', '--out', out], stage);
const files = run([vsce, 'ls', '--no-dependencies'], stage).trim().split('\n');
const bytes = statSync(out).size;
console.log(`${out}: ${bytes} bytes (${(bytes / 1024).toFixed(0)} KB), ${files.length} files`);
for (const file of files) console.log(`  ${file}`);
