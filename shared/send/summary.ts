/** CM's answer (or its absence) in words: one notification line and a per-recipient table. */
import { plural } from '../core/text';
import { describeCmError } from './cm-errors';
import type { SendOutcome } from './gateway-client';

export interface SendSummary {
  severity: 'info' | 'warning' | 'error';
  /** The notification. */
  headline: string;
  /** The output channel. */
  details: string[];
  /** True when the message may have been sent although we can't tell: don't just retry. */
  outcomeUnknown: boolean;
  accepted: number;
  rejected: number;
}

const UNKNOWN_ADVICE = 'The outcome is unknown: the message may have been sent. Check the message logs in your CM.com account before sending again.';

/**
 * `recipients`: the numbers the request was sent to (per message, in file order). CM's
 * entries are matched to them by number (digits only, international prefix `00`/`+` aside):
 * only matching entries are counted; an entry for a number not in the file is mentioned but
 * not counted, and a recipient CM does not list has an unknown outcome.
 */
export function summarize(outcome: SendOutcome, recipients: readonly string[]): SendSummary {
  const requestedRecipients = recipients.length;
  switch (outcome.kind) {
    case 'answered': {
      const { response, httpStatus } = outcome;
      const { matched, extra, unlisted } = matchRecipients(recipients, response.messages);
      const accepted = matched.filter((m) => m.status.toLowerCase() === 'accepted').length;
      const rejected = matched.length - accepted;
      const table = recipientTable(response.messages);
      const count = plural(requestedRecipients, 'recipient');
      const cmError = response.errorCode ? ` (CM error ${response.errorCode}: ${describeCmError(response.errorCode)})` : '';
      const extraNote = extra.length > 0 ? ` CM's answer also lists ${plural(extra.length, 'number')} not in the file (${extra.slice(0, 3).map((m) => m.to || '(empty)').join(', ')}${extra.length > 3 ? ', …' : ''}), not counted.` : '';
      if (httpStatus === 200 && response.messages.length === 0) {
        // "OK" without a word about any recipient is not an acceptance we can report.
        return {
          severity: 'error',
          headline: `CM answered HTTP 200 (error code ${response.errorCode}) but listed none of the ${count}. ${UNKNOWN_ADVICE}`,
          details: [`CM: ${response.details || '(no details)'}`],
          outcomeUnknown: true,
          accepted,
          rejected,
        };
      }
      if (httpStatus === 200 && unlisted > 0) {
        // A recipient CM's answer does not mention may or may not have been sent to: never "not accepted".
        const listed = requestedRecipients - unlisted;
        return {
          severity: 'error',
          headline: `CM answered HTTP 200 (error code ${response.errorCode}) for ${listed} of ${count}: ${accepted} accepted${rejected ? `, ${rejected} rejected` : ''}; ${unlisted} not in CM's answer, for ${unlisted === 1 ? 'which' : 'those'} the outcome is unknown: the message may have been sent. Check the message logs in your CM.com account before sending again.${extraNote}`,
          details: [`CM: ${response.details || '(no details)'}`, ...table],
          outcomeUnknown: true,
          accepted,
          rejected,
        };
      }
      if (httpStatus === 200 && accepted === 0) {
        return {
          severity: 'error',
          headline: `CM rejected the message for all ${count}${cmError}. Nothing was accepted.${extraNote}`,
          details: [`CM: ${response.details || '(no details)'}`, ...table],
          outcomeUnknown: false,
          accepted,
          rejected,
        };
      }
      if (httpStatus === 200 && response.errorCode === 0 && rejected === 0) {
        return { severity: 'info', headline: `Accepted for ${accepted} of ${count}. Delivery is reported later by CM's status webhooks.${extraNote}`, details: [`CM: ${response.details || 'OK'}`, ...table], outcomeUnknown: false, accepted, rejected };
      }
      if (httpStatus === 200) {
        return {
          severity: 'warning',
          headline: `Accepted for ${accepted} of ${count}; ${rejected ? `${rejected} rejected` : 'CM reported an error'}${cmError}.${extraNote}`,
          details: [`CM: ${response.details || '(no details)'}`, ...table],
          outcomeUnknown: false,
          accepted,
          rejected,
        };
      }
      return {
        severity: 'error',
        headline: `CM refused the request: error ${response.errorCode}, ${describeCmError(response.errorCode)}${response.details ? ` ("${response.details}")` : ''}. Nothing was sent.`,
        details: [`HTTP ${httpStatus}, CM error ${response.errorCode}: ${describeCmError(response.errorCode)}`, `CM: ${response.details}`, ...table],
        outcomeUnknown: false,
        accepted,
        rejected,
      };
    }
    case 'gateway-error': {
      const status = outcome.httpStatus;
      // Any 2xx (a 204 too) without CM's JSON may have sent the message, like a 200 with an unreadable body.
      const nonJson = (status >= 200 && status < 300) || status === 400;
      // A redirect answers the POST: it reached the gateway, and what it did there is unknown.
      const redirect = status >= 300 && status < 400;
      const unknown = nonJson || redirect || status >= 500;
      const headline = nonJson
        ? `The gateway answered HTTP ${status} with ${outcome.bodyStart ? "a body that is not CM's JSON" : "an empty body, not CM's JSON"}. ${UNKNOWN_ADVICE}`
        : redirect
          ? `The gateway answered HTTP ${status}, a redirect${outcome.location ? ` to ${outcome.location}` : ''}, which is not followed (the message is not posted twice). ${UNKNOWN_ADVICE} Check the gateway URL.`
          : `The gateway failed with HTTP ${status}${status === 429 ? ' (too many requests)' : status >= 500 ? ' (server error)' : ''}. ${unknown ? UNKNOWN_ADVICE : 'Nothing was accepted.'}`;
      return {
        severity: 'error',
        headline,
        details: [`HTTP ${status}, Content-Type "${outcome.contentType || 'none'}"`, ...(outcome.location ? [`Location: ${outcome.location}`] : []), `Body starts with: ${JSON.stringify(outcome.bodyStart)}`],
        outcomeUnknown: unknown,
        accepted: 0,
        rejected: 0,
      };
    }
    case 'too-large':
      return {
        severity: 'error',
        headline: `The gateway answered HTTP ${outcome.httpStatus} with more than ${outcome.limitBytes / 1024 / 1024} MB, which is not CM's answer and was not read. ${UNKNOWN_ADVICE}`,
        details: [`The answer was cut off after ${outcome.limitBytes / 1024 / 1024} MB. The request was not retried.`],
        outcomeUnknown: true,
        accepted: 0,
        rejected: 0,
      };
    case 'timeout':
      return { severity: 'error', headline: `No answer from CM within ${Math.round(outcome.timeoutMs / 1000)} s. ${UNKNOWN_ADVICE}`, details: ['Timed out waiting for the gateway. The request was not retried.'], outcomeUnknown: true, accepted: 0, rejected: 0 };
    case 'cancelled':
      return { severity: 'warning', headline: `Cancelled while waiting for CM. ${UNKNOWN_ADVICE}`, details: ['Cancelled by you while waiting for the gateway.'], outcomeUnknown: true, accepted: 0, rejected: 0 };
    case 'network': {
      // A reset after the request went out may still have delivered it.
      const mayHaveArrived = outcome.code === 'ECONNRESET' || outcome.code === 'UND_ERR_SOCKET';
      return {
        severity: 'error',
        headline: `Could not reach the CM gateway: ${outcome.message} (${outcome.code}). ${mayHaveArrived ? UNKNOWN_ADVICE : 'Nothing was sent.'}`,
        details: [`Network error ${outcome.code}: ${outcome.message}`],
        outcomeUnknown: mayHaveArrived,
        accepted: 0,
        rejected: 0,
      };
    }
  }
}

