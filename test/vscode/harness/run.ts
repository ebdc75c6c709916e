/**
 * Runs the mocha suite inside the extension host and returns what happened. Used by both
 * launchers: the code-server harness extension and @vscode/test-electron's extensionTestsPath.
 */
import * as path from 'node:path';

export interface SuiteResult {
  passed: number;
  failed: number;
  tests: { title: string; state: 'passed' | 'failed'; error?: string; durationMs?: number }[];
}

export function runSuite(mochaPath: string, suiteFile: string): Promise<SuiteResult> {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const Mocha = require(mochaPath);
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false });
  mocha.addFile(path.resolve(suiteFile));
  const result: SuiteResult = { passed: 0, failed: 0, tests: [] };
  return new Promise((resolve) => {
    const runner = mocha.run(() => resolve(result));
    runner.on('pass', (test: any) => {
      result.passed++;
      result.tests.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration });
    });
    runner.on('fail', (test: any, error: Error) => {
      result.failed++;
      result.tests.push({ title: test.fullTitle(), state: 'failed', error: String(error?.stack ?? error) });
    });
  });
}
