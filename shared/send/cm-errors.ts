/** CM.com's gateway error codes (the gateway contract in the README, "Send") and what they mean for the user. */
export const CM_ERROR_CODES: Readonly<Record<number, string>> = {
  0: 'OK',
  101: 'Authentication failed: no account found for this product token',
  102: 'Insufficient balance on the CM account',
  103: 'The product token is incorrect',
  201: 'One or more messages have errors (see each recipient)',
  202: 'The request is malformed (JSON or data types)',
  203: 'The msg array is incorrect',
  301: 'Invalid "from"',
  302: 'Invalid "to"',
  303: 'Invalid number in "to"',
  304: 'Invalid "body" (the SMS fallback text is missing or empty)',
  305: 'An invalid field in the message',
  401: 'The message was filtered as spam',
  402: 'The recipient is blacklisted',
  403: 'The message was rejected',
  500: 'Internal error at CM',
  999: 'Unknown error: contact CM support',
};

export function describeCmError(code: number): string {
  return CM_ERROR_CODES[code] ?? `Unknown CM error code ${code}`;
}
