/**
 * Send, planned once: from a payload's validation, the settings and whether there is a token,
 * everything a Send decides before anything leaves the machine — why it is refused, or the
 * request and its recipients, the questions to ask first (in order), the call-rate findings
 * and the media to check once the user agreed. Pure: no VS Code, no network, no clock of its
 * own. The extension and the CLI present the plan (dialogs, terminal); execute.ts carries it out.
 */
import type { Diagnostic } from '../core/validate';
import { payloadSecrets } from '../core/safe-text';
import { plural } from '../core/text';
import { callPermissionTargets, callRateProblems, type CallHistory, type CallTarget } from './call-history';
import { MAX_NESTING, nestedDeeperThan, prepareRequest, type PreparedRequest } from './envelope';
import { checkGatewayUrl } from './gateway-client';
import { mediaReferences, type MediaRef } from './media-check';

/** A payload's validation: the core's own (CLI), or the language server's for the document's current version (extension). */
export interface SendValidation {
  isPayload: boolean;
  diagnostics: readonly Diagnostic[];
  /** The parsed payload. The language server leaves it out when there are errors, or when it nests deeper than MAX_NESTING. */
  value?: unknown;
}

export interface SendInput {
  validation: SendValidation;
  gatewayUrl: string;
  /** 'not-needed': nothing will be posted (the CLI's --dry-run). */
  token: 'present' | 'missing' | 'not-needed';
  /** Only this msg entry (the code lens above one message). */
  msgIndex?: number;
  /** Instead of the file's recipients ("Send to Test Recipient…"). */
  testRecipient?: string;
  /** cmInteractive.testRecipients and cmInteractive.send.skipConfirmationForTestRecipients. */
  testRecipients?: readonly string[];
  skipConfirmationForTestRecipients?: boolean;
  /** Whether each mediaUri is asked (after consent) if CM will be able to fetch it; default true. */
  checkMedia?: boolean;
  /** The sends so far, for CALL-RATE; without it the limits are not checked (the CLI keeps no history). */
  callHistory?: CallHistory;
  now?: number;
  /** Whether the confirmation names the first recipients (the editor's dialog) or only counts them (the terminal). */
  listRecipients?: boolean;
}

export type RefusalReason = 'not-payload' | 'not-checked' | 'too-deep' | 'errors' | 'no-messages' | 'gateway-url' | 'no-token';

export interface Refusal {
  reason: RefusalReason;
  /** A clause that follows "Not sent: " (or the file's name). */
  message: string;
  /** For 'errors': the errors, in file order. */
  errors: Diagnostic[];
}

export type SendQuestion =
  /** The file holds a product token of its own: it is left out of the request. */
  | { kind: 'file-token'; text: string }
  /** "Send N messages to M recipients … via host?" */
  | { kind: 'confirm'; text: string }
  /** CALL-RATE: a call permission request over WhatsApp's limits. */
  | { kind: 'call-rate'; text: string };

export interface ReadyPlan {
  kind: 'ready';
  gatewayUrl: string;
  host: string;
  request: PreparedRequest;
  /** Tokens written in the file: never in the request, masked in everything shown. */
  fileTokens: string[];
  /** To ask in this order before anything goes out; any "no" sends nothing. */
  questions: SendQuestion[];
  /** Who is asked for call permission, for the call history. */
  callTargets: CallTarget[];
  callRateProblems: string[];
  /** The mediaUris to check after the questions (empty when checking is off). */
  media: MediaRef[];
}

/** Refused: every reason, the gateway's first (a usage error), then the file's, then the token's. */
export type SendPlan = ReadyPlan | { kind: 'refused'; refusals: Refusal[] };

export function planSend(input: SendInput): SendPlan {
  const refusals: Refusal[] = [];
  const refuse = (reason: RefusalReason, message: string, errors: Diagnostic[] = []) => refusals.push({ reason, message, errors });
  const gatewayProblem = checkGatewayUrl(input.gatewayUrl);
  if (gatewayProblem) refuse('gateway-url', gatewayProblem);
  const { validation } = input;
  const errors = validation.diagnostics.filter((d) => d.severity === 'error');
  const notChecked = validation.diagnostics.find((d) => d.code === 'FILE-LIMIT' || d.code === 'MSG-LIMIT');
  let request: PreparedRequest | undefined;
  if (!validation.isPayload) refuse('not-payload', 'not a CM payload (no top-level "messages")');
  else if (notChecked) refuse('not-checked', `${notChecked.message}, and nothing unchecked is sent`);
  else if (errors.length > 0) refuse('errors', `${plural(errors.length, 'error')} that CM or WhatsApp would reject`, errors);
  else if (validation.value === undefined || nestedDeeperThan(validation.value, MAX_NESTING)) {
    refuse('too-deep', `nests objects and arrays more than ${MAX_NESTING} levels deep; a CM payload needs about 10`);
  } else {
    request = prepareRequest(validation.value, { msgIndex: input.msgIndex, testRecipient: input.testRecipient });
    if (request.messageCount === 0) refuse('no-messages', input.msgIndex === undefined ? 'the file has no messages' : `the file has no message ${input.msgIndex}`);
  }
  if (input.token === 'missing') refuse('no-token', 'no CM product token');
  if (refusals.length > 0 || !request) return { kind: 'refused', refusals };

  const host = new URL(input.gatewayUrl).host;
  const fileTokens = payloadSecrets(validation.value);
  const media = input.checkMedia === false ? [] : mediaReferences(request.body);
  const callTargets = callPermissionTargets(request.body);
  const rateProblems = input.callHistory ? callRateProblems(input.callHistory, callTargets, input.now ?? Date.now()) : [];

  const questions: SendQuestion[] = [];
  if (fileTokens.length > 0) {
    questions.push({ kind: 'file-token', text: 'contains a product token: it is left out of the request (remove it from the file), and only the X-CM-PRODUCTTOKEN header carries yours.' });
  }
  const testNumbers = input.testRecipients ?? [];
  const onlyTestRecipients = request.recipients.every((number) => testNumbers.includes(number));
  if (!(onlyTestRecipients && input.skipConfirmationForTestRecipients)) {
    questions.push({ kind: 'confirm', text: confirmation(request, host, new Set(media.map((ref) => ref.uri)).size, input.listRecipients ?? true) });
  }
  if (rateProblems.length > 0) {
    questions.push({ kind: 'call-rate', text: `WhatsApp's call permission limits (CALL-RATE): ${rateProblems.join('; ')}. A request over the limit is not delivered.` });
  }
  return { kind: 'ready', gatewayUrl: input.gatewayUrl, host, request, fileTokens, questions, callTargets, callRateProblems: rateProblems, media };
}

function confirmation(request: PreparedRequest, host: string, mediaUrls: number, listRecipients: boolean): string {
  const { recipients } = request;
  const list = listRecipients ? ` (${recipients.slice(0, 3).join(', ')}${recipients.length > 3 ? ', …' : ''})` : '';
  const checks = mediaUrls > 0 ? `, after checking ${plural(mediaUrls, 'media URL')}` : '';
  return `Send ${plural(request.messageCount, 'message')} to ${plural(recipients.length, 'recipient')}${list} via ${host}${checks}?`;
}

