/**
 * The WhatsApp renderer: payload → DOM, one code path for the VS Code webview and the
 * standalone page of `cm-interactive render`. Text only ever enters the DOM through
 * textContent; images only from https: URLs; no link is ever followed.
 *
 * A render is a pure function of its input (payload, diagnostics, view state) and attaches no
 * listeners: `listenToChat` handles clicks by delegation, so an update can patch the DOM in
 * place (patch.ts) without leaving a handler that closes over an old payload.
 */
import { newViewState, type CustomerBubble, type PreviewDiagnostic, type RenderCallbacks, type RenderInput, type ViewState } from './model';
import { formatWhatsApp } from './whatsapp-format';
import { RULE_LIMITS } from '../core/limits';
import { extensionsOf } from '../core/media-types';
import type { Loose } from '../core/payload-model';
import { arrayAt, objectAt } from '../core/rules/access';
import type { ButtonAction, ConversationItem, FlowAction, Header, Interactive, ListAction, ListRow, ListSection, Message, Recipient, ReplyButton, UrlButton } from '../payload';

/** A payload node as the renderer reads it: any object (an array too, whose properties read as missing), or else an empty one. */
function loose<T>(value: unknown): Loose<T> {
  return (typeof value === 'object' && value !== null ? value : {}) as Loose<T>;
}

const KIND_LABEL: Record<string, string> = {
  list: 'List message',
  button: 'Buttons',
  location_request_message: 'Location request',
  flow: 'Flow',
  call_permission_request: 'Call permission request',
};

export function renderPayload(doc: Document, input: RenderInput): HTMLElement {
  return new Renderer(doc, input).render();
}

/**
 * The chat's behaviour, on its container, once: a tap on anything the customer can tap
 * (`data-tap`) is reported, the menu button opens its sheet (a tapped row is sent and closes
 * it, as in WhatsApp), a click on an element selects its JSON node, an image that fails to
 * load is reported. Sheet and row state go to `view`, so the next render shows them too.
 */
export function listenToChat(container: HTMLElement, view: ViewState, callbacks: RenderCallbacks & { onImageError?(src: string): void }): void {
  container.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (!target || !container.contains(target)) return;
    const close = target.closest('.wa-sheet-close');
    if (close) {
      setSheet(view, close.closest<HTMLElement>('.wa-sheet'), false);
      return;
    }
    const menu = target.closest('.wa-list-button');
    if (menu) {
      const sheet = menu.closest('.wa-message')?.querySelector<HTMLElement>('.wa-sheet') ?? null;
      setSheet(view, sheet, !!sheet?.hidden);
    }
    const tapped = target.closest<HTMLElement>('[data-tap]');
    if (tapped) {
      const sheet = tapped.closest<HTMLElement>('.wa-sheet');
      if (sheet) {
        sheet.querySelectorAll('.wa-row').forEach((row) => row.classList.toggle('wa-selected', row === tapped));
        view.selectedRows.set(sheet.dataset.pointer ?? '', tapped.dataset.pointer ?? '');
        setSheet(view, sheet, false);
      }
      callbacks.onTap?.({ key: tapped.dataset.tap ?? '' });
    }
    const element = target.closest<HTMLElement>('[data-pointer]');
    if (element && container.contains(element)) callbacks.onSelect?.(element.dataset.pointer!);
  });
  // Load errors do not bubble: listen in the capture phase.
  container.addEventListener(
    'error',
    (event) => {
      const image = event.target as HTMLElement;
      if (image.tagName === 'IMG' && image.classList.contains('wa-image')) callbacks.onImageError?.((image as HTMLImageElement).getAttribute('src') ?? '');
    },
    true,
  );
}

function setSheet(view: ViewState, sheet: HTMLElement | null, open: boolean): void {
  if (!sheet) return;
  sheet.hidden = !open;
  if (open) view.openSheets.add(sheet.dataset.pointer ?? '');
  else view.openSheets.delete(sheet.dataset.pointer ?? '');
}

class Renderer {
  private readonly view: ViewState;

  constructor(
    private readonly doc: Document,
    private readonly input: RenderInput,
  ) {
    this.view = input.view ?? newViewState();
  }

