/**
 * The inbound (MO) webhook CM.com posts to a bot when the customer taps an interactive
 * message: the one place that knows its format. VS Code-free and Node-free (the preview's
 * webview bundles it too); `schemas/cm-inbound-webhook.schema.json` describes the same shape
 * and the tests validate every webhook built here against it.
 *
 * Sources, field by field:
 * - Top level — CM's "Incoming messages" page (https://developers.cm.com/messaging/docs/incoming-messages):
 *   `reference`, `messageContext` ("which MT or MO the consumer has replied to"), `from`
 *   `{number, name}`, `to` `{number}`, `message`, `groupings` (exactly three strings),
 *   `timeUtc` (yyyy-MM-ddTHH:mm:ss, UTC), `channel`. A webhook that does not answer 200 OK is
 *   retried every 5 minutes for up to a month.
 * - Interactive replies — payloads captured from CM's webhook and published as test fixtures of
 *   a CM chatbot (github.com/monica-gatti/CMSpringBootChatBoot,
 *   src/test/com/whatsapp/connector/service/impl/MessageDetectionImplTest.java): `message.text`
 *   is the chosen title, `message.media` three empty strings, `message.custom` is
 *   `{interactive: {type, list_reply, button_reply, nfm_reply}, meta_received_time,
 *   message_type: "interactive"}` with the unused reply keys `null`, and `message.error` "".
 *   There `reference` is the inbound WhatsApp message id (`wamid.…`), `messageContext` a GUID,
 *   `from.number` in `+` form, `to.number` in `00` form, and a `time` in CM's local time
 *   (13:37 for 11:37 UTC in May: Europe/Amsterdam) sits next to `timeUtc`.
 * - Location — CM's WhatsApp inbound page (https://developers.cm.com/messaging/docs/whatsapp-inbound):
 *   `message.text` "", `message.custom.location` `{latitude, longitude, label?, searchQuery?}`,
 *   the coordinates as numbers.
 * - Flow completion — CM does not publish its inner shape: `nfm_reply` follows Meta's
 *   (`{name: "flow", body: "Sent", response_json: "<JSON string with flow_token>"}`, Meta's
 *   Flows docs, "Response message webhook"; `flow_token` defaults to "unused" there).
 */

type Json = any;

export type CustomerAction =
  | { type: 'button_reply'; id: string; title: string }
  | { type: 'list_reply'; id: string; title: string; description?: string }
  /** Completing a flow (its CTA opened it): Meta's nfm_reply. */
  | { type: 'nfm_reply'; flowToken: string; cta: string }
  /** "Send location" on a location request. */
  | { type: 'location' }
  /** A CTA URL button: WhatsApp opens the link and sends no webhook. */
  | { type: 'open_url'; title: string; url: string }
  /** "Allow calls" / "Not now": CM does not publish how it forwards these. */
  | { type: 'call_permission'; response: 'accept' | 'reject' };

/** Something the customer can tap in one message. */
export interface TapTarget {
  /** Index in `messages.msg`. */
  msgIndex: number;
  /** The interactive object's JSON pointer. */
  interactivePointer: string;
  /** Names the tappable element (the renderer's `data-tap`): its JSON pointer, plus `#accept`/`#reject` for the two call buttons. */
  key: string;
  /** What `cm-interactive reply --choose` matches: the reply or row id; `flow`, `location`, `accept`, `reject`; the URL button's title. */
  choice: string;
  action: CustomerAction;
  /** Section title of a list row. */
  section?: string;
  /** WhatsApp would not show it (a fourth button, an eleventh row, a second URL button). */
  dropped: boolean;
}

/** The targets `choice` names, as `--choose` reads it: by choice (the id), else by title. */
export function targetsNamed(targets: TapTarget[], choice: string): TapTarget[] {
  const byChoice = targets.filter((t) => t.choice === choice);
  return byChoice.length > 0 ? byChoice : targets.filter((t) => 'title' in t.action && t.action.title === choice);
}

