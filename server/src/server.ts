/**
 * The language server's entry, bundled as dist/server/server.js: started by the VS Code client
 * over IPC, or by any editor over stdio (`cm-interactive-language-server --stdio`). The wiring
 * is language-server.ts; the answers are the language service (service.ts).
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './language-server';

process.on('uncaughtException', (error) => {
  // Never die on a bug: the editor keeps its diagnostics and the next edit tries again.
  process.stderr.write(`cm-interactive-language-server: ${error.stack ?? error.message}\n`);
});

startServer(createConnection(ProposedFeatures.all));
