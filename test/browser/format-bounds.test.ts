/**
 * WhatsApp formatting of very long texts: thousands of `*a*` spans in a row render (in
 * process, in the standalone page and in the webview) instead of overflowing the stack.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { validateText } from '../../shared/core/index';
import { mediaAssets, standaloneHtml, toPreviewDiagnostics } from '../../shared/render/standalone-html';
import { formatWhatsApp } from '../../shared/render/whatsapp-format';
import type { ToWebview } from '../../client/src/preview/protocol';
import { launchChromium, webviewPage } from '../helpers/browser';
import { example, ROOT } from '../helpers/payloads';

/** The few DOM calls the formatter makes, enough to run it in Node. */
class FakeNode {
  readonly children: FakeNode[] = [];
  className = '';
  title = '';
  textContent = '';
  constructor(readonly tag: string, readonly text = '') {}
  appendChild(child: FakeNode): FakeNode {
    this.children.push(child);
    return child;
  }
}
const fakeDocument = {
  createDocumentFragment: () => new FakeNode('#fragment'),
  createElement: (tag: string) => new FakeNode(tag),
  createTextNode: (text: string) => new FakeNode('#text', text),
} as unknown as Document;

/** A payload whose conversation has a text item after the interactive one. */
function withText(text: string) {
  const payload = example('reply-buttons');
  payload.messages.msg[0].richContent.conversation.push({ text });
  return payload;
}

test('in process: 100,000 spans in a row are formatted without recursion, nesting still works', () => {
  const fragment = formatWhatsApp(fakeDocument, '*a* '.repeat(100_000)) as unknown as FakeNode;
  const strong = fragment.children.filter((node) => node.tag === 'strong');
  assert.equal(strong.length, 100_000);
  assert.equal(strong[99_999].children[0].text, 'a');
  const nested = formatWhatsApp(fakeDocument, 'x *bold _both_* `*code*` y') as unknown as FakeNode;
  assert.deepEqual(
    nested.children.map((node) => node.tag),
    ['#text', 'strong', '#text', 'code', '#text'],
  );
  assert.deepEqual(nested.children[1].children.map((node) => node.tag), ['#text', 'em']);
});

let browser: Browser;
before(async () => (browser = await launchChromium()));
after(async () => browser?.close());

test('the standalone page renders 10,000 bold spans in a conversation text (it passes lint)', async () => {
  const text = JSON.stringify(withText('*a* '.repeat(10_000)));
  const result = validateText(text);
  assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error'), []);
  const page = await browser.newPage();
  await page.route(/^https?:\/\//, (route) => route.abort());
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.setContent(standaloneHtml(result, 'long', mediaAssets(join(ROOT, 'media'))), { waitUntil: 'load' });
  assert.deepEqual(errors, []);
  assert.equal(await page.locator('[data-pointer$="/conversation/1/text"] strong').count(), 10_000);
  await page.close();
});

test('the webview renders 20,000 spans (7,000 overflowed a smaller stack) as an update, replacing the previous render', async () => {
  const page = await browser.newPage();
  await page.route(/^https?:\/\//, (route) => route.abort());
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.setContent(webviewPage(), { waitUntil: 'load' });
  const deliver = (payload: unknown, version: number) => {
    const linted = validateText(JSON.stringify(payload));
    const message: ToWebview = { type: 'update', uri: 'file:///long.json', epoch: 0, version, value: linted.document.value, diagnostics: toPreviewDiagnostics(linted.diagnostics), dark: false };
    return page.evaluate((data) => window.dispatchEvent(new MessageEvent('message', { data })), message);
  };
  await deliver(withText('first version'), 1);
  assert.equal(await page.locator('.wa-body', { hasText: 'first version' }).count(), 1);
  await deliver(withText('*a* '.repeat(20_000)), 2);
  assert.deepEqual(errors, []);
  assert.equal(await page.locator('.wa-body', { hasText: 'first version' }).count(), 0);
  assert.equal(await page.locator('[data-pointer$="/conversation/1/text"] strong').count(), 20_000);
  assert.equal(await page.locator('.cm-banner').isVisible(), false);
  await page.close();
});
