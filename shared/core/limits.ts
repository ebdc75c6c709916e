/**
 * The limits the rules check that a schema cannot state (they count across values, or apply
 * only to some clients): the one place the rules, hover, quick fixes and the preview read them.
 * A limit a schema states (maxLength, maxItems, x-lengthLimit) is read from the schema
 * (core/schemas.ts schemaNumber). Imports nothing, so the preview's browser bundle takes it.
 */
export const RULE_LIMITS = {
  /** BTN-COUNT: buttons per message of reply buttons (an openurl among them counts too). */
  replyButtons: 3,
  /** LIST-ROWS-TOTAL: rows across all sections of a list. */
  listRows: 10,
  /** FLOW-CTA (information): the characters older WhatsApp versions show. */
  flowCtaOlderClients: 20,
} as const;