  render(): HTMLElement {
    const chat = this.el('div', 'wa-chat');
    const msgs = arrayAt(objectAt(this.input.value, 'messages'), 'msg');
    if (msgs.length === 0) {
      chat.appendChild(this.el('div', 'wa-empty', 'No messages to show: the file has no messages.msg entries.'));
    }
    // An entry that does not parse is drawn as such, in its place (after the others if it is new).
    const unparsed = new Map((this.input.unparsed ?? []).map((u) => [u.index, u.line]));
    const count = Math.max(msgs.length, ...Array.from(unparsed.keys(), (index) => index + 1));
    for (let index = 0; index < count; index++) {
      const line = unparsed.get(index);
      const number = count > 1 ? index + 1 : undefined;
      if (line !== undefined) chat.appendChild(this.unparsedThread(`/messages/msg/${index}`, line, number));
      else if (index < msgs.length) chat.appendChild(this.thread(msgs[index], `/messages/msg/${index}`, number));
    }
    this.markViolations(chat);
    this.markClosedSheets(chat);
    return chat;
  }

  private thread(value: unknown, pointer: string, number?: number): HTMLElement {
    const msg = loose<Message>(value);
    const thread = this.el('section', 'wa-thread');
    thread.dataset.pointer = pointer;
    const numbers = arrayAt(msg, 'to').map((r) => String(loose<Recipient>(r).number ?? '?'));
    const label = this.el('div', 'wa-recipients');
    label.textContent = `${number ? `Message ${number} · ` : ''}To ${numbers.length ? numbers.slice(0, 3).join(', ') : 'no recipients'}${numbers.length > 3 ? ` +${numbers.length - 3}` : ''}`;
    label.dataset.pointer = `${pointer}/to`;
    thread.appendChild(label);
    const items = arrayAt(objectAt(msg, 'richContent'), 'conversation');
    items.forEach((value, index) => {
      const itemPointer = `${pointer}/richContent/conversation/${index}`;
      const item = loose<ConversationItem>(value);
      if (typeof item.interactive === 'object' && item.interactive !== null) {
        thread.appendChild(this.interactive(loose<Interactive>(item.interactive), `${itemPointer}/interactive`));
        for (const reply of this.view.replies.get(`${itemPointer}/interactive`) ?? []) thread.appendChild(this.customerBubble(reply));
      } else if (typeof item.text === 'string') {
        thread.appendChild(this.textBubble(item.text, `${itemPointer}/text`));
      }
    });
    if (items.length === 0 || this.input.showFallback) {
      const content = objectAt(msg, 'body')?.content;
      const sms = this.el('div', 'wa-sms');
      sms.dataset.pointer = `${pointer}/body/content`;
      sms.appendChild(this.el('div', 'wa-sms-label', 'SMS fallback'));
      sms.appendChild(this.autoDir(this.el('div', 'wa-sms-text', typeof content === 'string' && content ? content : '(no fallback text)')));
      thread.appendChild(sms);
    }
    return thread;
  }

  /** A `msg` entry with a syntax error: no recipients, no bubble — only where it breaks. */
  private unparsedThread(pointer: string, line: number, number?: number): HTMLElement {
    const thread = this.el('section', 'wa-thread wa-unparsed');
    thread.dataset.pointer = pointer;
    const note = this.el('div', 'wa-unparsed-note', `${number ? `Message ${number}` : 'The message'} does not parse yet (line ${line})`);
    note.dataset.pointer = pointer;
    thread.appendChild(note);
    return thread;
  }

  private textBubble(text: string, pointer: string): HTMLElement {
    const message = this.el('div', 'wa-message');
    const bubble = this.el('div', 'wa-bubble');
    const body = this.el('div', 'wa-body');
    body.dataset.pointer = pointer;
    body.dir = 'auto';
    body.appendChild(formatWhatsApp(this.doc, text));
    bubble.appendChild(body);
    bubble.appendChild(this.el('div', 'wa-time', this.time()));
    message.appendChild(bubble);
    return message;
  }

