/**
 * "CM: Send Customer Reply to Webhook…": pick a message and what the customer taps, build the
 * webhook CM would post (shared/webhook/inbound.ts, the same as the preview and the CLI)
 * and post it to the bot. The last choice per file is offered first: the usual run is
 * "again, after changing the bot".
 */
import { QuickPickItemKind, Uri, window, workspace, type QuickPickItem, type TextDocument } from 'vscode';
import {
  buildInboundWebhook,
  describeTarget,
  FLOW_FORMAT_NOTE,
  hasWebhook,
  noWebhookReason,
  tapTargets,
  targetsNamed,
  type InboundWebhook,
  type TapTarget,
} from '../../../shared/webhook/inbound';
import type { OutcomeReport } from '../../../shared/webhook/post';
// The reply bundle (dist/client/reply.js) also carries the poster (see extension.ts).
export { describeOutcome, postWebhook } from '../../../shared/webhook/post';
import { parseForPreview } from '../preview/document-model';
import { customerSettings, type WebhookSender } from './webhook-sender';

export interface ReplyResult {
  webhook: InboundWebhook;
  /** Undefined when no webhook URL was given. */
  posted?: { url: string; report: OutcomeReport };
}

interface TargetItem extends QuickPickItem {
  target?: TapTarget;
}

export class ReplyCommand {
  /** Per document, the key of the last target sent. */
  private readonly last = new Map<string, string>();

  constructor(private readonly sender: WebhookSender) {}

  /** Arguments name the file, the message (0-based) and the choice (as `--choose`), for tests and keybindings. */
  async run(uri?: Uri, msgIndex?: number, choice?: string): Promise<ReplyResult | undefined> {
    const document = await documentFor(uri);
    if (!document) {
      void window.showInformationMessage('Open a CM payload file first, then run "CM: Send Customer Reply to Webhook…".');
      return undefined;
    }
    const file = document.uri.path.split('/').pop() ?? '';
    const { value, syntaxError } = parseForPreview(document.getText());
    if (syntaxError) {
      void window.showErrorMessage(`${file} is not valid JSON (${syntaxError}).`);
      return undefined;
    }
    let targets = tapTargets(value);
    if (typeof msgIndex === 'number') targets = targets.filter((t) => t.msgIndex === msgIndex);
    const replies = targets.filter((t) => hasWebhook(t.action));
    if (replies.length === 0) {
      const reason = targets.map((t) => noWebhookReason(t.action)).find(Boolean);
      void window.showInformationMessage(reason ?? `${file} has nothing the customer can reply with: reply buttons, a list, a flow or a location request.`);
      return undefined;
    }
    const target = choice !== undefined ? targetsNamed(replies, choice)[0] : await this.pick(document, replies);
    if (!target) {
      if (choice !== undefined) void window.showErrorMessage(`No choice "${choice}" in ${file}.`);
      return undefined;
    }
    this.last.set(document.uri.toString(), target.key);
    const settings = customerSettings();
    const webhook = buildInboundWebhook({ payload: value, target, customerNumber: settings.number, customerName: settings.name })!;
    if (target.action.type === 'nfm_reply') window.setStatusBarMessage(FLOW_FORMAT_NOTE, 8000);
    const posted = await this.sender.post(webhook, `${file} · message ${target.msgIndex + 1} · ${describeTarget(target)}`);
    return { webhook, ...(posted ? { posted } : {}) };
  }

  /** The message (when several have replies), then the choice; the last one sent comes first. */
  private async pick(document: TextDocument, replies: TapTarget[]): Promise<TapTarget | undefined> {
    const lastKey = this.last.get(document.uri.toString());
    const messages = [...new Set(replies.map((t) => t.msgIndex))];
    let candidates = replies;
    if (messages.length > 1) {
      const lastMessage = replies.find((t) => t.key === lastKey)?.msgIndex;
      const items = messages.map((index) => ({
        label: `Message ${index + 1}`,
        description: replies.filter((t) => t.msgIndex === index).map((t) => choiceLabel(t)).join(' · '),
        index,
      }));
      const picked = await window.showQuickPick(items.sort((a, b) => Number(b.index === lastMessage) - Number(a.index === lastMessage)), { title: 'Which message does the customer reply to?' });
      if (!picked) return undefined;
      candidates = replies.filter((t) => t.msgIndex === picked.index);
    }
    const items: TargetItem[] = [];
    let section: string | undefined;
    for (const target of candidates) {
      if (target.section !== undefined && target.section !== section) items.push({ label: target.section, kind: QuickPickItemKind.Separator });
      section = target.section;
      items.push({ label: choiceLabel(target), description: target.choice, detail: target.dropped ? 'WhatsApp does not show it (over the limit)' : undefined, target });
    }
    const quickPick = window.createQuickPick<TargetItem>();
    quickPick.title = 'What does the customer tap?';
    quickPick.placeholder = 'The webhook CM would post for it goes to your bot';
    quickPick.items = items;
    const last = items.find((item) => item.target?.key === lastKey);
    if (last) quickPick.activeItems = [last];
    return new Promise((resolve) => {
      quickPick.onDidAccept(() => {
        resolve(quickPick.selectedItems[0]?.target);
        quickPick.hide();
      });
      quickPick.onDidHide(() => {
        resolve(undefined);
        quickPick.dispose();
      });
      quickPick.show();
    });
  }
}

function choiceLabel(target: TapTarget): string {
  const action = target.action;
  if (action.type === 'button_reply' || action.type === 'list_reply') return action.title || `(no title) ${action.id}`;
  if (action.type === 'nfm_reply') return `Complete the flow "${action.cta}"`;
  return 'Send location';
}

async function documentFor(uri: Uri | undefined): Promise<TextDocument | undefined> {
  if (uri) return workspace.openTextDocument(uri);
  return window.activeTextEditor?.document;
}
