/**
 * The request types (shared/payload.ts, generated from schemas/): current, and the
 * compiler (--strict) takes every example as a CmRequest and refuses obviously wrong payloads.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { EXAMPLES, KINDS, mutated, ROOT } from '../helpers/payloads';
// @ts-expect-error -- a script in plain JavaScript, without declarations
import { PAYLOAD_TYPES_FILE, payloadTypes } from '../../scripts/payload-types.mjs';

/** The compiler's errors for each program (file name → source), run together in one program. */
function compileErrors(sources: Record<string, string>): Record<string, string[]> {
  const dir = join(ROOT, 'test', '.typecheck');
  const files = new Map(Object.entries(sources).map(([name, text]) => [join(dir, `${name}.ts`), text]));
  const options: ts.CompilerOptions = { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.Preserve, moduleResolution: ts.ModuleResolutionKind.Bundler, types: [], lib: ['lib.es2022.d.ts'] };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (file) => files.has(file) || fileExists.call(host, file);
  host.readFile = (file) => files.get(file) ?? readFile.call(host, file);
  host.getSourceFile = (file, language, ...rest) => (files.has(file) ? ts.createSourceFile(file, files.get(file)!, language) : getSourceFile.call(host, file, language, ...rest));
  const program = ts.createProgram([...files.keys()], options, host);
  const errors: Record<string, string[]> = Object.fromEntries(Object.keys(sources).map((name) => [name, []]));
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const name = Object.keys(sources).find((n) => d.file?.fileName === join(dir, `${n}.ts`));
    assert.ok(name, `an error outside the test programs: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    errors[name].push(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  }
  return errors;
}

/** A program that declares `json` (a JSON text) a CmRequest. */
const asRequest = (json: string) => `import type { CmRequest } from '${join(ROOT, 'shared', 'payload')}';\nexport const request: CmRequest = ${json};\n`;

test('shared/payload.ts is what the schemas generate (run `npm run types` after changing a schema)', async () => {
  assert.equal(readFileSync(PAYLOAD_TYPES_FILE, 'utf8'), await payloadTypes());
});

test('the compiler takes every example as a CmRequest, and refuses wrong kinds, misspelt and misplaced properties', () => {
  // Each example file's own text, as a back-end would paste it.
  const good = Object.fromEntries(KINDS.map((kind) => [kind, asRequest(readFileSync(join(EXAMPLES, `${kind}.json`), 'utf8'))]));
  const bad = {
    'bogus-type': mutated('list', (i) => (i.type = 'bogus')),
    'misspelt-property': mutated('reply-buttons', (i) => (i.action.buttons[0].reply = { id: 'yes', titel: 'Yes' })),
    'list-with-buttons': mutated('list', (i) => (i.action = { buttons: [{ type: 'reply', reply: { id: 'a', title: 'A' } }] })),
    'media-header-on-a-list': mutated('list', (i) => (i.header = { type: 'image', media: { mediaName: 'a.png', mediaUri: 'https://example.com/a.png', mimeType: 'image/png' } })),
    'flow-version-as-number': mutated('flow', (i) => (i.action.parameters.flow_message_version = 3)),
    'no-fallback-body': mutated('list', (_i, p) => delete p.messages.msg[0].body),
  };
  const errors = compileErrors({ ...good, ...Object.fromEntries(Object.entries(bad).map(([name, value]) => [name, asRequest(JSON.stringify(value, null, 2))])) });
  for (const kind of Object.keys(good)) assert.deepEqual(errors[kind], [], kind);
  for (const name of Object.keys(bad)) assert.ok(errors[name].length > 0, `${name} compiled`);
  const expected = {
    'bogus-type': /'"bogus"' is not assignable/,
    'misspelt-property': /'"titel"' does not exist in type 'Reply'/,
    'list-with-buttons': /'"buttons"' does not exist in type 'ListAction'/,
    'media-header-on-a-list': /'"image"' is not assignable to type '"text"'/,
    'flow-version-as-number': /'number' is not assignable to type '"3"'/,
    'no-fallback-body': /Property 'body' is missing/,
  };
  for (const [name, message] of Object.entries(expected)) assert.match(errors[name].join('\n'), message, name);
});

test('a kind narrows by its type: a switch over interactive.type reaches each kind\'s own fields', () => {
  const program = `
import type { CmRequest, Interactive } from '${join(ROOT, 'shared', 'payload')}';
export function choices(interactive: Interactive): string[] {
  switch (interactive.type) {
    case 'list': return interactive.action.sections.flatMap((s) => s.rows.map((r) => r.title));
    case 'button': return interactive.action.buttons.map((b) => (b.type === 'reply' ? b.reply.title : b.url));
    case 'flow': return [interactive.action.parameters.flow_cta];
    case 'location_request_message':
    case 'call_permission_request': return [interactive.action.name];
  }
}
export const first = (request: CmRequest) => request.messages.msg[0]?.richContent?.conversation[0]?.interactive;
`;
  assert.deepEqual(compileErrors({ narrowing: program }).narrowing, []);
});