  private interactive(interactive: Loose<Interactive>, pointer: string): HTMLElement {
    const kind = typeof interactive.type === 'string' ? interactive.type : '';
    const message = this.el('div', 'wa-message');
    message.dataset.pointer = pointer;
    message.dataset.kind = kind || 'unknown';
    const bubble = this.el('div', 'wa-bubble');
    message.appendChild(bubble);

    if (typeof interactive.header === 'object' && interactive.header !== null) bubble.appendChild(this.header(loose<Header>(interactive.header), `${pointer}/header`));
    if (kind === 'call_permission_request') bubble.appendChild(this.callCard());
    this.textPart(bubble, 'wa-body', objectAt(interactive, 'body')?.text, `${pointer}/body/text`, true);
    this.textPart(bubble, 'wa-footer', objectAt(interactive, 'footer')?.text, `${pointer}/footer/text`, false);
    bubble.appendChild(this.el('div', 'wa-time', this.time()));

    const action = interactive.action;
    switch (kind) {
      case 'list':
        this.list(message, bubble, loose<ListAction>(action), `${pointer}/action`);
        break;
      case 'button':
        this.buttons(message, bubble, loose<ButtonAction>(action), `${pointer}/action`);
        break;
      case 'location_request_message':
        bubble.appendChild(this.bubbleAction('📍', 'Send location', `${pointer}/action`, 'wa-location', `${pointer}/action`));
        break;
      case 'flow': {
        const cta = objectAt(loose<FlowAction>(action), 'parameters')?.flow_cta;
        const button = this.bubbleAction('', '', `${pointer}/action/parameters/flow_cta`, 'wa-flow', `${pointer}/action/parameters/flow_cta`);
        this.appendLimited(button.querySelector<HTMLElement>('.wa-action-label')!, typeof cta === 'string' ? cta : 'Open', `${pointer}/action/parameters/flow_cta`, false, false);
        bubble.appendChild(button);
        break;
      }
      case 'call_permission_request': {
        const choices = this.el('div', 'wa-call-choices');
        choices.appendChild(this.bubbleAction('📞', 'Allow calls', `${pointer}/action`, 'wa-call-allow', `${pointer}/action#accept`));
        choices.appendChild(this.bubbleAction('', 'Not now', `${pointer}/action`, 'wa-call-deny', `${pointer}/action#reject`));
        bubble.appendChild(choices);
        break;
      }
      default: {
        const unknown = this.el('div', 'wa-unknown', `Unknown interactive type ${JSON.stringify(interactive.type ?? null)}: WhatsApp would not show this message.`);
        unknown.dataset.pointer = `${pointer}/type`;
        bubble.appendChild(unknown);
      }
    }
    message.setAttribute('aria-label', KIND_LABEL[kind] ?? 'Interactive message');
    return message;
  }

  private header(header: Loose<Header>, pointer: string): HTMLElement {
    const type = header.type;
    const box = this.el('div', `wa-header wa-header-${typeof type === 'string' ? type.replace(/[^a-z]/g, '') : 'unknown'}`);
    box.dataset.pointer = pointer;
    const media = objectAt(header, 'media');
    if (type === 'text') {
      box.dataset.pointer = `${pointer}/text`;
      this.appendLimited(box, typeof header.text === 'string' ? header.text : '', `${pointer}/text`, false);
    } else if (type === 'image') {
      const src = httpsUrl(media?.mediaUri);
      if (src && this.view.failedImages.has(src)) {
        // Offline, or a URL that does not serve an image: say so instead of a broken icon.
        box.appendChild(this.mediaPlaceholder('🖼', `Image could not be loaded: ${src}`, `${pointer}/media/mediaUri`));
      } else if (src) {
        const img = this.doc.createElement('img');
        img.className = 'wa-image';
        img.alt = typeof media?.mediaName === 'string' ? media.mediaName : 'image';
        img.src = src;
        img.dataset.pointer = `${pointer}/media/mediaUri`;
        box.appendChild(img);
      } else {
        box.appendChild(this.mediaPlaceholder('🖼', 'Image not shown: mediaUri is not an https: URL', `${pointer}/media/mediaUri`));
      }
    } else if (type === 'video') {
      const poster = this.el('div', 'wa-video');
      poster.dataset.pointer = `${pointer}/media`;
      poster.appendChild(this.el('div', 'wa-play', '▶'));
      const name = this.el('div', 'wa-video-name', typeof media?.mediaName === 'string' ? media.mediaName : 'video');
      name.dir = 'auto';
      poster.appendChild(name);
      box.appendChild(poster);
    } else if (type === 'document') {
      const card = this.el('div', 'wa-document');
      card.dataset.pointer = `${pointer}/media`;
      const mime = typeof media?.mimeType === 'string' ? media.mimeType : '';
      card.appendChild(this.el('div', 'wa-doc-icon', documentLabel(mime, media?.mediaName)));
      const info = this.el('div', 'wa-doc-info');
      const name = this.el('div', 'wa-doc-name', typeof media?.mediaName === 'string' && media.mediaName ? media.mediaName : 'document');
      name.dataset.pointer = `${pointer}/media/mediaName`;
      name.dir = 'auto';
      info.appendChild(name);
      info.appendChild(this.el('div', 'wa-doc-type', documentLabel(mime, media?.mediaName)));
      card.appendChild(info);
      box.appendChild(card);
    } else {
      box.appendChild(this.el('div', 'wa-unknown', `Header type ${JSON.stringify(type ?? null)} is not shown by WhatsApp`));
    }
    return box;
  }

