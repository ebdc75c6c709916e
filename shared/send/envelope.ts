/** The request body that goes to CM: the file's envelope, with the choices the user made. */

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
  const messages = structuredClone((value as any)?.messages ?? {});
  let msg: any[] = Array.isArray(messages.msg) ? messages.msg : [];
  if (options.msgIndex !== undefined) msg = msg.slice(options.msgIndex, options.msgIndex + 1);
  if (options.testRecipient) msg = msg.map((entry) => ({ ...entry, to: [{ number: options.testRecipient }] }));
  messages.msg = msg;
  // The token goes in the header only: a placeholder or a literal token in the file stays out of the body.
  if (messages.authentication && typeof messages.authentication === 'object') delete messages.authentication;
  const recipients = msg.flatMap((entry) => (Array.isArray(entry?.to) ? entry.to.map((r: any) => String(r?.number ?? '')) : []));
  return { body: { messages }, messageCount: msg.length, recipients };
}
