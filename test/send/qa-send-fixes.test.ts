/**
 * QA findings on `cm-interactive send`: a 2xx without CM's JSON and a recipient CM's answer
 * leaves out are outcomes unknown (exit 3), never "nothing was accepted"; an answer for a
 * number not in the file is not counted; the token is masked in any case and with or without
 * its hyphens; and --yes does not answer the media question.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { redact } from '../../shared/core/safe-text';
import { FakeCmGateway, type ReceivedRequest } from '../gateway/cm-gateway';
import { runCliProcess } from '../helpers/cli';
import { example } from '../helpers/payloads';

const TOKEN = '3f2b8c1e-7a4d-4e9b-9c1a-5d6e7f8a9b0c';
const UPPER = TOKEN.toUpperCase();
const BARE = TOKEN.replace(/-/g, '');
const dir = mkdtempSync(join(tmpdir(), 'cm-qa-send-'));
let gateway: FakeCmGateway;
let mediaHost: Server;

const twoRecipients = example('list');
twoRecipients.messages.msg[0].to = [{ number: '00316012345678' }, { number: '00316087654321' }];
const twoFile = join(dir, 'two.json');
writeFileSync(twoFile, JSON.stringify(twoRecipients, null, 2));
const oneFile = join(dir, 'one.json');
writeFileSync(oneFile, JSON.stringify(example('list'), null, 2));

before(async () => {
  gateway = await new FakeCmGateway({ tokens: [TOKEN] }).start();
  mediaHost = createServer((_request, response) => response.end());
  await new Promise<void>((resolve) => mediaHost.listen(0, '127.0.0.1', resolve));
});
after(async () => {
  await gateway.stop();
  await new Promise((resolve) => mediaHost.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

async function send(file: string, handler: ((request: ReceivedRequest, response: ServerResponse) => void) | undefined, args: string[] = ['--yes']) {
  gateway.options.handler = handler;
  const before = gateway.requests.length;
  try {
    const result = await runCliProcess(['send', file, '--gateway', gateway.url, ...args], { env: { CM_PRODUCT_TOKEN: TOKEN, TMPDIR: dir } });
    return { ...result, requests: gateway.requests.length - before };
  } finally {
    gateway.options.handler = undefined;
  }
}

function accepted(to: string) {
  return { to, status: 'Accepted', reference: null, parts: 1, messageDetails: null, messageErrorCode: 0 };
}

function json(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(body));
}

for (const [status, body] of [[204, ''], [201, ''], [202, '<html>queued</html>']] as const) {
  test(`HTTP ${status} with ${body ? 'a non-CM' : 'an empty'} body is an outcome unknown (exit 3), not "nothing was accepted"`, async () => {
    const { code, stdout, stderr, requests } = await send(oneFile, (_request, response) => {
      response.writeHead(status, body ? { 'Content-Type': 'text/html' } : {});
      response.end(body);
    });
    assert.equal(code, 3, stderr);
    assert.equal(requests, 1);
    assert.equal(stdout, '');
    assert.match(stderr, new RegExp(`The gateway answered HTTP ${status} with .*not CM's JSON\\. The outcome is unknown`));
    assert.doesNotMatch(stderr, /Nothing was accepted|failed with HTTP/);
  });
}

test('a recipient CM does not list has an unknown outcome: exit 3 with the advice to check CM\'s logs', async () => {
  const { code, stdout, stderr } = await send(twoFile, (_request, response) => json(response, 200, { details: 'Created 1 message(s)', errorCode: 0, messages: [accepted('00316012345678')] }));
  assert.equal(code, 3, stderr);
  assert.equal(stdout, '');
  assert.match(stderr, /for 1 of 2 recipients: 1 accepted; 1 not in CM's answer, for which the outcome is unknown/);
  assert.match(stderr, /Check the message logs in your CM\.com account before sending again/);
  assert.doesNotMatch(stderr, /Nothing was accepted/);
});

test('an answer listing a number not in the file is not counted, and is mentioned', async () => {
  const { code, stdout, stderr } = await send(twoFile, (_request, response) =>
    json(response, 200, { details: 'Created 3 message(s)', errorCode: 0, messages: [accepted('00316012345678'), accepted('00316087654321'), accepted('00316099999999')] }),
  );
  assert.equal(code, 0, stderr);
  assert.match(stdout, /^Accepted for 2 of 2 recipients\./);
  assert.match(stdout, /CM's answer also lists 1 number not in the file \(00316099999999\), not counted\./);
  assert.doesNotMatch(stdout, /3 of 2/);

  // Two listed, but one of them is not the file's: the other recipient's outcome is unknown.
  const wrong = await send(twoFile, (_request, response) => json(response, 200, { details: 'Created 2 message(s)', errorCode: 0, messages: [accepted('00316012345678'), accepted('00316099999999')] }));
  assert.equal(wrong.code, 3, wrong.stderr);
  assert.match(wrong.stderr, /1 not in CM's answer, for which the outcome is unknown/);
  assert.match(wrong.stderr, /also lists 1 number not in the file \(00316099999999\)/);
});

test('redact masks a token in any letter case and with or without its hyphens', () => {
  for (const form of [TOKEN, UPPER, BARE, BARE.toUpperCase(), '3F2b8C1e-7a4d4e9b-9c1a5d6e7f8a9b0c']) {
    assert.equal(redact(`before ${form} after`, TOKEN), 'before *** after', form);
    assert.equal(redact(form, TOKEN), '***', form);
  }
  // A token given without hyphens is found with them too.
  assert.equal(redact(`x ${UPPER} y`, BARE), 'x *** y');
  // Other text is left alone.
  assert.equal(redact('3f2b8c1e-7a4d and more', TOKEN), '3f2b8c1e-7a4d and more');
  assert.equal(redact('', '-'), '');
  assert.equal(redact('-', '-'), '***');
});

test('the token in upper case or without hyphens is masked in a gateway error body, a dry run and a --gateway URL', async () => {
  const error = await send(oneFile, (_request, response) => {
    response.writeHead(500, { 'Content-Type': 'text/html' });
    response.end(`<html>token ${UPPER} or ${BARE} is not allowed</html>`);
  });
  assert.equal(error.code, 3, error.stderr);
  assert.match(error.stderr, /token \*\*\* or \*\*\* is not allowed/);

  const payload = example('list');
  payload.messages.msg[0].body.content = `Token ${UPPER} and ${BARE}`;
  const dryFile = join(dir, 'dry.json');
  writeFileSync(dryFile, JSON.stringify(payload, null, 2));
  const dry = await runCliProcess(['send', dryFile, '--dry-run', '--gateway', `${gateway.url}?t=${BARE}&u=${UPPER}`], { env: { CM_PRODUCT_TOKEN: TOKEN, TMPDIR: dir } });
  assert.equal(dry.code, 0, dry.stderr);
  const shown = dry.stdout + dry.stderr;
  assert.match(shown, /"content": "Token \*\*\* and \*\*\*"/);
  assert.match(shown, /\?t=\*\*\*&u=\*\*\*/);
  for (const form of [TOKEN, UPPER, BARE, BARE.toUpperCase()]) assert.ok(!shown.includes(form) && !shown.toLowerCase().includes(BARE.slice(0, 12)), shown);
});

