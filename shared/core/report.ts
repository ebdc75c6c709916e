import type { RuleId, Severity } from './catalogue';
import type { JsonPath, SyntaxProblem } from './json-document';

/**
 * What a diagnostic carries for its quick fix, as LSP's Diagnostic.data: written by the check
 * that finds the problem (a rule, the schema check, the parser), read by
 * features/code-actions.ts by `kind`, never by the rule code. `limit` keeps its name wherever
 * it is a limit: the preview and `render` read it to count against.
 */
export type DiagnosticData =
  /** JSON-SYNTAX: which kind of syntax error (JSONC allows comments and trailing commas). */
  | { kind: 'syntax'; syntax: SyntaxProblem['kind'] }
  /** A text over `limit` characters (schema maxLength, FLOW-CTA, INT-BODY-LEN): shorten it. */
  | { kind: 'shorten'; limit: number }
  /** An array over `limit` items (schema maxItems, LIST-ROWS with the `total` across sections): no fix of its own. */
  | { kind: 'count'; limit: number; total?: number }
  /** BTN-COUNT: keep the first `limit` buttons, or turn the `count` buttons into a list. */
  | { kind: 'too-many-buttons'; limit: number; count: number }
  /** Emoji or markdown where WhatsApp shows them wrong: remove them. */
  | { kind: 'strip'; strip: 'emoji' | 'markdown' }
  /** A repeated title or id: `taken` are the values every sibling uses (those after it too); a number is added after `separator`, within `maxLength`. */
  | { kind: 'unique'; taken: string[]; separator: string; maxLength: number; duplicateOf?: string }
  /** Leading or trailing spaces the schema refuses (its `x-fix: "trim"`): trim them. */
  | { kind: 'trim' }
  /** One right value: change to it. */
  | { kind: 'replace'; replacement: string }
  /** The values allowed (schema enum or const, INT-MEDIA-MIME): change to one of them. */
  | { kind: 'choose'; allowed: unknown[] }
  /** ENV-CHANNELS without WhatsApp: add it. */
  | { kind: 'add-whatsapp' }
  /** A property that must go (the node at the diagnostic's path); `property` names it in the fix's title. */
  | { kind: 'remove-property'; property: string }
  /** An element that is never sent (CTA-ONE): remove it. */
  | { kind: 'remove-element' }
  /** ENV-TOKEN-IN-FILE: replace the token with a placeholder, or remove `authentication`. */
  | { kind: 'remove-token' }
  /** INT-MEDIA-FIELDS: Meta's `header.<metaKey>: { link, filename }` → CM's `header.media`. */
  | { kind: 'meta-media'; metaKey: string; link?: string; filename?: string };

/** The limit a diagnostic counts against, if any (the preview and `render` show it). */
export function limitOf(data: DiagnosticData | undefined): number | undefined {
  return data && 'limit' in data ? data.limit : undefined;
}

/** What a check finds, before it is placed in the text. */
export interface Finding {
  code: RuleId;
  path: JsonPath;
  message: string;
  /** Defaults to the rule's severity in the catalogue. */
  severity?: Severity;
  /** Underline the value (default) or the property key; a missing property underlines its parent's key. */
  target?: 'value' | 'key';
  /** What a quick fix needs. */
  data?: DiagnosticData;
  /** A rule that explains a problem better than the schema check drops the schema's finding at this pointer. */
  replaces?: string;
}

export type Report = (finding: Finding) => void;
