/**
 * CALL-RATE / SEND-CALL-RATE: WhatsApp allows 1 call permission request per recipient per
 * 24 h and 2 per 7 days, reset by a connected call. Pure logic over a history the caller
 * stores (VS Code's globalState).
 */
import { interactivesOf, msgEntries, recipientsOf } from '../core/payload-model';

export interface CallHistory {
  /** key `${business}|${recipient}` → send times (ms). */
  sends: Record<string, number[]>;
  /** key → the time a call last connected (resets the limits). */
  resets: Record<string, number>;
}

/** Who asks whom for call permission: a business number and a recipient. */
export interface CallTarget {
  business: string;
  recipient: string;
}

const DAY = 24 * 60 * 60 * 1000;

export function emptyHistory(): CallHistory {
  return { sends: {}, resets: {} };
}

export function historyKey(business: string, recipient: string): string {
  return `${business}|${recipient}`;
}

/** The call permission requests in a request body, as (business, recipient) pairs. */
export function callPermissionTargets(body: unknown): CallTarget[] {
  return msgEntries(body).flatMap(({ msg }) => {
    const asks = interactivesOf(msg).some(({ interactive }) => interactive.type === 'call_permission_request');
    if (!asks) return [];
    return recipientsOf(msg).map((r) => ({ business: String(msg.from ?? ''), recipient: String(r.number ?? '') }));
  });
}

/** Why sending now would break the limits, per target; empty when it would not. */
export function callRateProblems(history: CallHistory, targets: CallTarget[], now: number): string[] {
  return targets.flatMap(({ business, recipient }) => {
    const key = historyKey(business, recipient);
    const since = history.resets[key] ?? 0;
    const sends = (history.sends[key] ?? []).filter((t) => t > since);
    const lastDay = sends.filter((t) => now - t < DAY).length;
    const lastWeek = sends.filter((t) => now - t < 7 * DAY).length;
    if (lastDay >= 1) return [`${recipient}: a call permission request was already sent in the last 24 hours (WhatsApp allows 1 per 24 h)`];
    if (lastWeek >= 2) return [`${recipient}: 2 call permission requests were already sent in the last 7 days (WhatsApp allows 2 per 7 days)`];
    return [];
  });
}

export function recordSends(history: CallHistory, targets: CallTarget[], now: number): CallHistory {
  const sends = { ...history.sends };
  for (const { business, recipient } of targets) {
    const key = historyKey(business, recipient);
    // Older than 7 days no longer matters.
    sends[key] = [...(sends[key] ?? []).filter((t) => now - t < 7 * DAY), now];
  }
  return { ...history, sends };
}

export function recordConnectedCall(history: CallHistory, targets: CallTarget[], now: number): CallHistory {
  const resets = { ...history.resets };
  for (const { business, recipient } of targets) resets[historyKey(business, recipient)] = now;
  return { ...history, resets };
}
