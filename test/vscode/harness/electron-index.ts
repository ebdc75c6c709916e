/** extensionTestsPath for @vscode/test-electron: the same suite, failing the run on any failure. */
import * as path from 'node:path';
import { runSuite } from './run';

export async function run(): Promise<void> {
  const result = await runSuite(require.resolve('mocha'), path.join(__dirname, 'suite.js'));
  for (const test of result.tests) console.log(`${test.state === 'passed' ? 'ok' : 'not ok'} - ${test.title}${test.error ? `\n${test.error}` : ''}`);
  if (result.failed > 0) throw new Error(`${result.failed} of ${result.passed + result.failed} tests failed`);
}
