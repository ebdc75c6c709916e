/**
 * The rule catalogue as data: every id the core can report, its default severity, a one-line
 * summary, its limit and its sources. Hover docs, docs/rules.md (generated: `npm run docs`),
 * the diagnostics' links and the README table all come from here.
 */

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface RuleInfo {
  readonly severity: Severity;
  readonly summary: string;
  /** Where the rule comes from: tags of SOURCES, comma-separated. */
  readonly source: string;
  /** The limit in words ('—' where the rule is about shape, not size). */
  readonly limit: string;
}

export const RULES = {
  'JSON-SYNTAX': { severity: 'error', summary: 'The file is valid JSON (no comments, no trailing commas): CM rejects anything else.', source: 'product', limit: '—' },
  'FILE-LIMIT': { severity: 'warning', summary: 'The file is larger than cmInteractive.validate.maxFileSizeMB and is not checked.', source: 'product', limit: 'cmInteractive.validate.maxFileSizeMB (default 20 MB)' },
  'MSG-LIMIT': { severity: 'error', summary: 'A message of more than 20,000 objects and arrays is not checked in full (only `from`, `to`, `body` and the recipient count are) and cannot be sent: a valid one has about 1,100.', source: 'product', limit: '20,000 objects and arrays per message' },
  'PROBLEM-LIMIT': { severity: 'warning', summary: 'In the editor (the Problems panel) at most 1,000 problems are listed per file; one more says how many were left out. `cm-interactive lint` and the library\'s `validate()` list every problem.', source: 'product', limit: '1,000 problems per file, in the editor' },
  'INTERNAL': { severity: 'error', summary: 'A check failed unexpectedly; the rest of the file was still checked.', source: 'product', limit: '—' },
  'ENV-MSG': { severity: 'error', summary: '`messages.msg` is a non-empty array of message objects.', source: 'seed', limit: '≥ 1 entry' },
  'ENV-MSG-MAX': { severity: 'error', summary: 'At most 1,000 `msg` entries per request and 1,000 recipients per `msg`.', source: 'CM SDKs', limit: '1,000 `msg` entries; 1,000 recipients per entry' },
  'ENV-TO': { severity: 'error', summary: 'Each `msg` has `to`: a non-empty array of `{ "number": string }`.', source: 'seed, CM shared-features', limit: '≥ 1 recipient' },
  'ENV-FROM': { severity: 'error', summary: '`from`: at most 11 alphanumeric characters or 16 digits; for WhatsApp the business number.', source: 'CM shared-features', limit: '11 alphanumeric characters or 16 digits' },
  'ENV-BODY': { severity: 'error', summary: 'Each `msg` has `body` with `type: auto` and non-empty `content` (the SMS fallback).', source: 'CM whatsapp-text-message', limit: 'non-empty `content`' },
  'ENV-CHANNELS': { severity: 'warning', summary: '`allowedChannels` holds CM channel names and includes WhatsApp for interactive content.', source: 'CM shared-features', limit: '—' },
  'ENV-NUMBER': { severity: 'warning', summary: 'Numbers are `00` + country code + number, digits only.', source: 'CM shared-features', limit: '`00` + country code + number' },
  'ENV-REFERENCE': { severity: 'error', summary: '`reference` is 1–32 alphanumeric characters.', source: 'CM SDK docs', limit: '1–32 alphanumeric characters' },
  'ENV-TOKEN-IN-FILE': { severity: 'warning', summary: 'No literal product token in the file: it belongs in secret storage.', source: 'product', limit: '—' },
  'ENV-CONV': { severity: 'error', summary: '`richContent.conversation` is a non-empty array; an item with `interactive` holds only that.', source: 'seed', limit: '≥ 1 item' },
  'INT-TYPE': { severity: 'error', summary: '`type` is list, button, location_request_message, flow or call_permission_request.', source: 'seed', limit: '—' },
  'INT-BODY': { severity: 'error', summary: '`body.text` is required and non-empty (optional for call permission requests).', source: 'seed, meta', limit: 'non-empty' },
  'INT-BODY-LEN': { severity: 'error', summary: '`body.text` ≤ 1,024 characters; lists ≤ 4,096 (warning above 1,024).', source: 'meta', limit: '1,024 characters; lists 4,096 (warning above 1,024)' },
  'INT-FOOTER-LEN': { severity: 'error', summary: '`footer.text` ≤ 60 characters.', source: 'meta', limit: '60 characters' },
  'INT-HEADER-TEXT': { severity: 'error', summary: 'A text header has non-empty `text` of at most 60 characters; markdown in it shows literally (information).', source: 'seed, meta', limit: '60 characters' },
  'INT-HEADER-TYPE': { severity: 'error', summary: 'Header `type` is text, image, video or document; never audio.', source: 'seed', limit: '—' },
  'INT-HEADER-MEDIA': { severity: 'error', summary: 'Media headers only on button messages (reply or openurl).', source: 'seed', limit: '—' },
  'INT-MEDIA-FIELDS': { severity: 'error', summary: 'A media header has CM\'s `media` with mediaName, an https mediaUri (plain http: is a warning) and mimeType.', source: 'seed, CM SDKs', limit: '—' },
  'INT-MEDIA-MIME': { severity: 'warning', summary: '`mimeType` fits the header type.', source: 'meta media page', limit: 'image: JPEG, PNG; video: MP4, 3GPP; document: PDF, Word, Excel, PowerPoint, plain text' },
  'INT-MEDIA-NAME': { severity: 'warning', summary: '`mediaName` ends in the extension that fits `mimeType`.', source: 'CM WhatsApp fact sheet', limit: '—' },
  'LIST-BUTTON': { severity: 'error', summary: '`action.button` is required, non-empty, ≤ 20 characters; markdown in it shows literally (information).', source: 'seed, meta', limit: '20 characters' },
  'LIST-SECTIONS': { severity: 'error', summary: '`action.sections` has 1 to 10 sections.', source: 'meta', limit: '1–10 sections' },
  'LIST-ROWS-TOTAL': { severity: 'error', summary: 'At most 10 rows in total across all sections.', source: 'seed', limit: '10 rows across all sections' },
  'LIST-SECTION-ROWS': { severity: 'error', summary: 'Each section has a non-empty `rows` array.', source: 'meta', limit: '≥ 1 row' },
  'LIST-SECTION-TITLE': { severity: 'error', summary: 'Section `title` ≤ 24 characters; required with more than one section.', source: 'seed, meta', limit: '24 characters' },
  'LIST-ROW-ID': { severity: 'error', summary: 'Row `id` is required, ≤ 200 characters, unique in the list.', source: 'seed, meta', limit: '200 characters, unique' },
  'LIST-ROW-TITLE': { severity: 'error', summary: 'Row `title` is required, ≤ 24 characters.', source: 'seed', limit: '24 characters' },
  'LIST-ROW-DESC': { severity: 'error', summary: 'Row `description` ≤ 72 characters.', source: 'seed', limit: '72 characters' },
  'LIST-HEADER': { severity: 'error', summary: 'A list header is text only, ≤ 60 characters.', source: 'seed', limit: '60 characters, text only' },
  'BTN-COUNT': { severity: 'error', summary: '1 to 3 buttons; with reply buttons among them, every button counts, whatever its type or place (an openurl-only message is CTA-ONE\'s).', source: 'seed', limit: '1–3 buttons' },
  'BTN-KIND': { severity: 'error', summary: 'Buttons are `{type: reply, reply: {id, title}}`; reply and openurl are not mixed.', source: 'seed', limit: '—' },
  'BTN-TITLE': { severity: 'error', summary: '`reply.title` is required, not blank, ≤ 20 characters.', source: 'seed', limit: '20 characters' },
  'BTN-TITLE-UNIQUE': { severity: 'error', summary: 'Button titles are unique within the message.', source: 'seed', limit: '—' },
  'BTN-TITLE-PLAIN': { severity: 'error', summary: 'No emoji and no markdown in button titles (CM forbids them); ™ © ® and digits are text unless followed by U+FE0F.', source: 'seed', limit: '—' },
  'BTN-ID': { severity: 'error', summary: '`reply.id` is required, ≤ 256 characters, unique, no leading/trailing spaces.', source: 'seed, meta', limit: '256 characters, unique' },
  'CTA-ONE': { severity: 'warning', summary: 'Only the first openurl button is sent; the others are dropped.', source: 'seed', limit: '1 button' },
  'CTA-FIELDS': { severity: 'error', summary: 'A CTA button has `type: openurl`, `title` (≤ 20 characters) and `url`.', source: 'seed, meta', limit: 'title 20 characters' },
  'CTA-URL': { severity: 'error', summary: '`url` is an absolute https: (or, warned, http:) URL.', source: 'product, meta', limit: '—' },
  'LOC-ACTION': { severity: 'error', summary: '`action.name` is `send_location`.', source: 'seed', limit: '—' },
  'LOC-NO-HEADER': { severity: 'warning', summary: 'No header or footer on a location request: WhatsApp shows only body and button.', source: 'meta', limit: '—' },
  'LOC-BODY': { severity: 'error', summary: '`body.text` is required, ≤ 1,024 characters.', source: 'meta', limit: '1,024 characters' },
  'FLOW-ACTION': { severity: 'error', summary: '`action.name` is `flow` and `action.parameters` is present.', source: 'seed', limit: '—' },
  'FLOW-VERSION': { severity: 'error', summary: '`flow_message_version` is "3".', source: 'seed, meta', limit: '"3"' },
  'FLOW-ID': { severity: 'error', summary: '`flow_id` is required (or `flow_name`, warned; never both).', source: 'seed, meta', limit: '—' },
  'FLOW-CTA': { severity: 'error', summary: '`flow_cta` is required, no emoji; Meta advises ≤ 30 characters (warning above 30, information above 20).', source: 'meta', limit: '30 characters advised (20 on older WhatsApp versions)' },
  'FLOW-ACTION-KIND': { severity: 'error', summary: '`flow_action` is navigate or data_exchange; `mode` is draft or published.', source: 'meta', limit: '—' },
  'FLOW-PAYLOAD': { severity: 'error', summary: '`flow_action_payload` is optional with navigate (a given `screen` is a non-empty string); data_exchange has no payload; `data` is non-empty.', source: 'meta', limit: '—' },
  'FLOW-TOKEN': { severity: 'information', summary: '`flow_token` is recommended: it identifies the flow session in webhooks.', source: 'meta', limit: '—' },
  'FLOW-HEADER': { severity: 'error', summary: 'A flow header is text only.', source: 'meta', limit: 'text only' },
  'CALL-ACTION': { severity: 'error', summary: '`action.name` is `call_permission_request`.', source: 'seed', limit: '—' },
  'CALL-BODY': { severity: 'information', summary: 'A body is optional but recommended: besides WhatsApp\'s fixed text it is all the user reads. A header or a footer is accepted.', source: 'seed, meta', limit: '—' },
  'CALL-WINDOW': { severity: 'information', summary: 'Delivered only inside the 24-hour customer-service window (shown on hover).', source: 'meta', limit: '24 hours since the customer\'s last message' },
  'CALL-RATE': { severity: 'warning', summary: '1 request per recipient per 24 h, 2 per 7 days (checked by Send against local history).', source: 'seed', limit: '1 per recipient per 24 h, 2 per 7 days; 100 connected calls per number per 24 h' },
  'SEND-MEDIA-REACHABLE': { severity: 'warning', summary: 'Each mediaUri answers with 2xx and a fitting type and size (checked by Send).', source: 'CM, meta', limit: 'image 5 MB, video 16 MB, document 100 MB' },
  'SEND-CALL-RATE': { severity: 'warning', summary: 'CALL-RATE against the local send history (checked by Send).', source: 'seed', limit: 'as CALL-RATE' },
} as const satisfies Record<string, RuleInfo>;

