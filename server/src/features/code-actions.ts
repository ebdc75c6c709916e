/**
 * Quick fixes attached to the diagnostics. Each fix reads what it needs from the
 * diagnostic's typed `data` (core/report.ts DiagnosticData, put there by the rule or the
 * schema check), by its `kind` and never by the rule code, and edits with jsonc-parser's `modify`,
 * which keeps the file's formatting.
 */
import { findNodeAtLocation, modify, type Node as JsonNode } from 'jsonc-parser';
import { CodeActionKind, type CodeAction, type CodeActionContext, type Diagnostic as LspDiagnostic, type Range, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { RULES, fromPointer, valueAtPath, removeEmoji, removeMarkdown, shortenText, codePointLength, type Diagnostic, type DiagnosticData, type JsonPath, type ValidationResult } from '../../../shared/core/index';
import { extensionsOf, isMediaKind, mimeTypeOf, type MediaKind } from '../../../shared/core/media-types';
import { RULE_LIMITS } from '../../../shared/core/limits';
import type { Loose } from '../../../shared/core/payload-model';
import { arrayAt, isObject, objectAt } from '../../../shared/core/rules/access';
import { schemaNumber } from '../../../shared/core/schemas';
import type { ButtonMessage, ListAction, ListMessage, ListRow, Reply, ReplyButton } from '../../../shared/payload';
import type { PayloadText, Scope } from '../../../shared/core/scopes';
import { msgEntryFindings } from '../../../shared/core/validate';
import { toLspDiagnostics } from './diagnostics';
import { detectIndent } from './snippets';

type Fix = { title: string; edits: TextEdit[]; preferred?: boolean };

/**
 * `checked`: the diagnostics of this very text; `payload`: the text in scopes, so a fix reads
 * and edits only the message it is about, whatever the size of the file.
 */
export function getCodeActions(
  document: TextDocument,
  range: Range,
  context: CodeActionContext,
  checked: Pick<ValidationResult, 'diagnostics'>,
  payload: PayloadText,
): CodeAction[] {
  // Every action here is a quick fix: none for a request that asks only for other kinds.
  if (context.only && !context.only.some((kind) => CodeActionKind.QuickFix.startsWith(kind))) return [];
  const ours = checked.diagnostics.filter((d) => overlaps(d.range, range));
  const lspDiagnostics = toLspDiagnostics({ diagnostics: ours }, 'cm-payload');
  const actions: CodeAction[] = [];
  ours.forEach((diagnostic, index) => {
    const scope = payload.scopeOf(fromPointer(diagnostic.path));
    if (!scope) return;
    for (const fix of fixesFor(diagnostic, document, scope)) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [matching(lspDiagnostics[index], context.diagnostics)],
        isPreferred: fix.preferred,
        edit: { changes: { [document.uri]: fix.edits } },
      });
    }
  });
  return actions;
}

/** The client's own copy of the diagnostic, when it sent one, so the editor links them. */
function matching(ours: LspDiagnostic, theirs: LspDiagnostic[]): LspDiagnostic {
  return theirs.find((d) => d.code === ours.code && sameRange(d.range, ours.range)) ?? ours;
}

