// Bundles the extension client, the language server and the CLI with esbuild:
// one file each, so activation loads little and the VSIX ships no node_modules.
// shared/ (Send without VS Code) has no entry of its own: the client and the CLI bundle it.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
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
  // ESM builds of dependencies (fdir, under tinyglobby) call createRequire(import.meta.url),
  // which a CommonJS bundle must provide itself.
  define: { __VERSION__: JSON.stringify(version), 'import.meta.url': '__importMetaUrl' },
  banner: { js: "var __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};

/** `require('./features/all')` in service.ts stays a require, of the features bundle beside the server's. */
const lazyFeatures = {
  name: 'lazy-features',
  setup(build) {
    build.onResolve({ filter: /^\.\/features\/all$/ }, (args) =>
      args.importer.endsWith(join('server', 'src', 'service.ts')) ? { path: './server-features.js', external: true } : undefined,
    );
  },
};

/**
 * jsonc-parser's modules only declare functions and tables, but its package.json does not say
 * so (no "sideEffects": false), so every bundle would keep, and run at load, the formatter's
 * indentation tables (1,200 strings, ~120 KB made before anything is checked) whether it formats
 * or not. Marked free of side effects, a module none of a bundle's code uses is left out.
 */
const jsoncParserHasNoSideEffects = {
  name: 'jsonc-parser-has-no-side-effects',
  setup(build) {
    build.onResolve({ filter: /.*/ }, async (args) => {
      const fromJsoncParser = args.path === 'jsonc-parser' || /[\\/]node_modules[\\/]jsonc-parser[\\/]/.test(args.importer);
      if (!fromJsoncParser || args.pluginData?.jsoncParser) return undefined;
      const resolved = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { jsoncParser: true } });
      return resolved.errors.length ? undefined : { path: resolved.path, external: resolved.external, sideEffects: false };
    });
  },
};

/**
 * Node modules that vscode-languageserver requires at load but uses only in paths this server
 * never takes before its first diagnostics, if ever. The server runs with V8 heap flags
 * (serverNodeFlags), and any V8 flag turns off node's code cache for its own modules, so each one
 * loaded is compiled from source: crypto ~3.5 ms, child_process ~1.7 ms. They load when used.
 * - child_process: the Files helpers (resolving global node and yarn paths; never called here).
 * - crypto: pipe names (the --pipe transport) and the random ids of connection.client.register,
 *   progress and bulk registrations (language-server.ts registers with ids of its own).
 */
const NODE_MODULES_ON_FIRST_USE = [
  { module: 'child_process', importers: /[\\/]vscode-languageserver[\\/]lib[\\/]node[\\/]files\.js$/ },
  { module: 'crypto', importers: /[\\/]vscode-jsonrpc[\\/]lib[\\/]node[\\/](main|ril)\.js$/ },
];
const nodeModulesOnFirstUse = {
  name: 'node-modules-on-first-use',
  setup(build) {
    for (const { module, importers } of NODE_MODULES_ON_FIRST_USE) {
      build.onResolve({ filter: new RegExp(`^(node:)?${module}$`) }, (args) => (importers.test(args.importer) ? { path: module, namespace: 'on-first-use' } : undefined));
    }
    // Their importers read a function off the module only when they call it (`(0, crypto_1.randomUUID)()`).
    build.onLoad({ filter: /.*/, namespace: 'on-first-use' }, (args) => ({
      contents: `module.exports = new Proxy({}, { get: (_, name) => require('node:${args.path}')[name] });`,
      loader: 'js',
    }));
  },
};

// The schema validators are code generated from schemas/ (no compilation at start-up).
if (writeSchemaValidators()) console.log('shared/core/schema-validators.js regenerated from schemas/');

