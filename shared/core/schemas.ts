/**
 * The JSON Schemas in schemas/ as data (bundled into the build), and a navigator that
 * answers "which schemas apply at this path of this value" for completion and hover.
 */
import envelopeSchemaJson from '../../schemas/cm-envelope.schema.json';
import interactiveSchemaJson from '../../schemas/interactive.schema.json';
import { valueAtPath, type JsonPath } from './json-document';

export interface SchemaNode {
  $ref?: string;
  type?: string | string[];
  description?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  examples?: unknown[];
  maxLength?: number;
  minLength?: number;
  maxItems?: number;
  allOf?: SchemaNode[];
  if?: SchemaNode;
  then?: SchemaNode;
  defaultSnippets?: { label?: string; description?: string; body: unknown }[];
  'x-rule'?: string | Record<string, string>;
  'x-label'?: string;
  'x-messages'?: Record<string, string>;
  /** On a branch's `then`: the properties that branch brings (completion offers them only there). */
  'x-properties'?: string[];
  /**
   * The length hover counts against where no maxLength states it: one Meta advises rather than
   * enforces (a rule warns above it), or one a pattern enforces (`reference`).
   */
  'x-lengthLimit'?: number;
  /** The quick fix of a value the pattern refuses (core/report.ts DiagnosticData). */
  'x-fix'?: 'trim';
  [key: string]: unknown;
}

export const envelopeSchema = envelopeSchemaJson as unknown as SchemaNode;
export const interactiveSchema = interactiveSchemaJson as unknown as SchemaNode;
export const INTERACTIVE_SCHEMA_ID = 'interactive.schema.json';

const DEFINITIONS: Record<string, SchemaNode> = {
  ...(envelopeSchema.definitions as Record<string, SchemaNode>),
  ...(interactiveSchema.definitions as Record<string, SchemaNode>),
};

function dereference(schema: SchemaNode): SchemaNode {
  let current = schema;
  for (let depth = 0; typeof current.$ref === 'string' && depth < 8; depth++) {
    const ref = current.$ref;
    current = ref === INTERACTIVE_SCHEMA_ID ? interactiveSchema : DEFINITIONS[ref.replace('#/definitions/', '')] ?? {};
  }
  return current;
}

/**
 * A number the schemas state, for code that needs the limit itself: `keyword` of the node at
 * `path` in `definition` (property names; "[]" for an array's items). Throws when the schema
 * states none, so a limit cannot drift from the schema unnoticed.
 */
export function schemaNumber(definition: string, path: string[], keyword: 'maxLength' | 'maxItems' | 'x-lengthLimit'): number {
  let node: SchemaNode | undefined = DEFINITIONS[definition];
  for (const step of path) {
    const current: SchemaNode | undefined = node && dereference(node);
    node = step === '[]' ? current?.items : current?.properties?.[step];
  }
  const value = node && dereference(node)[keyword];
  if (typeof value !== 'number') throw new Error(`schemas: no ${keyword} at ${definition}/${path.join('/')}`);
  return value;
}

/** Follow a local `$ref` (and an `allOf` wrapper) to the schema that carries the annotations. */
export function resolveAnnotated(schema: SchemaNode | undefined): SchemaNode | undefined {
  for (let depth = 0; schema && depth < 8; depth++) {
    if (schema['x-rule'] !== undefined) return schema;
    if (typeof schema.$ref === 'string') schema = dereference(schema);
    else if (Array.isArray(schema.allOf)) schema = schema.allOf[0];
    else return schema;
  }
  return schema;
}

/** The `if` forms our schemas use: `properties.X.const|enum` plus `required`. */
function matchesIf(condition: SchemaNode, instance: unknown): boolean {
  if (typeof instance !== 'object' || instance === null || Array.isArray(instance)) return false;
  const object = instance as Record<string, unknown>;
  if (condition.required?.some((key) => !(key in object))) return false;
  for (const [key, rule] of Object.entries(condition.properties ?? {})) {
    if (!(key in object)) continue;
    const value = object[key];
    if ('const' in rule && rule.const !== value) return false;
    if (rule.enum && !rule.enum.includes(value)) return false;
  }
  return true;
}

/** A schema with its `$ref`, `allOf` and matching `if/then` expanded into a flat list. */
function expand(schema: SchemaNode, instance: unknown, into: SchemaNode[] = [], depth = 0): SchemaNode[] {
  if (depth > 12) return into;
  const resolved = dereference(schema);
  into.push(resolved);
  for (const member of resolved.allOf ?? []) expand(member, instance, into, depth + 1);
  if (resolved.if && resolved.then && matchesIf(resolved.if, instance)) expand(resolved.then, instance, into, depth + 1);
  return into;
}

/** Every schema that applies at `path` in `root`, outermost first, kind-specific last. */
export function schemasAt(path: JsonPath, root: unknown): SchemaNode[] {
  let instance: unknown = root;
  let current = expand(envelopeSchema, instance);
  for (const segment of path) {
    const next: SchemaNode[] = [];
    for (const schema of current) {
      const child = typeof segment === 'number' ? schema.items : schema.properties?.[segment];
      if (child) next.push(child);
    }
    instance = instance && typeof instance === 'object' ? (instance as Record<string | number, unknown>)[segment] : undefined;
    current = next.flatMap((schema) => expand(schema, instance));
    if (current.length === 0) return [];
  }
  return current;
}