function fixesFor(diagnostic: Diagnostic, document: TextDocument, scope: Scope): Fix[] {
  const data = diagnostic.data;
  if (!data) return [];
  const path = fromPointer(diagnostic.path);
  const value = valueAtPath(scope.root, path);
  const edit = (target: JsonPath, newValue: unknown) => edits(document, scope, target, newValue);

  switch (data.kind) {
    case 'shorten': {
      if (typeof value !== 'string' || codePointLength(value) <= data.limit) return [];
      const shortened = distinctTitle(shortenText(value, data.limit), scope, path, data.limit);
      return [{ title: `Shorten to ${codePointLength(shortened)} characters: "${shortened}"`, edits: edit(path, shortened), preferred: true }];
    }
    case 'strip': {
      if (typeof value !== 'string') return [];
      const stripped = distinctTitle(data.strip === 'emoji' ? removeEmoji(value) : removeMarkdown(value), scope, path, BUTTON_TITLE_LIMIT);
      // A text that is only emoji (a "👍" title) has nothing left to keep: no fix rather than an empty text, its own error.
      if (stripped.trim() === '') return [];
      return [{ title: `${data.strip === 'emoji' ? 'Remove the emoji' : 'Remove the formatting'}: "${stripped}"`, edits: edit(path, stripped), preferred: true }];
    }
    case 'unique': {
      if (typeof value !== 'string') return [];
      const unique = uniqueValue(value, data.taken, data.separator, data.maxLength);
      return [{ title: `Make it unique: "${unique}"`, edits: edit(path, unique), preferred: true }];
    }
    case 'trim':
      return typeof value === 'string' && value.trim() !== value && value.trim() !== ''
        ? [{ title: `Trim the spaces: "${value.trim()}"`, edits: edit(path, value.trim()), preferred: true }]
        : [];
    case 'replace':
      return [{ title: `Change to "${data.replacement}"`, edits: edit(path, data.replacement), preferred: true }];
    case 'choose': {
      // A media header's mimeType: only the types its mediaName's extension fits, when some do (image/jpeg for
      // "sale.jpg", not image/png, which would make INT-MEDIA-NAME ask for .png); any other choice names what it asks.
      const fitting = data.allowed.filter((allowed) => fitsMediaName(scope, path, allowed) !== false);
      // Only the choices that make no new error (and, for an error, fix it): "buttons" → "list"
      // would make a list of a button message, two new errors for one fixed.
      const fixesError = diagnostic.severity === 'error';
      const choices = (fitting.length > 0 ? fitting : data.allowed).filter((allowed) => noNewErrors(scope, path, allowed, fixesError));
      // When no header type would do (a media header on a list), the header can still go.
      if (choices.length === 0) return path.at(-1) === 'type' && path.at(-2) === 'header' ? [{ title: 'Remove the header', edits: edit(path.slice(0, -1), undefined) }] : [];
      return choices.length <= 6
        ? choices.map((allowed) => ({
            title: `Change to ${JSON.stringify(allowed)}${fitsMediaName(scope, path, allowed) === false ? ` (mediaName then needs .${extensionsOf(mediaKindAt(scope, path)!, String(allowed))![0]})` : ''}`,
            edits: edit(path, allowed),
            preferred: choices.length === 1,
          }))
        : [];
    }
    case 'add-whatsapp':
      return Array.isArray(value) ? [{ title: 'Add "WhatsApp" to allowedChannels', edits: edit([...path, value.length], 'WhatsApp'), preferred: true }] : [];
    case 'remove-property':
      return [{ title: `Remove the ${data.property}`, edits: edit(path, undefined), preferred: true }];
    case 'remove-element':
      return [{ title: 'Remove this button (it is never sent)', edits: edit(path, undefined), preferred: true }];
    case 'remove-token':
      return [
        { title: 'Replace the token with a ${CM_PRODUCT_TOKEN} placeholder', edits: edit(path, '${CM_PRODUCT_TOKEN}'), preferred: true },
        { title: 'Remove "authentication" from the file', edits: edit(path.slice(0, -1), undefined) },
      ];
    case 'meta-media': {
      const headerPath = path.slice(0, -1);
      if (!parsesCleanly(scope, headerPath)) return [];
      return [{ title: "Convert to CM's media object", edits: edit(headerPath, metaMediaToCm(valueAtPath(scope.root, headerPath), data)), preferred: true }];
    }
    case 'too-many-buttons': {
      if (!Array.isArray(value) || value.length <= data.limit) return [];
      if (!parsesCleanly(scope, path.slice(0, -2))) return [];
      // Reply buttons mixed with openurl ones (BTN-KIND): both fixes keep reply buttons only, and say so.
      const replies = value.filter((button) => isObject(button) && button.type === 'reply');
      const others = value.length - replies.length;
      const othersGo = others === 0 ? '' : `; drops the ${others === 1 ? 'openurl button' : `${others} openurl buttons`}`;
      const fixes: Fix[] =
        others === 0
          ? [{ title: `Keep the first ${data.limit} buttons`, edits: edit(path, value.slice(0, data.limit)) }]
          : [{ title: `Keep the first ${Math.min(data.limit, replies.length)} reply buttons${othersGo}`, edits: edit(path, replies.slice(0, data.limit)) }];
      const interactivePath = path.slice(0, -2);
      const list = buttonsToList(valueAtPath(scope.root, interactivePath));
      if (list) {
        // The titles are kept as they are: one over a row's limit is left to its own diagnostic (and fix), and the title says so.
        const rows = list.action.sections[0].rows;
        const over = rows.filter((row) => codePointLength(row.title) > ROW_TITLE_LIMIT).length;
        const note = over ? `; ${over} title${over === 1 ? ' is' : 's are'} over ${ROW_TITLE_LIMIT} characters, kept for you to shorten` : '';
        // A media header has no place in a list: the title says it goes, since the edit drops it.
        const header = objectAt(valueAtPath(scope.root, interactivePath), 'header');
        const dropped = header && !list.header ? `; drops the ${typeof header.type === 'string' ? `${header.type} ` : ''}header: a list header can only be text` : '';
        fixes.push({ title: `Convert to a list message (${rows.length} rows${othersGo}${dropped}${note})`, edits: edit(interactivePath, list), preferred: true });
      }
      return fixes;
    }
    case 'count':
    case 'syntax':
      return [];
  }
}

