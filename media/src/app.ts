/**
 * The preview page around the renderer: toolbar (SMS fallback, phone width, theme),
 * error banner that keeps the last good render, highlight, the status line, and the
 * customer's side: a tap adds the customer's reply bubble and shows the webhook CM would post.
 * Shared by the VS Code webview and the standalone page. An update patches the chat in place
 * (patch.ts): what did not change keeps its nodes, and scroll, focus, open sheets survive.
 */
import {
  buildInboundWebhook,
  describeTarget,
  FLOW_FORMAT_NOTE,
  noWebhookReason,
  tapTargets,
  type InboundWebhook,
  type TapTarget,
} from '../../shared/webhook/inbound';
import type { Loose } from '../../shared/core/payload-model';
import { arrayAt, isObject, objectAt } from '../../shared/core/rules/access';
import type { Message } from '../../shared/payload';
import { newViewState, type PreviewDiagnostic, type UnparsedMessage } from '../../shared/render/model';
import { patch } from './patch';
import { closestElement, listenToChat, renderPayload } from '../../shared/render/render';
import { WebhookPanel } from './webhook-panel';

/** The simulated customer and the bot's webhook (VS Code settings; defaults on the standalone page). */
export interface CustomerSettings {
  /** Empty: the message's first recipient. */
  number: string;
  /** Empty: "Test Customer". */
  name: string;
  webhookUrl: string;
  /** Every tap is posted to webhookUrl at once (by the extension). */
  postTaps: boolean;
}

/** A tap that makes CM post a webhook, and that webhook. */
export interface CustomerReply {
  tap: number;
  summary: string;
  webhook: InboundWebhook;
}

export interface AppOptions {
  onSelect?(pointer: string): void;
  /** The customer tapped something that makes CM post `reply.webhook`. */
  onReply?(reply: CustomerReply): void;
  /** "Post to webhook" in the panel; without it (the standalone page) there is no such button. */
  onPostWebhook?(reply: CustomerReply): void;
  /** Writes the clipboard; default navigator.clipboard. */
  onCopy?(text: string): Promise<boolean>;
  onStateChange?(state: { showFallback: boolean; narrow: boolean }): void;
  /** The standalone page has a theme toggle; the webview follows VS Code. */
  themeToggle?: boolean;
  /** The payload's file name, for the panel's command line. */
  fileName?(): string;
}

/** Replies the panel can still post: the newest ones. */
const KEPT_REPLIES = 50;
/** Reply bubbles kept under one message. */
const BUBBLES_PER_MESSAGE = 20;

export class PreviewApp {
  private value: unknown;
  /** undefined: this value has not been checked yet (its diagnostics are still to come). */
  private diagnostics: PreviewDiagnostic[] | undefined = [];
  /** What the counter counts: the syntax errors and the diagnostics of the version last received (undefined: not checked). */
  private counted: { syntaxErrors: number; diagnostics: PreviewDiagnostic[] | undefined } = { syntaxErrors: 0, diagnostics: [] };
  /** The msg entries of the latest version that do not parse: drawn as such. */
  private unparsed: UnparsedMessage[] = [];
  private highlighted: string | undefined;
  private readonly view = newViewState();
  private showFallback = false;
  private narrow = true;
  private readonly toolbar: HTMLElement;
  private readonly banner: HTMLElement;
  private readonly phone: HTMLElement;
  private readonly status: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly fallbackButton: HTMLButtonElement;
  private readonly narrowButton: HTMLButtonElement;
  private readonly darkButton: HTMLButtonElement | undefined;
  private readonly panel: WebhookPanel;
  private customer: CustomerSettings = { number: '', name: '', webhookUrl: '', postTaps: false };
  private taps = 0;
  private readonly replies = new Map<number, CustomerReply>();

  constructor(private readonly root: HTMLElement, private readonly options: AppOptions = {}) {
    const doc = root.ownerDocument;
    this.toolbar = doc.createElement('div');
    this.toolbar.className = 'cm-toolbar';
    this.fallbackButton = this.toggle('SMS fallback', () => {
      this.showFallback = !this.showFallback;
      this.changed();
    });
    this.narrowButton = this.toggle('Phone width', () => {
      this.narrow = !this.narrow;
      this.changed();
    });
    if (options.themeToggle) this.darkButton = this.toggle('Dark', () => this.setDark(!this.phone.classList.contains('wa-dark')));
    this.summary = doc.createElement('span');
    this.summary.className = 'cm-summary';
    this.toolbar.appendChild(this.summary);
    this.banner = doc.createElement('div');
    this.banner.className = 'cm-banner';
    this.banner.hidden = true;
    this.phone = doc.createElement('div');
    this.phone.className = 'cm-phone cm-narrow';
    this.status = doc.createElement('div');
    this.status.className = 'cm-status';
    this.status.hidden = true;
    this.panel = new WebhookPanel(doc, {
      copy:
        options.onCopy ??
        (async (text) => {
          // Absent outside a secure context: the panel then selects the text instead.
          await navigator.clipboard.writeText(text);
          return true;
        }),
      post: options.onPostWebhook && ((tap) => this.post(tap)),
      clear: () => {
        this.view.replies.clear();
        this.render();
      },
    });
    // Status line and panel stay at the bottom of the view, over a long chat.
    const dock = doc.createElement('div');
    dock.className = 'cm-dock';
    dock.append(this.status, this.panel.element);
    root.append(this.toolbar, this.banner, this.phone, dock);
    listenToChat(this.phone, this.view, {
      onSelect: (pointer) => this.options.onSelect?.(pointer),
      onTap: ({ key }) => this.tapped(key),
      onImageError: (src) => {
        this.view.failedImages.add(src);
        this.render();
      },
    });
  }

