/** Outline and breadcrumbs: each message → its recipients → its interactive kind and title. */
import { findNodeAtLocation, type Node } from 'jsonc-parser';
import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver';
import type { JsonDocument, JsonPath, ValidationResult } from '../core/index';

const KIND_NAMES: Record<string, string> = {
  list: 'List',
  button: 'Buttons',
  location_request_message: 'Location request',
  flow: 'Flow',
  call_permission_request: 'Call permission request',
};

export function getDocumentSymbols(result: ValidationResult): DocumentSymbol[] {
  const document = result.document;
  const root = document.root();
  const value = document.value as any;
  if (!root || !Array.isArray(value?.messages?.msg)) return [];
  const symbols: DocumentSymbol[] = [];
  value.messages.msg.forEach((msg: any, msgIndex: number) => {
    const msgPath: JsonPath = ['messages', 'msg', msgIndex];
    const msgNode = findNodeAtLocation(root, msgPath);
    if (!msgNode) return;
    const numbers: string[] = Array.isArray(msg?.to) ? msg.to.map((r: any) => String(r?.number ?? '?')) : [];
    const children: DocumentSymbol[] = [];
    const toNode = findNodeAtLocation(root, [...msgPath, 'to']);
    if (toNode) {
      children.push(symbol(document, `Recipients (${numbers.length})`, SymbolKind.Array, toNode,
        numbers.flatMap((number, i) => {
          const node = findNodeAtLocation(root, [...msgPath, 'to', i]);
          return node ? [symbol(document, number, SymbolKind.String, node)] : [];
        })));
    }
    const conversation = Array.isArray(msg?.richContent?.conversation) ? msg.richContent.conversation : [];
    conversation.forEach((item: any, itemIndex: number) => {
      const path: JsonPath = [...msgPath, 'richContent', 'conversation', itemIndex, 'interactive'];
      const node = findNodeAtLocation(root, path);
      if (!node || !item?.interactive || typeof item.interactive !== 'object') return;
      children.push(interactiveSymbol(document, root, item.interactive, path, node));
    });
    const detail = numbers.length === 0 ? 'no recipients' : `to ${numbers[0]}${numbers.length > 1 ? ` +${numbers.length - 1}` : ''}`;
    symbols.push(symbol(document, `Message ${msgIndex + 1}`, SymbolKind.Object, msgNode, children, detail));
  });
  return symbols;
}

function interactiveSymbol(document: JsonDocument, root: Node, interactive: any, path: JsonPath, node: Node): DocumentSymbol {
  const kind = KIND_NAMES[interactive.type] ?? String(interactive.type ?? 'interactive');
  const title = firstText(interactive.header?.text, interactive.body?.text) ?? '';
  const children: DocumentSymbol[] = [];
  const add = (name: string, kindOf: SymbolKind, at: JsonPath, grandChildren: DocumentSymbol[] = []) => {
    const child = findNodeAtLocation(root, at);
    if (child) children.push(symbol(document, name, kindOf, child, grandChildren));
  };
  if (interactive.type === 'list' && Array.isArray(interactive.action?.sections)) {
    interactive.action.sections.forEach((section: any, s: number) => {
      const rows: DocumentSymbol[] = [];
      (Array.isArray(section?.rows) ? section.rows : []).forEach((row: any, r: number) => {
        const rowNode = findNodeAtLocation(root, [...path, 'action', 'sections', s, 'rows', r]);
        if (rowNode) rows.push(symbol(document, String(row?.title ?? row?.id ?? `Row ${r + 1}`), SymbolKind.EnumMember, rowNode));
      });
      add(String(section?.title ?? `Section ${s + 1}`), SymbolKind.Enum, [...path, 'action', 'sections', s], rows);
    });
  }
  if (interactive.type === 'button' && Array.isArray(interactive.action?.buttons)) {
    interactive.action.buttons.forEach((button: any, b: number) => {
      const name = button?.type === 'openurl' ? `${button.title ?? 'Link'} ↗` : String(button?.reply?.title ?? `Button ${b + 1}`);
      add(name, SymbolKind.Event, [...path, 'action', 'buttons', b]);
    });
  }
  if (interactive.type === 'flow' && interactive.action?.parameters?.flow_cta) {
    add(String(interactive.action.parameters.flow_cta), SymbolKind.Event, [...path, 'action', 'parameters', 'flow_cta']);
  }
  return symbol(document, `${kind}${title ? `: ${title}` : ''}`, SymbolKind.Struct, node, children);
}

function firstText(...candidates: unknown[]): string | undefined {
  const text = candidates.find((c): c is string => typeof c === 'string' && c.trim() !== '');
  if (!text) return undefined;
  const line = text.split('\n')[0].trim();
  return line.length > 40 ? line.slice(0, 39) + '…' : line;
}

function symbol(document: JsonDocument, name: string, kind: SymbolKind, node: Node, children: DocumentSymbol[] = [], detail?: string): DocumentSymbol {
  // A property's symbol spans key and value, and selects the key (what breadcrumbs reveal);
  // VS Code rejects a selection outside the range.
  const property = node.parent?.type === 'property' ? node.parent : undefined;
  const key = property?.children?.[0];
  const whole = property ?? node;
  const range: Range = document.rangeOf({ offset: whole.offset, length: whole.length });
  const selectionRange = key ? document.rangeOf({ offset: key.offset, length: key.length }) : range;
  return { name: name || ' ', kind, range, selectionRange, children, detail };
}
