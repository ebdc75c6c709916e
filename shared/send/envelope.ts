/** The request body that goes to CM: the file's envelope, with the choices the user made. */
import type { Message, Recipient } from '../payload';
import type { Loose } from '../core/payload-model';
import { arrayAt, isObject, objectAt } from '../core/rules/access';

export interface PrepareOptions {
  /** Only this msg entry (the code lens "Send" above one message). */
  msgIndex?: number;
  /** Send to this number instead of the file's `to` ("Send to Test Recipient…"). */
  testRecipient?: string;
}

export interface PreparedRequest {
  body: { messages: Record<string, unknown> & { msg: unknown[] } };
  messageCount: number;
  recipients: string[];
}

export function prepareRequest(value: unknown, options: PrepareOptions = {}): PreparedRequest {
  const messages: Record<string, unknown> = structuredClone(objectAt(value, 'messages') ?? {});
  let msg = arrayAt(messages, 'msg');
  if (options.msgIndex !== undefined) msg = msg.slice(options.msgIndex, options.msgIndex + 1);
  if (options.testRecipient) msg = msg.map((entry) => ({ ...(entry as Loose<Message>), to: [{ number: options.testRecipient }] }));
  messages.msg = msg;
  // The token goes in the header only: a placeholder or a literal token in the file stays out of the body.
  if (typeof messages.authentication === 'object' && messages.authentication !== null) delete messages.authentication;
  const recipients = msg.flatMap((entry) => arrayAt(entry, 'to').map((r) => String((isObject(r) ? (r as Loose<Recipient>).number : undefined) ?? '')));
  return { body: { messages: messages as PreparedRequest['body']['messages'] }, messageCount: msg.length, recipients };
}

/** Deeper than this no CM payload goes (it needs about 10 levels), and serializing it could exhaust the stack. */
export const MAX_NESTING = 1000;

/** Whether `value` nests deeper than `limit` (iterative: the check itself must not overflow). */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Object.values(node)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}