function recipientTable(messages: { to: string; status: string; reference: string | null; parts: number | null; messageErrorCode: number; messageDetails: string | null }[]): string[] {
  if (messages.length === 0) return [];
  const rows = messages.map((m) => [
    m.to,
    m.status,
    m.reference ?? '-',
    m.parts === null ? '-' : String(m.parts),
    m.messageErrorCode ? `${m.messageErrorCode} ${describeCmError(m.messageErrorCode)}${m.messageDetails ? `: ${m.messageDetails}` : ''}` : '-',
  ]);
  const header = ['Recipient', 'Status', 'Reference', 'Parts', 'CM error'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
  return [line(header), ...rows.map(line)];
}

type Listed = { to: string; status: string };

/** A number as digits only, without the international prefix (`00` or `+`): `+31 6…` and `00316…` are one number. */
function numberKey(number: string): string {
  return number.replace(/\D/g, '').replace(/^0+/, '');
}

/** CM's entries paired with the request's recipients by number, each recipient at most once (a number in two messages is two recipients). */
function matchRecipients<T extends Listed>(recipients: readonly string[], messages: readonly T[]): { matched: T[]; extra: T[]; unlisted: number } {
  const open = new Map<string, number>();
  for (const number of recipients) open.set(numberKey(number), (open.get(numberKey(number)) ?? 0) + 1);
  const matched: T[] = [];
  const extra: T[] = [];
  for (const message of messages) {
    const key = numberKey(message.to);
    const left = open.get(key) ?? 0;
    if (left > 0) {
      open.set(key, left - 1);
      matched.push(message);
    } else extra.push(message);
  }
  return { matched, extra, unlisted: recipients.length - matched.length };
}

