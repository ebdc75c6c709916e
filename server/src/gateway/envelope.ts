/** The request body that goes to CM: the file's envelope, with the choices the user made. */

export interface PrepareOptions {
  /** Only this msg entry (the code lens "Send" above one message). */
  msgIndex?: number;
  /** Send to this number instead of the file's `to` ("Send to Test Recipient…"). */
  testRecipient?: string;
  /** Leave a literal product token in the file out of the body (the stored one goes in the header). */
  dropFileToken?: boolean;
}

export interface PreparedRequest {
  body: { messages: Record<string, unknown> & { msg: unknown[] } };
  messageCount: number;
  recipients: string[];
}

const PLACEHOLDER = /^\s*\$\{[^}]*\}\s*$/;

export function fileToken(value: unknown): string | undefined {
  const authentication = (value as any)?.messages?.authentication;
  if (!authentication || typeof authentication !== 'object') return undefined;
  for (const [key, token] of Object.entries(authentication)) {
    if (key.toLowerCase() === 'producttoken' && typeof token === 'string' && token.trim() !== '' && !PLACEHOLDER.test(token)) return token;
  }
  return undefined;
}

export function prepareRequest(value: unknown, options: PrepareOptions = {}): PreparedRequest {
  const messages = structuredClone((value as any)?.messages ?? {});
  let msg: any[] = Array.isArray(messages.msg) ? messages.msg : [];
  if (options.msgIndex !== undefined) msg = msg.slice(options.msgIndex, options.msgIndex + 1);
  if (options.testRecipient) msg = msg.map((entry) => ({ ...entry, to: [{ number: options.testRecipient }] }));
  messages.msg = msg;
  // The token goes in the header; a placeholder or (when agreed) a literal token stays out of the body.
  if (messages.authentication && typeof messages.authentication === 'object') {
    const literal = fileToken({ messages });
    if (!literal || options.dropFileToken) delete messages.authentication;
  }
  const recipients = msg.flatMap((entry) => (Array.isArray(entry?.to) ? entry.to.map((r: any) => String(r?.number ?? '')) : []));
  return { body: { messages }, messageCount: msg.length, recipients };
}

/** Text safe to show or log: the token never appears, whatever echoed it. */
export function redact(text: string, ...secrets: (string | undefined)[]): string {
  let safe = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) safe = safe.split(secret).join('***');
  }
  return safe;
}
