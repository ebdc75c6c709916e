/**
 * Posts a simulated customer reply to the developer's bot, for the preview and "CM: Send
 * Customer Reply to Webhook…": the URL from `cmInteractive.webhook.url` (asked, and saved,
 * the first time), one POST through the VS Code-free poster, the outcome in the "CM Webhook"
 * output. A 200 is a status bar line (a developer does this fifty times a day); anything
 * else a warning that says what CM would do.
 */
import { ConfigurationTarget, ProgressLocation, window, workspace, type OutputChannel } from 'vscode';
import type { CustomerSettings } from '../../../media/src/app';
import { safeText } from '../../../shared/core/safe-text';
import { customerNumberProblem } from '../../../shared/webhook/inbound';
import { webhookUrlProblem, type OutcomeReport } from '../../../shared/webhook/post';

export const WEBHOOK_OUTPUT = 'CM Webhook';

/**
 * What posting needs, from the reply bundle (dist/client/reply.js, see extension.ts): loaded
 * on the first post, not on activation.
 */
export type LoadPoster = () => Pick<typeof import('../../../shared/webhook/post'), 'postWebhook' | 'describeOutcome'>;

/** The simulated customer and the webhook, as the settings say now. */
export function customerSettings(): CustomerSettings {
  const config = workspace.getConfiguration('cmInteractive');
  const number = config.get<string>('customer.number', '').trim();
  // Not a number: the message's first recipient (the settings editor flags the value too).
  return {
    number: number && !customerNumberProblem(number) ? number : '',
    name: config.get<string>('customer.name', '').trim(),
    webhookUrl: config.get<string>('webhook.url', '').trim(),
    postTaps: config.get<boolean>('webhook.postTaps', false),
  };
}

export class WebhookSender {
  private channel: OutputChannel | undefined;
  private asking: Promise<string | undefined> | undefined;

  constructor(private readonly poster: LoadPoster) {}

  /** The webhook URL: the setting, or asked once and saved (undefined: the user cancelled). */
  async webhookUrl(): Promise<string | undefined> {
    const configured = customerSettings().webhookUrl;
    if (configured && !webhookUrlProblem(configured)) return configured;
    if (configured) void window.showWarningMessage(`cmInteractive.webhook.url: ${webhookUrlProblem(configured)}`);
    // Several taps while the box is open share one question.
    this.asking ??= this.ask(configured).finally(() => (this.asking = undefined));
    return this.asking;
  }

  private async ask(current: string): Promise<string | undefined> {
    const url = await window.showInputBox({
      title: "Your bot's webhook",
      prompt: 'Where CM would post the customer\'s replies (https:, or http: on this machine). Saved as cmInteractive.webhook.url.',
      placeHolder: 'http://localhost:3000/webhook',
      value: current,
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim() ? webhookUrlProblem(value.trim()) : 'The URL of your webhook, e.g. http://localhost:3000/webhook'),
    });
    if (!url) return undefined;
    const target = workspace.workspaceFolders?.length ? ConfigurationTarget.Workspace : ConfigurationTarget.Global;
    await workspace.getConfiguration('cmInteractive').update('webhook.url', url.trim(), target);
    return url.trim();
  }

  /**
   * One POST of `webhook`; the report (undefined when no URL was given). `what` names the tap
   * in the output: `list.json · message 1 · list_reply "slot" (14:00)`.
   */
  async post(webhook: unknown, what: string): Promise<{ url: string; report: OutcomeReport } | undefined> {
    const url = await this.webhookUrl();
    if (!url) return undefined;
    const { postWebhook, describeOutcome } = this.poster();
    const outcome = await window.withProgress({ location: ProgressLocation.Window, title: `Posting to ${url}` }, () => postWebhook({ url, body: webhook }));
    const report = describeOutcome(outcome, url);
    const channel = (this.channel ??= window.createOutputChannel(WEBHOOK_OUTPUT));
    channel.appendLine(safe(`[${new Date().toISOString()}] ${what} → POST ${url}`));
    channel.appendLine(`  ${safe(report.headline)}`);
    for (const line of report.details) channel.appendLine(`  ${safe(line)}`);
    channel.appendLine('');
    if (report.delivered) {
      window.setStatusBarMessage(`$(check) Webhook: ${safe(report.headline)}`, 6000);
    } else {
      void window.showWarningMessage(safe(`${report.headline} ${report.details[report.details.length - 1]}`), 'Show Output').then((choice) => choice && channel.show(true));
    }
    return { url, report };
  }

  dispose(): void {
    this.channel?.dispose();
  }
}

/** Text from outside (the bot's answer) as it may be shown: control characters escaped. */
export function safe(text: string): string {
  return safeText(text, []);
}
