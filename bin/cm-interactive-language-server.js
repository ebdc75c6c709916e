#!/usr/bin/env -S node --max-old-space-size=160 --max-semi-space-size=1
// The language server for any editor: `cm-interactive-language-server --stdio`.
// Run as a program, node starts with the V8 flags on the first line — the ones the VS Code client
// uses too (serverNodeFlags in shared/protocol.ts for the default 20 MB file limit; a test
// keeps the first line, FLAGS and those equal): they keep the server's memory down on big
// payload files. One process: a heap limit cannot be set once node runs
// (v8.setFlagsFromString is too late for it).
const FLAGS = ['--max-old-space-size=160', '--max-semi-space-size=1'];
const args = process.argv.slice(2);
if (!args.some((arg) => /^--(stdio|node-ipc|socket=)/.test(arg))) args.push('--stdio');
const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
// A heap limit of one's own is kept; a node started with FLAGS never starts another.
const limited = given.some((arg) => arg.startsWith('--max-old-space-size')) || FLAGS.every((flag) => given.includes(flag));
if (!limited && args.includes('--stdio')) {
  // Started as `node cm-interactive-language-server.js` (the first line unread): node again, with the flags.
  const { spawn } = require('node:child_process');
  const child = spawn(process.execPath, [...FLAGS, __filename, ...args], { stdio: 'inherit' });
  child.on('exit', (code, signal) => (signal ? process.kill(process.pid, signal) : process.exit(code ?? 0)));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
} else {
  process.argv = [process.argv[0], process.argv[1], ...args];
  require('../dist/server/server.js');
}
