/** SPEC.md `flow` rules that a schema cannot say. */
import { codePointLength, firstEmoji } from '../text';
import { has, objectAt, stringAt } from './access';
import type { InteractiveContext, InteractiveRule } from './context';

function parametersOf({ interactive }: InteractiveContext) {
  return objectAt(objectAt(interactive, 'action'), 'parameters');
}

/** FLOW-ID: flow_id is required; flow_name is Meta's newer alternative (unconfirmed at CM); never both. */
export const flowIdOrName: InteractiveRule = (context, report) => {
  const parameters = parametersOf(context);
  if (!parameters) return;
  const path = [...context.path, 'action', 'parameters'];
  const hasId = has(parameters, 'flow_id');
  const hasName = has(parameters, 'flow_name');
  if (hasId && hasName) {
    report({ code: 'FLOW-ID', path: [...path, 'flow_name'], target: 'key', message: 'Both flow_id and flow_name are set; use only one (flow_id)' });
  } else if (hasName) {
    report({
      code: 'FLOW-ID',
      severity: 'warning',
      path: [...path, 'flow_name'],
      target: 'key',
      message: 'flow_name instead of flow_id: Meta accepts it, but CM support for flow_name is unconfirmed; prefer flow_id',
    });
  } else if (!hasId) {
    report({ code: 'FLOW-ID', path: [...path, 'flow_id'], target: 'key', message: 'Missing "flow_id": the id of the flow to open is required' });
  }
};

/** FLOW-CTA: above 20 characters older WhatsApp versions cut it; no emoji. */
export const flowCtaText: InteractiveRule = (context, report) => {
  const cta = stringAt(parametersOf(context), 'flow_cta');
  if (cta === undefined) return;
  const path = [...context.path, 'action', 'parameters', 'flow_cta'];
  const emoji = firstEmoji(cta);
  if (emoji) {
    report({ code: 'FLOW-CTA', path, message: `flow_cta "${cta}" contains the emoji ${emoji}; the flow button does not allow emoji`, data: { strip: 'emoji' } });
    return;
  }
  const length = codePointLength(cta);
  if (length > 20 && length <= 30) {
    report({
      code: 'FLOW-CTA',
      severity: 'warning',
      path,
      message: `flow_cta is ${length} characters; WhatsApp allows 30, but older versions allow at most 20`,
      data: { limit: 20 },
    });
  }
};

/** FLOW-PAYLOAD: navigate needs a screen; data_exchange takes no payload. */
export const flowPayloadFitsAction: InteractiveRule = (context, report) => {
  const parameters = parametersOf(context);
  if (!parameters) return;
  const action = parameters.flow_action ?? 'navigate';
  const path = [...context.path, 'action', 'parameters'];
  const payload = parameters.flow_action_payload;
  if (action === 'data_exchange' && payload !== undefined) {
    report({
      code: 'FLOW-PAYLOAD',
      path: [...path, 'flow_action_payload'],
      target: 'key',
      message: 'flow_action "data_exchange" gets its first screen from your endpoint; leave flow_action_payload out',
      data: { removeProperty: 'flow_action_payload' },
    });
  } else if (action === 'navigate') {
    if (payload === undefined) {
      report({ code: 'FLOW-PAYLOAD', path: [...path, 'flow_action_payload'], target: 'key', message: 'flow_action "navigate" needs flow_action_payload with the first "screen"' });
    } else if (objectAt(parameters, 'flow_action_payload') && !has(payload, 'screen')) {
      report({ code: 'FLOW-PAYLOAD', path: [...path, 'flow_action_payload', 'screen'], target: 'key', message: 'Missing "screen": flow_action "navigate" needs the id of the first screen' });
    }
  }
};

/** FLOW-TOKEN (information): without a token, webhook replies cannot be tied to this send. */
export const flowTokenRecommended: InteractiveRule = (context, report) => {
  const parameters = parametersOf(context);
  if (!parameters || has(parameters, 'flow_token')) return;
  report({
    code: 'FLOW-TOKEN',
    path: [...context.path, 'action', 'parameters', 'flow_token'],
    target: 'key',
    message: 'No flow_token: add one to recognise this flow session in the webhook replies',
  });
};

export const FLOW_RULES: readonly InteractiveRule[] = [flowIdOrName, flowCtaText, flowPayloadFitsAction, flowTokenRecommended];
