// `npm run types`: writes shared/payload.ts, the TypeScript types of a whole CM request,
// from schemas/ with json-schema-to-typescript (a test fails when the file is stale).
//
// The schemas are written for validation: each interactive kind (and each header and button
// kind) is an `if type is K then …` branch, which the generator cannot turn into a type. So
// the schemas are first rewritten into what they mean for a type: every such set of branches
// becomes a `oneOf` of one object per kind, with `type` as its literal discriminator. Then:
// - the interactive message is strict (no unknown properties: a misspelt `titel` is a compile
//   error), the envelope stays open (CM's gateway takes more optional fields than the schema
//   describes: validityTime, dcs, customGrouping…);
// - arrays are plain arrays (`minItems`/`maxItems` are for validate(), not for the compiler:
//   a bot builds `msg` with `.map()`);
// - our annotations (`x-*`, snippets, examples) are dropped; descriptions become doc comments.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compile } from 'json-schema-to-typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const PAYLOAD_TYPES_FILE = join(root, 'shared', 'payload.ts');

/** Type names, by definition (and by the kind a `then` branch selects). */
const TITLES = {
  msg: 'Message',
  interactive: 'Interactive',
  header: 'Header',
  'header:text': 'TextHeader',
  'header:image,video,document': 'MediaHeader',
  body: 'Body',
  footer: 'Footer',
  list: 'ListMessage',
  button: 'ButtonMessage',
  location_request_message: 'LocationRequestMessage',
  flow: 'FlowMessage',
  call_permission_request: 'CallPermissionRequestMessage',
  buttonItem: 'Button',
  'buttonItem:reply': 'ReplyButton',
  'buttonItem:openurl': 'UrlButton',
};

/** Names for inline objects, by their path in the rewritten schema. */
const INLINE_TITLES = {
  'messages': 'Messages',
  'messages/authentication': 'Authentication',
  'msg/to[]': 'Recipient',
  'msg/body': 'FallbackBody',
  'msg/richContent': 'RichContent',
  'msg/richContent/conversation[]': 'ConversationItem',
  'list/action': 'ListAction',
  'list/action/sections[]': 'ListSection',
  'list/action/sections[]/rows[]': 'ListRow',
  'button/action': 'ButtonAction',
  'location_request_message/action': 'LocationRequestAction',
  'flow/action': 'FlowAction',
  'flow/action/parameters': 'FlowParameters',
  'flow/action/parameters/flow_action_payload': 'FlowActionPayload',
  'call_permission_request/action': 'CallPermissionRequestAction',
};

/**
 * What the rules check but the schemas leave to them, so the types would not know it:
 * properties by the inline path of their object.
 */
const RULE_PROPERTIES = {
  'list/action/sections[]/rows[]': {
    description: { type: 'string', description: 'Optional second line of the row, at most 72 characters (LIST-ROW-DESC).' },
  },
};

/** Objects that several variants share get a name of their own: definition → [property, type name]. */
const SHARED = { header: ['media', 'Media'], buttonItem: ['reply', 'Reply'] };

/** Free-form objects: any properties. */
const FREE_FORM = ['flow/action/parameters/flow_action_payload/data'];

/**
 * The one header a list, flow, location or call permission request may have: text (their
 * schemas allow `text` or `audio`, and audio is no header type at all: INT-HEADER-TYPE).
 */
const TEXT_ONLY_HEADERS = ['textOnlyHeader', 'listHeader', 'flowHeader'];
/** Bodies that differ from `body` only in what validate() checks (length, blank text). */
const SAME_AS_BODY = ['listBody', 'locationBody', 'callBody'];

const readSchema = (name) => JSON.parse(readFileSync(join(root, 'schemas', name), 'utf8'));

/** The schema without our annotations, snippets and examples. */
function plain(node) {
  if (Array.isArray(node)) return node.map(plain);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => !key.startsWith('x-') && !['defaultSnippets', 'examples', '$schema', 'pattern', 'title'].includes(key))
      .map(([key, value]) => [key, key === 'properties' ? Object.fromEntries(Object.entries(value).map(([p, s]) => [p, plain(s)])) : plain(value)]),
  );
}

/** `{ if: { properties: { type: { const | enum } } }, then }` → the kinds it selects and its `then`. */
function branchOf(entry) {
  const selector = entry?.if?.properties?.type;
  if (!selector || !entry.then || Object.keys(entry.if.properties).length !== 1) return undefined;
  const kinds = selector.const !== undefined ? [selector.const] : selector.enum;
  return Array.isArray(kinds) ? { kinds, then: entry.then } : undefined;
}

/**
 * A schema whose `allOf` is only `if type … then …` branches, as a `oneOf` of one object per
 * branch: the base properties, the branch's own (a `$ref` followed), `type` narrowed to its kinds.
 */
