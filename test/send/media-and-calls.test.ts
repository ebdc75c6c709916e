/** SEND-MEDIA-REACHABLE against a loopback media server, and CALL-RATE over a send history. */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { callPermissionTargets, callRateProblems, emptyHistory, recordConnectedCall, recordSends } from '../../shared/send/call-history';
import { checkMedia, mediaReferences } from '../../shared/send/media-check';
import { freePort } from '../helpers/net';
import { example } from '../helpers/payloads';

let server: Server;
let base: string;
const heads: string[] = [];

before(async () => {
  server = createServer((request, response) => {
    heads.push(`${request.method} ${request.url}`);
    const routes: Record<string, () => void> = {
      '/ok.jpg': () => response.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': '1000' }).end(),
      '/huge.jpg': () => response.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': String(6 * 1024 * 1024) }).end(),
      '/page.jpg': () => response.writeHead(200, { 'Content-Type': 'text/html' }).end(),
      '/no-head.mp4': () =>
        request.method === 'HEAD'
          ? response.writeHead(405).end()
          : response.writeHead(206, { 'Content-Type': 'video/mp4', 'Content-Range': 'bytes 0-0/20000000' }).end('x'),
      '/gone.pdf': () => response.writeHead(404).end(),
    };
    (routes[request.url ?? ''] ?? (() => response.writeHead(404).end()))();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

function withMedia(kind: string, uri: string) {
  const payload = example('reply-buttons-image');
  payload.messages.msg[0].richContent.conversation[0].interactive.header = { type: kind, media: { mediaName: 'x', mediaUri: uri, mimeType: 'x' } };
  return mediaReferences(payload);
}

test('reachable media of the right type and size passes', async () => {
  assert.deepEqual(await checkMedia(withMedia('image', `${base}/ok.jpg`)), []);
  assert.ok(heads.includes('HEAD /ok.jpg'));
});

test('too big, wrong type, 404 and unreachable media are reported with the reason', async () => {
  const [huge] = await checkMedia(withMedia('image', `${base}/huge.jpg`));
  assert.match(huge.message, /is 6\.0 MB; WhatsApp allows at most 5 MB for an image/);
  assert.equal(huge.path, '/messages/msg/0/richContent/conversation/0/interactive/header/media/mediaUri');
  const [page] = await checkMedia(withMedia('image', `${base}/page.jpg`));
  assert.match(page.message, /served as "text\/html", which does not fit an image header/);
  const [gone] = await checkMedia(withMedia('document', `${base}/gone.pdf`));
  assert.match(gone.message, /answered HTTP 404; CM would drop the message/);
  const port = await freePort();
  const [refused] = await checkMedia(withMedia('image', `http://127.0.0.1:${port}/x.jpg`));
  assert.match(refused.message, /could not be fetched \(ECONNREFUSED: the connection was refused/);
});

test('a server without HEAD is asked with a one-byte ranged GET; the size comes from Content-Range', async () => {
  const [video] = await checkMedia(withMedia('video', `${base}/no-head.mp4`));
  assert.match(video.message, /is 19\.1 MB; WhatsApp allows at most 16 MB for a video/);
  assert.ok(heads.includes('GET /no-head.mp4'));
});

test('call permission requests: 1 per 24 h and 2 per 7 days, reset by a connected call', () => {
  const targets = callPermissionTargets(example('call-permission-request'));
  assert.deepEqual(targets, [{ business: '00316098765432', recipient: '00316012345678' }]);
  assert.deepEqual(callPermissionTargets(example('list')), []);
  const hour = 60 * 60 * 1000;
  const start = Date.UTC(2026, 10, 1);
  let history = emptyHistory();
  assert.deepEqual(callRateProblems(history, targets, start), []);
  history = recordSends(history, targets, start);
  assert.match(callRateProblems(history, targets, start + 2 * hour)[0], /already sent in the last 24 hours/);
  assert.deepEqual(callRateProblems(history, targets, start + 25 * hour), []);
  history = recordSends(history, targets, start + 25 * hour);
  assert.match(callRateProblems(history, targets, start + 50 * hour)[0], /2 call permission requests were already sent in the last 7 days/);
  assert.deepEqual(callRateProblems(history, targets, start + 8 * 24 * hour), []);
  history = recordConnectedCall(history, targets, start + 26 * hour);
  assert.deepEqual(callRateProblems(history, targets, start + 27 * hour), []);
});
