// `prepare` (npm install in a checkout, npm pack, an install from git): `npm run build`.
//
// npm installs a package from git by preparing a clone (its devDependencies installed, this
// run) and packing it. Installed *globally* from git — `npm install -g git+…`, which is how
// pre-commit installs a `language: node` hook — npm runs that clone's install with the global
// flag still set, so the devDependencies go to the global folder and the build cannot find
// them (npm/cli#8440). Then they are installed here, locally, first.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.env.npm_execpath;
if (!existsSync(join(root, 'node_modules', 'esbuild')) && process.env.npm_config_global === 'true' && npm) {
  const { npm_config_global: _global, npm_config_location: _location, ...env } = process.env;
  execFileSync(process.execPath, [npm, 'install', '--include=dev', '--ignore-scripts', '--no-save', '--no-audit', '--no-fund'], { cwd: root, env, stdio: 'inherit' });
}
execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
