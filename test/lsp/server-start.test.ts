/**
 * How the server starts: as a program by its bin (one process, the server's V8 flags from its
 * first line), as `node bin/…` (node again with the flags), and as the VS Code client starts it.
 * The heap limit is read back from V8 inside the server process.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { test } from 'node:test';
import { serverNodeFlags } from '../../shared/protocol';
import { DEFAULT_SETTINGS } from '../../server/src/service';
import { LspClient, SERVER_AS_VSCODE_STARTS_IT, SERVER_BIN } from '../helpers/lsp-client';
import { example } from '../helpers/payloads';

const FLAGS = serverNodeFlags(DEFAULT_SETTINGS.maxFileSizeMB);
const PRELOAD = join(__dirname, '..', 'helpers', 'report-heap-limit.cjs');
/** The bin finds node on PATH: this one. */
const env = { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`, NODE_OPTIONS: `--require ${PRELOAD}` };
/** What V8 makes of the flags, asked of a node started with them. */
const expectedLimit = Number(execFileSync(process.execPath, [...FLAGS, '-p', 'require("node:v8").getHeapStatistics().heap_size_limit'], { encoding: 'utf8' }));

/** Starts the server, waits for its diagnostics on an example, and returns the heap limits each node process reported. */
async function heapLimits(options: Parameters<typeof LspClient.start>[0]): Promise<{ pid: number; limit: number }[]> {
  const client = await LspClient.start({ ...options, env });
  try {
    const uri = 'file:///work/start.json';
    client.open(uri, JSON.stringify(example('list')));
    await client.diagnostics(uri);
    return [...client.stderr.matchAll(/heap-limit pid=(\d+) bytes=(\d+)/g)].map((m) => ({ pid: Number(m[1]), limit: Number(m[2]) }));
  } finally {
    await client.stop();
  }
}

test("the bin's first line and its FLAGS are the flags the VS Code client starts the server with", () => {
  const bin = readFileSync(SERVER_BIN, 'utf8');
  assert.equal(bin.split('\n', 1)[0], `#!/usr/bin/env -S node ${FLAGS.join(' ')}`);
  assert.deepEqual(JSON.parse(/^const FLAGS = (\[.*\]);$/m.exec(bin)?.[1].replace(/'/g, '"') ?? '[]'), FLAGS);
  assert.ok(expectedLimit < 256 * 1024 * 1024, `the flags set a limit (${expectedLimit})`);
});

test('run as a program, the bin is one process and its heap limit is the flags’', { skip: process.platform === 'win32' && 'shebangs are npm shims on Windows' }, async () => {
  const reports = await heapLimits({ command: SERVER_BIN, args: ['--stdio'] });
  assert.deepEqual(reports.map((r) => r.limit), [expectedLimit], JSON.stringify(reports));
});

test('started as `node bin/…`, the bin starts node again with the flags', async () => {
  const reports = await heapLimits({ args: [SERVER_BIN, '--stdio'] });
  assert.equal(reports.length, 2, JSON.stringify(reports));
  assert.equal(reports[1].limit, expectedLimit);
});

test('as the VS Code client starts it, the heap limit is the flags’', async () => {
  const reports = await heapLimits({ args: [...SERVER_AS_VSCODE_STARTS_IT] });
  assert.deepEqual(reports.map((r) => r.limit), [expectedLimit]);
});
