/**
 * Hover: the schema's description, what an enum value means, the rule and its limit, and a
 * live count of the value under the cursor where a limit applies ("Button title — 17 / 20 characters").
 */
import { findNodeAtOffset, getNodePath, type Node } from 'jsonc-parser';
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { codePointLength, RULES, isRuleId, type JsonPath } from '../../../shared/core/index';
import { RULE_LIMITS } from '../../../shared/core/limits';
import { enumDescription, factsOf, schemaNumber, schemasAt } from '../../../shared/core/schemas';
import type { Scope } from '../../../shared/core/scopes';

const CALL_WINDOW =
  '**CALL-WINDOW** · A free-form call permission request is delivered only inside the 24-hour customer-service window; outside it, send it as a template. ' +
  'Limits (CALL-RATE): 1 request per recipient per 24 h and 2 per 7 days, reset by a connected call; 4 unanswered calls in a row revoke the permission.';

const SECTIONS = schemaNumber('list', ['action', 'sections'], 'maxItems');

/** `scope`: the part of the file around `position` (see core/scopes.ts). */
export function doHover(document: TextDocument, position: Position, scope: Scope): Hover | null {
  const root = scope.document.root();
  const offset = scope.toLocal(document.offsetAt(position));
  if (!root || offset === undefined) return null;
  let node: Node | undefined = findNodeAtOffset(root, offset, true);
  if (!node) return null;
  // On a property key, describe its value.
  if (node.parent?.type === 'property' && node.parent.children?.[0] === node) node = node.parent.children[1] ?? node;
  if (!node) return null;
  const path = [...scope.base, ...getNodePath(node)] as JsonPath;
  const schemas = schemasAt(path, scope.root);
  const facts = factsOf(schemas);
  if (!facts.description && !facts.label) return null;

  const lines: string[] = [];
  const title = facts.label ?? String(path[path.length - 1]);
  const count = liveCount(node, facts.maxLength, facts.maxItems, path);
  lines.push(`**${title}**${count ? ` — ${count}` : ''}`);
  // A value of an enum: what it means.
  const meaning = node.type === 'string' || node.type === 'number' || node.type === 'boolean' ? enumDescription(schemas, node.value) : undefined;
  if (meaning) lines.push(`\`${JSON.stringify(node.value)}\`: ${meaning}`);
  if (facts.description) lines.push(facts.description);
  if (facts.rule && isRuleId(facts.rule)) lines.push(`\`${facts.rule}\` · ${RULES[facts.rule].summary}`);
  if (node.type === 'string' && node.value === 'call_permission_request' && path[path.length - 1] === 'type') lines.push(CALL_WINDOW);
  return {
    contents: { kind: MarkupKind.Markdown, value: lines.join('\n\n') },
    range: { start: document.positionAt(scope.toFile(node.offset)), end: document.positionAt(scope.toFile(node.offset + node.length)) },
  };
}

function liveCount(node: Node, maxLength: number | undefined, maxItems: number | undefined, path: JsonPath): string | undefined {
  if (node.type === 'string' && typeof node.value === 'string') {
    const length = codePointLength(node.value);
    // A count only where a length limit applies.
    if (maxLength === undefined) return undefined;
    return `${length} / ${maxLength} characters${length > maxLength ? ` (${length - maxLength} over)` : ''}`;
  }
  if (node.type === 'array') {
    const count = node.children?.length ?? 0;
    if (path[path.length - 1] === 'sections') {
      const rows = (node.children ?? []).reduce((sum, section) => {
        const rowsNode = section.children?.find((p) => p.children?.[0]?.value === 'rows')?.children?.[1];
        return sum + (rowsNode?.type === 'array' ? rowsNode.children?.length ?? 0 : 0);
      }, 0);
      return `${count} / ${maxItems ?? SECTIONS} sections, ${rows} / ${RULE_LIMITS.listRows} rows in total`;
    }
    if (path[path.length - 1] === 'buttons') {
      const reply = (node.children ?? []).some((b) => b.children?.some((p) => p.children?.[0]?.value === 'type' && p.children?.[1]?.value === 'reply'));
      return reply ? `${count} / ${RULE_LIMITS.replyButtons} reply buttons` : `${count} button${count === 1 ? '' : 's'} (only the first openurl button is sent)`;
    }
    return maxItems === undefined ? undefined : `${count} / ${maxItems} items`;
  }
  return undefined;
}
