import type { RuleId, Severity } from './catalogue';
import type { JsonPath } from './json-document';

/** What a check finds, before it is placed in the text. */
export interface Finding {
  code: RuleId;
  path: JsonPath;
  message: string;
  /** Defaults to the rule's severity in the catalogue. */
  severity?: Severity;
  /** Underline the value (default) or the property key; a missing property underlines its parent's key. */
  target?: 'value' | 'key';
  /** What a quick fix needs (limits, replacements), as LSP's Diagnostic.data. */
  data?: Record<string, unknown>;
  /** A rule that explains a problem better than the schema check drops the schema's finding at this pointer. */
  replaces?: string;
}

export type Report = (finding: Finding) => void;
