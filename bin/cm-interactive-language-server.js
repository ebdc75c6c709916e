#!/usr/bin/env node
// The language server for any editor: `cm-interactive-language-server --stdio`.
if (!process.argv.slice(2).some((arg) => /^--(stdio|node-ipc|socket=)/.test(arg))) process.argv.push('--stdio');
require('../dist/server/server.js');
