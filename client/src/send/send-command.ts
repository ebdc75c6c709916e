/**
 * "CM: Send Message": validate, confirm, check media and call limits, POST once, show CM's
 * answer. Nothing invalid goes out, nothing goes out twice, and the token is never shown.
 */
import { commands, ProgressLocation, Uri, window, workspace, type TextDocument } from 'vscode';
import type { ValidateResponse } from '../../../server/src/protocol';
import { callPermissionTargets, callRateProblems, recordConnectedCall, recordSends } from '../../../shared/send/call-history';
import { payloadSecrets } from '../../../server/src/core/safe-text';
import { prepareRequest } from '../../../shared/send/envelope';
import { checkGatewayUrl, DEFAULT_GATEWAY_URL, postMessages } from '../../../shared/send/gateway-client';
import { checkMedia, mediaReferences } from '../../../shared/send/media-check';
import { summarize, type SendSummary } from '../../../shared/send/summary';
import type { CallHistoryStore } from './call-history-store';
import type { ResultPresenter } from './result-presenter';
import type { TokenStore } from './token-store';

export interface SendTarget {
  uri?: Uri;
  msgIndex?: number;
  testRecipient?: string;
}

export class SendCommand {
  private readonly inFlight = new Set<string>();

  constructor(
    /** Validation happens in the language server (one validator, not a second copy here). */
    private readonly validate: (text: string) => Promise<ValidateResponse>,
    private readonly tokens: TokenStore,
    private readonly history: CallHistoryStore,
    private readonly presenter: ResultPresenter,
  ) {}

  /** Returns what happened (for the code lens, tests and scripting); undefined when nothing was sent. */
  async send(target: SendTarget = {}): Promise<SendSummary | undefined> {
    const document = await this.documentFor(target.uri);
    if (!document) {
      void window.showInformationMessage('Open a CM payload file first, then run "CM: Send Message".');
      return undefined;
    }
    const key = document.uri.toString();
    if (this.inFlight.has(key)) {
      void window.showWarningMessage(`${fileName(document)} is already being sent; wait for CM's answer before sending again.`);
      return undefined;
    }
    this.inFlight.add(key);
    try {
      return await this.sendDocument(document, target);
    } finally {
      this.inFlight.delete(key);
    }
  }

  async sendToTestRecipient(uri?: Uri): Promise<SendSummary | undefined> {
    const numbers = workspace.getConfiguration('cmInteractive').get<string[]>('testRecipients') ?? [];
    if (numbers.length === 0) {
      void window
        .showWarningMessage('No test recipients: add numbers to the "cmInteractive.testRecipients" setting.', 'Open Settings')
        .then((choice) => choice && commands.executeCommand('workbench.action.openSettings', 'cmInteractive.testRecipients'));
      return undefined;
    }
    const picked = numbers.length === 1 ? numbers[0] : await window.showQuickPick(numbers, { title: 'Send to which test recipient?' });
    return picked ? this.send({ uri, testRecipient: picked }) : undefined;
  }

  private async sendDocument(document: TextDocument, target: SendTarget): Promise<SendSummary | undefined> {
    const config = workspace.getConfiguration('cmInteractive');
    const text = document.getText();
    const result = await this.validate(text);
    if (!result.isPayload) {
      void window.showErrorMessage(`${fileName(document)} is not a CM payload (no top-level "messages").`);
      return undefined;
    }
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) {
      // Not awaited: the command returns now; the button stays usable on the notification.
      void window
        .showErrorMessage(
          `Not sent: ${fileName(document)} has ${errors.length} error${errors.length === 1 ? '' : 's'} that CM or WhatsApp would reject (first: ${errors[0].code} ${errors[0].message}).`,
          'Show Problems',
        )
        .then((choice) => choice && commands.executeCommand('workbench.actions.view.problems'));
      return undefined;
    }

