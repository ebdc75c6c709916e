/**
 * `render --png` takes the page offline: Chromium runs with --no-sandbox, so it fetches
 * nothing, and a media host that never answers does not hold the PNG back.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runCliProcess } from '../helpers/cli';
import { example } from '../helpers/payloads';

const dir = mkdtempSync(join(tmpdir(), 'cm-render-offline-'));
const sockets = new Set<Socket>();
let connections = 0;
// Accepts connections and never says a word: the media host that hangs.
const silent = createServer((socket) => {
  connections++;
  sockets.add(socket);
});

before(() => new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve)));
after(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

test('an image on a host that never answers: the PNG is still written, and the host was never contacted', async () => {
  const { port } = silent.address() as { port: number };
  const payload = example('reply-buttons-image');
  payload.messages.msg[0].richContent.conversation[0].interactive.header.media.mediaUri = `https://127.0.0.1:${port}/sale.jpg`;
  const file = join(dir, 'image.json');
  writeFileSync(file, JSON.stringify(payload, null, 2));
  const png = join(dir, 'image.png');
  const { code, stdout, stderr } = await runCliProcess(['render', file, '--png', png], { cwd: dir });
  assert.equal(code, 0, stderr);
  assert.equal(stdout, `Wrote ${png}\n`);
  assert.deepEqual([...readFileSync(png).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  assert.equal(connections, 0);
});