const entries = [
  { entryPoints: ['cli/src/cli.ts'], outfile: at('dist/cli.js'), external: ['playwright-core'] },
  // The server starts with what its first diagnostics need; the request features (service.ts
  // requires features/all.ts on the first request) are a bundle of their own beside it.
  { entryPoints: ['server/src/server.ts'], outfile: at('dist/server/server.js'), plugins: [lazyFeatures] },
  { entryPoints: ['server/src/features/all.ts'], outfile: at('dist/server/server-features.js') },
  // The library (`require('cm-interactive')`, not in the VSIX): the core and the renderer with their dependencies.
  ...(production ? [] : [{ entryPoints: ['shared/library.ts'], outfile: at('dist/lib/index.js'), sourcemap: false }]),
  // What activation loads: commands, preview and send, without the language client…
  { entryPoints: ['client/src/extension.ts'], outfile: at('dist/client/extension.js'), external: ['vscode'] },
  // …which is loaded from its own bundle once the first payload is open.
  { entryPoints: ['client/src/language/start-language-client.ts'], outfile: at('dist/client/language-client.js'), external: ['vscode'] },
  // …and so are the customer reply command and the webhook poster, on first use.
  { entryPoints: ['client/src/reply/reply-command.ts'], outfile: at('dist/client/reply.js'), external: ['vscode'] },
];

// The preview renderer runs in the webview and in the standalone page: browser bundles in media/.
const browser = { bundle: true, platform: 'browser', target: 'es2020', format: 'iife', sourcemap: false, minify: production, logLevel: 'warning' };
const pages = [
  { entryPoints: ['media/src/webview.ts'], outfile: at('media/webview.js') },
  { entryPoints: ['media/src/standalone.ts'], outfile: at('media/standalone.js') },
];

const plugins = [jsoncParserHasNoSideEffects, nodeModulesOnFirstUse];
const bundles = Promise.all([...entries.map((entry) => build({ ...common, ...entry, plugins: [...(entry.plugins ?? []), ...plugins] })), ...pages.map((page) => build({ ...browser, ...page }))]);
// The library's declarations and ESM entry; the VSIX (a --production build) has no use for them.
// The compiler works while esbuild (a process of its own) bundles.
const declarations = production ? {} : libDeclarations((await import('typescript')).default);
await bundles;
if (!production) {
  const lib = resolve(at('dist/lib'));
  mkdirSync(lib, { recursive: true });
  const names = Object.keys(createRequire(import.meta.url)(join(lib, 'index.js'))).filter((name) => name !== '__esModule');
  writeFileSync(join(lib, 'index.mjs'), `// The ES module entry: the CommonJS bundle's exports by name (one copy of the code).\nimport lib from './index.js';\n\nexport const { ${names.join(', ')} } = lib;\n`);
  for (const [file, text] of Object.entries(declarations)) writeFileSync(join(lib, file), text);
  writeFileSync(join(lib, 'index.d.mts'), "export * from './index.js';\n");
}

/**
 * dist/lib's index.d.ts and payload.d.ts (from shared/library.ts and shared/payload.ts), by the
 * TypeScript compiler. They must stand alone (the package ships no other declarations): an import of anything else fails the build.
 */
function libDeclarations(ts) {
  const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
  const options = {
    declaration: true, emitDeclarationOnly: true, strict: true, skipLibCheck: true, esModuleInterop: true, resolveJsonModule: true,
    target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.Preserve, moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts'], types: ['node'], rootDir: root, outDir: join(root, '.declarations'),
    // Declarations only: `npm run typecheck` checks the types, and skipping that here halves the time.
    noCheck: true,
  };
  const program = ts.createProgram([join(root, 'shared/library.ts')], options);
  const wanted = { [join(options.outDir, 'shared/library.d.ts')]: 'index.d.ts', [join(options.outDir, 'shared/payload.d.ts')]: 'payload.d.ts' };
  const out = {};
  // (emitSkipped is true whatever happens: the schemas' JSON has no declarations to emit.)
  const { diagnostics } = program.emit(undefined, (fileName, text) => {
    if (wanted[fileName]) out[wanted[fileName]] = text;
  });
  const all = [...program.getSyntacticDiagnostics(), ...program.getOptionsDiagnostics(), ...diagnostics];
  if (all.length > 0 || Object.keys(out).length !== 2) throw new Error(`library declarations: ${ts.formatDiagnostics(all, ts.createCompilerHost(options))}`);
  for (const [file, text] of Object.entries(out)) {
    const foreign = [...text.matchAll(/(?:from|import\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1]).filter((m) => m !== './payload');
    if (foreign.length > 0) throw new Error(`dist/lib/${file} would import ${foreign.join(', ')}: the library's public types must be declared in shared/payload.ts`);
  }
  return out;
}
