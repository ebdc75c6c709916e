/**
 * Schema validation with the validators ajv generated from the schemas at build time
 * (schema-validators.js, scripts/schema-validators.mjs: nothing is compiled at start-up), and
 * the translation of ajv's errors into findings: rule id and label come from the schema's own
 * `x-rule`/`x-label` annotations, so the schemas stay the single source of every limit. ajv's
 * cascades are collapsed here: one problem, one finding.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { isRuleId, type RuleId } from './catalogue';
import { toPointer, type JsonPath } from './json-document';
import type { Finding } from './report';
import { envelope, msg } from './schema-validators';
import { resolveAnnotated, type SchemaNode } from './schemas';
import { codePointLength } from './text';

/** The validators themselves, nothing of ours around them: the benchmark's floor for the core. */
export const schemaValidators = { envelope, msg } as const;

/** The envelope: everything but the contents of each msg entry. */
export function checkEnvelope(value: unknown): Finding[] {
  return run(envelope, value);
}

/** One msg entry; paths are relative to it. */
export function checkMsgEntry(value: unknown): Finding[] {
  return run(msg, value);
}

function run(validate: ValidateFunction, value: unknown): Finding[] {
  if (validate(value)) return [];
  return (validate.errors ?? []).flatMap((error) => toFinding(error, value) ?? []);
}

/** Combinator keywords only repeat what their branches already said. */
const NOISE = new Set(['if', 'then', 'else', 'allOf', 'anyOf', 'oneOf', 'not', '$ref']);

function toFinding(error: ErrorObject, root: unknown): Finding | undefined {
  if (NOISE.has(error.keyword)) return undefined;
  const schema = (error.parentSchema ?? {}) as SchemaNode;
  const instancePath = pathFromPointer(error.instancePath, root);

  if (error.keyword === 'required') {
    const missing = String((error.params as { missingProperty: string }).missingProperty);
    const propertySchema = resolveAnnotated(schema.properties?.[missing]);
    const code = ruleOf(propertySchema, 'required') ?? ruleOf(schema, 'required') ?? 'ENV-MSG';
    const label = propertySchema?.['x-label'] ?? (schema.properties ? undefined : schema['x-label']);
    const message =
      template(schema['x-messages']?.required, { value: missing }) ??
      (label ? `Missing "${missing}": ${label} is required` : `Missing required property "${missing}"`);
    return { code, path: [...instancePath, missing], message, target: 'key' };
  }

  const code = ruleOf(schema, error.keyword) ?? 'ENV-MSG';
  const label = schema['x-label'] ?? (instancePath.length ? `"${instancePath[instancePath.length - 1]}"` : 'The file');
  const value = error.data;
  const custom = template(schema['x-messages']?.[error.keyword], { value: display(value) });
  const owner = code.startsWith('ENV-') ? 'CM' : 'WhatsApp';
  const limit = (error.params as { limit?: number }).limit;
  const countTarget: Finding['target'] = 'key';
  switch (error.keyword) {
    case 'maxLength':
      return {
        code,
        path: instancePath,
        message: custom ?? `${label} is ${codePointLength(String(value))} characters; ${owner} allows at most ${limit}`,
        data: { kind: 'shorten', limit: limit! },
      };
    case 'minLength':
      return { code, path: instancePath, message: custom ?? `${label} must not be empty` };
    case 'pattern':
      return {
        code,
        path: instancePath,
        message: custom ?? `${label} "${display(value)}" does not match ${(error.params as { pattern: string }).pattern}`,
        // The schema names the fix of a value its pattern refuses (only "trim" so far).
        ...(schema['x-fix'] === 'trim' && typeof value === 'string' && value.trim() !== '' ? { data: { kind: 'trim' } } : {}),
      };
    case 'maxItems':
      return {
        code,
        path: instancePath,
        target: countTarget,
        message: custom ?? `${label} has ${(value as unknown[]).length} items; ${owner} allows at most ${limit}`,
        data: { kind: 'count', limit: limit! },
      };
    case 'minItems':
      return {
        code,
        path: instancePath,
        message: custom ?? ((value as unknown[]).length === 0 ? `${label} is empty; at least ${limit} is required` : `${label} has ${(value as unknown[]).length} items; at least ${limit} are required`),
      };
    case 'minProperties':
      return { code, path: instancePath, message: custom ?? `${label} must not be an empty object` };
    case 'type':
      return { code, path: instancePath, message: custom ?? `${label} must be ${article(String((error.params as { type: string }).type))}, not ${describeType(value)}` };
    case 'enum': {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.filter((v) => v !== 'audio');
      return {
        code,
        path: instancePath,
        message: custom ?? `${label} must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}; found ${JSON.stringify(value)}`,
        data: { kind: 'choose', allowed },
      };
    }
    case 'const': {
      const expected = (error.params as { allowedValue: unknown }).allowedValue;
      const typeNote = typeof expected !== typeof value ? ` (${describeType(expected)})` : '';
      return {
        code,
        path: instancePath,
        message: custom ?? `${label} must be ${JSON.stringify(expected)}${typeNote}; found ${JSON.stringify(value)}`,
        data: { kind: 'choose', allowed: [expected] },
      };
    }
    default:
      return { code, path: instancePath, message: custom ?? `${label} ${error.message ?? 'is not valid'}` };
  }
}

