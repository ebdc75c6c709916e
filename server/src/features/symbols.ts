/**
 * Outline and breadcrumbs: each message → its recipients → its interactive kind and title.
 * VS Code asks again after every edit, so the nodes are found by one skipping scan over each
 * message's scope (`JsonDocument.locate`, see core/scopes.ts), not by a tree of the whole file.
 */
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { valueAtPath, type JsonPath, type LocatedPath } from '../../../shared/core/index';
import { interactivesOf, type Loose } from '../../../shared/core/payload-model';
import { arrayAt, isObject, objectAt } from '../../../shared/core/rules/access';
import type { MessageEntry, PayloadText, Scope } from '../../../shared/core/scopes';
import type { Interactive, ListRow, ListSection, Message, Recipient, ReplyButton, UrlButton } from '../../../shared/payload';

/**
 * The default of `cmInteractive.outline.maxItems`, as VS Code's JSON outline has
 * json.maxItemsComputed: more would only slow the editor down.
 */
export const MAX_SYMBOLS = 5000;

/** What an outline left out: it had room for `shown` of the file's `total` symbols. */
export interface OutlineLimited {
  shown: number;
  total: number;
}
/** Recipients listed per message; the recipients node's name says how many there are. */
const MAX_RECIPIENT_SYMBOLS = 20;

const KIND_NAMES: Record<string, string> = {
  list: 'List',
  button: 'Buttons',
  location_request_message: 'Location request',
  flow: 'Flow',
  call_permission_request: 'Call permission request',
};

/** A symbol before its node is located; dropped if its path does not exist in the text. */
interface Planned {
  name: string;
  kind: SymbolKind;
  path: JsonPath;
  children: Planned[];
  detail?: string;
  /** Kept after its siblings when the outline is cut (what it lists is said elsewhere too). */
  secondary?: boolean;
}

/**
 * The outline: at most `maxItems` symbols (cmInteractive.outline.maxItems). `limited` hears
 * when the file has more than that, with how many it has.
 */
export function getDocumentSymbols(text: TextDocument, payload: PayloadText, maxItems = MAX_SYMBOLS, limited?: (limit: OutlineLimited) => void): DocumentSymbol[] {
  const budget = Math.max(1, Math.floor(maxItems));
  // Every message gets its share of the budget, its own symbol first, then level by level.
  const share = Math.max(1, Math.floor(budget / Math.max(payload.messageCount(), 1)));
  const entries = payload.messageEntries();
  const counted = { shown: 0, total: 0 };
  const symbols = entries ? keptPerMessage(text, entries, share, budget, counted) : wholeOutline(text, payload, share, budget, counted);
  if (limited && counted.total > counted.shown) limited(counted);
  return symbols;
}

function wholeOutline(text: TextDocument, payload: PayloadText, share: number, budget: number, counted: OutlineLimited): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  let messages = 0;
  for (const { scope, indexes } of payload.messageScopes()) {
    const planned = indexes.map((index) => messageSymbol(valueAtPath(scope.root, ['messages', 'msg', index]), index));
    for (const plan of planned) counted.total += sizeOf(plan);
    const plan = planned.slice(0, Math.max(budget - messages, 0)).map((message) => trimmed(message, share));
    for (const message of plan) counted.shown += sizeOf(message);
    symbols.push(...placeAll(text, scope, plan));
    messages += plan.length;
  }
  return symbols;
}

/** How many symbols a planned symbol's tree has. */
function sizeOf(planned: Planned): number {
  let size = 1;
  for (const child of planned.children) size += sizeOf(child);
  return size;
}

/** What a message's memo keeps for the outline. */
interface KeptSymbols {
  index: number;
  share: number;
  /** Where the message starts: when it moves, so does every symbol in it. */
  line: number;
  character: number;
  /** Whether the message could be parsed (it then counts in the budget, even with no symbol). */
  planned: boolean;
  symbols: DocumentSymbol[];
  /** The symbols planned for the message, and how many of them the share left. */
  total: number;
  shown: number;
}

/**
 * The outline message by message, each message's symbols kept in its memo while its text, index,
 * start position and share stay (then nothing in it moved): after a keystroke only the edited
 * message is parsed and scanned again. The same answer as the path below.
 */
function keptPerMessage(text: TextDocument, entries: MessageEntry[], share: number, budget: number, counted: OutlineLimited): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  let messages = 0;
  for (const entry of entries) {
    const start = text.positionAt(entry.offset);
    let kept = entry.memo.symbols as KeptSymbols | undefined;
    if (!kept || kept.index !== entry.index || kept.share !== share || kept.line !== start.line || kept.character !== start.character) {
      const scope = entry.scope();
      const planned = scope ? messageSymbol(valueAtPath(scope.root, ['messages', 'msg', entry.index]), entry.index) : undefined;
      const total = planned ? sizeOf(planned) : 0;
      const plan = planned ? trimmed(planned, share) : undefined;
      const placed = scope && plan ? placeAll(text, scope, [plan]) : [];
      kept = { index: entry.index, share, line: start.line, character: start.character, planned: scope !== undefined, symbols: placed, total, shown: plan ? sizeOf(plan) : 0 };
      entry.memo.symbols = kept;
    }
    if (!kept.planned) continue;
    counted.total += kept.total;
    if (messages >= budget) continue;
    counted.shown += kept.shown;
    for (const symbol of kept.symbols) symbols.push(symbol);
    messages++;
  }
  return symbols;
}