/** Whether setting `value` at `path` adds no error to its message (`fewer`: and takes one away). */
function noNewErrors(scope: Scope, path: JsonPath, value: unknown, fewer: boolean): boolean {
  if (path[0] !== 'messages' || path[1] !== 'msg' || typeof path[2] !== 'number') return true;
  const msg = valueAtPath(scope.root, path.slice(0, 3));
  const within = path.slice(3);
  if (!isObject(msg) || within.length === 0) return true;
  const changed = structuredClone(msg) as Record<string | number, unknown>;
  let parent: unknown = changed;
  for (const segment of within.slice(0, -1)) parent = isObject(parent) || Array.isArray(parent) ? (parent as Record<string | number, unknown>)[segment] : undefined;
  if (!isObject(parent) && !Array.isArray(parent)) return true;
  (parent as Record<string | number, unknown>)[within[within.length - 1]] = value;
  const [after, before] = [errorCount(changed), errorCount(msg)];
  return fewer ? after < before : after <= before;
}

function errorCount(msg: unknown): number {
  return msgEntryFindings(msg).filter((finding) => (finding.severity ?? RULES[finding.code].severity) === 'error').length;
}

/** The kind of the media header whose `mimeType` is at `path`, if that is what `path` is. */
function mediaKindAt(scope: Scope, path: JsonPath): MediaKind | undefined {
  if (path[path.length - 1] !== 'mimeType' || path[path.length - 2] !== 'media') return undefined;
  const header = valueAtPath(scope.root, path.slice(0, -2));
  const type = isObject(header) ? header.type : undefined;
  return isMediaKind(type) ? type : undefined;
}

/** Whether the header's mediaName ends in an extension of `mimeType`; undefined when that is not the question. */
function fitsMediaName(scope: Scope, path: JsonPath, mimeType: unknown): boolean | undefined {
  const kind = mediaKindAt(scope, path);
  const mediaName = kind ? valueAtPath(scope.root, [...path.slice(0, -1), 'mediaName']) : undefined;
  const extensions = kind && typeof mimeType === 'string' ? extensionsOf(kind, mimeType.toLowerCase()) : undefined;
  if (typeof mediaName !== 'string' || !extensions) return undefined;
  const extension = /\.([A-Za-z0-9]+)$/.exec(mediaName)?.[1]?.toLowerCase();
  return extension !== undefined && extensions.includes(extension);
}

/** A reply button's title limit (BTN-TITLE). */
const BUTTON_TITLE_LIMIT = schemaNumber('buttonItem', ['reply', 'title'], 'maxLength');

/**
 * A reply button's new title that another button of the message already shows (trimmed) would
 * be a new BTN-TITLE-UNIQUE: it gets the first free number instead ("Yes 👍" next to "Yes" → "Yes 2"),
 * which the fix's title shows. Any other text is returned as it is.
 */
function distinctTitle(title: string, scope: Scope, path: JsonPath, limit: number): string {
  const [button, reply, field] = path.slice(-3);
  const buttonsPath = path.slice(0, -3);
  if (reply !== 'reply' || field !== 'title' || typeof button !== 'number' || buttonsPath[buttonsPath.length - 1] !== 'buttons') return title;
  const buttons = valueAtPath(scope.root, buttonsPath);
  if (!Array.isArray(buttons)) return title;
  const others = buttons.flatMap((b, index) => {
    const other = index !== button && isObject(b) && b.type === 'reply' && isObject(b.reply) ? b.reply.title : undefined;
    return typeof other === 'string' && other.trim() !== '' ? [other.trim()] : [];
  });
  return others.includes(title.trim()) ? uniqueValue(title, others, ' ', limit) : title;
}

/** A list row's title limit (LIST-ROW-TITLE). */
const ROW_TITLE_LIMIT = schemaNumber('list', ['action', 'sections', '[]', 'rows', '[]', 'title'], 'maxLength');

/** A reply-button message as a list message: the buttons become rows of one section, their ids and titles as they are. */
export function buttonsToList(value: unknown): (Loose<ListMessage> & { type: 'list'; action: ListAction }) | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const source = value as Loose<ButtonMessage>;
  const rows: ListRow[] = arrayAt(objectAt(source, 'action'), 'buttons')
    .filter((b): b is Loose<ReplyButton> => isObject(b) && b.type === 'reply' && typeof b.reply === 'object' && b.reply !== null)
    .slice(0, RULE_LIMITS.listRows)
    .map((button, index) => {
      const reply = button.reply as Loose<Reply>;
      return { id: String(reply.id ?? `option-${index + 1}`), title: String(reply.title ?? `Option ${index + 1}`) };
    });
  const list: Loose<ListMessage> & { type: 'list'; action: ListAction } = {
    type: 'list',
    // A list header can only be text.
    ...(objectAt(source, 'header')?.type === 'text' ? { header: source.header } : {}),
    ...(source.body !== undefined ? { body: source.body } : {}),
    ...(source.footer !== undefined ? { footer: source.footer } : {}),
    action: { button: 'Choose an option', sections: [{ title: 'Options', rows }] },
  };
  return list;
}

