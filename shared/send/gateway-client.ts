/**
 * The HTTP client for CM's message gateway: one POST, never retried (a message is not
 * idempotent), with a timeout and a cancel signal. VS Code-free: the Send command and the
 * CLI share it. The token travels only in the X-CM-PRODUCTTOKEN header.
 */
import { redact } from '../core/safe-text';
import { arrayAt, isObject } from '../core/rules/access';

export const DEFAULT_GATEWAY_URL = 'https://gw.messaging.cm.com/v1.0/message';

/** CM's answer lists each recipient in a few hundred bytes: more than this is not CM's answer, and is not read. */
export const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

export interface CmMessageResult {
  to: string;
  status: string;
  reference: string | null;
  parts: number | null;
  messageDetails: string | null;
  messageErrorCode: number;
}

export interface CmResponse {
  details: string;
  errorCode: number;
  messages: CmMessageResult[];
}

export type SendOutcome =
  /** CM answered with its JSON body (HTTP 200 or 400). */
  | { kind: 'answered'; httpStatus: number; response: CmResponse }
  /** Any other status (a redirect too: it is not followed), or a body that is not CM's JSON. */
  | { kind: 'gateway-error'; httpStatus: number; contentType: string; bodyStart: string; location?: string }
  /** An answer larger than MAX_RESPONSE_BYTES: not read, so what CM did is unknown. */
  | { kind: 'too-large'; httpStatus: number; limitBytes: number }
  /** No answer in time: the message may or may not have been sent. */
  | { kind: 'timeout'; timeoutMs: number }
  /** The user cancelled while waiting: the message may or may not have been sent. */
  | { kind: 'cancelled' }
  /** The request never reached the gateway (refused, DNS, TLS, reset). */
  | { kind: 'network'; code: string; message: string };

export interface SendRequest {
  url: string;
  token: string;
  body: unknown;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** Only https gateways, except loopback (tests and local sandboxes). */
export function checkGatewayUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `The gateway URL "${url}" is not a valid URL`;
  }
  if (parsed.protocol === 'https:') return undefined;
  const loopback = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/.test(parsed.hostname);
  if (parsed.protocol === 'http:' && loopback) return undefined;
  return `The gateway URL must use https: (plain http: only on loopback); got "${parsed.protocol}//${parsed.host}"`;
}

export async function postMessages(request: SendRequest): Promise<SendOutcome> {
  const urlProblem = checkGatewayUrl(request.url);
  if (urlProblem) throw new Error(urlProblem);
  // AbortSignal.timeout takes whole milliseconds up to 2^31 - 1; a setting out of that range must not throw after the checks.
  const timeoutMs = Math.min(Math.max(Math.round(request.timeoutMs), 1), 2 ** 31 - 1);
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = request.signal ? AbortSignal.any([timeout, request.signal]) : timeout;
  let response: Response;
  let text: string | undefined;
  try {
    response = await fetch(request.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CM-PRODUCTTOKEN': request.token },
      body: JSON.stringify(request.body),
      signal,
      // A redirect is answered, not followed: the POST reached the gateway and is never repeated elsewhere.
      redirect: 'manual',
    });
    text = await readLimited(response, MAX_RESPONSE_BYTES);
  } catch (error) {
    if (request.signal?.aborted) return { kind: 'cancelled' };
    if (timeout.aborted) return { kind: 'timeout', timeoutMs };
    return { kind: 'network', ...networkError(error, 'gateway') };
  }
  if (text === undefined) return { kind: 'too-large', httpStatus: response.status, limitBytes: MAX_RESPONSE_BYTES };
  const contentType = response.headers.get('content-type') ?? '';
  const parsed = parseCmResponse(text);
  if (parsed && (response.status === 200 || response.status === 400)) return { kind: 'answered', httpStatus: response.status, response: parsed };
  const location = response.status >= 300 && response.status < 400 ? response.headers.get('location') ?? undefined : undefined;
  // An echo of the token is masked before the start is cut, so no part of it is kept.
  return { kind: 'gateway-error', httpStatus: response.status, contentType, bodyStart: redact(text, request.token).slice(0, 200), ...(location ? { location } : {}) };
}

/** The body as text, or undefined (and the rest not read) when it is larger than `limit` bytes. */
async function readLimited(response: Response, limit: number): Promise<string | undefined> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseCmResponse(text: string): CmResponse | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(value) || typeof value.errorCode !== 'number' || !(value.messages === undefined || value.messages === null || Array.isArray(value.messages))) return undefined;
  return {
    details: typeof value.details === 'string' ? value.details : '',
    errorCode: value.errorCode,
    messages: arrayAt(value, 'messages').map((entry) => {
      const m = isObject(entry) ? entry : {};
      return {
        to: String(m.to ?? ''),
        status: String(m.status ?? ''),
        reference: typeof m.reference === 'string' ? m.reference : null,
        parts: typeof m.parts === 'number' ? m.parts : null,
        messageDetails: typeof m.messageDetails === 'string' ? m.messageDetails : null,
        messageErrorCode: typeof m.messageErrorCode === 'number' ? m.messageErrorCode : 0,
      };
    }),
  };
}

/**
 * A failed fetch in words, naming who was asked: CM's gateway (the send itself) or, by
 * default, the media host a mediaUri points at (the reachability check before a send) — a
 * reset by the media host is not CM's doing.
 */
export function networkError(error: unknown, asked: 'gateway' | 'media host' = 'media host'): { code: string; message: string } {
  if ((error as Error)?.name === 'TimeoutError') return { code: 'TIMEOUT', message: 'no answer in time' };
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const code = cause?.code ?? (error as { code?: string })?.code ?? 'UNKNOWN';
  const gateway = asked === 'gateway';
  const answerer = gateway ? 'CM' : 'the media host';
  const meanings: Record<string, string> = {
    ECONNREFUSED: 'the connection was refused (nothing listens at that address)',
    ENOTFOUND: `the ${gateway ? 'gateway host' : "media host's"} name could not be resolved (DNS)`,
    EAI_AGAIN: 'DNS lookup failed temporarily',
    ECONNRESET: `the connection was reset before ${answerer} answered`,
    UND_ERR_SOCKET: `the connection was closed before ${answerer} answered`,
    CERT_HAS_EXPIRED: `the ${asked} certificate has expired`,
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: `the ${asked} certificate could not be verified`,
  };
  return { code, message: meanings[code] ?? cause?.message ?? (error as Error)?.message ?? 'unknown network error' };
}
