import { isMediaKind, MEDIA, servedTypeFits, type MediaKind } from '../core/media-types';
import type { MediaHeader } from '../payload';
import { interactivesOf, msgEntries, type Loose } from '../core/payload-model';
import { objectAt } from '../core/rules/access';
import { withArticle } from '../core/text';
import { networkError } from './gateway-client';

/**
 * SEND-MEDIA-REACHABLE: CM drops a message whose media it cannot fetch, so before sending
 * each mediaUri is asked (HEAD, else a one-byte ranged GET) for status, type and size.
 */

export interface MediaRef {
  /** JSON pointer of the mediaUri. */
  path: string;
  kind: MediaKind;
  uri: string;
}

export interface MediaProblem extends MediaRef {
  message: string;
}

export function mediaReferences(value: unknown): MediaRef[] {
  return msgEntries(value).flatMap(({ index: i, msg }) =>
    interactivesOf(msg).flatMap(({ index: j, interactive }) => {
      const header = objectAt(interactive, 'header') as Loose<MediaHeader> | undefined;
      const uri = objectAt(header, 'media')?.mediaUri;
      return typeof uri === 'string' && isMediaKind(header?.type)
        ? [{ path: `/messages/msg/${i}/richContent/conversation/${j}/interactive/header/media/mediaUri`, kind: header.type, uri }]
        : [];
    }),
  );
}

export async function checkMedia(refs: MediaRef[], options: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<MediaProblem[]> {
  const unique = [...new Map(refs.map((r) => [r.uri, r])).values()];
  const results = await Promise.all(unique.map(async (ref) => ({ ref, message: await checkOne(ref, options.timeoutMs ?? 10_000, options.signal) })));
  return results.flatMap(({ ref, message }) => (message ? refs.filter((r) => r.uri === ref.uri).map((r) => ({ ...r, message })) : []));
}

async function checkOne(ref: MediaRef, timeoutMs: number, signal?: AbortSignal): Promise<string | undefined> {
  let url: URL;
  try {
    url = new URL(ref.uri);
  } catch {
    return `"${ref.uri}" is not a URL`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `"${ref.uri}" is not an http(s) URL`;
  const ask = async (method: 'HEAD' | 'GET') => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const response = await fetch(url, { method, headers: method === 'GET' ? { Range: 'bytes=0-0' } : {}, signal: signal ? AbortSignal.any([timeout, signal]) : timeout });
    if (method === 'GET') await response.body?.cancel();
    return response;
  };
  let response: Response;
  try {
    response = await ask('HEAD');
    if (response.status === 405 || response.status === 501 || response.status === 403) response = await ask('GET');
  } catch (error) {
    const { code, message } = networkError(error);
    return `${ref.uri} could not be fetched (${code === 'TIMEOUT' ? `no answer in ${timeoutMs / 1000} s` : `${code}: ${message}`}); CM would drop the message`;
  }
  if (response.status < 200 || response.status > 299) return `${ref.uri} answered HTTP ${response.status}; CM would drop the message`;
  const limits = MEDIA[ref.kind];
  const type = response.headers.get('content-type') ?? '';
  if (!servedTypeFits(ref.kind, type)) return `${ref.uri} is served as "${type || 'no content type'}", which does not fit ${withArticle(ref.kind)} header`;
  const size = sizeOf(response);
  if (size !== undefined && size > limits.maxBytes) return `${ref.uri} is ${(size / 1024 / 1024).toFixed(1)} MB; WhatsApp allows at most ${limits.maxBytes / 1024 / 1024} MB for ${withArticle(ref.kind)}`;
  return undefined;
}

function sizeOf(response: Response): number | undefined {
  const range = response.headers.get('content-range');
  const total = range ? /\/(\d+)$/.exec(range)?.[1] : undefined;
  const length = total ?? (response.status === 206 ? undefined : response.headers.get('content-length'));
  return length ? Number(length) : undefined;
}
