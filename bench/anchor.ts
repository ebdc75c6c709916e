/**
 * The anchor: vscode-json-languageservice (the engine of VS Code's built-in JSON validation)
 * configured with our schemas, parsing and validating the same text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getLanguageService } from 'vscode-json-languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';

const ROOT = join(__dirname, '..');
const ENVELOPE = 'file:///schemas/cm-envelope.schema.json';
const INTERACTIVE = 'file:///schemas/interactive.schema.json';

export function createAnchor() {
  const schemas: Record<string, string> = {
    [ENVELOPE]: readFileSync(join(ROOT, 'schemas', 'cm-envelope.schema.json'), 'utf8'),
    [INTERACTIVE]: readFileSync(join(ROOT, 'schemas', 'interactive.schema.json'), 'utf8'),
  };
  const service = getLanguageService({
    schemaRequestService: async (uri) => schemas[uri] ?? Promise.reject(new Error(`no schema ${uri}`)),
    // As VS Code does: a relative $ref resolves against the schema's own URI.
    workspaceContext: { resolveRelativePath: (relative, resource) => new URL(relative, resource).href },
  });
  service.configure({ validate: true, allowComments: false, schemas: [{ uri: ENVELOPE, fileMatch: ['*.json'] }] });
  return async (text: string) => {
    const document = TextDocument.create('file:///bench/payload.json', 'json', 1, text);
    const json = service.parseJSONDocument(document);
    return service.doValidation(document, json, { schemaValidation: 'error' });
  };
}
