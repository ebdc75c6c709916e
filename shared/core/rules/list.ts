/** docs/rules.md: `list` rules that a schema cannot say. */
import { toPointer } from '../json-document';
import { RULE_LIMITS } from '../limits';
import { schemaNumber } from '../schemas';
import { codePointLength } from '../text';
import { arrayAt, isObject, objectAt, stringAt } from './access';
import type { InteractiveRule } from './context';
import { reportLiteralMarkdown } from './literal-markdown';

const MAX_ROWS = RULE_LIMITS.listRows;
const SECTION_TITLE_LENGTH = schemaNumber('list', ['action', 'sections', '[]', 'title'], 'maxLength');
/** A list body's length in the schema for other kinds: older clients and SDKs cut a list's there too. */
const OLDER_BODY_LENGTH = schemaNumber('body', ['text'], 'maxLength');
const ROW_ID_LENGTH = schemaNumber('list', ['action', 'sections', '[]', 'rows', '[]', 'id'], 'maxLength');
const LIST_BODY_LENGTH = schemaNumber('listBody', ['text'], 'maxLength');

/** LIST-BUTTON (information): the menu button shows its text literally, so markdown in it is not formatting. */
export const listButtonShownLiterally: InteractiveRule = ({ interactive, path }, report) => {
  const action = objectAt(interactive, 'action');
  reportLiteralMarkdown(report, 'LIST-BUTTON', [...path, 'action', 'button'], 'List button text', stringAt(action, 'button'));
};

/** LIST-ROWS-TOTAL: 10 rows across all sections, not per section. */
export const listRowsTotal: InteractiveRule = ({ interactive, path }, report) => {
  const sections = arrayAt(objectAt(interactive, 'action'), 'sections');
  const total = sections.reduce<number>((sum, section) => sum + arrayAt(section, 'rows').length, 0);
  if (total <= MAX_ROWS) return;
  report({
    code: 'LIST-ROWS-TOTAL',
    path: [...path, 'action', 'sections'],
    target: 'key',
    message: `The list has ${total} rows across ${sections.length} section${sections.length === 1 ? '' : 's'}; WhatsApp allows at most ${MAX_ROWS} rows in total`,
    data: { kind: 'count', limit: MAX_ROWS, total },
  });
};

/** LIST-SECTION-TITLE: required with several sections, recommended with one. */
export const listSectionTitles: InteractiveRule = ({ interactive, path }, report) => {
  const sections = arrayAt(objectAt(interactive, 'action'), 'sections');
  sections.forEach((section, index) => {
    if (!isObject(section)) return;
    const title = section.title;
    if (typeof title === 'string' && title.trim() !== '') return;
    if (title !== undefined && typeof title !== 'string') return; // the schema reports the type
    const several = sections.length > 1;
    report({
      code: 'LIST-SECTION-TITLE',
      severity: several ? 'error' : 'warning',
      path: [...path, 'action', 'sections', index, 'title'],
      target: title === undefined ? 'key' : 'value',
      message: several
        ? `Section ${index + 1} of ${sections.length} has no title; WhatsApp requires a title on every section when a list has more than one`
        : `The section has no title; Meta's current docs require one, so add a short title (at most ${SECTION_TITLE_LENGTH} characters)`,
    });
  });
};

/** LIST-ROW-ID: unique across the whole list (every section). */
export const listRowIdsUnique: InteractiveRule = ({ interactive, path }, report) => {
  // Each id and the row that first has it, in the order they come (as reportRepeats does for buttons).
  const firstSeen = new Map<string, [section: number, row: number]>();
  const repeats: { id: string; section: number; row: number }[] = [];
  arrayAt(objectAt(interactive, 'action'), 'sections').forEach((section, sectionIndex) => {
    arrayAt(section, 'rows').forEach((row, rowIndex) => {
      const id = stringAt(row, 'id');
      if (id === undefined || id === '') return;
      if (firstSeen.has(id)) repeats.push({ id, section: sectionIndex, row: rowIndex });
      else firstSeen.set(id, [sectionIndex, rowIndex]);
    });
  });
  if (repeats.length === 0) return;
  // Every row's id in every section, later ones too: the fix's number must not repeat any of them.
  const taken = [...firstSeen.keys()];
  for (const { id, section, row } of repeats) {
    const [firstSection, firstRow] = firstSeen.get(id)!;
    report({
      code: 'LIST-ROW-ID',
      path: [...path, 'action', 'sections', section, 'rows', row, 'id'],
      message: `Row id "${id}" is already used by section ${firstSection + 1}, row ${firstRow + 1}; row ids must be unique across the whole list`,
      data: { kind: 'unique', duplicateOf: id, taken, separator: '-', maxLength: ROW_ID_LENGTH },
    });
  }
};

/**
 * INT-BODY-LEN for a list body: a warning above 1,024 characters (lists may have 4,096 now, but
 * older clients cut at 1,024) and an error above 4,096. Both shorten to 1,024: the error's fix
 * shortened to 4,096 would leave the warning, so it takes the text to where no finding is left.
 * The error is this rule's, in place of the schema's maxLength finding (same message, that fix).
 */
export const listBodyOverOldLimit: InteractiveRule = ({ interactive, path }, report) => {
  const text = stringAt(objectAt(interactive, 'body'), 'text');
  if (text === undefined) return;
  const length = codePointLength(text);
  if (length <= OLDER_BODY_LENGTH) return;
  const textPath = [...path, 'body', 'text'];
  if (length > LIST_BODY_LENGTH) {
    report({
      code: 'INT-BODY-LEN',
      path: textPath,
      message: `Body text is ${length} characters; WhatsApp allows at most ${LIST_BODY_LENGTH} (older WhatsApp docs and SDKs: ${OLDER_BODY_LENGTH})`,
      data: { kind: 'shorten', limit: OLDER_BODY_LENGTH },
      replaces: toPointer(textPath),
    });
    return;
  }
  report({
    code: 'INT-BODY-LEN',
    severity: 'warning',
    path: textPath,
    message: `Body text is ${length} characters; lists allow ${LIST_BODY_LENGTH}, but older WhatsApp docs and SDKs allow at most ${OLDER_BODY_LENGTH}`,
    data: { kind: 'shorten', limit: OLDER_BODY_LENGTH },
  });
};

export const LIST_RULES: readonly InteractiveRule[] = [listButtonShownLiterally, listRowsTotal, listSectionTitles, listRowIdsUnique, listBodyOverOldLimit];
