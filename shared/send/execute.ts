/**
 * Carries out a ready plan (plan.ts) once its questions were answered yes: the media checks,
 * then one POST — never retried — then CM's answer in words and the call history. The
 * dialogs and progress are the caller's (passed in); the network is Node's fetch.
 */
import { recordConnectedCall, recordSends, type CallHistory } from './call-history';
import { postMessages, type SendOutcome } from './gateway-client';
import { checkMedia, type MediaProblem } from './media-check';
import type { ReadyPlan } from './plan';
import { summarize, type SendSummary } from './summary';

export interface ExecuteOptions {
  /** Sent only in the X-CM-PRODUCTTOKEN header. */
  token: string;
  timeoutMs: number;
  /** Where the call history is kept (VS Code's globalState); without it none is recorded. */
  callHistory?: { get(): CallHistory; update(history: CallHistory): unknown };
  /** The answer to the call-rate question was "a call connected since": the limits start again. */
  callConnectedSince?: boolean;
  /** Asked when the media checks found problems: true sends anyway. */
  confirmMediaProblems(problems: MediaProblem[]): Promise<boolean>;
  /** Runs a network step (VS Code: a progress notification whose cancel button aborts the signal). */
  step?<T>(what: 'media' | 'post', run: (signal?: AbortSignal) => Promise<T>): PromiseLike<T>;
  now?: () => number;
}

export type SendResult =
  /** The media checks found problems and the user chose not to send: nothing was posted. */
  | { kind: 'declined'; mediaProblems: MediaProblem[] }
  | { kind: 'sent'; outcome: SendOutcome; summary: SendSummary; mediaProblems: MediaProblem[] };

export async function executeSend(plan: ReadyPlan, options: ExecuteOptions): Promise<SendResult> {
  const step = options.step ?? ((_what, run) => run());
  const now = options.now ?? Date.now;
  const history = options.callHistory;
  if (history && options.callConnectedSince) await history.update(recordConnectedCall(history.get(), plan.callTargets, now()));

  const mediaProblems = plan.media.length > 0 ? await step('media', (signal) => checkMedia(plan.media, { signal })) : [];
  if (mediaProblems.length > 0 && !(await options.confirmMediaProblems(mediaProblems))) return { kind: 'declined', mediaProblems };

  const { body, recipients } = plan.request;
  const outcome = await step('post', (signal) => postMessages({ url: plan.gatewayUrl, token: options.token, body, timeoutMs: options.timeoutMs, signal }));
  const summary = summarize(outcome, recipients);
  if (history && summary.accepted > 0 && plan.callTargets.length > 0) await history.update(recordSends(history.get(), plan.callTargets, now()));
  return { kind: 'sent', outcome, summary, mediaProblems };
}
