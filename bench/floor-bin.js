#!/usr/bin/env node
// The floor's bin: what a plain language-server bin does — one process that loads the bundle.
// Started as editors start ours (`cm-interactive-language-server --stdio`): as a program.
require('../dist/bench/floor-server.js');
