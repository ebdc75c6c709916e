/** CM's answer (or its absence) in words: one notification line and a per-recipient table. */
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

export function summarize(outcome: SendOutcome, requestedRecipients: number): SendSummary {
  switch (outcome.kind) {
    case 'answered': {
      const { response, httpStatus } = outcome;
      const accepted = response.messages.filter((m) => m.status.toLowerCase() === 'accepted').length;
      const rejected = response.messages.length - accepted;
      const table = recipientTable(response.messages);
      if (httpStatus === 200 && response.errorCode === 0) {
        return { severity: 'info', headline: `Accepted for ${accepted} of ${requestedRecipients} recipient${requestedRecipients === 1 ? '' : 's'}. Delivery is reported later by CM's status webhooks.`, details: [`CM: ${response.details || 'OK'}`, ...table], outcomeUnknown: false, accepted, rejected };
      }
      if (httpStatus === 200) {
        return {
          severity: 'warning',
          headline: `Accepted for ${accepted} of ${requestedRecipients} recipients; ${rejected} rejected (CM error ${response.errorCode}: ${describeCmError(response.errorCode)}).`,
          details: [`CM: ${response.details}`, ...table],
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
      const nonJson = outcome.httpStatus === 200 || outcome.httpStatus === 400;
      const headline = nonJson
        ? `The gateway answered HTTP ${outcome.httpStatus} with a body that is not CM's JSON. ${UNKNOWN_ADVICE}`
        : `The gateway failed with HTTP ${outcome.httpStatus}${outcome.httpStatus === 429 ? ' (too many requests)' : outcome.httpStatus >= 500 ? ' (server error)' : ''}. ${outcome.httpStatus >= 500 ? UNKNOWN_ADVICE : 'Nothing was accepted.'}`;
      return {
        severity: 'error',
        headline,
        details: [`HTTP ${outcome.httpStatus}, Content-Type "${outcome.contentType || 'none'}"`, `Body starts with: ${JSON.stringify(outcome.bodyStart)}`],
        outcomeUnknown: nonJson || outcome.httpStatus >= 500,
        accepted: 0,
        rejected: 0,
      };
    }
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
