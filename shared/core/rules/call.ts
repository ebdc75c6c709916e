/** docs/rules.md: `call_permission_request` rules that a schema cannot say. */
import { isObject } from './access';
import type { InteractiveRule } from './context';

/**
 * CALL-BODY (information): the body is optional, but it is the only part the user reads besides
 * WhatsApp's fixed text. A header or a footer is accepted (optional in CM's and Meta's docs).
 */
export const callBodyRecommended: InteractiveRule = ({ interactive, path }, report) => {
  const body = interactive.body;
  if (!('body' in interactive)) {
    report({ code: 'CALL-BODY', path: [...path, 'type'], message: `No body: ${WHY}; add body.text` });
    return;
  }
  // A body that is no object is INT-BODY's (a wrong type); a long text is INT-BODY-LEN's.
  if (!isObject(body)) return;
  const text = body.text;
  if (text === undefined) report({ code: 'CALL-BODY', path: [...path, 'body'], message: `No body text: ${WHY}; add body.text` });
  else if (typeof text === 'string' && text.trim() === '') report({ code: 'CALL-BODY', path: [...path, 'body', 'text'], message: `Body text is empty: ${WHY}` });
};

const WHY = 'a call permission request without a body gives the customer no reason to accept';

export const CALL_RULES: readonly InteractiveRule[] = [callBodyRecommended];
