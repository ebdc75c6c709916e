/**
 * The same real-VS-Code suite under @vscode/test-electron, for machines that can download
 * VS Code (a laptop, public CI): `npm run test:electron`. Offline, point it at an installed
 * build with VSCODE_EXECUTABLE=/path/to/code. Linux needs a display: `xvfb-run -a`.
 */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { build } from 'esbuild';
import { FakeCmGateway } from '../gateway/cm-gateway';
import { ROOT } from '../helpers/payloads';

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'cm-electron-'));
  const harness = join(work, 'harness');
  const workspace = join(work, 'workspace');
  const pristine = join(work, 'pristine');
  const userData = join(work, 'user-data');
  mkdirSync(harness, { recursive: true });
  mkdirSync(workspace, { recursive: true });
  // Each test copies from here into the workspace (see the suite); autosave off, as in code-server.
  cpSync(join(ROOT, 'examples'), join(pristine, 'examples'), { recursive: true });
  cpSync(join(ROOT, 'test/fixtures'), join(pristine, 'fixtures'), { recursive: true });
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({ 'files.autoSave': 'off', 'files.hotExit': 'off', 'workbench.startupEditor': 'none' }));
  const token = '3f2a1b0c-9d8e-4f7a-b6c5-d4e3f2a1b0c9';
  const gateway = await new FakeCmGateway({ tokens: [token] }).start();
  writeFileSync(join(harness, 'harness-config.json'), JSON.stringify({ gatewayUrl: gateway.url, token, pristine, timeScale: process.env.CM_TEST_TIME_SCALE }));
  const common = { bundle: true, platform: 'node' as const, format: 'cjs' as const, target: 'node20', external: ['vscode', 'mocha'], logLevel: 'warning' as const };
  await build({ ...common, entryPoints: [join(ROOT, 'test/vscode/harness/electron-index.ts')], outfile: join(harness, 'index.js') });
  await build({ ...common, entryPoints: [join(ROOT, 'test/vscode/suite/extension.test.ts')], outfile: join(harness, 'suite.js') });
  try {
    await runTests({
      version: '1.100.3',
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: join(harness, 'index.js'),
      launchArgs: [workspace, '--user-data-dir', userData, '--disable-extensions', '--skip-welcome', '--skip-release-notes'],
      extensionTestsEnv: { NODE_PATH: join(ROOT, 'node_modules') },
    });
  } finally {
    await gateway.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