/** The symbol with at most `budget` symbols in its tree, the shallower ones first (on one level, the secondary ones last). */
function trimmed(root: Planned, budget: number): Planned {
  const kept = new Set<Planned>([root]);
  const queue = [root];
  for (let i = 0; i < queue.length && kept.size < budget; i++) {
    const children = queue[i].children;
    for (const child of [...children.filter((c) => !c.secondary), ...children.filter((c) => c.secondary)]) {
      if (kept.size >= budget) break;
      kept.add(child);
      queue.push(child);
    }
  }
  for (const node of queue) node.children = node.children.filter((child) => kept.has(child));
  return root;
}

/** The planned symbols located in their scope (one scan for all), the missing ones dropped. */
function placeAll(text: TextDocument, scope: Scope, plan: Planned[]): DocumentSymbol[] {
  const paths: JsonPath[] = [];
  const collect = (planned: Planned) => {
    paths.push(planned.path.slice(scope.base.length));
    planned.children.forEach(collect);
  };
  plan.forEach(collect);
  const located = scope.document.locate(paths);
  let next = 0;
  // Consumed in the order collected: depth first, parent before children.
  const place = (planned: Planned): DocumentSymbol[] => {
    const at = located[next++];
    const children = planned.children.flatMap(place);
    return at.exact ? [symbol(text, scope, planned, at, children)] : [];
  };
  return plan.flatMap(place);
}

// The kinds VS Code's own JSON outline uses (objects Module, arrays Array, values String or
// Property), so that breadcrumbs read alike whichever provider they come from.
function messageSymbol(value: unknown, msgIndex: number): Planned {
  const msgPath: JsonPath = ['messages', 'msg', msgIndex];
  const msg = (isObject(value) ? value : {}) as Loose<Message>;
  const numbers = arrayAt(msg, 'to').map((r) => String((isObject(r) ? (r as Loose<Recipient>).number : undefined) ?? '?'));
  const recipients: Planned = {
    name: `Recipients (${numbers.length})`,
    kind: SymbolKind.Array,
    path: [...msgPath, 'to'],
    // The message's detail names the first recipient and the count: in a cut outline the
    // interactive message (its kind and title) is worth the place more.
    secondary: true,
    children: numbers.slice(0, MAX_RECIPIENT_SYMBOLS).map((number, i) => leaf(number, SymbolKind.String, [...msgPath, 'to', i])),
  };
  const interactives = interactivesOf(msg).map(({ index, interactive }) => interactiveSymbol(interactive, [...msgPath, 'richContent', 'conversation', index, 'interactive']));
  const detail = numbers.length === 0 ? 'no recipients' : `to ${numbers[0]}${numbers.length > 1 ? ` +${numbers.length - 1}` : ''}`;
  return { name: `Message ${msgIndex + 1}`, kind: SymbolKind.Module, path: msgPath, children: [recipients, ...interactives], detail };
}

function interactiveSymbol(interactive: Loose<Interactive>, path: JsonPath): Planned {
  const type = interactive.type;
  const kind = (typeof type === 'string' && Object.hasOwn(KIND_NAMES, type) ? KIND_NAMES[type] : undefined) ?? String(type ?? 'interactive');
  const title = firstText(objectAt(interactive, 'header')?.text, objectAt(interactive, 'body')?.text) ?? '';
  const action = objectAt(interactive, 'action');
  const children: Planned[] = [];
  if (type === 'list') {
    arrayAt(action, 'sections').forEach((value, s) => {
      const section = (isObject(value) ? value : {}) as Loose<ListSection>;
      const sectionPath = [...path, 'action', 'sections', s];
      const rows = arrayAt(section, 'rows').map((value, r) => {
        const row = (isObject(value) ? value : {}) as Loose<ListRow>;
        return leaf(String(row.title ?? row.id ?? `Row ${r + 1}`), SymbolKind.Property, [...sectionPath, 'rows', r]);
      });
      children.push({ ...leaf(String(section.title ?? `Section ${s + 1}`), SymbolKind.Module, sectionPath), children: rows });
    });
  }
  if (type === 'button') {
    arrayAt(action, 'buttons').forEach((value, b) => {
      const button = (isObject(value) ? value : {}) as Loose<UrlButton> | Loose<ReplyButton>;
      const name = button.type === 'openurl' ? `${(button as Loose<UrlButton>).title ?? 'Link'} ↗` : String(objectAt(button, 'reply')?.title ?? `Button ${b + 1}`);
      children.push(leaf(name, SymbolKind.Property, [...path, 'action', 'buttons', b]));
    });
  }
  const cta = type === 'flow' ? objectAt(action, 'parameters')?.flow_cta : undefined;
  if (cta) children.push(leaf(String(cta), SymbolKind.Property, [...path, 'action', 'parameters', 'flow_cta']));
  return { name: `${kind}${title ? `: ${title}` : ''}`, kind: SymbolKind.Module, path, children };
}

function leaf(name: string, kind: SymbolKind, path: JsonPath): Planned {
  return { name, kind, path, children: [] };
}

function firstText(...candidates: unknown[]): string | undefined {
  const text = candidates.find((c): c is string => typeof c === 'string' && c.trim() !== '');
  if (!text) return undefined;
  const line = text.split('\n')[0].trim();
  return line.length > 40 ? line.slice(0, 39) + '…' : line;
}

function symbol(text: TextDocument, scope: Scope, planned: Planned, at: LocatedPath, children: DocumentSymbol[]): DocumentSymbol {
  // A property's symbol spans key and value, and selects the key (what breadcrumbs reveal);
  // VS Code rejects a selection outside the range.
  const position = (offset: number) => text.positionAt(scope.toFile(offset));
  const start = at.key?.offset ?? at.value.offset;
  const range = { start: position(start), end: position(at.value.offset + at.value.length) };
  const selectionRange = at.key ? { start: range.start, end: position(at.key.offset + at.key.length) } : range;
  return { name: planned.name || ' ', kind: planned.kind, range, selectionRange, children, detail: planned.detail };
}