  restore(state: { showFallback?: boolean; narrow?: boolean }): void {
    if (typeof state.showFallback === 'boolean') this.showFallback = state.showFallback;
    if (typeof state.narrow === 'boolean') this.narrow = state.narrow;
    this.render();
  }

  setDark(dark: boolean): void {
    this.phone.classList.toggle('wa-dark', dark);
    this.darkButton?.setAttribute('aria-pressed', String(dark));
  }

  /**
   * A new parse: `value` undefined means the text is broken — keep the last good render.
   * `diagnostics` belong to this value (undefined: not checked yet); never to another version.
   */
  update(
    value: unknown,
    diagnostics: PreviewDiagnostic[] | undefined,
    syntaxError?: string,
    /**
     * `unparsed`: the msg entries of this version that do not parse. `current`: `value` is this
     * very (broken) version as far as it parses, with its own diagnostics (the standalone page:
     * no earlier version to keep). `syntaxErrors`: how many (default 1 with a syntaxError).
     */
    broken: { unparsed?: UnparsedMessage[]; current?: boolean; syntaxErrors?: number } = {},
  ): void {
    if (value !== undefined) {
      this.value = value;
      this.diagnostics = diagnostics;
    }
    const syntaxErrors = syntaxError ? Math.max(1, broken.syntaxErrors ?? 1) : 0;
    // Broken text in the editor: the diagnostics shown are the last good version's, not this one's.
    this.counted = { syntaxErrors, diagnostics: syntaxError && !broken.current ? undefined : diagnostics };
    const unparsed = syntaxError ? (broken.unparsed ?? []) : [];
    const unparsedChanged = JSON.stringify(unparsed) !== JSON.stringify(this.unparsed);
    this.unparsed = unparsed;
    this.banner.hidden = !syntaxError;
    const shown = broken.current ? 'showing what parses' : 'showing the last version that parsed';
    this.banner.textContent = syntaxError ? `${syntaxError} — ${shown}.` : '';
    // Broken text changes nothing below the banner but the entries it breaks, once something is shown.
    if (value !== undefined || unparsedChanged || !this.phone.firstChild) this.render();
    else this.summary.textContent = summary(this.counted);
  }

  setCustomer(settings: CustomerSettings): void {
    this.customer = settings;
  }

  /** The bot's answer to a posted reply (from the extension). */
  showWebhookResult(tap: number, result: { delivered: boolean; lines: string[] }): void {
    this.panel.showResult(tap, result);
  }

  /** The customer tapped `key` (a `data-tap`): their reply bubble, and the webhook CM would post. */
  private tapped(key: string): void {
    const target = tapTargets(this.value).find((t) => t.key === key);
    if (!target) return;
    const tap = ++this.taps;
    const summary = describeTarget(target);
    this.status.hidden = false;
    this.status.textContent = `Customer tapped ${summary}`;
    const reason = noWebhookReason(target.action);
    if (reason) {
      this.panel.show({ tap, title: summary, notes: [reason] });
      return;
    }
    const webhook = buildInboundWebhook({ payload: this.value, target, customerNumber: this.customer.number, customerName: this.customer.name })!;
    this.addBubble(target, webhook, tap);
    const notes: string[] = [];
    if (target.action.type === 'nfm_reply') notes.push(FLOW_FORMAT_NOTE);
    if (target.dropped) notes.push('WhatsApp does not show this choice (it is over the limit), so no customer can tap it.');
    const errors = (this.diagnostics ?? []).filter((d) => d.severity === 'error').length;
    if (errors > 0) notes.push(`The payload has ${errors} error${errors === 1 ? '' : 's'}: CM would reject the message, so no customer would see it.`);
    this.panel.show({ tap, title: `Webhook CM would POST · ${summary}`, notes, json: JSON.stringify(webhook, null, 2), cli: this.commandLine(target) });
    const reply = { tap, summary, webhook };
    this.replies.set(tap, reply);
    this.replies.delete(tap - KEPT_REPLIES);
    this.options.onReply?.(reply);
    if (this.options.onPostWebhook && this.customer.postTaps && this.customer.webhookUrl) this.panel.showResult(tap, { lines: [`Posting to ${this.customer.webhookUrl}…`] });
  }

  private post(tap: number): void {
    const reply = this.replies.get(tap);
    if (!reply) return;
    this.panel.showResult(tap, { lines: [`Posting${this.customer.webhookUrl ? ` to ${this.customer.webhookUrl}` : ''}…`] });
    this.options.onPostWebhook?.(reply);
  }

