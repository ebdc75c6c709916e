/** docs/rules.md: "Envelope" rules that a schema cannot say. */
import { toPointer, type JsonPath } from '../json-document';
import type { Report } from '../report';
import { arrayAt, isObject, objectAt, type JsonObject } from './access';
import type { MsgRule } from './context';

export const CM_CHANNELS = [
  'SMS', 'Viber', 'RCS', 'Apple Messages for Business', 'WhatsApp', 'Twitter', 'Facebook Messenger',
  'Google Business Messages', 'Instagram', 'Telegram Messenger', 'MobilePush', 'Voice',
] as const;

function holdsInteractive(msg: JsonObject): boolean {
  return arrayAt(objectAt(msg, 'richContent'), 'conversation').some((item) => isObject(item) && 'interactive' in item);
}

/** ENV-FROM (warning): an alphanumeric sender is valid for SMS, but WhatsApp needs the business number. */
export const fromIsBusinessNumber: MsgRule = (msg, path, report) => {
  const from = msg.from;
  if (typeof from !== 'string' || !/^[A-Za-z0-9]{1,11}$/.test(from) || /^[0-9]+$/.test(from)) return;
  if (!holdsInteractive(msg)) return;
  report({
    code: 'ENV-FROM',
    severity: 'warning',
    path: [...path, 'from'],
    message: `Sender "${from}" is not a phone number; WhatsApp sends from your business number (e.g. 00316098765432), and CM silently uses the first onboarded number instead`,
  });
};

/** ENV-CHANNELS: names CM knows, and WhatsApp among them when the message is interactive. */
export const channelsAreKnown: MsgRule = (msg, path, report) => {
  const channels = msg.allowedChannels;
  if (!Array.isArray(channels)) return;
  channels.forEach((channel, index) => {
    if (typeof channel !== 'string' || (CM_CHANNELS as readonly string[]).includes(channel)) return;
    const suggestion = CM_CHANNELS.find((known) => known.toLowerCase() === channel.toLowerCase().trim());
    report({
      code: 'ENV-CHANNELS',
      path: [...path, 'allowedChannels', index],
      message: suggestion
        ? `Channel "${channel}" is not a CM channel name; did you mean "${suggestion}"?`
        : `Channel "${channel}" is not a CM channel name; CM knows ${CM_CHANNELS.join(', ')}`,
      data: suggestion ? { kind: 'replace', replacement: suggestion } : undefined,
    });
  });
  if (holdsInteractive(msg) && !channels.includes('WhatsApp')) {
    report({
      code: 'ENV-CHANNELS',
      path: [...path, 'allowedChannels'],
      target: 'key',
      message: `allowedChannels is [${channels.map((c) => JSON.stringify(c)).join(', ')}] without "WhatsApp"; the interactive content is sent only on WhatsApp`,
      data: { kind: 'add-whatsapp' },
    });
  }
};

/** CM's international form: 00 + country code + number, digits only. */
const INTERNATIONAL = /^00[1-9][0-9]{6,15}$/;

/**
 * A phone number written as people write it ("+31 (0)6 12-34"), in CM's international form, if
 * it has one. "+31 (0)6 …": the (0) is the national trunk prefix, dialled only from inside the
 * country, so it is dropped.
 */
function asInternational(number: string): string | undefined {
  const digits = number.replace(/^(\s*(?:\+|00)\s*[1-9][\d\s]*?)\(\s*0\s*\)/, '$1').replace(/[\s\-().]/g, '');
  const normalized = digits.startsWith('+') ? '00' + digits.slice(1) : digits;
  return INTERNATIONAL.test(normalized) ? normalized : undefined;
}

/**
 * ENV-FROM: a sender written as a phone number with +, spaces or dashes. The schema refuses it;
 * this finding says the same with the number CM wants, which its quick fix writes.
 */
