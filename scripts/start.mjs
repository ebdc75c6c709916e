// `npm start`: the product end to end with no CM account — code-server (real VS Code) with the
// packaged extension, a scratch copy of the examples, and the local CM-like gateway.
//
// The demo never touches the checkout: the examples are copied into a scratch workspace under
// .vscode-test/ (ignored by git; CM_DEMO_DIR moves it), so autosave writes there. Files you
// changed there are kept between starts; delete the folder to start over. The gateway URL is
// written into the workspace settings on every start, so Send always reaches this run's gateway.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const demo = resolve(process.env.CM_DEMO_DIR ?? join(root, '.vscode-test', 'demo'));
const workspace = join(demo, 'workspace');
const port = Number(process.env.PORT ?? 8080);
const gatewayPort = Number(process.env.GATEWAY_PORT ?? 8787);
const codeServer = join(root, '.vscode-test', 'code-server', 'node_modules', '.bin', 'code-server');
const step = (text) => process.stdout.write(`• ${text}\n`);

/** Settings file `path` with `values` written over whatever it held (a broken file is replaced). */
function writeSettings(path, values) {
  let current = {};
  try {
    current = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    current = {};
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify({ ...current, ...values }, null, 2)}\n`);
}

step('Installing code-server (real VS Code, offline) if needed…');
execFileSync('bash', [join(root, 'scripts', 'install-code-server.sh')], { stdio: ['ignore', 'ignore', 'inherit'] });

step('Packaging and installing the extension…');
mkdirSync(join(demo, 'user-data', 'User'), { recursive: true });
const vsix = join(demo, 'cm-interactive.vsix');
execFileSync(process.execPath, [join(root, 'scripts', 'package.mjs'), vsix], { stdio: ['ignore', 'ignore', 'inherit'] });
execFileSync(codeServer, ['--extensions-dir', join(demo, 'extensions'), '--user-data-dir', join(demo, 'user-data'), '--install-extension', vsix, '--force'], { stdio: ['ignore', 'ignore', 'inherit'] });

step(`Copying the examples into ${workspace} (your edits there are kept)…`);
mkdirSync(workspace, { recursive: true });
for (const name of readdirSync(join(root, 'examples'))) {
  if (!existsSync(join(workspace, name))) copyFileSync(join(root, 'examples', name), join(workspace, name));
}
const gatewayUrl = `http://127.0.0.1:${gatewayPort}/v1.0/message`;
writeSettings(join(workspace, '.vscode', 'settings.json'), {
  'cmInteractive.gateway.url': gatewayUrl,
  'cmInteractive.testRecipients': ['00316012345678'],
});
writeSettings(join(demo, 'user-data', 'User', 'settings.json'), {
  'cmInteractive.gateway.url': gatewayUrl,
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
});

step('Starting the local CM-like gateway…');
const gateway = spawn(process.execPath, ['--import', 'tsx', join(root, 'test', 'gateway', 'cm-gateway.ts'), String(gatewayPort)], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
step('Starting code-server…');
const server = spawn(codeServer, [
  '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
  '--user-data-dir', join(demo, 'user-data'), '--extensions-dir', join(demo, 'extensions'), workspace,
], { stdio: ['ignore', 'pipe', 'inherit'] });
server.stdout.on('data', (chunk) => {
  if (/HTTP server listening/.test(String(chunk))) {
    process.stdout.write(`\nOpen http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}\n`);
    process.stdout.write('Send works against the local gateway: store any GUID as the product token (CM: Set Product Token), e.g. 00000000-0000-0000-0000-000000000000.\nPress Ctrl+C to stop.\n');
  }
});

const stop = () => {
  server.kill();
  gateway.kill();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.on('exit', (code) => {
  gateway.kill();
  process.exitCode = code ?? 0;
});
