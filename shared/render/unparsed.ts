/**
 * Which `msg` entries do not parse: a syntax problem inside one (or, in a `msg` array left
 * open, after its last entry) makes that entry unparsed. The preview draws such an entry as
 * "does not parse yet" instead of whatever a tolerant parse made of it — nothing made up.
 */
import type { JsonDocument } from '../core/json-document';
import type { UnparsedMessage } from './model';

export function unparsedMessages(document: JsonDocument): UnparsedMessage[] {
  if (document.syntaxProblems.length === 0) return [];
  const root = document.root();
  const messages = root?.type === 'object' ? root.children?.find((p) => p.children?.[0]?.value === 'messages')?.children?.[1] : undefined;
  const msg = messages?.type === 'object' ? messages.children?.find((p) => p.children?.[0]?.value === 'msg')?.children?.[1] : undefined;
  if (msg?.type !== 'array' || !msg.children?.length) return [];
  const entries = msg.children;
  const arrayEnd = msg.offset + msg.length;
  const closed = document.text[arrayEnd - 1] === ']';
  const found: UnparsedMessage[] = [];
  entries.forEach((entry, index) => {
    // An entry owns the text from its start to the next entry's (the last: to the array's `]`, or to the end when there is none).
    const end = index + 1 < entries.length ? entries[index + 1].offset : closed ? arrayEnd - 1 : Infinity;
    const problem = document.syntaxProblems.find((p) => p.offset >= entry.offset && p.offset < end);
    if (problem) found.push({ index, line: document.positionAt(problem.offset).line + 1 });
  });
  return found;
}