export const fromIsWrittenAsCmNumber: MsgRule = (msg, path, report) => {
  const from = msg.from;
  if (typeof from !== 'string' || /^(?:[A-Za-z0-9]{1,11}|[0-9]{1,16})$/.test(from)) return;
  const normalized = asInternational(from);
  if (!normalized || normalized.length > 16) return;
  report({
    code: 'ENV-FROM',
    path: [...path, 'from'],
    message: `Sender "${from}" is not valid; CM allows at most 16 digits (no +, spaces or dashes) or 11 letters and digits: "${normalized}"`,
    data: { kind: 'replace', replacement: normalized },
    replaces: toPointer([...path, 'from']),
  });
};

/** ENV-NUMBER: CM wants 00 + country code + number, digits only. */
export const recipientNumbersAreInternational: MsgRule = (msg, path, report) => {
  arrayAt(msg, 'to').forEach((recipient, index) => {
    const number = isObject(recipient) ? recipient.number : undefined;
    if (typeof number !== 'string' || number === '' || INTERNATIONAL.test(number)) return;
    const normalized = asInternational(number);
    const problem = /^\+/.test(number.trim())
      ? 'starts with +'
      : /[\s\-().]/.test(number)
        ? 'contains spaces, dashes or brackets'
        : !number.startsWith('00')
          ? 'does not start with 00 and a country code'
          : 'has an unusual length or characters';
    report({
      code: 'ENV-NUMBER',
      path: [...path, 'to', index, 'number'],
      message: `Recipient number "${number}" ${problem}; CM wants 00 + country code + number, digits only${normalized ? ` ("${normalized}")` : ' (e.g. 00316012345678)'}`,
      data: normalized ? { kind: 'replace', replacement: normalized } : undefined,
    });
  });
};

/** ENV-CONV: an item that carries `interactive` carries nothing else. */
export const conversationItemHoldsOnlyInteractive: MsgRule = (msg, path, report) => {
  arrayAt(objectAt(msg, 'richContent'), 'conversation').forEach((item, index) => {
    if (!isObject(item) || !('interactive' in item)) return;
    for (const key of Object.keys(item)) {
      if (key === 'interactive') continue;
      report({
        code: 'ENV-CONV',
        path: [...path, 'richContent', 'conversation', index, key],
        target: 'key',
        message: `A conversation item with "interactive" must hold only that; "${key}" belongs in its own conversation item`,
      });
    }
  });
};

export const MSG_RULES: readonly MsgRule[] = [
  fromIsBusinessNumber,
  fromIsWrittenAsCmNumber,
  channelsAreKnown,
  recipientNumbersAreInternational,
  conversationItemHoldsOnlyInteractive,
];

/**
 * Literal product tokens written in `messages.authentication` (any case of "productToken"),
 * not empty and not a `${…}` placeholder. Send leaves them out; ENV-TOKEN-IN-FILE reports them.
 */
export function literalProductTokens(messages: unknown): { key: string; token: string }[] {
  const authentication = objectAt(messages, 'authentication');
  if (!authentication) return [];
  return Object.entries(authentication).flatMap(([key, token]) =>
    key.toLowerCase() === 'producttoken' && typeof token === 'string' && token.trim() !== '' && !/^\$\{[^}]*\}$/.test(token.trim()) ? [{ key, token }] : [],
  );
}

/** ENV-TOKEN-IN-FILE: a literal product token in `messages.authentication`. */
export function tokenInFile(messages: unknown, path: JsonPath, report: Report): void {
  for (const { key } of literalProductTokens(messages)) {
    report({
      code: 'ENV-TOKEN-IN-FILE',
      path: [...path, 'authentication', key],
      // The message never repeats the token: diagnostics end up in logs and screenshots.
      message: 'A product token is written into this file; store it with "CM: Set Product Token" (secret storage) and remove it here, or use a ${CM_PRODUCT_TOKEN} placeholder',
      data: { kind: 'remove-token' },
    });
  }
}