function branchesToUnion(name, node, definitions) {
  const branches = (node.allOf ?? []).map(branchOf);
  if (branches.length === 0 || branches.some((b) => !b)) return node;
  const { allOf, ...base } = node;
  return {
    ...(base.description ? { description: base.description } : {}),
    oneOf: branches.map(({ kinds, then }) => {
      const target = then.$ref ? definitions[then.$ref.replace('#/definitions/', '')] : then;
      const variant = {
        ...base,
        ...target,
        type: 'object',
        properties: { ...base.properties, ...target.properties, type: kinds.length === 1 ? { ...base.properties.type, const: kinds[0], enum: undefined } : { ...base.properties.type, enum: kinds } },
        required: [...new Set([...(base.required ?? []), ...(target.required ?? [])])],
        title: TITLES[then.$ref ? then.$ref.replace('#/definitions/', '') : `${name}:${kinds.join(',')}`],
        description: target.description ?? `${base.description ?? ''} Here \`type\` is ${kinds.map((k) => `"${k}"`).join(', ')}.`.trim(),
      };
      if (!variant.title) throw new Error(`No type name for the ${kinds.join(',')} branch of ${name}`);
      return variant;
    }),
  };
}

/** Titles for inline objects, extra properties, and the envelope left open (see the top). */
function annotate(node, path, open) {
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) return node.forEach((item) => annotate(item, path, open));
  const inline = INLINE_TITLES[path];
  if (inline && !node.title) node.title = inline;
  if (RULE_PROPERTIES[path]) node.properties = { ...node.properties, ...RULE_PROPERTIES[path] };
  if (node.type === 'object' || node.properties) {
    if (open || FREE_FORM.includes(path)) node.additionalProperties = true;
    for (const [key, child] of Object.entries(node.properties ?? {})) annotate(child, `${path}/${key}`, open);
  }
  if (node.items) annotate(node.items, `${path}[]`, open);
  for (const variant of node.oneOf ?? []) {
    const kinds = variant.properties?.type?.const ?? variant.properties?.type?.enum?.join(',');
    annotate(variant, Object.keys(TITLES).find((key) => TITLES[key] === variant.title && !key.includes(':')) ?? `${path}:${kinds}`, open);
  }
}

/** The two schemas as one schema for the generator. */
export function typeSchema() {
  const envelope = plain(readSchema('cm-envelope.schema.json'));
  const interactive = plain(readSchema('interactive.schema.json'));
  const raw = { ...interactive.definitions };
  const definitions = {};
  for (const [name, [property, title]] of Object.entries(SHARED)) {
    definitions[property] = { ...raw[name].properties[property], title };
    raw[name].properties[property] = { $ref: `#/definitions/${property}` };
  }
  for (const [name, node] of Object.entries(raw)) {
    if (TEXT_ONLY_HEADERS.includes(name) || SAME_AS_BODY.includes(name)) continue;
    if (['list', 'button', 'location_request_message', 'flow', 'call_permission_request'].includes(name)) continue; // variants of interactive
    definitions[name] = branchesToUnion(name, node, raw);
  }
  const { definitions: _, ...interactiveRoot } = interactive;
  definitions.interactive = branchesToUnion('interactive', interactiveRoot, raw);
  // The header variants become definitions of their own, so that text-only headers can name one.
  definitions.header.oneOf = definitions.header.oneOf.map((variant) => {
    const key = variant.title.charAt(0).toLowerCase() + variant.title.slice(1);
    definitions[key] = variant;
    return { $ref: `#/definitions/${key}` };
  });
  const text = JSON.stringify({ ...envelope, definitions: { ...envelope.definitions, ...definitions } })
    .replaceAll('"interactive.schema.json"', '"#/definitions/interactive"')
    .replaceAll(/"#\/definitions\/(textOnlyHeader|listHeader|flowHeader)"/g, '"#/definitions/textHeader"')
    .replaceAll(/"#\/definitions\/(listBody|locationBody|callBody)"/g, '"#/definitions/body"');
  const schema = JSON.parse(text);
  for (const [name, node] of Object.entries(schema.definitions)) {
    if (!node.title && TITLES[name]) node.title = TITLES[name];
    annotate(node, name, name === 'msg');
  }
  schema.title = 'CmRequest';
  schema.additionalProperties = true;
  annotate(schema.properties.messages, 'messages', true);
  return schema;
}

export async function payloadTypes() {
  const banner = [
    '/* Generated by `npm run types` (scripts/payload-types.mjs) from schemas/: do not edit. */',
    '/**',
    ' * The TypeScript types of a CM.com request with WhatsApp interactive messages. They say the',
    ' * shape; the limits (lengths, counts, uniqueness, URLs) are checked by `validate()`.',
    ' */',
  ].join('\n');
  return compile(typeSchema(), 'CmRequest', {
    bannerComment: banner,
    additionalProperties: false,
    ignoreMinAndMaxItems: true,
    strictIndexSignatures: false,
    unknownAny: true,
    declareExternallyReferenced: true,
    format: true,
    style: { singleQuote: true, printWidth: 120 },
  });
}

// (No top-level await: the tests load this module too, as CommonJS.)
if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  payloadTypes().then((text) => {
    writeFileSync(PAYLOAD_TYPES_FILE, text);
    process.stdout.write(`${PAYLOAD_TYPES_FILE} written\n`);
  });
}
