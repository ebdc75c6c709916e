/**
 * "CM: Send Message": the send plan (shared/send/plan.ts) as VS Code dialogs, carried out
 * (shared/send/execute.ts) under progress notifications. The validation is the language
 * server's for the document's current version. Nothing invalid goes out, nothing goes out
 * twice (one send of a document at a time), and the token is never shown.
 */
import { commands, ProgressLocation, Uri, window, workspace, type TextDocument } from 'vscode';
import type { ValidationForParams, ValidationForResponse } from '../../../shared/protocol';
import { executeSend } from '../../../shared/send/execute';
import { DEFAULT_GATEWAY_URL } from '../../../shared/send/gateway-client';
import { planSend, type Refusal, type SendQuestion, type SendValidation } from '../../../shared/send/plan';
import type { SendSummary } from '../../../shared/send/summary';
import type { CallHistoryStore } from './call-history-store';
import type { ResultPresenter } from './result-presenter';
import type { TokenStore } from './token-store';

/** The call-rate answer that resets the limits. */
const CALL_CONNECTED = 'A Call Connected Since: Reset and Send';

export interface SendTarget {
  uri?: Uri;
  msgIndex?: number;
  testRecipient?: string;
}

export class SendCommand {
  private readonly inFlight = new Set<string>();

  constructor(
    /** The language server's validation of a document version (one validator, not a second copy here). */
    private readonly validationFor: (params: ValidationForParams) => Promise<ValidationForResponse>,
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
    const validation = await this.validationOf(document);
    if (!validation) return undefined;
    const config = workspace.getConfiguration('cmInteractive');
    let token = await this.tokens.get();
    const plan = () =>
      planSend({
        validation,
        gatewayUrl: config.get<string>('gateway.url') || DEFAULT_GATEWAY_URL,
        token: token ? 'present' : 'missing',
        msgIndex: target.msgIndex,
        testRecipient: target.testRecipient,
        testRecipients: config.get<string[]>('testRecipients') ?? [],
        skipConfirmationForTestRecipients: config.get<boolean>('send.skipConfirmationForTestRecipients'),
        checkMedia: config.get<boolean>('send.checkMedia', true),
        callHistory: this.history.get(),
      });
    let planned = plan();
    if (planned.kind === 'refused' && planned.refusals[0].reason === 'no-token') {
      const choice = await window.showWarningMessage('No CM product token is stored yet.', { modal: true }, 'Set Product Token');
      if (choice && (await this.tokens.promptAndStore())) token = await this.tokens.get();
      if (!token) return undefined;
      planned = plan();
    }
    if (planned.kind === 'refused') {
      this.showRefusal(document, planned.refusals[0]);
      return undefined;
    }
    if (!token) return undefined; // (a ready plan had one)

    let callConnectedSince = false;
    for (const question of planned.questions) {
      const answer = await this.ask(question, document);
      if (!answer) return undefined;
      callConnectedSince ||= answer === CALL_CONNECTED;
    }
    const { host } = planned;
    const result = await executeSend(planned, {
      token,
      timeoutMs: Math.max(1, config.get<number>('gateway.timeoutSeconds') ?? 30) * 1000,
      callHistory: this.history,
      callConnectedSince,
      confirmMediaProblems: async (problems) =>
        (await window.showWarningMessage(
          `SEND-MEDIA-REACHABLE: ${problems.map((p) => p.message).join('; ')}. CM drops a message whose media it cannot fetch.`,
          { modal: true },
          'Send Anyway',
        )) !== undefined,
      step: (what, run) =>
        window.withProgress({ location: ProgressLocation.Notification, title: what === 'media' ? 'Checking media URLs…' : `Sending to CM (${host})…`, cancellable: true }, (_progress, cancel) => {
          const controller = new AbortController();
          cancel.onCancellationRequested(() => controller.abort());
          return run(controller.signal);
        }),
    });
    if (result.kind === 'declined') return undefined;
    this.presenter.present(result.summary, { file: fileName(document), gatewayHost: host, secrets: [token, ...planned.fileTokens] });
    return result.summary;
  }

  /**
   * The language server's validation of the document as it is now (by URI and version: no
   * text goes to the server); undefined after saying why there is none. An edit while asking
   * makes the answer stale: then the new version is asked for.
   */
  private async validationOf(document: TextDocument): Promise<SendValidation | undefined> {
    for (let attempt = 1; ; attempt++) {
      const version = document.version;
      const answer = await this.validationFor({ uri: document.uri.toString(), version });
      if (answer.status === 'current') return answer;
      if (answer.status === 'not-open') {
        void window.showErrorMessage(`Not sent: ${fileName(document)} was not checked: the CM language server does not have it open (it checks JSON documents only).`);
        return undefined;
      }
      if (attempt < 3 && document.version !== version) continue;
      void window.showErrorMessage(`Not sent: ${fileName(document)} is at version ${document.version} in the editor but at ${answer.version} in the language server; try again.`);
      return undefined;
    }
  }

  private showRefusal(document: TextDocument, refusal: Refusal): void {
    const file = fileName(document);
    if (refusal.reason === 'errors') {
      const [first] = refusal.errors;
      // Not awaited: the command returns now; the button stays usable on the notification.
      void window
        .showErrorMessage(`Not sent: ${file} has ${refusal.message} (first: ${first.code} ${first.message}).`, 'Show Problems')
        .then((choice) => choice && commands.executeCommand('workbench.actions.view.problems'));
    } else if (refusal.reason === 'gateway-url') {
      void window.showErrorMessage(`Not sent: ${refusal.message} (setting cmInteractive.gateway.url).`);
    } else {
      void window.showErrorMessage(`Not sent: ${file}: ${refusal.message}.`);
    }
  }

  /** One of the plan's questions as a modal dialog: false (or the dialog closed) sends nothing. */
  private async ask(question: SendQuestion, document: TextDocument): Promise<boolean | typeof CALL_CONNECTED> {
    switch (question.kind) {
      case 'file-token':
        return (await window.showWarningMessage(`${fileName(document)} ${question.text}`, { modal: true }, 'Use Stored Token')) !== undefined;
      case 'confirm':
        return (await window.showWarningMessage(question.text, { modal: true }, 'Send')) === 'Send';
      case 'call-rate': {
        const choice = await window.showWarningMessage(question.text, { modal: true }, 'Send Anyway', CALL_CONNECTED);
        return choice === CALL_CONNECTED ? CALL_CONNECTED : choice !== undefined;
      }
    }
  }

  private async documentFor(uri: Uri | undefined): Promise<TextDocument | undefined> {
    return uri ? workspace.openTextDocument(uri) : window.activeTextEditor?.document;
  }
}

function fileName(document: TextDocument): string {
  return document.uri.path.split('/').pop() ?? document.uri.toString();
}
