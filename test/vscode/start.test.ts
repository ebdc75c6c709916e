/** `npm start` for a new user: it prints the URL, the workbench answers, the demo gateway accepts a send. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { freePort } from '../helpers/net';
import { ROOT } from '../helpers/payloads';


test('npm start serves VS Code with the examples and a local gateway', { timeout: 300_000 }, async () => {
  const [port, gatewayPort] = [await freePort(), await freePort()];
  const child = spawn('npm', ['start'], { cwd: ROOT, env: { ...process.env, PORT: String(port), GATEWAY_PORT: String(gatewayPort) }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output}`)), 280_000);
      child.stdout.on('data', () => {
        const match = /Open (http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.on('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
    });
    assert.match(url, new RegExp(`^http://127\\.0\\.0\\.1:${port}/\\?folder=.*examples`));
    const page = await fetch(url);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<html/i);
    const answer = await fetch(`http://127.0.0.1:${gatewayPort}/v1.0/message`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CM-PRODUCTTOKEN': '00000000-0000-0000-0000-000000000000' },
      body: JSON.stringify({ messages: { msg: [{ from: '00316098765432', to: [{ number: '00316012345678' }], body: { type: 'auto', content: 'x' } }] } }),
    });
    assert.equal((await answer.json()).errorCode, 0);
  } finally {
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
  }
});
