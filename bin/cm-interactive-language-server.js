#!/usr/bin/env node
// The language server for any editor: `cm-interactive-language-server --stdio`.
const args = process.argv.slice(2);
if (!args.some((arg) => /^--(stdio|node-ipc|socket=)/.test(arg))) args.push('--stdio');
const limited = process.execArgv.some((arg) => arg.startsWith('--max-old-space-size'));
if (!limited && args.includes('--stdio')) {
  // Run with the heap limit the VS Code client uses too (see serverHeapLimitMB): a bounded
  // heap is collected sooner, which keeps the server's memory down on big payload files.
  const { spawn } = require('node:child_process');
  const child = spawn(process.execPath, ['--max-old-space-size=160', __filename, ...args], { stdio: 'inherit' });
  child.on('exit', (code, signal) => (signal ? process.kill(process.pid, signal) : process.exit(code ?? 0)));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
} else {
  process.argv = [process.argv[0], process.argv[1], ...args];
  require('../dist/server/server.js');
}
