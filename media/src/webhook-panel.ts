/**
 * The panel under the phone that shows what a tap sends to the bot: the inbound webhook JSON
 * CM would post (Copy, Post to webhook), or why a tap posts nothing; then the bot's answer.
 * Everything enters the DOM as text; the buttons are listened to once, here.
 */

export interface PanelContent {
  /** Which tap this is (a later answer for an earlier tap is not shown). */
  tap: number;
  title: string;
  /** Source notes and warnings, one line each. */
  notes: string[];
  /** The webhook JSON, pretty-printed; absent when the tap posts nothing. */
  json?: string;
  /** The same from the command line. */
  cli?: string;
}

export interface PanelActions {
  copy(text: string): Promise<boolean>;
  /** Present only where the page can post (VS Code: through the extension). */
  post?(tap: number): void;
  clear(): void;
}

export class WebhookPanel {
  readonly element: HTMLElement;
  private readonly title: HTMLElement;
  private readonly notes: HTMLElement;
  private readonly json: HTMLElement;
  private readonly cli: HTMLElement;
  private readonly result: HTMLElement;
  private readonly copyButton: HTMLButtonElement;
  private readonly postButton: HTMLButtonElement | undefined;
  private content: PanelContent | undefined;

  constructor(doc: Document, private readonly actions: PanelActions) {
    const el = <K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string) => {
      const element = doc.createElement(tag);
      element.className = className;
      if (text !== undefined) element.textContent = text;
      return element;
    };
    this.element = el('section', 'cm-webhook');
    this.element.hidden = true;
    this.element.setAttribute('aria-label', 'Webhook of the tap');
    this.title = el('div', 'cm-webhook-title');
    const head = el('div', 'cm-webhook-actions');
    const button = (label: string, onClick: () => void, className = '') => {
      const b = el('button', className, label);
      b.type = 'button';
      b.addEventListener('click', onClick);
      return b;
    };
    this.copyButton = button('Copy', () => void this.copy(), 'cm-webhook-copy');
    if (actions.post) this.postButton = button('Post to webhook', () => this.content && actions.post!(this.content.tap), 'cm-webhook-post');
    const clear = button('Clear chat', () => {
      actions.clear();
      this.hide();
    }, 'cm-webhook-clear');
    const close = button('✕', () => this.hide(), 'cm-webhook-close');
    close.setAttribute('aria-label', 'Close');
    head.append(this.copyButton, ...(this.postButton ? [this.postButton] : []), clear, close);
    this.notes = el('div', 'cm-webhook-notes');
    this.json = el('pre', 'cm-webhook-json');
    this.json.tabIndex = 0;
    this.cli = el('div', 'cm-webhook-cli');
    this.result = el('div', 'cm-webhook-result');
    this.result.hidden = true;
    this.result.setAttribute('role', 'status');
    // The bot's answer right under the buttons: it is what one looks for after posting.
    this.element.append(this.title, head, this.result, this.notes, this.json, this.cli);
  }

  get shownTap(): number | undefined {
    return this.element.hidden ? undefined : this.content?.tap;
  }

  show(content: PanelContent): void {
    this.content = content;
    this.element.hidden = false;
    this.title.textContent = content.title;
    this.notes.replaceChildren(...content.notes.map((note) => Object.assign(this.element.ownerDocument.createElement('div'), { textContent: note })));
    this.json.hidden = content.json === undefined;
    this.json.textContent = content.json ?? '';
    this.copyButton.hidden = content.json === undefined;
    this.copyButton.textContent = 'Copy';
    if (this.postButton) this.postButton.hidden = content.json === undefined;
    this.cli.hidden = !content.cli;
    this.cli.textContent = content.cli ? `CLI: ${content.cli}` : '';
    this.result.hidden = true;
    this.result.textContent = '';
  }

  /** The bot's answer (or "Posting…") for `tap`, if that tap is still shown. */
  showResult(tap: number, result: { delivered?: boolean; lines: string[] }): void {
    if (this.shownTap !== tap) return;
    this.result.hidden = false;
    this.result.classList.toggle('cm-webhook-failed', result.delivered === false);
    this.result.classList.toggle('cm-webhook-delivered', result.delivered === true);
    this.result.replaceChildren(...result.lines.map((line) => Object.assign(this.element.ownerDocument.createElement('div'), { textContent: line })));
  }

  hide(): void {
    this.element.hidden = true;
  }

  private async copy(): Promise<void> {
    if (this.content?.json === undefined) return;
    const copied = await this.actions.copy(this.content.json).catch(() => false);
    if (copied) {
      this.copyButton.textContent = 'Copied';
      setTimeout(() => {
        if (this.copyButton.textContent === 'Copied') this.copyButton.textContent = 'Copy';
      }, 2000);
      return;
    }
    // No clipboard (a page opened from disk in some browsers): select the text for Ctrl+C.
    const selection = this.element.ownerDocument.getSelection();
    const range = this.element.ownerDocument.createRange();
    range.selectNodeContents(this.json);
    selection?.removeAllRanges();
    selection?.addRange(range);
    this.copyButton.textContent = 'Selected: press Ctrl+C';
  }
}