/** `header.image: { link }` (Meta) → `header.media: { mediaName, mediaUri, mimeType }` (CM). */
function metaMediaToCm(header: unknown, data: Extract<DiagnosticData, { kind: 'meta-media' }>): Record<string, unknown> {
  const link = data.link ?? '';
  const fileName = data.filename ?? decodeURIComponent(link.split(/[?#]/)[0].split('/').pop() || 'media');
  const converted: Record<string, unknown> = { ...(header as Record<string, unknown>) };
  delete converted[data.metaKey];
  converted.media = { mediaName: fileName, mediaUri: link, mimeType: mimeTypeOf(fileName, data.metaKey) };
  return converted;
}

function uniqueValue(value: string, taken: string[], separator: string, limit: number): string {
  const used = new Set(taken.map((t) => t.trim()));
  for (let n = 2; n < 1000; n++) {
    const suffix = `${separator}${n}`;
    const candidate = shortenText(value.trim(), limit - suffix.length).trimEnd() + suffix;
    if (!used.has(candidate)) return candidate;
  }
  return value;
}

/**
 * The edits that set (or, with `undefined`, remove) the value at `path`, placed in the file.
 * jsonc-parser's `modify` on the scope's text, formatted only where the file is laid out over
 * lines: its formatter reflows every line an edit touches, so in a one-line file (or a message,
 * array or object kept on one line) it would rewrite the whole line — there the new value goes in
 * compact, as the text around it is. An array element is removed by our own range (below).
 */
function edits(document: TextDocument, scope: Scope, path: JsonPath, value: unknown): TextEdit[] {
  const local = path.slice(scope.base.length);
  // The scope's own tree (built once, not for texts too deep or big to build one).
  const tree = scope.document.root();
  const node = tree && findNodeAtLocation(tree, local);
  const place = (offset: number, length: number, newText: string): TextEdit => ({
    range: { start: document.positionAt(scope.toFile(offset)), end: document.positionAt(scope.toFile(offset + length)) },
    newText,
  });
  if (value === undefined && node?.parent?.type === 'array') {
    const removal = elementRemoval(node);
    return [place(removal.offset, removal.length, '')];
  }
  // What the edit rewrites: the node itself, or the container a new member goes into.
  const rewritten = node ?? (tree && findNodeAtLocation(tree, local.slice(0, -1)));
  const laidOut = rewritten !== undefined && /[\r\n]/.test(scope.text.slice(rewritten.offset, rewritten.offset + rewritten.length));
  const text = document.getText();
  const indent = detectIndent(text);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const options = laidOut ? { formattingOptions: { insertSpaces: indent.insertSpaces, tabSize: indent.tabSize, eol } } : {};
  return modify(scope.text, local, value, options).map((e) => place(e.offset, e.length, e.content));
}

/**
 * The text to take away with an array element: up to the next element (its comma and the space
 * before the next one), or for the last one from the end of the one before it. jsonc-parser's
 * own removal of a last element assumes one character between it and the `]`, and in `…}]` it
 * left a stray `}`.
 */
function elementRemoval(node: JsonNode): { offset: number; length: number } {
  const siblings = node.parent?.children ?? [];
  const index = siblings.indexOf(node);
  const end = node.offset + node.length;
  if (index < siblings.length - 1) return { offset: node.offset, length: siblings[index + 1].offset - node.offset };
  if (index > 0) {
    const previousEnd = siblings[index - 1].offset + siblings[index - 1].length;
    return { offset: previousEnd, length: end - previousEnd };
  }
  return { offset: node.offset, length: node.length };
}

/**
 * Whether the text of the node at `path` parses without an error. A fix that writes a whole
 * object back from its parsed value (a list made from buttons) would otherwise write what the
 * tolerant parse made of a broken text: `"Reply "Yes" if…"` is read as "Reply ", and the rest
 * of the user's text would be gone. The scope's parse already found its syntax problems (all of
 * them, unless there were more than it keeps: then no node counts as clean).
 */
function parsesCleanly(scope: Scope, path: JsonPath): boolean {
  const tree = scope.document.root();
  const node = tree && findNodeAtLocation(tree, path.slice(scope.base.length));
  if (!node) return false;
  const end = node.offset + node.length;
  return scope.document.moreSyntaxProblems === 0 && !scope.document.syntaxProblems.some((problem) => problem.offset < end && problem.offset + problem.length > node.offset);
}

function overlaps(a: Range, b: Range): boolean {
  return !(before(a.end, b.start) || before(b.end, a.start));
}

function before(a: Range['start'], b: Range['start']): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

