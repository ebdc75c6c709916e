/**
 * The HTTP client for CM's message gateway: one POST, never retried (a message is not
 * idempotent), with a timeout and a cancel signal. VS Code-free: the Send command and the
 * CLI share it. The token travels only in the X-CM-PRODUCTTOKEN header.
 */

export const DEFAULT_GATEWAY_URL = 'https://gw.messaging.cm.com/v1.0/message';

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
  /** Any other status, or a body that is not CM's JSON. */
  | { kind: 'gateway-error'; httpStatus: number; contentType: string; bodyStart: string }
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
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal ? AbortSignal.any([timeout, request.signal]) : timeout;
  let response: Response;
  let text: string;
  try {
    response = await fetch(request.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CM-PRODUCTTOKEN': request.token },
      body: JSON.stringify(request.body),
      signal,
      redirect: 'error',
    });
    text = await response.text();
  } catch (error) {
    if (request.signal?.aborted) return { kind: 'cancelled' };
    if (timeout.aborted) return { kind: 'timeout', timeoutMs: request.timeoutMs };
    return { kind: 'network', ...networkError(error) };
  }
  const contentType = response.headers.get('content-type') ?? '';
  const parsed = parseCmResponse(text);
  if (parsed && (response.status === 200 || response.status === 400)) return { kind: 'answered', httpStatus: response.status, response: parsed };
  return { kind: 'gateway-error', httpStatus: response.status, contentType, bodyStart: text.slice(0, 200) };
}

function parseCmResponse(text: string): CmResponse | undefined {
  let value: any;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object' || typeof value.errorCode !== 'number' || !Array.isArray(value.messages ?? [])) return undefined;
  return {
    details: typeof value.details === 'string' ? value.details : '',
    errorCode: value.errorCode,
    messages: (value.messages ?? []).map((m: any) => ({
      to: String(m?.to ?? ''),
      status: String(m?.status ?? ''),
      reference: typeof m?.reference === 'string' ? m.reference : null,
      parts: typeof m?.parts === 'number' ? m.parts : null,
      messageDetails: typeof m?.messageDetails === 'string' ? m.messageDetails : null,
      messageErrorCode: typeof m?.messageErrorCode === 'number' ? m.messageErrorCode : 0,
    })),
  };
}

export function networkError(error: unknown): { code: string; message: string } {
  if ((error as Error)?.name === 'TimeoutError') return { code: 'TIMEOUT', message: 'no answer in time' };
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const code = cause?.code ?? (error as { code?: string })?.code ?? 'UNKNOWN';
  const meanings: Record<string, string> = {
    ECONNREFUSED: 'the connection was refused (nothing listens at that address)',
    ENOTFOUND: 'the gateway host name could not be resolved (DNS)',
    EAI_AGAIN: 'DNS lookup failed temporarily',
    ECONNRESET: 'the connection was reset before CM answered',
    UND_ERR_SOCKET: 'the connection was closed before CM answered',
    CERT_HAS_EXPIRED: 'the gateway certificate has expired',
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the gateway certificate could not be verified',
  };
  return { code, message: meanings[code] ?? cause?.message ?? (error as Error)?.message ?? 'unknown network error' };
}
