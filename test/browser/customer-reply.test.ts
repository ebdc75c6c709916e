/**
 * The customer's side of the preview in real Chromium: a tap adds the customer's reply bubble
 * and shows the webhook CM would post (the standalone page and the VS Code webview); what the
 * webview hands the extension reaches a loopback webhook exactly, once per tap; hostile text
 * stays text. Screenshots in test-output/customer-reply/.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { ToWebview } from '../../client/src/preview/protocol';
import { validateText } from '../../shared/core/index';
import { mediaAssets, standaloneHtml, toPreviewDiagnostics } from '../../shared/render/standalone-html';
import { buildInboundWebhook, tapTargets } from '../../shared/webhook/inbound';
import { describeOutcome, postWebhook } from '../../shared/webhook/post';
import { launchChromium, outputDir, webviewPage } from '../helpers/browser';
import { example, mutated, ROOT, type Payload } from '../helpers/payloads';
import { assertValidWebhook, LoopbackWebhook } from '../helpers/webhook';

let browser: Browser;
let bot: LoopbackWebhook;
const assets = mediaAssets(join(ROOT, 'media'));
const shots = outputDir('customer-reply');
const NOW = new Date('2026-03-03T09:15:00Z');

before(async () => {
  browser = await launchChromium();
  bot = await new LoopbackWebhook().start();
});
after(async () => {
  await browser?.close();
  await bot?.stop();
});

/** A page at a fixed time in Amsterdam; fails the test on any script error. */
async function newPage(dark = false): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 460, height: 1000 }, colorScheme: dark ? 'dark' : 'light', timezoneId: 'Europe/Amsterdam' });
  await page.clock.setFixedTime(NOW);
  await page.route(/^https?:\/\//, (route) => route.abort());
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, errors };
}

/** The standalone page of `cm-interactive render` for `payload`. */
async function standalone(payload: Payload, options: { dark?: boolean; file?: string } = {}) {
  const { page, errors } = await newPage(options.dark);
  await page.setContent(standaloneHtml(validateText(JSON.stringify(payload)), options.file ?? 'payload.json', assets), { waitUntil: 'load' });
  return { page, errors };
}

const panelJson = async (page: Page) => JSON.parse((await page.locator('.cm-webhook-json').textContent())!);
const texts = (page: Page, selector: string) => page.locator(selector).allTextContents();

/** What the page should show for `choice`: the builder's webhook at NOW, its random reference aside. */
function expected(payload: Payload, choice: string, customer: { customerNumber?: string; customerName?: string } = {}) {
  const target = tapTargets(payload).find((t) => t.choice === choice)!;
  return buildInboundWebhook({ payload, target, now: NOW, ...customer })!;
}

function withoutRandom(webhook: any, payload: Payload) {
  const copy = structuredClone(webhook);
  delete copy.reference;
  if (!payload.messages.msg[0].reference) delete copy.messageContext;
  return copy;
}

