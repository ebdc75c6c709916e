/**
 * The floor of the LSP measures: a language server that does nothing but what every server
 * on vscode-languageserver does — the connection, TextDocuments keeping each text in step
 * with the editor's edits — and publishes one diagnostic per change. Whatever our server
 * takes beyond this, on the same machine in the same run, is ours.
 *
 * Bundled like ours (one minified file, dist/bench/floor-server.js) and started the same two
 * ways: as VS Code starts ours (node with the server flags, the bundle, --stdio) and through
 * a bin-like script (bench/floor-bin.js).
 */
import { createConnection, DiagnosticSeverity, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

connection.onInitialize(() => ({
  capabilities: { textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental }, documentSymbolProvider: true },
  serverInfo: { name: 'floor' },
}));

// The transport floor of an outline: the bench hands over our server's answer once, and this
// server sends it back for every documentSymbol request, computing nothing.
let keptOutline: unknown = [];
connection.onRequest('floor/keepOutline', (answer: unknown) => {
  keptOutline = answer;
  return true;
});
connection.onDocumentSymbol(() => keptOutline as never);

documents.onDidChangeContent(({ document }) => {
  void connection.sendDiagnostics({
    uri: document.uri,
    version: document.version,
    diagnostics: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, severity: DiagnosticSeverity.Warning, message: 'floor' }],
  });
});

documents.listen(connection);
connection.listen();