  private mediaPlaceholder(icon: string, text: string, pointer: string): HTMLElement {
    const box = this.el('div', 'wa-media-missing');
    box.dataset.pointer = pointer;
    box.appendChild(this.el('span', 'wa-media-icon', icon));
    box.appendChild(this.el('span', '', text));
    return box;
  }

  private callCard(): HTMLElement {
    const card = this.el('div', 'wa-call-card');
    card.appendChild(this.el('div', 'wa-call-icon', '📞'));
    card.appendChild(this.el('div', 'wa-call-title', 'Call permission request'));
    card.appendChild(this.el('div', 'wa-call-note', 'This business would like to call you on WhatsApp.'));
    return card;
  }

  private buttons(message: HTMLElement, bubble: HTMLElement, action: Loose<ButtonAction>, pointer: string): void {
    // Either kind, as the file may mix them: each is read by its own fields.
    const buttons = arrayAt(action, 'buttons').map((b) => loose<UrlButton>(b) as Loose<UrlButton> & Loose<ReplyButton>);
    const firstKind = buttons.find((b) => b.type === 'reply' || b.type === 'openurl')?.type;
    if (firstKind === 'openurl') {
      buttons.forEach((button, index) => {
        if (button.type !== 'openurl') return;
        const element = this.bubbleAction('↗', '', `${pointer}/buttons/${index}`, 'wa-cta', `${pointer}/buttons/${index}`);
        this.appendLimited(element.querySelector<HTMLElement>('.wa-action-label')!, typeof button.title === 'string' ? button.title : '', `${pointer}/buttons/${index}/title`, false, false);
        // The URL is shown, never opened from the preview.
        element.title = typeof button.url === 'string' ? button.url : '';
        element.dataset.url = typeof button.url === 'string' ? button.url : '';
        if (index !== buttons.findIndex((b) => b.type === 'openurl')) element.classList.add('wa-dropped');
        bubble.appendChild(element);
      });
      return;
    }
    const row = this.el('div', 'wa-replies');
    row.dataset.pointer = `${pointer}/buttons`;
    buttons.forEach((button, index) => {
      const reply = objectAt(button, 'reply');
      const title = typeof reply?.title === 'string' ? reply.title : '';
      const element = this.el('button', 'wa-reply');
      element.type = 'button';
      element.dir = 'auto';
      element.dataset.pointer = `${pointer}/buttons/${index}`;
      // What a tap reports (the page looks the reply up in the payload: webhook/inbound.ts tapTargets).
      if (button.type === 'reply') element.dataset.tap = element.dataset.pointer;
      const label = this.el('span', 'wa-reply-title');
      label.dataset.pointer = `${pointer}/buttons/${index}/reply/title`;
      this.appendLimited(label, title, `${pointer}/buttons/${index}/reply/title`, false, false);
      element.appendChild(label);
      if (index >= RULE_LIMITS.replyButtons) element.classList.add('wa-dropped');
      row.appendChild(element);
    });
    message.appendChild(row);
  }