/**
 * One problem, one finding: a wrong discriminator (`type`) explains everything else wrong
 * in its object, so the rest is dropped; and one node gets one finding per rule.
 */
export function collapse(findings: Finding[]): Finding[] {
  if (findings.length === 0) return findings; // most entries: no sets to build
  const discriminated = new Set(findings.filter(isDiscriminatorFinding).map((f) => toPointer(f.path.slice(0, -1))));
  const seen = new Set<string>();
  return findings.filter((finding) => {
    if (discriminated.size > 0 && !isDiscriminatorFinding(finding) && insideAny(finding.path, discriminated)) return false;
    const key = `${toPointer(finding.path)}|${finding.target ?? 'value'}|${finding.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Whether an object that encloses `path` (a proper prefix of it) is one of `owners`, by
 * pointer: a set lookup per level, where comparing with each owner was quadratic in findings.
 */
function insideAny(path: JsonPath, owners: ReadonlySet<string>): boolean {
  for (let length = 0; length < path.length; length++) {
    if (owners.has(toPointer(path.slice(0, length)))) return true;
  }
  return false;
}

/** Rules whose value decides which other checks apply to the object it sits in. */
const DISCRIMINATORS = new Set<RuleId>(['INT-TYPE', 'BTN-KIND', 'INT-HEADER-TYPE', 'INT-HEADER-MEDIA', 'LIST-HEADER', 'FLOW-HEADER']);

function isDiscriminatorFinding(finding: Finding): boolean {
  return finding.target !== 'key' && finding.path[finding.path.length - 1] === 'type' && DISCRIMINATORS.has(finding.code);
}

function ruleOf(schema: SchemaNode | undefined, keyword: string): RuleId | undefined {
  const rule = schema?.['x-rule'];
  const id = typeof rule === 'string' ? rule : rule?.[keyword] ?? rule?.default;
  return id && isRuleId(id) ? id : undefined;
}

function template(text: string | undefined, values: Record<string, string>): string | undefined {
  return text?.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** ajv's instancePath is RFC 6901; segments that index an array become numbers. */
function pathFromPointer(pointer: string, root: unknown): JsonPath {
  if (pointer === '') return [];
  const path: JsonPath = [];
  let current = root;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) {
      const index = Number(segment);
      path.push(index);
      current = current[index];
    } else {
      path.push(segment);
      current = current && typeof current === 'object' ? (current as Record<string, unknown>)[segment] : undefined;
    }
  }
  return path;
}

function display(value: unknown): string {
  // Never stringify an object or array: it may be huge or nested thousands of levels deep.
  if (value !== null && typeof value === 'object') return describeType(value);
  const text = typeof value === 'string' ? value : String(value);
  return text.length > 60 ? text.slice(0, 57) + '…' : text;
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return article(typeof value);
}

function article(type: string): string {
  return (/^[aeiou]/.test(type) ? 'an ' : 'a ') + type;
}
