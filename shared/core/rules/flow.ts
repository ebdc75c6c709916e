/** docs/rules.md: `flow` rules that a schema cannot say. */
import { RULE_LIMITS } from '../limits';
import { schemaNumber } from '../schemas';
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

/** Meta's advice for flow_cta (not a documented rejection), and what older WhatsApp versions show. */
const FLOW_CTA_ADVISED = schemaNumber('flow', ['action', 'parameters', 'flow_cta'], 'x-lengthLimit');
const FLOW_CTA_OLDER_CLIENTS = RULE_LIMITS.flowCtaOlderClients;

/** FLOW-CTA: no emoji; above 30 characters against Meta's advice (warning), above 20 cut by older versions (information). */
export const flowCtaText: InteractiveRule = (context, report) => {
  const cta = stringAt(parametersOf(context), 'flow_cta');
  if (cta === undefined) return;
  const path = [...context.path, 'action', 'parameters', 'flow_cta'];
  const emoji = firstEmoji(cta);
  if (emoji) {
    report({ code: 'FLOW-CTA', path, message: `flow_cta "${cta}" contains the emoji ${emoji}; the flow button does not allow emoji`, data: { kind: 'strip', strip: 'emoji' } });
    return;
  }
  const length = codePointLength(cta);
  if (length > FLOW_CTA_ADVISED) {
    // The fix shortens to what older versions show whole, so that no FLOW-CTA information follows it.
    report({ code: 'FLOW-CTA', severity: 'warning', path, message: `flow_cta is ${length} characters; Meta advises at most ${FLOW_CTA_ADVISED}`, data: { kind: 'shorten', limit: FLOW_CTA_OLDER_CLIENTS } });
  } else if (length > FLOW_CTA_OLDER_CLIENTS) {
    report({
      code: 'FLOW-CTA',
      severity: 'information',
      path,
      message: `flow_cta is ${length} characters; older WhatsApp versions show at most ${FLOW_CTA_OLDER_CLIENTS}`,
      data: { kind: 'shorten', limit: FLOW_CTA_OLDER_CLIENTS },
    });
  }
};

/**
 * FLOW-PAYLOAD: data_exchange takes no payload (the endpoint sends the first screen).
 * With navigate the payload is optional — without it, or without `screen`, the flow opens on
 * its first entry screen (Meta's Messages API reference; the January 2025 Flows changelog
 * needs only flow_message_version, flow_cta and flow_id or flow_name). The schema checks
 * that a given `screen` is a non-empty string and `data` a non-empty object.
 */
export const flowPayloadFitsAction: InteractiveRule = (context, report) => {
  const parameters = parametersOf(context);
  if (!parameters || parameters.flow_action !== 'data_exchange' || !has(parameters, 'flow_action_payload')) return;
  report({
    code: 'FLOW-PAYLOAD',
    path: [...context.path, 'action', 'parameters', 'flow_action_payload'],
    target: 'key',
    message: 'flow_action "data_exchange" gets its first screen from your endpoint; leave flow_action_payload out',
    data: { kind: 'remove-property', property: 'flow_action_payload' },
  });
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
