/** docs/rules.md: `location_request_message` rules that a schema cannot say. */
import { objectAt } from './access';
import type { InteractiveRule } from './context';

/** LOC-NO-HEADER: WhatsApp shows only the body and the button; a header or footer is dropped. */
export const locationHasOnlyBody: InteractiveRule = ({ interactive, path }, report) => {
  for (const part of ['header', 'footer'] as const) {
    if (!(part in interactive)) continue;
    // A media header is already an error (INT-HEADER-MEDIA); don't say it twice.
    const type = objectAt(interactive, 'header')?.type;
    if (part === 'header' && typeof type === 'string' && type !== 'text') continue;
    report({
      code: 'LOC-NO-HEADER',
      path: [...path, part],
      target: 'key',
      message: `A location request shows only its body and the "Send location" button; the ${part} is not shown`,
      data: { kind: 'remove-property', property: part },
    });
  }
};

export const LOCATION_RULES: readonly InteractiveRule[] = [locationHasOnlyBody];