export type RuleId = keyof typeof RULES;

/** What the source tags of RULES stand for. */
export const SOURCES: Record<string, string> = {
  seed: 'CM.com developer documentation, *WhatsApp → Interactive messages*: the page this product is built from.',
  meta: 'Meta, WhatsApp Cloud API reference for interactive messages (developers.facebook.com/docs/whatsapp), to which CM passes the `interactive` object on.',
  'meta media page': 'Meta, WhatsApp Cloud API, *Media*: supported media types and sizes.',
  CM: 'CM.com developer documentation.',
  'CM SDKs': 'CM.com\'s official SDKs (for example the PHP SDK\'s `TextClient::MESSAGES_MAXIMUM` and `Message::RECIPIENTS_MAXIMUM`).',
  'CM SDK docs': 'CM.com\'s SDK documentation (`Message.reference`).',
  'CM shared-features': 'CM.com developer documentation, *Business Messaging → Shared features* (sender, recipients, phone number format, channels).',
  'CM whatsapp-text-message': 'CM.com developer documentation, *WhatsApp → Text message* (the `body` that is the SMS fallback).',
  'CM WhatsApp fact sheet': 'CM.com\'s WhatsApp fact sheet (media names and sizes).',
  product: 'This product\'s own decision, to protect the user.',
};

/** Where each rule is explained; a diagnostic's code links here (LSP codeDescription). */
export const RULES_DOC_URL = 'https://github.com/cm-interactive/cm-interactive/blob/main/docs/rules.md';

export function ruleDocUrl(id: RuleId): string {
  return `${RULES_DOC_URL}#${id.toLowerCase()}`;
}

export function isRuleId(code: string): code is RuleId {
  return Object.prototype.hasOwnProperty.call(RULES, code);
}
