/** SPEC.md `call_permission_request` rules that a schema cannot say. */
import { objectAt } from './access';
import type { InteractiveRule } from './context';

/** CALL-BODY (information): the body is the only part that can be customised. */
export const callBodyRecommended: InteractiveRule = ({ interactive, path }, report) => {
  if (!('body' in interactive)) {
    report({
      code: 'CALL-BODY',
      path: [...path, 'type'],
      message: 'No body: a call permission request without a body gives the customer no reason to accept; add body.text',
    });
  }
  for (const part of ['header', 'footer'] as const) {
    if (!(part in interactive)) continue;
    const type = objectAt(interactive, 'header')?.type;
    if (part === 'header' && typeof type === 'string' && type !== 'text') continue; // INT-HEADER-MEDIA says it
    report({
      code: 'CALL-BODY',
      path: [...path, part],
      target: 'key',
      message: `The ${part} of a call permission request is not customisable; only the body is shown as you write it`,
      data: { removeProperty: part },
    });
  }
};

export const CALL_RULES: readonly InteractiveRule[] = [callBodyRecommended];