/** What hover and completion want to know about a location, merged over its schemas. */
export interface SchemaFacts {
  label?: string;
  description?: string;
  rule?: string;
  maxLength?: number;
  maxItems?: number;
  enum?: unknown[];
  examples?: unknown[];
  type?: string;
}

export function factsOf(schemas: SchemaNode[]): SchemaFacts {
  const facts: SchemaFacts = {};
  // Later schemas are the kind-specific ones: they win.
  for (const schema of schemas) {
    if (schema['x-label']) facts.label = schema['x-label'];
    if (schema.description) facts.description = schema.description;
    const rule = schema['x-rule'];
    if (rule) facts.rule = typeof rule === 'string' ? rule : rule.maxLength ?? rule.default;
    if (typeof schema.maxLength === 'number') facts.maxLength = Math.min(facts.maxLength ?? Infinity, schema.maxLength);
    else if (typeof schema['x-lengthLimit'] === 'number') facts.maxLength ??= schema['x-lengthLimit'];
    if (typeof schema.maxItems === 'number') facts.maxItems = Math.min(facts.maxItems ?? Infinity, schema.maxItems);
    if (schema.enum) facts.enum = facts.enum ? facts.enum.filter((v) => schema.enum!.includes(v)) : schema.enum.filter((v) => v !== 'audio' || schemas.length === 1);
    if ('const' in schema) facts.enum = [schema.const];
    if (schema.examples) facts.examples = schema.examples;
    if (typeof schema.type === 'string') facts.type = schema.type;
  }
  return facts;
}

/**
 * The one way completion and hover see the schemas at a place: `schemasAt` with the branches
 * by kind (`interactive.type`, header `type`, button `type`) taken. A branch's `then` may name
 * the properties it brings (`x-properties: ["reply"]`): once a branch of an object is taken,
 * the properties only other branches bring are not offered there.
 */
export interface PropertyOffer {
  name: string;
  schemas: SchemaNode[];
  facts: SchemaFacts;
}

/** The conditional branches of the schemas in `list`, each with whether the instance took it. */
function branchesOf(list: SchemaNode[]): { owner: SchemaNode; condition: SchemaNode; then: SchemaNode; taken: boolean }[] {
  const inList = new Set(list);
  return list.flatMap((owner) =>
    (owner.allOf ?? []).flatMap((member) => {
      if (!member.if || !member.then) return [];
      const then = dereference(member.then);
      return [{ owner, condition: member.if, then, taken: inList.has(then) }];
    }),
  );
}

/** The names only untaken branches bring, for objects where some branch is taken. */
function namesOfOtherBranches(list: SchemaNode[]): Set<string> {
  const branches = branchesOf(list);
  const taken = new Set(branches.filter((b) => b.taken).flatMap((b) => (b.then['x-properties'] ?? [])));
  const decided = new Set(branches.filter((b) => b.taken).map((b) => b.owner));
  return new Set(branches.filter((b) => !b.taken && decided.has(b.owner)).flatMap((b) => (b.then['x-properties'] ?? [])).filter((name) => !taken.has(name)));
}

/**
 * Properties the schemas allow but a rule only ever warns about (or refuses) in that object,
 * given the keys already there: completion does not offer them. LOC-NO-HEADER: a location
 * request shows no header or footer. FLOW-ID: `flow_id` or `flow_name`, never both.
 */
const RULED_OUT = new Map<SchemaNode, (present: string[]) => string[]>([
  [DEFINITIONS.location_request_message, () => ['header', 'footer']],
  [
    DEFINITIONS.flow.properties!.action.properties!.parameters,
    (present) => (present.includes('flow_id') ? ['flow_name'] : present.includes('flow_name') ? ['flow_id'] : []),
  ],
]);

/** The properties the schemas allow in the object at `path` of `root`, in schema order. */
export function propertiesAt(path: JsonPath, given: unknown): PropertyOffer[] {
  // An array item without the key that picks its branch, among items that agree on it (a new
  // button among reply buttons, BTN-KIND): read as of that kind.
  const inferred = kindFromSiblings(path, given);
  const root = inferred ? withKeys(given, path, inferred) : given;
  const list = schemasAt(path, root);
  const excluded = namesOfOtherBranches(list);
  const instance = valueAtPath(root, path);
  const present = instance && typeof instance === 'object' && !Array.isArray(instance) ? Object.keys(instance) : [];
  for (const schema of list) for (const name of RULED_OUT.get(schema)?.(present) ?? []) excluded.add(name);
  const names = new Set(list.flatMap((schema) => Object.keys(schema.properties ?? {})).filter((name) => !excluded.has(name)));
  return [...names].map((name) => {
    const schemas = schemasAt([...path, name], root);
    const facts = factsOf(schemas);
    // The object's kind not decided yet (an interactive without its type): the shape all the
    // branches that bring the property agree on (every kind's `body` is an object).
    facts.type ??= undecidedType(list, name);
    if (inferred && name in inferred) facts.enum = [inferred[name]];
    return { name, schemas, facts };
  });
}

