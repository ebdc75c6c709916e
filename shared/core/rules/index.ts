/** Which rules apply to which interactive kind. */
import { BUTTON_RULES } from './button';
import { CALL_RULES } from './call';
import type { InteractiveRule } from './context';
import { FLOW_RULES } from './flow';
import { HEADER_RULES } from './header';
import { LIST_RULES } from './list';
import { LOCATION_RULES } from './location';

export const RULES_BY_KIND: Readonly<Record<string, readonly InteractiveRule[]>> = {
  list: [...HEADER_RULES, ...LIST_RULES],
  button: [...HEADER_RULES, ...BUTTON_RULES],
  location_request_message: [...HEADER_RULES, ...LOCATION_RULES],
  flow: [...HEADER_RULES, ...FLOW_RULES],
  call_permission_request: [...HEADER_RULES, ...CALL_RULES],
};

export { MSG_RULES, tokenInFile } from './envelope';