/** The image example with its image on a media host that cannot be fetched (https to a plain server). */
function unreachableMediaFile(): string {
  const payload = example('reply-buttons-image');
  payload.messages.msg[0].richContent.conversation[0].interactive.header.media.mediaUri = `https://127.0.0.1:${(mediaHost.address() as AddressInfo).port}/x.jpg`;
  const path = join(dir, 'media.json');
  writeFileSync(path, JSON.stringify(payload, null, 2));
  return path;
}

test('--yes does not answer the media question: a media warning refuses (exit 1, nothing sent) unless --despite-media-warnings', async () => {
  const file = unreachableMediaFile();
  const refused = await send(file, undefined, ['--yes']);
  assert.equal(refused.code, 1, refused.stderr);
  assert.equal(refused.requests, 0);
  assert.match(refused.stderr, /warning SEND-MEDIA-REACHABLE .*could not be fetched/);
  assert.match(refused.stderr, /Not sent: a media check warned \(SEND-MEDIA-REACHABLE\)\. Add --despite-media-warnings to send anyway\./);

  const sent = await send(file, undefined, ['--yes', '--despite-media-warnings']);
  assert.equal(sent.code, 0, sent.stderr);
  assert.equal(sent.requests, 1);
  assert.match(sent.stderr, /warning SEND-MEDIA-REACHABLE/);
  assert.match(sent.stdout, /^Accepted for 1 of 1 recipient\./);
});

test('the usage text names --despite-media-warnings', async () => {
  const { stdout } = await runCliProcess(['--help']);
  assert.match(stdout, /\[--despite-media-warnings\]/);
  assert.match(stdout, /--yes alone refuses \(exit 1, nothing sent\): add\s+--despite-media-warnings to send anyway/);
});
