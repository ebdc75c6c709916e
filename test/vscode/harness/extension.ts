/**
 * A test-harness extension installed beside ours in code-server: on startup it runs the
 * suite and writes the results where the launcher waits for them (harness-config.json).
 * Only once: a window reload (the UI test does one) starts the extension host again, and a
 * second run would race the UI test for the editors.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runSuite } from './run';

export async function activate(): Promise<void> {
  const config = JSON.parse(readFileSync(path.join(__dirname, 'harness-config.json'), 'utf8')) as { mochaPath: string; resultsPath: string };
  const started = `${config.resultsPath}.started`;
  if (existsSync(started)) return;
  writeFileSync(started, String(process.pid));
  try {
    const result = await runSuite(config.mochaPath, path.join(__dirname, 'suite.js'));
    writeFileSync(config.resultsPath, JSON.stringify(result, null, 2));
  } catch (error) {
    writeFileSync(config.resultsPath, JSON.stringify({ passed: 0, failed: 1, tests: [{ title: 'harness', state: 'failed', error: String((error as Error)?.stack ?? error) }] }));
  }
}
