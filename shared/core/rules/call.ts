/** docs/rules.md: `call_permission_request` rules that a schema cannot say. */
import type { InteractiveRule } from './context';

/**
 * CALL-BODY (information): the body is optional, but it is the only part the user reads besides
 * WhatsApp's fixed text. A header or a footer is accepted (optional in CM's and Meta's docs).
 */
export const callBodyRecommended: InteractiveRule = ({ interactive, path }, report) => {
  if ('body' in interactive) return;
  report({
    code: 'CALL-BODY',
    path: [...path, 'type'],
    message: 'No body: a call permission request without a body gives the customer no reason to accept; add body.text',
  });
};

export const CALL_RULES: readonly InteractiveRule[] = [callBodyRecommended];
