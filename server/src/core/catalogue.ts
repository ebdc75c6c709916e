/**
 * The rule catalogue of ../shared/reference/SPEC.md as data: every id the core can report,
 * its default severity and a one-line summary (used for hover docs and the README table).
 */

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface RuleInfo {
  readonly severity: Severity;
  readonly summary: string;
  readonly source: string;
}

export const RULES = {
  'JSON-SYNTAX': { severity: 'error', summary: 'The file is valid JSON (no comments, no trailing commas): CM rejects anything else.', source: 'product' },
  'FILE-LIMIT': { severity: 'warning', summary: 'The file is larger than cmInteractive.validate.maxFileSizeMB and is not checked.', source: 'product' },
  'PROBLEM-LIMIT': { severity: 'warning', summary: 'At most 1,000 problems are listed per file; one more says how many were left out.', source: 'product' },
  'INTERNAL': { severity: 'error', summary: 'A check failed unexpectedly; the rest of the file was still checked.', source: 'product' },
  'ENV-MSG': { severity: 'error', summary: '`messages.msg` is a non-empty array of message objects.', source: 'seed' },
  'ENV-MSG-MAX': { severity: 'error', summary: 'At most 1,000 `msg` entries per request and 1,000 recipients per `msg`.', source: 'CM SDKs' },
  'ENV-TO': { severity: 'error', summary: 'Each `msg` has `to`: a non-empty array of `{ "number": string }`.', source: 'seed, CM shared-features' },
  'ENV-FROM': { severity: 'error', summary: '`from`: at most 11 alphanumeric characters or 16 digits; for WhatsApp the business number.', source: 'CM shared-features' },
  'ENV-BODY': { severity: 'error', summary: 'Each `msg` has `body` with `type: auto` and non-empty `content` (the SMS fallback).', source: 'CM whatsapp-text-message' },
  'ENV-CHANNELS': { severity: 'warning', summary: '`allowedChannels` holds CM channel names and includes WhatsApp for interactive content.', source: 'CM shared-features' },
  'ENV-NUMBER': { severity: 'warning', summary: 'Numbers are `00` + country code + number, digits only.', source: 'CM shared-features' },
  'ENV-REFERENCE': { severity: 'error', summary: '`reference` is 1–32 alphanumeric characters.', source: 'CM SDK docs' },
  'ENV-TOKEN-IN-FILE': { severity: 'warning', summary: 'No literal product token in the file: it belongs in secret storage.', source: 'product' },
  'ENV-CONV': { severity: 'error', summary: '`richContent.conversation` is a non-empty array; an item with `interactive` holds only that.', source: 'seed' },
  'INT-TYPE': { severity: 'error', summary: '`type` is list, button, location_request_message, flow or call_permission_request.', source: 'seed' },
  'INT-BODY': { severity: 'error', summary: '`body.text` is required and non-empty (optional for call permission requests).', source: 'seed, meta' },
  'INT-BODY-LEN': { severity: 'error', summary: '`body.text` ≤ 1,024 characters; lists ≤ 4,096 (warning above 1,024).', source: 'meta' },
  'INT-FOOTER-LEN': { severity: 'error', summary: '`footer.text` ≤ 60 characters.', source: 'meta' },
  'INT-HEADER-TEXT': { severity: 'error', summary: 'A text header has non-empty `text` of at most 60 characters.', source: 'seed, meta' },
  'INT-HEADER-TYPE': { severity: 'error', summary: 'Header `type` is text, image, video or document; never audio.', source: 'seed' },
  'INT-HEADER-MEDIA': { severity: 'error', summary: 'Media headers only on button messages (reply or openurl).', source: 'seed' },
  'INT-MEDIA-FIELDS': { severity: 'error', summary: 'A media header has CM\'s `media` with mediaName, an https mediaUri and mimeType.', source: 'seed, CM SDKs' },
  'INT-MEDIA-MIME': { severity: 'warning', summary: '`mimeType` fits the header type.', source: 'meta media page' },
  'INT-MEDIA-NAME': { severity: 'warning', summary: '`mediaName` ends in the extension that fits `mimeType`.', source: 'CM WhatsApp fact sheet' },
  'LIST-BUTTON': { severity: 'error', summary: '`action.button` is required, non-empty, ≤ 20 characters.', source: 'seed, meta' },
  'LIST-SECTIONS': { severity: 'error', summary: '`action.sections` has 1 to 10 sections.', source: 'meta' },
  'LIST-ROWS-TOTAL': { severity: 'error', summary: 'At most 10 rows in total across all sections.', source: 'seed' },
  'LIST-SECTION-ROWS': { severity: 'error', summary: 'Each section has a non-empty `rows` array.', source: 'meta' },
  'LIST-SECTION-TITLE': { severity: 'error', summary: 'Section `title` ≤ 24 characters; required with more than one section.', source: 'seed, meta' },
  'LIST-ROW-ID': { severity: 'error', summary: 'Row `id` is required, ≤ 200 characters, unique in the list.', source: 'seed, meta' },
  'LIST-ROW-TITLE': { severity: 'error', summary: 'Row `title` is required, ≤ 24 characters.', source: 'seed' },
  'LIST-ROW-DESC': { severity: 'error', summary: 'Row `description` ≤ 72 characters.', source: 'seed' },
  'LIST-HEADER': { severity: 'error', summary: 'A list header is text only, ≤ 60 characters.', source: 'seed' },
  'BTN-COUNT': { severity: 'error', summary: '1 to 3 reply buttons.', source: 'seed' },
  'BTN-KIND': { severity: 'error', summary: 'Buttons are `{type: reply, reply: {id, title}}`; reply and openurl are not mixed.', source: 'seed' },
  'BTN-TITLE': { severity: 'error', summary: '`reply.title` is required, not blank, ≤ 20 characters.', source: 'seed' },
  'BTN-TITLE-UNIQUE': { severity: 'error', summary: 'Button titles are unique within the message.', source: 'seed' },
  'BTN-TITLE-PLAIN': { severity: 'error', summary: 'No emoji and no markdown in button titles (CM forbids them).', source: 'seed' },
  'BTN-ID': { severity: 'error', summary: '`reply.id` is required, ≤ 256 characters, unique, no leading/trailing spaces.', source: 'seed, meta' },
  'CTA-ONE': { severity: 'warning', summary: 'Only the first openurl button is sent; the others are dropped.', source: 'seed' },
  'CTA-FIELDS': { severity: 'error', summary: 'A CTA button has `type: openurl`, `title` (≤ 20 characters) and `url`.', source: 'seed, meta' },
  'CTA-URL': { severity: 'error', summary: '`url` is an absolute https: (or, warned, http:) URL.', source: 'product, meta' },
  'LOC-ACTION': { severity: 'error', summary: '`action.name` is `send_location`.', source: 'seed' },
  'LOC-NO-HEADER': { severity: 'warning', summary: 'No header or footer on a location request: WhatsApp shows only body and button.', source: 'meta' },
  'LOC-BODY': { severity: 'error', summary: '`body.text` is required, ≤ 1,024 characters.', source: 'meta' },
  'FLOW-ACTION': { severity: 'error', summary: '`action.name` is `flow` and `action.parameters` is present.', source: 'seed' },
  'FLOW-VERSION': { severity: 'error', summary: '`flow_message_version` is "3".', source: 'seed, meta' },
  'FLOW-ID': { severity: 'error', summary: '`flow_id` is required (or `flow_name`, warned; never both).', source: 'seed, meta' },
  'FLOW-CTA': { severity: 'error', summary: '`flow_cta` is required, no emoji, ≤ 30 characters (warning above 20).', source: 'meta' },
  'FLOW-ACTION-KIND': { severity: 'error', summary: '`flow_action` is navigate or data_exchange; `mode` is draft or published.', source: 'meta' },
  'FLOW-PAYLOAD': { severity: 'error', summary: 'navigate needs `flow_action_payload.screen`; data_exchange has no payload; `data` is non-empty.', source: 'meta' },
  'FLOW-TOKEN': { severity: 'information', summary: '`flow_token` is recommended: it identifies the flow session in webhooks.', source: 'meta' },
  'FLOW-HEADER': { severity: 'error', summary: 'A flow header is text only.', source: 'meta' },
  'CALL-ACTION': { severity: 'error', summary: '`action.name` is `call_permission_request`.', source: 'seed' },
  'CALL-BODY': { severity: 'information', summary: 'A body is strongly recommended; header and footer are not customisable.', source: 'seed, meta' },
  'CALL-WINDOW': { severity: 'information', summary: 'Delivered only inside the 24-hour customer-service window (shown on hover).', source: 'meta' },
  'CALL-RATE': { severity: 'warning', summary: '1 request per recipient per 24 h, 2 per 7 days (checked by Send against local history).', source: 'seed' },
  'SEND-MEDIA-REACHABLE': { severity: 'warning', summary: 'Each mediaUri answers with 2xx and a fitting type and size (checked by Send).', source: 'CM, meta' },
  'SEND-CALL-RATE': { severity: 'warning', summary: 'CALL-RATE against the local send history (checked by Send).', source: 'seed' },
} as const satisfies Record<string, RuleInfo>;

export type RuleId = keyof typeof RULES;

export function isRuleId(code: string): code is RuleId {
  return Object.prototype.hasOwnProperty.call(RULES, code);
}