  private list(message: HTMLElement, bubble: HTMLElement, action: Loose<ListAction>, pointer: string): void {
    const menu = this.bubbleAction('☰', '', `${pointer}/button`, 'wa-list-button');
    this.appendLimited(menu.querySelector<HTMLElement>('.wa-action-label')!, typeof action.button === 'string' ? action.button : '', `${pointer}/button`, false, false);
    bubble.appendChild(menu);

    const sheet = this.el('div', 'wa-sheet');
    sheet.dataset.pointer = `${pointer}/sections`;
    sheet.hidden = !this.view.openSheets.has(sheet.dataset.pointer);
    const selected = this.view.selectedRows.get(sheet.dataset.pointer);
    const head = this.el('div', 'wa-sheet-head');
    const close = this.el('button', 'wa-sheet-close', '✕');
    close.type = 'button';
    close.setAttribute('aria-label', 'Close');
    head.appendChild(close);
    head.appendChild(this.autoDir(this.el('div', 'wa-sheet-title', typeof action.button === 'string' ? action.button : '')));
    sheet.appendChild(head);
    const sections = arrayAt(action, 'sections');
    let rowNumber = 0;
    sections.forEach((value, s) => {
      const section = loose<ListSection>(value);
      const sectionPointer = `${pointer}/sections/${s}`;
      if (typeof section.title === 'string') {
        const title = this.el('div', 'wa-section-title');
        title.dataset.pointer = `${sectionPointer}/title`;
        this.appendLimited(title, section.title, `${sectionPointer}/title`, false);
        sheet.appendChild(title);
      }
      const rows = arrayAt(section, 'rows');
      rows.forEach((value, r) => {
        const rowValue = loose<ListRow>(value);
        rowNumber++;
        const rowPointer = `${sectionPointer}/rows/${r}`;
        const row = this.el('button', 'wa-row');
        row.type = 'button';
        row.dataset.pointer = rowPointer;
        row.dataset.tap = rowPointer;
        row.dir = 'auto';
        if (rowNumber > RULE_LIMITS.listRows) row.classList.add('wa-dropped');
        if (rowPointer === selected) row.classList.add('wa-selected');
        const text = this.el('div', 'wa-row-text');
        const title = this.el('div', 'wa-row-title');
        title.dataset.pointer = `${rowPointer}/title`;
        // The row takes the title's direction (radio on the other side); a description has its own.
        this.appendLimited(title, typeof rowValue.title === 'string' ? rowValue.title : '', `${rowPointer}/title`, false, false);
        text.appendChild(title);
        if (typeof rowValue.description === 'string') {
          const description = this.el('div', 'wa-row-description');
          description.dataset.pointer = `${rowPointer}/description`;
          this.appendLimited(description, rowValue.description, `${rowPointer}/description`, false);
          text.appendChild(description);
        }
        row.appendChild(text);
        row.appendChild(this.el('span', 'wa-radio'));
        sheet.appendChild(row);
      });
    });
    sheet.appendChild(this.el('div', 'wa-sheet-send', 'Send'));
    message.appendChild(sheet);
  }

  private bubbleAction(icon: string, label: string, pointer: string, className: string, tap?: string): HTMLElement {
    const action = this.el('button', `wa-action ${className}`);
    (action as HTMLButtonElement).type = 'button';
    action.dataset.pointer = pointer;
    if (tap) action.dataset.tap = tap;
    // The label may be payload text (list button, CTA, flow): its direction is its own.
    action.dir = 'auto';
    if (icon) action.appendChild(this.el('span', 'wa-action-icon', icon));
    // Not on the label: dir="auto" skips descendants with a dir of their own.
    action.appendChild(this.el('span', 'wa-action-label', label));
    return action;
  }

  /** The customer's reply on the right, green, quoting the business message; a location as a pin card. */
  private customerBubble(reply: CustomerBubble): HTMLElement {
    const message = this.el('div', 'wa-message wa-out');
    message.dataset.reply = String(reply.tap);
    const bubble = this.el('div', 'wa-bubble wa-bubble-out');
    if (reply.quote) {
      const quote = this.el('div', 'wa-quote');
      quote.appendChild(this.el('div', 'wa-quote-author', reply.quote.author));
      quote.appendChild(this.autoDir(this.el('div', 'wa-quote-text', reply.quote.text)));
      bubble.appendChild(quote);
    }
    if (reply.location) {
      const card = this.el('div', 'wa-place');
      card.appendChild(this.el('div', 'wa-map', '📍'));
      const { label, searchQuery, latitude, longitude } = reply.location;
      card.appendChild(this.autoDir(this.el('div', 'wa-place-label', label ?? `${latitude}, ${longitude}`)));
      if (searchQuery) card.appendChild(this.autoDir(this.el('div', 'wa-place-address', searchQuery)));
      bubble.appendChild(card);
    }
    if (reply.text) bubble.appendChild(this.autoDir(this.el('div', 'wa-out-text', reply.text)));
    if (reply.description) bubble.appendChild(this.autoDir(this.el('div', 'wa-out-description', reply.description)));
    const time = this.el('div', 'wa-time', reply.time);
    time.appendChild(this.el('span', 'wa-ticks', ' ✓✓'));
    bubble.appendChild(time);
    message.appendChild(bubble);
    return message;
  }

  /** A body or footer line, when the payload has that text. */
  private textPart(parent: HTMLElement, className: string, text: unknown, pointer: string, formatted: boolean): void {
    if (typeof text !== 'string') return;
    const part = this.el('div', className);
    part.dataset.pointer = pointer;
    this.appendLimited(part, text, pointer, formatted);
    parent.appendChild(part);
  }

