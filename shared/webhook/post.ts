/**
 * Posts a simulated inbound webhook to the developer's bot, as CM does: one POST of JSON
 * (UTF-8), and only 200 OK counts as delivered. VS Code-free: the CLI (`cm-interactive
 * reply`), the command and the preview share it. The answer is read up to a cap and
 * described in words; the caller escapes it (safeText) before printing.
 */
import { CM_RETRY_NOTE } from './inbound';

/** Enough of a bot's answer to see what it said; the rest is not read. */
export const MAX_ANSWER_BYTES = 64 * 1024;
/** What the CLI and the command show of the answer. */
export const SHOWN_ANSWER_CHARS = 2000;
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;

export type WebhookOutcome =
  | { kind: 'answered'; status: number; statusText: string; ms: number; contentType: string; body: string; truncated: boolean; location?: string }
  | { kind: 'timeout'; ms: number }
  | { kind: 'unreachable'; ms: number; code: string; message: string };

/** https anywhere; plain http only on this machine (a bot under development). */
export function webhookUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url}" is not a URL (e.g. http://localhost:3000/webhook)`;
  }
  if (parsed.protocol === 'https:') return undefined;
  if (parsed.protocol === 'http:' && /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/.test(parsed.hostname)) return undefined;
  return `The webhook URL must be https:, or http: on this machine (localhost, 127.0.0.1, [::1]); got "${parsed.protocol}//${parsed.host}"`;
}

export async function postWebhook(request: { url: string; body: unknown; timeoutMs?: number; signal?: AbortSignal; userAgent?: string }): Promise<WebhookOutcome> {
  const problem = webhookUrlProblem(request.url);
  if (problem) throw new Error(problem);
  const timeoutMs = Math.min(Math.max(Math.round(request.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS), 1), 2 ** 31 - 1);
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = request.signal ? AbortSignal.any([timeout, request.signal]) : timeout;
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'User-Agent': request.userAgent ?? 'cm-interactive (simulated CM.com webhook)' },
      body: JSON.stringify(request.body),
      signal,
      // CM posts to the registered address: a redirect is the bot's answer, not followed.
      redirect: 'manual',
    });
    const { text, truncated } = await readCapped(response, MAX_ANSWER_BYTES);
    const location = response.headers.get('location') ?? undefined;
    return { kind: 'answered', status: response.status, statusText: response.statusText, ms: ms(), contentType: response.headers.get('content-type') ?? '', body: text, truncated, ...(location ? { location } : {}) };
  } catch (error) {
    if (timeout.aborted && !request.signal?.aborted) return { kind: 'timeout', ms: ms() };
    return { kind: 'unreachable', ms: ms(), ...connectionProblem(error) };
  }
}

/** At most `limit` bytes of the body, decoded as they come; the rest is left unread. */
async function readCapped(response: Response, limit: number): Promise<{ text: string; truncated: boolean }> {
  const decoder = new TextDecoder();
  const reader = response.body?.getReader();
  let text = '';
  let left = limit;
  for (let read = await reader?.read(); read && !read.done; read = await reader!.read()) {
    const room = left;
    text += decoder.decode(read.value.subarray(0, room), { stream: true });
    left -= Math.min(read.value.byteLength, room);
    if (read.value.byteLength > room) {
      // A bot that answers for ever is not read for ever.
      await reader!.cancel().catch(() => undefined);
      return { text: text + decoder.decode(), truncated: true };
    }
  }
  return { text: text + decoder.decode(), truncated: false };
}

/** What a failed connection means for a developer's bot, by the error code Node gives. */
const CONNECTION_WORDS: Record<string, string> = {
  ECONNREFUSED: 'nothing listens there — is your bot running?',
  ENOTFOUND: 'the host name does not resolve',
  ECONNRESET: 'the connection was reset before an answer',
  UND_ERR_SOCKET: 'the connection closed before an answer',
  CERT_HAS_EXPIRED: 'its certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its certificate is self-signed',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its certificate could not be verified',
};

function connectionProblem(error: unknown): { code: string; message: string } {
  // fetch wraps the socket's error in `cause`.
  const failure = ((error as { cause?: unknown })?.cause ?? error) as { code?: string; message?: string } | undefined;
  const code = failure?.code ?? 'UNKNOWN';
  return { code, message: CONNECTION_WORDS[code] ?? failure?.message ?? 'no connection' };
}

export interface OutcomeReport {
  /** 200 OK: what CM counts as delivered. */
  delivered: boolean;
  /** No answer at all (refused, DNS, TLS, timeout). */
  unreachable: boolean;
  headline: string;
  /** The answer's body and what CM would do; not yet escaped. */
  details: string[];
}

/** The outcome in words, the same for the CLI, the output channel and the preview. */
export function describeOutcome(outcome: WebhookOutcome, url: string): OutcomeReport {
  if (outcome.kind === 'timeout') {
    return { delivered: false, unreachable: true, headline: `No answer from ${url} within ${outcome.ms} ms.`, details: [CM_RETRY_NOTE] };
  }
  if (outcome.kind === 'unreachable') {
    return { delivered: false, unreachable: true, headline: `Could not reach ${url}: ${outcome.message} (${outcome.code}).`, details: [CM_RETRY_NOTE] };
  }
  const status = `${outcome.status}${outcome.statusText ? ` ${outcome.statusText}` : ''}`;
  const delivered = outcome.status === 200;
  const details: string[] = [];
  if (outcome.body) {
    // One line, whatever the bot answered: line breaks shown as \n cannot forge a status line.
    const cut = outcome.body.length > SHOWN_ANSWER_CHARS ? `${outcome.body.slice(0, SHOWN_ANSWER_CHARS)}…` : outcome.body;
    const shown = cut.replace(/\r/g, '\\r').replace(/\n/g, '\\n');
    details.push(`Answer${outcome.contentType ? ` (${outcome.contentType})` : ''}: ${shown}${outcome.truncated ? ` [more than ${MAX_ANSWER_BYTES / 1024} KB: the rest was not read]` : ''}`);
  } else {
    details.push('Answer: (empty body)');
  }
  if (outcome.location) details.push(`Location: ${outcome.location} (not followed: CM posts to the registered address only)`);
  if (!delivered) details.push(`${outcome.status >= 200 && outcome.status < 300 ? 'Only 200 counts: ' : ''}${CM_RETRY_NOTE}`);
  return { delivered, unreachable: false, headline: `${status} in ${outcome.ms} ms from ${url}${delivered ? '' : ' — not 200 OK'}`, details };
}
