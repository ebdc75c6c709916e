/** The inbound webhook's JSON Schema (ajv), and a loopback bot webhook that records what it is sent. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Ajv from 'ajv';
import { ROOT } from './payloads';

const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'cm-inbound-webhook.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

/** Fails with ajv's words when `webhook` is not what schemas/cm-inbound-webhook.schema.json allows. */
export function assertValidWebhook(webhook: unknown, what = 'the webhook'): void {
  const valid = validate(webhook);
  assert.ok(valid, `${what} breaks the schema: ${JSON.stringify(validate.errors, null, 2)}`);
}

export interface ReceivedPost {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A bot's webhook on 127.0.0.1: answers 200 `{"ok":true}` unless `answer` says otherwise. */
export class LoopbackWebhook {
  readonly received: ReceivedPost[] = [];
  private server: Server | undefined;
  answer: (request: ReceivedPost, response: ServerResponse) => void = (_request, response) => {
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end('{"ok":true}');
  };

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/webhook`;
  }

  async start(): Promise<this> {
    this.server = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const received = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') };
      this.received.push(received);
      this.answer(received, response);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections?.();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The parsed bodies received so far. */
  bodies(): unknown[] {
    return this.received.map((r) => JSON.parse(r.body));
  }
}