/** Whether a tap makes CM post a webhook we can build (URL buttons and call permission replies do not). */
export function hasWebhook(action: CustomerAction): action is Extract<CustomerAction, { type: 'button_reply' | 'list_reply' | 'nfm_reply' | 'location' }> {
  return action.type === 'button_reply' || action.type === 'list_reply' || action.type === 'nfm_reply' || action.type === 'location';
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Every tap target of every message, in the order the preview shows them. */
export function tapTargets(payload: unknown): TapTarget[] {
  const msgs: Json[] = Array.isArray((payload as Json)?.messages?.msg) ? (payload as Json).messages.msg : [];
  const targets: TapTarget[] = [];
  msgs.forEach((msg, msgIndex) => {
    const items: Json[] = Array.isArray(msg?.richContent?.conversation) ? msg.richContent.conversation : [];
    items.forEach((item, itemIndex) => {
      const interactive = item?.interactive;
      if (!interactive || typeof interactive !== 'object') return;
      const interactivePointer = `/messages/msg/${msgIndex}/richContent/conversation/${itemIndex}/interactive`;
      const action = interactive.action && typeof interactive.action === 'object' ? interactive.action : {};
      const add = (key: string, choice: string, tap: CustomerAction, extra: { section?: string; dropped?: boolean } = {}) =>
        targets.push({ msgIndex, interactivePointer, key, choice, action: tap, dropped: false, ...extra });
      const at = `${interactivePointer}/action`;
      switch (interactive.type) {
        case 'button': {
          // As the preview and WhatsApp: the first known kind decides whether these are reply or URL buttons.
          const buttons: Json[] = Array.isArray(action.buttons) ? action.buttons : [];
          const urlButtons = buttons.find((b) => b?.type === 'reply' || b?.type === 'openurl')?.type === 'openurl';
          let shownUrl = false;
          buttons.forEach((button, index) => {
            if (urlButtons && button?.type === 'openurl') {
              add(`${at}/buttons/${index}`, str(button.title), { type: 'open_url', title: str(button.title), url: str(button.url) }, { dropped: shownUrl });
              shownUrl = true;
            } else if (!urlButtons && button?.type === 'reply') {
              const id = str(button.reply?.id);
              add(`${at}/buttons/${index}`, id, { type: 'button_reply', id, title: str(button.reply?.title) }, { dropped: index >= 3 });
            }
          });
          break;
        }
        case 'list': {
          const sections: Json[] = Array.isArray(action.sections) ? action.sections : [];
          let rowNumber = 0;
          sections.forEach((section, s) => {
            const rows: Json[] = Array.isArray(section?.rows) ? section.rows : [];
            rows.forEach((row, r) => {
              rowNumber++;
              const id = str(row?.id);
              const reply: CustomerAction = { type: 'list_reply', id, title: str(row?.title), ...(typeof row?.description === 'string' ? { description: row.description } : {}) };
              add(`${at}/sections/${s}/rows/${r}`, id, reply, { section: str(section?.title), dropped: rowNumber > 10 });
            });
          });
          break;
        }
        case 'flow': {
          const parameters = action.parameters && typeof action.parameters === 'object' ? action.parameters : {};
          add(`${at}/parameters/flow_cta`, 'flow', { type: 'nfm_reply', flowToken: str(parameters.flow_token) || 'unused', cta: str(parameters.flow_cta) });
          break;
        }
        case 'location_request_message':
          add(at, 'location', { type: 'location' });
          break;
        case 'call_permission_request':
          add(`${at}#accept`, 'accept', { type: 'call_permission', response: 'accept' });
          add(`${at}#reject`, 'reject', { type: 'call_permission', response: 'reject' });
          break;
      }
    });
  });
  return targets;
}

/** Where the customer is, for "Send location". Default: the example of CM's inbound page. */
export interface SharedLocation {
  latitude: number;
  longitude: number;
  label?: string;
  searchQuery?: string;
}

export const DEFAULT_LOCATION: SharedLocation = { latitude: 51.603802, longitude: 4.770821, label: 'CM HQ', searchQuery: 'Konijnenberg 30' };
export const DEFAULT_CUSTOMER_NAME = 'Test Customer';
/** When the message names no recipient. */
export const FALLBACK_CUSTOMER_NUMBER = '+316012345678';

export interface ReplyOptions {
  payload: unknown;
  target: TapTarget;
  /** The customer's number (any form; sent in `+` form) — default: the message's first `to`. */
  customerNumber?: string;
  customerName?: string;
  /** When CM received the reply (default: now). */
  now?: Date;
  /** Random bytes for the ids (default: crypto.getRandomValues); `seededRandom` makes them reproducible. */
  random?: RandomBytes;
  location?: SharedLocation;
  /** A completed flow's answers, added to response_json next to flow_token. */
  flowResponse?: Record<string, unknown>;
}

export interface InboundWebhook {
  reference: string;
  messageContext: string;
  from: { number: string; name: string };
  to: { number: string };
  message: {
    text: string;
    media: { mediaUri: string; contentType: string; title: string };
    custom: Record<string, unknown>;
    error: string;
  };
  groupings: [string, string, string];
  time: string;
  timeUtc: string;
  channel: 'WhatsApp';
}

/** The webhook CM would post for `target`; undefined for a tap that sends none (URL button, call permission). */
export function buildInboundWebhook(options: ReplyOptions): InboundWebhook | undefined {
  const { target } = options;
  const action = target.action;
  if (!hasWebhook(action)) return undefined;
  const msg: Json = ((options.payload as Json)?.messages?.msg ?? [])[target.msgIndex] ?? {};
  const random = options.random ?? cryptoRandom;
  const now = options.now ?? new Date();
  const customer = plusForm(options.customerNumber || str(Array.isArray(msg.to) ? msg.to[0]?.number : '') || FALLBACK_CUSTOMER_NUMBER);
  const received = new Date(now.getTime() - 1000);
  // Key order as in the captured payloads: a bot that logs or diffs them sees the same text.
  const media = { mediaUri: '', contentType: '', title: '' };
  let text: string;
  let custom: Record<string, unknown>;
  if (action.type === 'location') {
    const location = options.location ?? DEFAULT_LOCATION;
    text = '';
    custom = {
      location: {
        latitude: location.latitude,
        longitude: location.longitude,
        ...(location.label !== undefined ? { label: location.label } : {}),
        ...(location.searchQuery !== undefined ? { searchQuery: location.searchQuery } : {}),
      },
    };
  } else {
    let interactive: Record<string, unknown>;
    if (action.type === 'button_reply') {
      text = action.title;
      interactive = { type: 'button_reply', list_reply: null, button_reply: { id: action.id, title: action.title }, nfm_reply: null };
    } else if (action.type === 'list_reply') {
      text = action.title;
      // The captures carry the row's `description`; for a row without one, null — CM writes absent values as null (the unused reply keys).
      interactive = { type: 'list_reply', list_reply: { id: action.id, title: action.title, description: action.description ?? null }, button_reply: null, nfm_reply: null };
    } else {
      text = 'Sent';
      const responseJson = JSON.stringify({ ...(options.flowResponse ?? {}), flow_token: action.flowToken });
      interactive = { type: 'nfm_reply', list_reply: null, button_reply: null, nfm_reply: { name: 'flow', body: 'Sent', response_json: responseJson } };
    }
    custom = { interactive, meta_received_time: utcStamp(received), message_type: 'interactive' };
  }
  const reference = typeof msg.reference === 'string' && msg.reference.trim() ? msg.reference : guid(random);
  return {
    reference: wamid(customer, random),
    messageContext: reference,
    from: { number: customer, name: options.customerName || DEFAULT_CUSTOMER_NAME },
    to: { number: zeroZeroForm(str(msg.from)) },
    message: { text, media, custom, error: '' },
    groupings: ['', '', ''],
    time: cmLocalStamp(now),
    timeUtc: utcStamp(now),
    channel: 'WhatsApp',
  };
}

/** `+31…` from `0031…`, `+31…` or `31…` (spaces, dashes and brackets dropped). */
export function plusForm(number: string): string {
  const trimmed = number.replace(/[\s\-().]/g, '');
  if (trimmed.startsWith('+')) return trimmed;
  if (trimmed.startsWith('00')) return `+${trimmed.slice(2)}`;
  return /^\d+$/.test(trimmed) ? `+${trimmed}` : trimmed;
}

/** `0031…` from `+31…` or `0031…`; an alphanumeric sender stays as it is. */
export function zeroZeroForm(number: string): string {
  const trimmed = number.replace(/[\s\-().]/g, '');
  if (trimmed.startsWith('+')) return `00${trimmed.slice(1)}`;
  return trimmed;
}

/** A customer number the way `--from` and the setting take it: digits, optionally after + or 00. */
export function customerNumberProblem(number: string): string | undefined {
  return /^(\+|00)?[1-9]\d{6,14}$/.test(number.replace(/[\s\-().]/g, '')) ? undefined : `"${number}" is not a phone number (e.g. +316012345678 or 00316012345678)`;
}

// ---- ids and times ------------------------------------------------------------------------

export type RandomBytes = (count: number) => Uint8Array;

const cryptoRandom: RandomBytes = (count) => globalThis.crypto.getRandomValues(new Uint8Array(count));

/**
 * Reproducible bytes from a seed (`--seed`): the same seed gives the same ids. A string hash
 * (FNV-1a) seeds mulberry32 — for tests and docs, not for secrets.
 */
export function seededRandom(seed: string): RandomBytes {
  let state = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) state = Math.imul(state ^ seed.charCodeAt(i), 0x01000193) >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return (count) => Uint8Array.from({ length: count }, () => next() & 0xff);
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** A version-4 GUID, lower case, as CM writes messageContext. */
export function guid(random: RandomBytes): string {
  const b = random(16);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = hex(b);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * An inbound WhatsApp message id as WhatsApp mints them: `wamid.` and base64 of a small
 * protobuf holding the sender's number and a message key (the captured
 * `wamid.HBgLMzM2MzM1NjI2MDYVAgASGBYzRUIw…` decodes to 0x1c 0x18, the length, "33633562606",
 * 0x15 0x02 0x00 0x12 0x18, the length, "3EB0…").
 */
export function wamid(customerNumber: string, random: RandomBytes): string {
  const digits = customerNumber.replace(/\D/g, '').slice(0, 20);
  const key = `3EB0${hex(random(8)).toUpperCase()}`;
  const bytes = [0x1c, 0x18, digits.length, ...Array.from(digits, (c) => c.charCodeAt(0)), 0x15, 0x02, 0x00, 0x12, 0x18, key.length, ...Array.from(key, (c) => c.charCodeAt(0))];
  return `wamid.${btoa(String.fromCharCode(...bytes))}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** yyyy-MM-ddTHH:mm:ss in UTC (CM's timeUtc). */
export function utcStamp(date: Date): string {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

/** yyyy-MM-dd HH:mm:ss in CM's local time (Europe/Amsterdam), as the captured `time`. */
export function cmLocalStamp(date: Date): string {
  try {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
        .formatToParts(date)
        .map((p) => [p.type, p.value]),
    );
    return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
  } catch {
    // No time zone data (a stripped-down runtime): UTC says the same instant.
    return utcStamp(date).replace('T', ' ');
  }
}

// ---- words for people ---------------------------------------------------------------------

/** One line naming a target: `button_reply "yes" (Yes, I'm home)`. */
export function describeTarget(target: TapTarget): string {
  const action = target.action;
  switch (action.type) {
    case 'button_reply':
      return `button_reply "${action.id}" (${action.title})`;
    case 'list_reply':
      return `list_reply "${action.id}" (${action.title})`;
    case 'nfm_reply':
      return `nfm_reply: flow "${action.cta}" completed (flow_token "${action.flowToken}")`;
    case 'location':
      return 'location: "Send location"';
    case 'open_url':
      return `URL button "${action.title}" (${action.url})`;
    case 'call_permission':
      return `call permission: ${action.response === 'accept' ? 'Allow calls' : 'Not now'}`;
  }
}

/** Why a tap posts nothing, for the preview and the CLI; undefined when it posts a webhook. */
export function noWebhookReason(action: CustomerAction): string | undefined {
  if (action.type === 'open_url') return 'Opening a URL button sends no webhook: WhatsApp opens the link in the browser, and your bot is told nothing.';
  if (action.type === 'call_permission') {
    return 'CM does not publish how it forwards a call permission reply to your webhook, so none is simulated.';
  }
  return undefined;
}

export const FLOW_FORMAT_NOTE = "message.custom.interactive.nfm_reply follows Meta's format: CM does not publish its own for a completed flow.";

/** What CM does when the webhook answers anything but 200 OK (CM's "Incoming messages" page). */
export const CM_RETRY_NOTE = 'CM treats any answer but 200 OK as not delivered and retries every 5 minutes, for up to a month, until it gets 200 OK.';