/** The value every other item of the array around the item at `path` has for `key` (undefined unless they all agree). */
function siblingValue(root: unknown, path: JsonPath, key: string): unknown {
  const index = path[path.length - 1];
  const array = typeof index === 'number' ? valueAtPath(root, path.slice(0, -1)) : undefined;
  if (!Array.isArray(array)) return undefined;
  const values = new Set(array.filter((_, i) => i !== index).map((item) => (item && typeof item === 'object' && !Array.isArray(item) ? (item as Record<string, unknown>)[key] : undefined)));
  return values.size === 1 ? [...values][0] : undefined;
}

/** For the array item at `path` lacking the keys that pick its branch: the values its siblings all agree on. */
function kindFromSiblings(path: JsonPath, root: unknown): Record<string, unknown> | undefined {
  const instance = valueAtPath(root, path);
  if (typeof path[path.length - 1] !== 'number' || !instance || typeof instance !== 'object' || Array.isArray(instance)) return undefined;
  const keys = new Set(branchesOf(schemasAt(path, root)).flatMap((b) => Object.keys(b.condition.properties ?? {})));
  const inferred: Record<string, unknown> = {};
  for (const key of keys) {
    if (key in instance) continue;
    const value = siblingValue(root, path, key);
    if (value !== undefined) inferred[key] = value;
  }
  return Object.keys(inferred).length > 0 ? inferred : undefined;
}

/** `root` with `keys` added to the object at `path` (copied along the path; `root` is left as it is). */
function withKeys(root: unknown, path: JsonPath, keys: Record<string, unknown>): unknown {
  if (path.length === 0) return { ...(root as Record<string, unknown>), ...keys };
  const [head, ...rest] = path;
  const copy = (Array.isArray(root) ? [...root] : { ...(root as Record<string, unknown>) }) as Record<string | number, unknown>;
  copy[head] = withKeys(copy[head], rest, keys);
  return copy;
}

/** The JSON type every branch of `list` that has property `name` gives it, if they agree. */
function undecidedType(list: SchemaNode[], name: string): string | undefined {
  const types = new Set<string | undefined>();
  for (const { then } of branchesOf(list)) {
    const child = then.properties?.[name];
    if (child) types.add(factsOf(expand(child, undefined)).type);
  }
  return types.size === 1 ? [...types][0] : undefined;
}

export interface ValueOffer {
  value: unknown;
  /** What the value means (the schema's `markdownEnumDescriptions`, else `enumDescriptions`). */
  description?: string;
}

/**
 * The values the schemas allow at `path` of `root`, each with its meaning. For a property that
 * picks a branch (a button's `type`), the values whose branch does not bring the properties the
 * object already has are left out (`reply` where a `reply` object is, not `openurl`).
 */
export function valuesAt(path: JsonPath, root: unknown): ValueOffer[] {
  const schemas = schemasAt(path, root);
  const facts = factsOf(schemas);
  let values = facts.enum ?? [];
  const key = path[path.length - 1];
  const parentPath = path.slice(0, -1);
  const parent = valueAtPath(root, parentPath);
  if (typeof key === 'string' && parent && typeof parent === 'object' && !Array.isArray(parent)) {
    const siblings = Object.keys(parent).filter((name) => name !== key);
    const branches = branchesOf(schemasAt(parentPath, root)).filter((b) => b.condition.properties?.[key]);
    const claims = (b: (typeof branches)[number]) => b.then['x-properties'] ?? [];
    const picks = (b: (typeof branches)[number], value: unknown) => {
      const rule = b.condition.properties![key];
      return 'const' in rule ? rule.const === value : Boolean(rule.enum?.includes(value));
    };
    const fits = values.filter((value) => {
      const own = branches.filter((b) => picks(b, value));
      if (own.length === 0 || own.every((b) => !b.then['x-properties'])) return true;
      const mine = new Set(own.flatMap(claims));
      const others = new Set(branches.filter((b) => !own.includes(b)).flatMap(claims));
      return !siblings.some((name) => others.has(name) && !mine.has(name));
    });
    if (fits.length > 0) values = fits;
    // An array item among items that agree on this key (a new button among reply buttons): their value.
    const shared = siblingValue(root, parentPath, key);
    if (branches.length > 0 && shared !== undefined && values.includes(shared)) values = [shared];
  }
  return values.map((value) => ({ value, description: enumDescription(schemas, value) }));
}

/** The meaning of an enum value, from the last schema that gives one. */
export function enumDescription(schemas: SchemaNode[], value: unknown): string | undefined {
  let found: string | undefined;
  for (const schema of schemas) {
    const index = schema.enum?.indexOf(value) ?? -1;
    if (index < 0) continue;
    const markdown = schema.markdownEnumDescriptions as string[] | undefined;
    const plain = schema.enumDescriptions as string[] | undefined;
    found = markdown?.[index] ?? plain?.[index] ?? found;
  }
  return found;
}
