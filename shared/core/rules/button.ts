/** docs/rules.md: `button` rules (reply buttons and the openurl CTA) that a schema cannot say. */
import { RULE_LIMITS } from '../limits';
import { schemaNumber } from '../schemas';
import { findMarkdown, firstEmoji } from '../text';
import { arrayAt, isObject, objectAt, stringAt } from './access';
import type { JsonPath } from '../json-document';
import type { Report } from '../report';
import type { InteractiveContext, InteractiveRule } from './context';

const MAX_REPLY_BUTTONS = RULE_LIMITS.replyButtons;
const TITLE_LENGTH = schemaNumber('buttonItem', ['reply', 'title'], 'maxLength');
const ID_LENGTH = schemaNumber('buttonItem', ['reply', 'id'], 'maxLength');

function buttonsOf({ interactive }: InteractiveContext): unknown[] {
  return arrayAt(objectAt(interactive, 'action'), 'buttons');
}

function typeOf(button: unknown): unknown {
  return isObject(button) ? button.type : undefined;
}

/** BTN-KIND: reply and openurl buttons are not mixed; the first button decides the kind. */
export const buttonKindsNotMixed: InteractiveRule = (context, report) => {
  const buttons = buttonsOf(context);
  const kind = buttons.map(typeOf).find((type) => type === 'reply' || type === 'openurl');
  buttons.forEach((button, index) => {
    const type = typeOf(button);
    if ((type !== 'reply' && type !== 'openurl') || type === kind) return;
    report({
      code: 'BTN-KIND',
      path: [...context.path, 'action', 'buttons', index, 'type'],
      message: `${type === 'openurl' ? 'An' : 'A'} "${type}" button in a message of "${kind}" buttons; reply and openurl buttons cannot be mixed in one message`,
    });
  });
};

/**
 * BTN-COUNT: at most 3 buttons in a message with reply buttons (the schema says at least one).
 * Every button counts, whatever its type and wherever it stands: 3 reply buttons and an openurl
 * one are 4 buttons in either order (the mix is BTN-KIND's finding as well), and the message
 * says what they are ("4 buttons (3 reply, 1 openurl)"). A message of openurl buttons only is
 * CTA-ONE's: the further ones are dropped, not refused.
 */
export const replyButtonCount: InteractiveRule = (context, report) => {
  const buttons = buttonsOf(context);
  if (buttons.length <= MAX_REPLY_BUTTONS) return;
  let reply = 0;
  let openurl = 0;
  for (const button of buttons) {
    const type = typeOf(button);
    if (type === 'reply') reply++;
    else if (type === 'openurl') openurl++;
  }
  if (reply === 0) return;
  const other = buttons.length - reply - openurl;
  const what =
    reply === buttons.length
      ? `${buttons.length} reply buttons`
      : `${buttons.length} buttons (${[`${reply} reply`, openurl && `${openurl} openurl`, other && `${other} of another type`].filter(Boolean).join(', ')})`;
  report({
    code: 'BTN-COUNT',
    path: [...context.path, 'action', 'buttons'],
    target: 'key',
    message: `The message has ${what}; WhatsApp allows at most ${MAX_REPLY_BUTTONS} (a list message allows up to ${RULE_LIMITS.listRows} options)`,
    data: { kind: 'too-many-buttons', limit: MAX_REPLY_BUTTONS, count: buttons.length },
  });
};

/** Reply buttons with their index, for the per-title and per-id rules (a loop: flatMap cost more than the rules). */
function replies(context: InteractiveContext): { index: number; reply: Record<string, unknown> }[] {
  const found: { index: number; reply: Record<string, unknown> }[] = [];
  const buttons = buttonsOf(context);
  for (let index = 0; index < buttons.length; index++) {
    const button = buttons[index];
    const reply = typeOf(button) === 'reply' ? objectAt(button, 'reply') : undefined;
    if (reply) found.push({ index, reply });
  }
  return found;
}

/** Reports each reply whose `field` repeats an earlier one's (as shown: trimmed). */
function reportRepeats(context: InteractiveContext, report: Report, field: 'title' | 'id', code: 'BTN-TITLE-UNIQUE' | 'BTN-ID', what: string): void {
  // Each shown value and the first button that shows it, in the order they come.
  const seen = new Map<string, number>();
  const repeats: { index: number; shown: string; first: number }[] = [];
  for (const { index, reply } of replies(context)) {
    const value = stringAt(reply, field);
    if (value === undefined || value.trim() === '') continue;
    const shown = field === 'title' ? value.trim() : value;
    const first = seen.get(shown);
    if (first === undefined) seen.set(shown, index);
    else repeats.push({ index, shown, first });
  }
  if (repeats.length === 0) return;
  // Every button's value, later ones too: the fix's number must not repeat any of them.
  const taken = [...seen.keys()];
  for (const { index, shown, first } of repeats) {
    report({
      code,
      path: [...context.path, 'action', 'buttons', index, 'reply', field],
      message: `${what} "${shown}" is already used by button ${first + 1}; ${field === 'title' ? 'titles' : 'ids'} must be unique within the message`,
      // A number is added within the field's limit: "Yes 2", "confirm-2".
      data: { kind: 'unique', taken, ...(field === 'title' ? { separator: ' ', maxLength: TITLE_LENGTH } : { separator: '-', maxLength: ID_LENGTH }) },
    });
  }
}