  /** Text with the part past a length limit marked where WhatsApp would cut it. */
  private appendLimited(parent: HTMLElement, text: string, pointer: string, formatted: boolean, ownDirection = true): void {
    // WhatsApp takes the direction from the text's first strong character: Hebrew, Arabic… run
    // right to left. (`ownDirection` false: a button whose dir="auto" reads this text.)
    if (ownDirection) parent.dir = 'auto';
    const limit = this.input.diagnostics.find((d) => d.path === pointer && typeof d.limit === 'number')?.limit;
    const chars = Array.from(text);
    const kept = limit !== undefined && chars.length > limit ? chars.slice(0, limit).join('') : text;
    const cut = limit !== undefined && chars.length > limit ? chars.slice(limit).join('') : '';
    if (formatted) parent.appendChild(formatWhatsApp(this.doc, kept));
    else parent.appendChild(this.doc.createTextNode(kept));
    if (cut) {
      const over = this.el('span', 'wa-over-limit', cut);
      over.title = `Past the limit of ${limit} characters`;
      parent.appendChild(over);
    }
  }

  /** Outline each element that breaks a rule; its tooltip carries the diagnostic messages. */
  private markViolations(root: HTMLElement): void {
    const elements = Array.from(root.querySelectorAll<HTMLElement>('[data-pointer]'));
    for (const diagnostic of this.input.diagnostics) {
      if (diagnostic.severity === 'hint') continue;
      const target = closestElement(elements, diagnostic.path);
      if (!target) continue;
      target.classList.add('wa-violation', `wa-violation-${diagnostic.severity}`);
      const line = `${diagnostic.code}: ${diagnostic.message}`;
      target.title = target.title ? `${target.title}\n${line}` : line;
      target.dataset.diagnostics = String(Number(target.dataset.diagnostics ?? '0') + 1);
    }
  }

  /**
   * A closed list sheet hides its rows, and their outlines with them: the list button carries
   * the worst severity inside the sheet and the count (`data-sheet-diagnostics`, its tooltip
   * lists them). The stylesheet drops the marker while the sheet is open: the rows show theirs.
   */
  private markClosedSheets(root: HTMLElement): void {
    for (const sheet of Array.from(root.querySelectorAll<HTMLElement>('.wa-sheet'))) {
      const marked = [sheet, ...Array.from(sheet.querySelectorAll<HTMLElement>('.wa-violation'))].filter((e) => e.classList.contains('wa-violation'));
      if (marked.length === 0) continue;
      const button = sheet.closest('.wa-message')?.querySelector<HTMLElement>('.wa-list-button');
      if (!button) continue;
      const count = marked.reduce((sum, e) => sum + Number(e.dataset.diagnostics ?? '1'), 0);
      const worst = (['error', 'warning', 'information'] as const).find((severity) => marked.some((e) => e.classList.contains(`wa-violation-${severity}`))) ?? 'information';
      button.classList.add('wa-sheet-violations', `wa-sheet-violations-${worst}`);
      button.dataset.sheetDiagnostics = String(count);
      const lines = marked.map((e) => e.title).filter(Boolean).join('\n');
      const summary = `${count} problem${count === 1 ? '' : 's'} in the list (open it to see ${count === 1 ? 'it' : 'them'}):\n${lines}`;
      button.title = button.title ? `${button.title}\n${summary}` : summary;
    }
  }

  private time(): string {
    return this.input.time ?? '12:00';
  }

  private autoDir<T extends HTMLElement>(element: T): T {
    element.dir = 'auto';
    return element;
  }

  private el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
    const element = this.doc.createElement(tag);
    if (className) element.className = className;
    if (text !== undefined) element.textContent = text;
    return element;
  }
}

/** The deepest element whose pointer is the diagnostic's path or one of its ancestors. */
export function closestElement(elements: HTMLElement[], path: string): HTMLElement | undefined {
  let best: HTMLElement | undefined;
  let bestLength = -1;
  for (const element of elements) {
    const pointer = element.dataset.pointer ?? '';
    if ((path === pointer || path.startsWith(pointer + '/')) && pointer.length > bestLength) {
      best = element;
      bestLength = pointer.length;
    }
  }
  return best;
}

function httpsUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function documentLabel(mime: string, name: unknown): string {
  const extension = typeof name === 'string' ? /\.([A-Za-z0-9]{1,5})$/.exec(name)?.[1] : undefined;
  if (extension) return extension.toUpperCase();
  // A type of the one media table (core/media-types.ts) is labelled by its first extension.
  const extensions = extensionsOf('document', mime);
  return extensions ? extensions[0].toUpperCase() : 'FILE';
}
