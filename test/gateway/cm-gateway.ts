/**
 * A loopback stand-in for CM's message gateway (the gateway contract in the README): it checks requests as
 * CM does and answers with CM's response shapes and error codes. Used by the tests and by
 * `npm start`, so Send can be tried without a CM account. Listens on 127.0.0.1 only.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type GatewayMode = 'normal' | 'timeout' | 'http500' | 'http429' | 'garbage' | 'html200' | 'reset' | 'truncated' | 'wrong-content-type';

export interface GatewayOptions {
  /** Product tokens with an account; any GUID when `acceptAnyToken`. */
  tokens?: string[];
  acceptAnyToken?: boolean;
  /** Tokens whose account has no balance (error 102). */
  brokeTokens?: string[];
  mode?: GatewayMode;
  /** Answer delay in ms (for slow-gateway tests). */
  delayMs?: number;
  /** Awaited before answering (a test holds the answer until it has seen what it waits for). */
  hold?: Promise<unknown>;
  /** Answers instead of the CM logic (redirects, huge or hostile bodies). */
  handler?: (request: ReceivedRequest, response: ServerResponse) => void | Promise<void>;
}

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class FakeCmGateway {
  readonly requests: ReceivedRequest[] = [];
  private server: Server | undefined;
  private readonly pending = new Set<ServerResponse>();

  constructor(public options: GatewayOptions = {}) {}

  get url(): string {
    const address = this.server?.address() as AddressInfo;
    return `http://127.0.0.1:${address.port}/v1.0/message`;
  }

  async start(port = 0): Promise<this> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    for (const response of this.pending) response.destroy();
    this.server?.closeAllConnections?.();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    // Test-only: what arrived so far, for tests that run in another process (real VS Code).
    if (request.method === 'GET' && request.url === '/__test/requests') return send(response, 200, 'application/json', JSON.stringify(this.requests));
    this.requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
    this.pending.add(response);
    response.on('close', () => this.pending.delete(response));
    if (this.options.delayMs) await new Promise((r) => setTimeout(r, this.options.delayMs));
    if (this.options.hold) await this.options.hold;
    if (this.options.handler) return this.options.handler(this.requests[this.requests.length - 1], response);

    switch (this.options.mode ?? 'normal') {
      case 'timeout':
        return; // never answers
      case 'http500':
        return send(response, 500, 'text/html', '<html><body>Internal Server Error</body></html>');
      case 'http429':
        return send(response, 429, 'application/json', '{"message":"Too many requests"}');
      case 'garbage':
        return send(response, 200, 'application/json', 'this is not json {');
      case 'html200':
        return send(response, 200, 'text/html', '<html>maintenance</html>');
      case 'reset':
        request.socket.destroy();
        return;
      case 'truncated':
        response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '500' });
        response.write('{"details":"Created 1 message(s)","errorCode":0,"messa');
        setTimeout(() => request.socket.destroy(), 20);
        return;
      case 'wrong-content-type':
        return send(response, 200, 'text/plain', 'OK');
    }

    if (request.method !== 'POST' || request.url !== '/v1.0/message') return send(response, 404, 'text/plain', 'Not found');
    if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) return cm(response, 400, 202, 'Content-Type must be application/json');
    const token = request.headers['x-cm-producttoken'];
    let parsed: any;
    try {
      parsed = JSON.parse(body);
    } catch {
      return cm(response, 400, 202, 'The request body is not valid JSON');
    }
    const bodyToken = parsed?.messages?.authentication?.productToken ?? parsed?.messages?.authentication?.producttoken;
    const presented = typeof token === 'string' ? token : bodyToken;
    if (typeof presented !== 'string' || !GUID.test(presented)) return cm(response, 400, 103, 'Invalid product token');
    const known = this.options.acceptAnyToken || (this.options.tokens ?? []).includes(presented);
    if (!known) return cm(response, 400, 101, 'No account found for the given authentication');
    if ((this.options.brokeTokens ?? []).includes(presented)) return cm(response, 400, 102, 'Insufficient balance');
    const msgs = parsed?.messages?.msg;
    if (!Array.isArray(msgs) || msgs.length === 0) return cm(response, 400, 203, 'The msg array is missing or empty');

    const results: object[] = [];
    for (const msg of msgs) {
      if (typeof msg?.from !== 'string' || !/^([A-Za-z0-9]{1,11}|[0-9]{1,16})$/.test(msg.from)) return cm(response, 400, 301, 'Invalid from');
      if (!Array.isArray(msg.to) || msg.to.length === 0) return cm(response, 400, 302, 'Invalid to');
      const hasBody = typeof msg.body?.content === 'string' && msg.body.content !== '';
      for (const recipient of msg.to) {
        const number = String(recipient?.number ?? '');
        const base = { to: number, reference: typeof msg.reference === 'string' ? msg.reference : null };
        if (!hasBody) results.push({ ...base, status: 'Rejected', parts: 0, messageDetails: 'A body without content was found', messageErrorCode: 304 });
        else if (!/^00[1-9][0-9]{6,15}$/.test(number)) results.push({ ...base, status: 'Rejected', parts: 0, messageDetails: 'Invalid number', messageErrorCode: 303 });
        else results.push({ ...base, status: 'Accepted', parts: 1, messageDetails: null, messageErrorCode: 0 });
      }
    }
    const accepted = results.filter((r: any) => r.status === 'Accepted').length;
    if (accepted === 0) return send(response, 400, 'application/json', JSON.stringify({ details: 'All messages were rejected', errorCode: 201, messages: results }));
    const errorCode = accepted === results.length ? 0 : 201;
    return send(response, 200, 'application/json', JSON.stringify({ details: `Created ${accepted} message(s)`, errorCode, messages: results }));
  }
}

function cm(response: ServerResponse, status: number, errorCode: number, details: string): void {
  send(response, status, 'application/json', JSON.stringify({ details, errorCode, messages: [] }));
}

function send(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, { 'Content-Type': contentType });
  response.end(body);
}

// `tsx test/gateway/cm-gateway.ts [port]`: a demo gateway that accepts any GUID token.
if (require.main === module) {
  const port = Number(process.argv[2] ?? 8787);
  void new FakeCmGateway({ acceptAnyToken: true }).start(port).then((gateway) => {
    process.stdout.write(`Local CM-like gateway on ${gateway.url} (accepts any GUID as product token)\n`);
  });
}