/** BTN-TITLE-UNIQUE: titles are unique within the message (compared as shown, trimmed). */
export const replyTitlesUnique: InteractiveRule = (context, report) => reportRepeats(context, report, 'title', 'BTN-TITLE-UNIQUE', 'Button title');

/** A reply's title, made only for a finding: every button message has titles, few have a problem. */
function titlePath(context: InteractiveContext, index: number): JsonPath {
  return [...context.path, 'action', 'buttons', index, 'reply', 'title'];
}

/**
 * BTN-TITLE-PLAIN: no emoji, no markdown — CM's page forbids them even though Meta now allows emoji.
 * Emoji means what renders as one (see firstEmoji): "Try Shrub™ Plus" is text, as in Meta's own example.
 */
export const replyTitlePlain: InteractiveRule = (context, report) => {
  for (const { index, reply } of replies(context)) {
    const title = stringAt(reply, 'title');
    if (!title) continue;
    const emoji = firstEmoji(title);
    if (emoji) {
      report({
        code: 'BTN-TITLE-PLAIN',
        path: titlePath(context, index),
        message: `Button title "${title}" contains the emoji ${emoji}; CM does not allow emoji in button titles (Meta does, but CM is the gateway you send through)`,
        data: { kind: 'strip', strip: 'emoji' },
      });
      continue;
    }
    const markdown = findMarkdown(title);
    if (markdown) {
      report({
        code: 'BTN-TITLE-PLAIN',
        path: titlePath(context, index),
        message: `Button title "${title}" contains markdown (${markdown}); button titles are shown as plain text and CM does not allow formatting`,
        data: { kind: 'strip', strip: 'markdown' },
      });
    }
  }
};

/** BTN-ID: reply ids are unique within the message (the schema checks presence, length, spaces). */
export const replyIdsUnique: InteractiveRule = (context, report) => reportRepeats(context, report, 'id', 'BTN-ID', 'Button id');

/** CTA-ONE: only the first openurl button is sent. */
export const onlyFirstCtaSent: InteractiveRule = (context, report) => {
  const buttons = buttonsOf(context);
  const first = buttons.findIndex((b) => typeOf(b) === 'openurl');
  if (first < 0 || typeOf(buttons.find((b) => typeOf(b) === 'reply' || typeOf(b) === 'openurl')) !== 'openurl') return;
  buttons.forEach((button, index) => {
    if (index <= first || typeOf(button) !== 'openurl') return;
    report({
      code: 'CTA-ONE',
      path: [...context.path, 'action', 'buttons', index],
      message: `Only the first openurl button is sent; this one ("${stringAt(button, 'title') ?? ''}") is dropped`,
      data: { kind: 'remove-element' },
    });
  });
};

/** CTA-URL: an absolute https: URL; http: is warned, everything else is refused. */
export const ctaUrlScheme: InteractiveRule = (context, report) => {
  buttonsOf(context).forEach((button, index) => {
    if (typeOf(button) !== 'openurl') return;
    const url = stringAt(button, 'url');
    if (url === undefined) return;
    const problem = urlProblem(url);
    if (problem) report({ code: 'CTA-URL', path: [...context.path, 'action', 'buttons', index, 'url'], message: problem.message, severity: problem.severity });
  });
};

function urlProblem(url: string): { message: string; severity?: 'warning' } | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { message: `CTA URL "${url}" is not an absolute URL; use a full https:// address` };
  }
  if (/\s/.test(url.trim()) || url.trim() !== url) return { message: `CTA URL "${url}" contains spaces; encode them (%20) or remove them` };
  if (parsed.protocol === 'https:') return parsed.hostname ? undefined : { message: `CTA URL "${url}" has no host` };
  if (parsed.protocol === 'http:') {
    return parsed.hostname
      ? { message: `CTA URL "${url}" uses plain http:; prefer https:`, severity: 'warning' }
      : { message: `CTA URL "${url}" has no host` };
  }
  return { message: `CTA URL scheme "${parsed.protocol}" is not allowed; only https: (or http:) URLs can be opened from WhatsApp` };
}

export const BUTTON_RULES: readonly InteractiveRule[] = [
  buttonKindsNotMixed,
  replyButtonCount,
  replyTitlesUnique,
  replyTitlePlain,
  replyIdsUnique,
  onlyFirstCtaSent,
  ctaUrlScheme,
];
