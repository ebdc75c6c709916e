// `npm start`: the product end to end with no CM account — code-server (real VS Code) with the
// packaged extension, the examples folder, and the local CM-like gateway preconfigured.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const demo = join(root, '.vscode-test', 'demo');
const port = Number(process.env.PORT ?? 8080);
const gatewayPort = Number(process.env.GATEWAY_PORT ?? 8787);
const codeServer = join(root, '.vscode-test', 'code-server', 'node_modules', '.bin', 'code-server');
const step = (text) => process.stdout.write(`• ${text}\n`);

step('Installing code-server (real VS Code, offline) if needed…');
execFileSync('bash', [join(root, 'scripts', 'install-code-server.sh')], { stdio: ['ignore', 'ignore', 'inherit'] });

step('Packaging and installing the extension…');
mkdirSync(join(demo, 'user-data', 'User'), { recursive: true });
const vsix = join(demo, 'cm-interactive.vsix');
execFileSync(process.execPath, [join(root, 'scripts', 'package.mjs'), vsix], { stdio: ['ignore', 'ignore', 'inherit'] });
execFileSync(codeServer, ['--extensions-dir', join(demo, 'extensions'), '--user-data-dir', join(demo, 'user-data'), '--install-extension', vsix, '--force'], { stdio: ['ignore', 'ignore', 'inherit'] });

const gatewayUrl = `http://127.0.0.1:${gatewayPort}/v1.0/message`;
const settings = join(demo, 'user-data', 'User', 'settings.json');
if (!existsSync(settings)) {
  writeFileSync(settings, JSON.stringify({
    'cmInteractive.gateway.url': gatewayUrl,
    'cmInteractive.testRecipients': ['00316012345678'],
    'workbench.startupEditor': 'none',
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
  }, null, 2));
}

step('Starting the local CM-like gateway…');
const gateway = spawn(process.execPath, ['--import', 'tsx', join(root, 'test', 'gateway', 'cm-gateway.ts'), String(gatewayPort)], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
step('Starting code-server…');
const server = spawn(codeServer, [
  '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
  '--user-data-dir', join(demo, 'user-data'), '--extensions-dir', join(demo, 'extensions'), join(root, 'examples'),
], { stdio: ['ignore', 'pipe', 'inherit'] });
server.stdout.on('data', (chunk) => {
  if (/HTTP server listening/.test(String(chunk))) {
    process.stdout.write(`\nOpen http://127.0.0.1:${port}/?folder=${encodeURIComponent(join(root, 'examples'))}\n`);
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