  private addBubble(target: TapTarget, webhook: InboundWebhook, tap: number): void {
    const msg = arrayAt(objectAt(this.value, 'messages'), 'msg')[target.msgIndex] as Loose<Message> | undefined;
    // The interactive the tap came from: its pointer below the msg entry (/messages/msg/N/…).
    const interactive = target.interactivePointer.split('/').slice(4).reduce<unknown>((node, key) => (isObject(node) || Array.isArray(node) ? (node as Record<string, unknown>)[key] : undefined), msg);
    const body = objectAt(interactive, 'body')?.text;
    const now = new Date();
    const time = `${String(now.getHours()).padStart(2, '0')}:${String(now.getMinutes()).padStart(2, '0')}`;
    const location = (webhook.message.custom as { location?: { latitude: number; longitude: number; label?: string; searchQuery?: string } }).location;
    const action = target.action;
    const quote = location ? undefined : { author: typeof msg?.from === 'string' && msg.from ? msg.from : 'Business', text: typeof body === 'string' ? oneLine(body) : '' };
    const bubbles = this.view.replies.get(target.interactivePointer) ?? [];
    bubbles.push({
      tap,
      text: webhook.message.text,
      ...(action.type === 'list_reply' && action.description ? { description: action.description } : {}),
      ...(quote ? { quote } : {}),
      ...(location ? { location } : {}),
      time,
    });
    this.view.replies.set(target.interactivePointer, bubbles.slice(-BUBBLES_PER_MESSAGE));
    this.render();
    this.phone.querySelector<HTMLElement>(`[data-reply="${tap}"]`)?.scrollIntoView?.({ block: 'nearest' });
  }

  /** `cm-interactive reply` for the same tap; --message only where the choice is in several messages. */
  private commandLine(target: TapTarget): string {
    const messages = new Set(tapTargets(this.value).filter((t) => t.choice === target.choice).map((t) => t.msgIndex));
    const words = ['cm-interactive', 'reply', this.options.fileName?.() || 'FILE', '--choose', target.choice];
    if (messages.size > 1) words.push('--message', String(target.msgIndex + 1));
    words.push('--webhook', this.customer.webhookUrl || 'URL');
    return words.map(shellWord).join(' ');
  }

  highlight(pointer: string | undefined): void {
    this.highlighted = pointer;
    this.applyHighlight();
  }

  private render(): void {
    this.fallbackButton.setAttribute('aria-pressed', String(this.showFallback));
    this.narrowButton.setAttribute('aria-pressed', String(this.narrow));
    this.phone.classList.toggle('cm-narrow', this.narrow);
    this.summary.textContent = summary(this.counted);
    let chat: HTMLElement;
    try {
      chat = renderPayload(this.root.ownerDocument, { value: this.value, diagnostics: this.diagnostics ?? [], showFallback: this.showFallback, view: this.view, unparsed: this.unparsed });
    } catch (error) {
      // Never a stale render without a word: say why the preview did not change.
      this.banner.hidden = false;
      this.banner.textContent = `The preview could not be drawn (${error instanceof Error ? error.message : String(error)})${this.phone.firstChild ? ' — showing the last version that could.' : '.'}`;
      return;
    }
    // The highlight goes into the new tree, so the patch keeps it where it was (and scrolls nothing).
    this.markHighlight(chat);
    const live = this.phone.firstElementChild;
    if (live) patch(live, chat);
    else this.phone.appendChild(chat);
  }

  /** The editor's cursor moved: highlight its element and bring it into view. */
  private applyHighlight(): void {
    this.markHighlight(this.phone)?.scrollIntoView?.({ block: 'nearest' });
  }

  private markHighlight(root: HTMLElement): HTMLElement | undefined {
    root.querySelectorAll('.wa-highlighted').forEach((e) => e.classList.remove('wa-highlighted'));
    if (!this.highlighted) return undefined;
    const target = closestElement(Array.from(root.querySelectorAll<HTMLElement>('[data-pointer]')), this.highlighted);
    target?.classList.add('wa-highlighted');
    return target;
  }

  private changed(): void {
    this.render();
    this.options.onStateChange?.({ showFallback: this.showFallback, narrow: this.narrow });
  }

  private toggle(label: string, onClick: () => void): HTMLButtonElement {
    const button = this.root.ownerDocument.createElement('button');
    button.type = 'button';
    button.textContent = label;
    button.setAttribute('aria-pressed', 'false');
    button.addEventListener('click', onClick);
    this.toolbar.appendChild(button);
    return button;
  }
}

/** The counter: a syntax error is an error, as lint counts it. */
function summary({ syntaxErrors, diagnostics }: { syntaxErrors: number; diagnostics: PreviewDiagnostic[] | undefined }): string {
  if (!diagnostics && syntaxErrors) return `${syntaxErrors} error${syntaxErrors === 1 ? '' : 's'} (JSON syntax), rest not checked`;
  if (!diagnostics) return 'not checked yet';
  const errors = syntaxErrors + diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}

/** The quoted body in a reply bubble: one line, cut like WhatsApp's quote. */
function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

/** A word as a POSIX shell reads it back: quoted when it holds anything but safe characters. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
