#!/usr/bin/env node
// The language server for any editor: `cm-interactive-language-server --stdio`.
const args = process.argv.slice(2);
if (!args.some((arg) => /^--(stdio|node-ipc|socket=)/.test(arg))) args.push('--stdio');
const limited = process.execArgv.some((arg) => arg.startsWith('--max-old-space-size'));
if (!limited && args.includes('--stdio')) {
  // Run with the V8 flags the VS Code client uses too (serverNodeFlags in server/src/protocol.ts,
  // for the default 20 MB file limit): they keep the server's memory down on big payload files.
  const { spawn } = require('node:child_process');
  const child = spawn(process.execPath, ['--max-old-space-size=160', '--max-semi-space-size=1', __filename, ...args], { stdio: 'inherit' });
  child.on('exit', (code, signal) => (signal ? process.kill(process.pid, signal) : process.exit(code ?? 0)));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
} else {
  process.argv = [process.argv[0], process.argv[1], ...args];
  require('../dist/server/server.js');
}
