/**
 * The preview page around the renderer: toolbar (SMS fallback, phone width, theme),
 * error banner that keeps the last good render, highlight, and the postback status line.
 * Shared by the VS Code webview and the standalone page. An update patches the chat in place
 * (patch.ts): what did not change keeps its nodes, and scroll, focus, open sheets survive.
 */
import { newViewState, type PreviewDiagnostic } from './model';
import { patch } from './patch';
import { closestElement, listenToChat, renderPayload } from './render';

export interface AppOptions {
  onSelect?(pointer: string): void;
  onPostback?(postback: { id: string; title: string }): void;
  onStateChange?(state: { showFallback: boolean; narrow: boolean }): void;
  /** The standalone page has a theme toggle; the webview follows VS Code. */
  themeToggle?: boolean;
}

export class PreviewApp {
  private value: unknown;
  /** undefined: this value has not been checked yet (its diagnostics are still to come). */
  private diagnostics: PreviewDiagnostic[] | undefined = [];
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
    root.append(this.toolbar, this.banner, this.phone, this.status);
    listenToChat(this.phone, this.view, {
      onSelect: (pointer) => this.options.onSelect?.(pointer),
      onPostback: (postback) => {
        this.status.hidden = false;
        this.status.textContent = `Postback ${postback.kind}: id "${postback.id}", title "${postback.title}"`;
        this.options.onPostback?.(postback);
      },
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
  update(value: unknown, diagnostics: PreviewDiagnostic[] | undefined, syntaxError?: string): void {
    if (value !== undefined) {
      this.value = value;
      this.diagnostics = diagnostics;
    }
    this.banner.hidden = !syntaxError;
    this.banner.textContent = syntaxError ? `${syntaxError} — showing the last version that parsed.` : '';
    // Broken text changes nothing below the banner, once something is shown.
    if (value !== undefined || !this.phone.firstChild) this.render();
  }

  highlight(pointer: string | undefined): void {
    this.highlighted = pointer;
    this.applyHighlight();
  }

  private render(): void {
    this.fallbackButton.setAttribute('aria-pressed', String(this.showFallback));
    this.narrowButton.setAttribute('aria-pressed', String(this.narrow));
    this.phone.classList.toggle('cm-narrow', this.narrow);
    this.summary.textContent = summary(this.diagnostics);
    let chat: HTMLElement;
    try {
      chat = renderPayload(this.root.ownerDocument, { value: this.value, diagnostics: this.diagnostics ?? [], showFallback: this.showFallback, view: this.view });
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

function summary(diagnostics: PreviewDiagnostic[] | undefined): string {
  if (!diagnostics) return 'not checked yet';
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}
