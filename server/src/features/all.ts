/**
 * Everything the language service answers requests with — hover, completion, quick fixes,
 * outline, code lens, formatting, folding — in one module that the service loads on the first
 * request (service.ts), not at start: the first diagnostics need none of it. The server's
 * build makes it a bundle of its own (dist/server/server-features.js, see scripts/build.mjs),
 * so a starting server neither compiles nor runs it (vscode-json-languageservice is in it).
 */
export { PayloadText } from '../../../shared/core/scopes';
export { getCodeActions } from './code-actions';
export { getCodeLenses } from './code-lens';
export { doComplete } from './completion';
export { formatDocument } from './formatting';
export { doHover } from './hover';
export { formatRange, getFoldingRanges, getSelectionRanges } from './structure';
export { getDocumentSymbols } from './symbols';