    const gateway = config.get<string>('gateway.url') || DEFAULT_GATEWAY_URL;
    const gatewayProblem = checkGatewayUrl(gateway);
    if (gatewayProblem) {
      void window.showErrorMessage(`Not sent: ${gatewayProblem} (setting cmInteractive.gateway.url).`);
      return undefined;
    }
    let token = await this.tokens.get();
    if (!token) {
      const choice = await window.showWarningMessage('No CM product token is stored yet.', { modal: true }, 'Set Product Token');
      if (choice && (await this.tokens.promptAndStore())) token = await this.tokens.get();
      if (!token) return undefined;
    }
    let value: unknown;
    try {
      value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    } catch {
      void window.showErrorMessage(`Not sent: ${fileName(document)} is not valid JSON.`);
      return undefined;
    }
    const literals = payloadSecrets(value);
    const secrets = [token, ...literals];
    if (literals.length > 0) {
      const choice = await window.showWarningMessage(
        `${fileName(document)} contains a product token. Send with your stored token instead? The file's token is left out of the request (and should be removed from the file).`,
        { modal: true },
        'Use Stored Token',
      );
      if (!choice) return undefined;
    }

    const prepared = prepareRequest(value, { msgIndex: target.msgIndex, testRecipient: target.testRecipient });
    if (prepared.messageCount === 0) {
      void window.showErrorMessage('Nothing to send: the file has no messages.');
      return undefined;
    }
    const testNumbers = config.get<string[]>('testRecipients') ?? [];
    const onlyTestRecipients = prepared.recipients.every((n) => testNumbers.includes(n));
    const host = new URL(gateway).host;
    if (!(onlyTestRecipients && config.get<boolean>('send.skipConfirmationForTestRecipients'))) {
      const question = `Send ${prepared.messageCount} message${prepared.messageCount === 1 ? '' : 's'} to ${prepared.recipients.length} recipient${prepared.recipients.length === 1 ? '' : 's'} (${prepared.recipients.slice(0, 3).join(', ')}${prepared.recipients.length > 3 ? ', …' : ''}) via ${host}?`;
      if ((await window.showWarningMessage(question, { modal: true }, 'Send')) !== 'Send') return undefined;
    }

    const targets = callPermissionTargets(prepared.body);
    const rateProblems = callRateProblems(this.history.get(), targets, Date.now());
    if (rateProblems.length > 0) {
      const choice = await window.showWarningMessage(
        `WhatsApp's call permission limits (CALL-RATE): ${rateProblems.join('; ')}. A request over the limit is not delivered.`,
        { modal: true },
        'Send Anyway',
        'A Call Connected Since: Reset and Send',
      );
      if (!choice) return undefined;
      if (choice !== 'Send Anyway') await this.history.update(recordConnectedCall(this.history.get(), targets, Date.now()));
    }

    const media = mediaReferences(prepared.body);
    if (media.length > 0 && config.get<boolean>('send.checkMedia', true)) {
      const problems = await window.withProgress({ location: ProgressLocation.Notification, title: 'Checking media URLs…', cancellable: true }, (_progress, cancel) => {
        const controller = new AbortController();
        cancel.onCancellationRequested(() => controller.abort());
        return checkMedia(media, { signal: controller.signal });
      });
      if (problems.length > 0) {
        const choice = await window.showWarningMessage(
          `SEND-MEDIA-REACHABLE: ${problems.map((p) => p.message).join('; ')}. CM drops a message whose media it cannot fetch.`,
          { modal: true },
          'Send Anyway',
        );
        if (!choice) return undefined;
      }
    }

    const timeoutMs = Math.max(1, config.get<number>('gateway.timeoutSeconds') ?? 30) * 1000;
    const outcome = await window.withProgress({ location: ProgressLocation.Notification, title: `Sending to CM (${host})…`, cancellable: true }, (_progress, cancel) => {
      const controller = new AbortController();
      cancel.onCancellationRequested(() => controller.abort());
      return postMessages({ url: gateway, token, body: prepared.body, timeoutMs, signal: controller.signal });
    });
    const summary = summarize(outcome, prepared.recipients.length);
    if (summary.accepted > 0 && targets.length > 0) await this.history.update(recordSends(this.history.get(), targets, Date.now()));
    this.presenter.present(summary, { file: fileName(document), gatewayHost: host, secrets });
    return summary;
  }

  private async documentFor(uri: Uri | undefined): Promise<TextDocument | undefined> {
    return uri ? workspace.openTextDocument(uri) : window.activeTextEditor?.document;
  }
}

function fileName(document: TextDocument): string {
  return document.uri.path.split('/').pop() ?? document.uri.toString();
}
