// Bundles the extension client, the language server and the CLI with esbuild:
// one file each, so activation loads little and the VSIX ships no node_modules.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { writeSchemaValidators } from './schema-validators.mjs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const production = process.argv.includes('--production');
// `--out-root DIR`: write every bundle under DIR (the VSIX staging folder) instead of here.
const outRootIndex = process.argv.indexOf('--out-root');
const outRoot = outRootIndex > 0 ? process.argv[outRootIndex + 1] : '.';
const at = (file) => `${outRoot}/${file}`;
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // jsonc-parser's UMD build hides its requires from the bundler; its ESM build does not.
  mainFields: ['module', 'main'],
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  define: { __VERSION__: JSON.stringify(version) },
};

// The schema validators are code generated from schemas/ (no compilation at start-up).
if (writeSchemaValidators()) console.log('server/src/core/schema-validators.js regenerated from schemas/');

const entries = [
  { entryPoints: ['server/src/cli.ts'], outfile: at('dist/cli.js'), external: ['playwright-core'] },
  { entryPoints: ['server/src/server.ts'], outfile: at('dist/server/server.js') },
  // What activation loads: commands, preview and send, without the language client…
  { entryPoints: ['client/src/extension.ts'], outfile: at('dist/client/extension.js'), external: ['vscode'] },
  // …which is loaded from its own bundle once the first payload is open.
  { entryPoints: ['client/src/language/start-language-client.ts'], outfile: at('dist/client/language-client.js'), external: ['vscode'] },
];

// The preview renderer runs in the webview and in the standalone page: browser bundles in media/.
const browser = { bundle: true, platform: 'browser', target: 'es2020', format: 'iife', sourcemap: false, minify: production, logLevel: 'warning' };
const pages = [
  { entryPoints: ['media/src/webview.ts'], outfile: at('media/webview.js') },
  { entryPoints: ['media/src/standalone.ts'], outfile: at('media/standalone.js') },
];

await Promise.all([...entries.map((entry) => build({ ...common, ...entry })), ...pages.map((page) => build({ ...browser, ...page }))]);
