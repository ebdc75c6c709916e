/** CM's answer for the user: a notification and a per-recipient table in "CM Messages". */
import { window, type OutputChannel } from 'vscode';
import { safeText } from '../../../shared/core/safe-text';
import type { SendSummary } from '../../../shared/send/summary';

export class ResultPresenter {
  private channel: OutputChannel | undefined;

  private output(): OutputChannel {
    this.channel ??= window.createOutputChannel('CM Messages');
    return this.channel;
  }

  /** Everything shown passes through `safeText`: the secrets in play masked, control characters escaped. */
  present(summary: SendSummary, context: { file: string; gatewayHost: string; secrets: (string | undefined)[] }): void {
    const safe = (text: string) => safeText(text, context.secrets);
    const channel = this.output();
    channel.appendLine(safe(`[${new Date().toISOString()}] ${context.file} → ${context.gatewayHost}`));
    channel.appendLine(`  ${safe(summary.headline)}`);
    for (const line of summary.details) channel.appendLine(`  ${safe(line)}`);
    channel.appendLine('');
    const show = (choice: string | undefined) => choice === 'Show Details' && channel.show(true);
    if (summary.severity === 'info') void window.showInformationMessage(safe(summary.headline), 'Show Details').then(show);
    else if (summary.severity === 'warning') void window.showWarningMessage(safe(summary.headline), 'Show Details').then(show);
    else void window.showErrorMessage(safe(summary.headline), 'Show Details').then(show);
  }

  dispose(): void {
    this.channel?.dispose();
  }
}