describe('a tap in the preview: the reply bubble and the webhook', () => {
  test('a list row: sent, the sheet closes, the customer bubble quotes the message, the panel shows the webhook', async () => {
    const payload = example('list');
    const { page, errors } = await standalone(payload, { file: 'list.json' });
    await page.click('.wa-list-button');
    await page.locator('.wa-row').nth(1).click();
    assert.equal(await page.locator('.wa-sheet').isVisible(), false, 'the sheet closes once the row is sent');
    assert.equal(await page.locator('.wa-row').nth(1).evaluate((e) => e.classList.contains('wa-selected')), true);
    const bubble = page.locator('.wa-out');
    assert.equal(await bubble.count(), 1);
    assert.equal(await bubble.locator('.wa-quote-author').textContent(), '00316098765432');
    assert.match((await bubble.locator('.wa-quote-text').textContent())!, /^Hi Anna! Pick a time slot/);
    assert.equal(await bubble.locator('.wa-out-text').textContent(), '14:00 – 14:45');
    assert.equal(await bubble.locator('.wa-out-description').textContent(), 'Mechanic: Sanne');
    assert.equal(await bubble.locator('.wa-time').textContent(), '10:15 ✓✓');
    // On the right, in WhatsApp's outgoing green.
    const box = await bubble.boundingBox();
    const chat = await page.locator('.wa-chat').boundingBox();
    assert.ok(box!.x + box!.width > chat!.x + chat!.width - 30, 'right-aligned');
    assert.equal(await bubble.locator('.wa-bubble').evaluate((e) => getComputedStyle(e).backgroundColor), 'rgb(217, 253, 211)');

    assert.equal(await page.locator('.cm-status').textContent(), 'Customer tapped list_reply "slot-0303-1400" (14:00 – 14:45)');
    assert.equal(await page.locator('.cm-webhook-title').textContent(), 'Webhook CM would POST · list_reply "slot-0303-1400" (14:00 – 14:45)');
    const webhook = await panelJson(page);
    assertValidWebhook(webhook);
    assert.deepEqual(withoutRandom(webhook, payload), withoutRandom(expected(payload, 'slot-0303-1400'), payload));
    assert.equal(webhook.timeUtc, '2026-03-03T09:15:00');
    assert.equal(await page.locator('.cm-webhook-cli').textContent(), 'CLI: cm-interactive reply list.json --choose slot-0303-1400 --webhook URL');
    // The standalone page cannot post: no such button.
    assert.equal(await page.locator('.cm-webhook-post').count(), 0);
    await page.screenshot({ path: join(shots, 'list-reply-light.png') });
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('reply buttons: each tap is a new bubble and a new webhook (new reference); Clear chat empties the chat', async () => {
    const payload = example('reply-buttons');
    const { page, errors } = await standalone(payload);
    await page.locator('.wa-reply').nth(0).click();
    const first = await panelJson(page);
    await page.locator('.wa-reply').nth(2).click();
    const second = await panelJson(page);
    assert.deepEqual(await texts(page, '.wa-out .wa-out-text'), ["Yes, I'm home", 'Reschedule']);
    assert.equal(second.message.custom.interactive.button_reply.id, 'delivery-reschedule');
    assert.notEqual(first.reference, second.reference);
    for (const webhook of [first, second]) assertValidWebhook(webhook);
    await page.click('.cm-webhook-clear');
    assert.equal(await page.locator('.wa-out').count(), 0);
    assert.equal(await page.locator('.cm-webhook').isVisible(), false);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("a flow's CTA: the completed flow, with the note that nfm_reply follows Meta's format", async () => {
    const payload = example('flow');
    const { page, errors } = await standalone(payload);
    await page.click('.wa-flow');
    const webhook = await panelJson(page);
    assertValidWebhook(webhook);
    assert.equal(webhook.message.custom.interactive.type, 'nfm_reply');
    assert.equal(JSON.parse(webhook.message.custom.interactive.nfm_reply.response_json).flow_token, 'survey-2026-03-anna');
    assert.match((await page.locator('.cm-webhook-notes').textContent())!, /nfm_reply follows Meta's format: CM does not publish its own/);
    assert.equal(await page.locator('.wa-out .wa-out-text').textContent(), 'Sent');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("Send location: a location bubble and CM's location message", async () => {
    for (const dark of [false, true]) {
      const payload = example('location-request');
      const { page, errors } = await standalone(payload, { dark });
      await page.click('.wa-location');
      const webhook = await panelJson(page);
      assertValidWebhook(webhook);
      assert.deepEqual(webhook.message.custom, { location: { latitude: 51.603802, longitude: 4.770821, label: 'CM HQ', searchQuery: 'Konijnenberg 30' } });
      assert.equal(await page.locator('.wa-out .wa-place-label').textContent(), 'CM HQ');
      assert.equal(await page.locator('.wa-out .wa-place-address').textContent(), 'Konijnenberg 30');
      assert.equal(await page.locator('.wa-out .wa-quote').count(), 0);
      await page.screenshot({ path: join(shots, `location-reply-${dark ? 'dark' : 'light'}.png`) });
      assert.deepEqual(errors, []);
      await page.close();
    }
  });

  test('a URL button and the call permission buttons say why nothing is posted; no bubble, no navigation', async () => {
    const cta = await standalone(example('cta-url'));
    const url = cta.page.url();
    await cta.page.click('.wa-cta');
    assert.equal(cta.page.url(), url);
    assert.equal(await cta.page.locator('.cm-webhook-notes').textContent(), 'Opening a URL button sends no webhook: WhatsApp opens the link in the browser, and your bot is told nothing.');
    assert.equal(await cta.page.locator('.cm-webhook-json').isVisible(), false);
    assert.equal(await cta.page.locator('.cm-webhook-copy').isVisible(), false);
    assert.equal(await cta.page.locator('.wa-out').count(), 0);
    await cta.page.close();
    const call = await standalone(example('call-permission-request'));
    await call.page.click('.wa-call-allow');
    assert.match((await call.page.locator('.cm-webhook-notes').textContent())!, /CM does not publish how it forwards a call permission reply/);
    assert.equal(await call.page.locator('.cm-webhook-title').textContent(), 'call permission: Allow calls');
    assert.deepEqual([...cta.errors, ...call.errors], []);
    await call.page.close();
  });

  test('a fourth button (not shown by WhatsApp) and a payload with errors are named in the panel', async () => {
    const payload = mutated('reply-buttons', (i) => i.action.buttons.push({ type: 'reply', reply: { id: 'four', title: 'Four' } }));
    const { page, errors } = await standalone(payload);
    await page.locator('.wa-reply').nth(3).click();
    const notes = await texts(page, '.cm-webhook-notes > div');
    assert.ok(notes.includes('WhatsApp does not show this choice (it is over the limit), so no customer can tap it.'), notes.join('\n'));
    assert.ok(notes.some((n) => /The payload has 1 error: CM would reject the message/.test(n)), notes.join('\n'));
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('hostile titles stay text in the bubble, the panel and the command line', async () => {
    const evil = `<img src=x onerror="window.__pwned=1">'; rm -rf ~`;
    const payload = mutated('reply-buttons', (i) => {
      i.action.buttons[0].reply.title = evil;
      i.action.buttons[0].reply.id = evil;
    });
    const { page, errors } = await standalone(payload);
    await page.locator('.wa-reply').first().click();
    assert.equal(await page.locator('.wa-out .wa-out-text').textContent(), evil);
    assert.equal(await page.locator('.wa-out img, .cm-webhook img').count(), 0);
    assert.equal((await panelJson(page)).message.custom.interactive.button_reply.id, evil);
    assert.equal(await page.locator('.cm-webhook-cli').textContent(), `CLI: cm-interactive reply payload.json --choose '<img src=x onerror="window.__pwned=1">'\\''; rm -rf ~' --webhook URL`);
    assert.equal(await page.evaluate(() => (window as any).__pwned), undefined);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('Copy on the standalone page (opened from disk, as `render` writes it) puts the JSON on the clipboard', async () => {
    const { page, errors } = await newPage();
    const path = join(shots, 'copy.html');
    writeFileSync(path, standaloneHtml(validateText(JSON.stringify(example('reply-buttons'))), 'copy.json', assets));
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(pathToFileURL(path).href);
    await page.locator('.wa-reply').first().click();
    await page.click('.cm-webhook-copy');
    await page.waitForFunction(() => document.querySelector('.cm-webhook-copy')?.textContent !== 'Copy');
    assert.equal(await page.locator('.cm-webhook-copy').textContent(), 'Copied');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await page.locator('.cm-webhook-json').textContent());
    await page.close();
    // Where there is no clipboard (no secure context), the JSON is selected for Ctrl+C.
    const blank = await standalone(example('reply-buttons'));
    await blank.page.locator('.wa-reply').first().click();
    await blank.page.click('.cm-webhook-copy');
    await blank.page.waitForFunction(() => document.querySelector('.cm-webhook-copy')?.textContent !== 'Copy');
    assert.equal(await blank.page.locator('.cm-webhook-copy').textContent(), 'Selected: press Ctrl+C');
    assert.equal(await blank.page.evaluate(() => getSelection()?.toString()), await blank.page.locator('.cm-webhook-json').textContent());
    assert.deepEqual([...errors, ...blank.errors], []);
    await blank.page.close();
  });
});

const URI = 'file:///work/list.json';

/** The webview with its fake VS Code API, an update and the customer settings delivered. */
async function webview(payload: Payload, settings: Partial<{ number: string; name: string; webhookUrl: string; postTaps: boolean }> = {}) {
  const { page, errors } = await newPage();
  await page.setContent(webviewPage(), { waitUntil: 'load' });
  const deliver = (message: ToWebview) => page.evaluate((data) => window.dispatchEvent(new MessageEvent('message', { data })), message);
  const linted = validateText(JSON.stringify(payload));
  await deliver({ type: 'update', uri: URI, epoch: 0, version: 1, value: linted.document.value, diagnostics: toPreviewDiagnostics(linted.diagnostics), dark: false });
  await deliver({ type: 'customer', uri: URI, settings: { number: '', name: '', webhookUrl: '', postTaps: false, ...settings } });
  const posted = () => page.evaluate(() => (window as any).posted as any[]);
  return { page, errors, deliver, posted };
}

describe('the webview hands each tap to the extension, which posts it', () => {
  test('the customer settings are used; Copy and Post go to the extension; the answer shows in the panel', async () => {
    const payload = example('list');
    const { page, errors, deliver, posted } = await webview(payload, { number: '0044 7700 900123', name: 'Anna', webhookUrl: bot.url });
    await page.click('.wa-list-button');
    await page.locator('.wa-row').first().click();
    const shown = await panelJson(page);
    assert.deepEqual(shown.from, { number: '+447700900123', name: 'Anna' });
    assert.deepEqual(withoutRandom(shown, payload), withoutRandom(expected(payload, 'slot-0303-0900', { customerNumber: '+447700900123', customerName: 'Anna' }), payload));
    const reply = (await posted()).find((m) => m.type === 'customerReply');
    assert.deepEqual(reply, { type: 'customerReply', uri: URI, tap: 1, summary: 'list_reply "slot-0303-0900" (09:00 – 09:45)', webhook: shown });
    assert.equal(await page.locator('.cm-webhook-cli').textContent(), `CLI: cm-interactive reply list.json --choose slot-0303-0900 --webhook ${bot.url}`);

    await page.click('.cm-webhook-copy');
    assert.deepEqual((await posted()).find((m) => m.type === 'copy'), { type: 'copy', text: JSON.stringify(shown, null, 2) });
    await page.click('.cm-webhook-post');
    assert.deepEqual((await posted()).find((m) => m.type === 'postWebhook'), { ...reply, type: 'postWebhook' });
    assert.equal(await page.locator('.cm-webhook-result').textContent(), `Posting to ${bot.url}…`);

    // The extension's answer, for this tap; an answer for another tap is not shown.
    await deliver({ type: 'webhookResult', uri: URI, tap: 7, delivered: false, lines: ['stale'] });
    assert.equal(await page.locator('.cm-webhook-result').textContent(), `Posting to ${bot.url}…`);
    await deliver({ type: 'webhookResult', uri: URI, tap: 1, delivered: true, lines: ['200 OK in 3 ms', 'Answer: {"ok":true}'] });
    assert.deepEqual(await texts(page, '.cm-webhook-result > div'), ['200 OK in 3 ms', 'Answer: {"ok":true}']);
    assert.equal(await page.locator('.cm-webhook-result').evaluate((e) => e.classList.contains('cm-webhook-delivered')), true);
    await page.screenshot({ path: join(shots, 'webview-list-reply-posted.png') });
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a loopback webhook receives exactly the JSON of each tap, once per tap', async () => {
    const payload = example('reply-buttons');
    const { page, errors, posted } = await webview(payload, { webhookUrl: bot.url, postTaps: true });
    const before = bot.received.length;
    const shownJson: unknown[] = [];
    for (const index of [0, 2, 2, 1]) {
      await page.locator('.wa-reply').nth(index).click();
      shownJson.push(await panelJson(page));
      assert.equal(await page.locator('.cm-webhook-result').textContent(), `Posting to ${bot.url}…`, 'postTaps: the panel says it is posting');
    }
    // What the extension does with each customerReply when cmInteractive.webhook.postTaps is on (preview-panel.ts).
    const replies = (await posted()).filter((m) => m.type === 'customerReply');
    assert.deepEqual(replies.map((m) => m.tap), [1, 2, 3, 4]);
    for (const message of replies) {
      const report = describeOutcome(await postWebhook({ url: bot.url, body: message.webhook }), bot.url);
      assert.equal(report.delivered, true, report.headline);
    }
    const received = bot.received.slice(before);
    assert.equal(received.length, 4, 'one POST per tap');
    assert.deepEqual(received.map((r) => JSON.parse(r.body)), shownJson);
    assert.equal(new Set(received.map((r) => JSON.parse(r.body).reference)).size, 4, 'each tap is its own inbound message');
    for (const body of shownJson) assertValidWebhook(body);
    assert.deepEqual(await texts(page, '.wa-out .wa-out-text'), ["Yes, I'm home", 'Reschedule', 'Reschedule', 'Leave at neighbour']);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('screenshots: a list reply in the dark theme', async () => {
    const { page, errors } = await standalone(example('list'), { dark: true, file: 'list.json' });
    await page.click('.wa-list-button');
    await page.locator('.wa-row').nth(1).click();
    assert.equal(await page.locator('.wa-out .wa-bubble').evaluate((e) => getComputedStyle(e).backgroundColor), 'rgb(0, 92, 75)');
    await page.screenshot({ path: join(shots, 'list-reply-dark.png') });
    assert.deepEqual(errors, []);
    await page.close();
  });
});
