/**
 * The WhatsApp renderer in real headless Chromium: every kind renders (DOM asserted,
 * screenshots saved light and dark), violations are outlined, clicks give postbacks,
 * and hostile payload text stays inert.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { validateText } from '../../server/src/core/index';
import { standaloneHtml, mediaAssets, toPreviewDiagnostics } from '../../server/src/render-html';
import type { ToWebview } from '../../client/src/preview/protocol';
import { launchChromium, outputDir, webviewPage } from '../helpers/browser';
import { example, KINDS, mutated, ROOT, type Payload } from '../helpers/payloads';

let browser: Browser;
const assets = mediaAssets(join(ROOT, 'media'));
const shots = outputDir('preview');
const IMAGE = readFileSync(join(ROOT, 'images', 'icon.png'));

before(async () => (browser = await launchChromium()));
after(async () => browser?.close());

async function open(payloadOrText: Payload | string, options: { dark?: boolean } = {}): Promise<Page> {
  const text = typeof payloadOrText === 'string' ? payloadOrText : JSON.stringify(payloadOrText, null, 2);
  const page = await browser.newPage({ viewport: { width: 460, height: 900 }, colorScheme: options.dark ? 'dark' : 'light' });
  // Tests reach nothing but loopback: https images are answered here (…/missing.* fails like a 404).
  await page.route(/^https?:\/\//, (route) =>
    /\/missing\.[a-z]+$/.test(route.request().url()) ? route.abort() : route.fulfill({ contentType: 'image/png', body: IMAGE }),
  );
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.setContent(standaloneHtml(validateText(text), 'test', assets), { waitUntil: 'load' });
  assert.deepEqual(errors, [], 'no script errors');
  return page;
}

const texts = (page: Page, selector: string) => page.locator(selector).allTextContents();

describe('every kind renders as WhatsApp shows it', () => {
  test('list: header, formatted body, footer, menu button opening the bottom sheet, row postback', async () => {
    const page = await open(example('list'));
    assert.deepEqual(await texts(page, '.wa-header-text'), ['Book your appointment']);
    assert.equal(await page.locator('.wa-body strong').textContent(), 'Fietsenmaker Centrum');
    assert.deepEqual(await texts(page, '.wa-footer'), ['Reply STOP to opt out']);
    assert.equal(await page.locator('.wa-list-button .wa-action-label').textContent(), 'View time slots');
    assert.equal(await page.locator('.wa-sheet').isVisible(), false);
    await page.click('.wa-list-button');
    assert.equal(await page.locator('.wa-sheet').isVisible(), true);
    assert.deepEqual(await texts(page, '.wa-section-title'), ['Tuesday 3 March', 'Wednesday 4 March']);
    assert.deepEqual(await texts(page, '.wa-row-title'), ['09:00 – 09:45', '14:00 – 14:45', '10:00 – 10:45', '16:00 – 16:45']);
    assert.equal(await page.locator('.wa-radio').count(), 4);
    await page.locator('.wa-row').nth(1).click();
    assert.equal(await page.locator('.cm-status').textContent(), 'Postback list_reply: id "slot-0303-1400", title "14:00 – 14:45"');
    await page.screenshot({ path: join(shots, 'list-sheet-light.png'), fullPage: true });
    await page.close();
  });

  test('reply buttons: three buttons under the bubble, each gives its postback', async () => {
    const page = await open(example('reply-buttons'));
    assert.deepEqual(await texts(page, '.wa-reply'), ["Yes, I'm home", 'Leave at neighbour', 'Reschedule']);
    await page.locator('.wa-reply').nth(2).click();
    assert.equal(await page.locator('.cm-status').textContent(), 'Postback reply: id "delivery-reschedule", title "Reschedule"');
    await page.close();
  });

  test('media headers: image from https, video poster with play icon, document card', async () => {
    const image = await open(example('reply-buttons-image'));
    assert.equal(await image.locator('img.wa-image').getAttribute('src'), 'https://example.com/images/spring-sale.jpg');
    assert.equal(await image.locator('img.wa-image').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), true);
    await image.close();
    const broken = await open(mutated('reply-buttons-image', (i) => (i.header.media.mediaUri = 'https://example.com/missing.jpg')));
    await broken.locator('.wa-media-missing').waitFor();
    assert.equal(await broken.locator('.wa-media-missing').textContent(), '🖼Image could not be loaded: https://example.com/missing.jpg');
    await broken.close();
    const video = await open(example('reply-buttons-video'));
    assert.equal(await video.locator('.wa-video .wa-play').count(), 1);
    assert.equal(await video.locator('.wa-video-name').textContent(), 'assembly-guide.mp4');
    await video.close();
    const document = await open(example('reply-buttons-document'));
    assert.equal(await document.locator('.wa-doc-name').textContent(), 'invoice-2026-0412.pdf');
    assert.equal(await document.locator('.wa-doc-type').textContent(), 'PDF');
    await document.close();
  });

  test('CTA: the button with the external-link icon shows its URL and never navigates', async () => {
    const page = await open(example('cta-url'));
    const cta = page.locator('.wa-cta');
    assert.equal(await cta.locator('.wa-action-label').textContent(), 'Open boarding pass');
    assert.equal(await cta.locator('.wa-action-icon').textContent(), '↗');
    assert.equal(await cta.getAttribute('title'), 'https://example.com/boarding/KL1234');
    const before = page.url();
    await cta.click();
    assert.equal(page.url(), before);
    assert.equal(await page.locator('a[href]').count(), 0);
    await page.close();
  });

  test('location request, flow and call permission request', async () => {
    const location = await open(example('location-request'));
    assert.equal(await location.locator('.wa-location .wa-action-label').textContent(), 'Send location');
    await location.close();
    const flow = await open(example('flow'));
    assert.equal(await flow.locator('.wa-flow .wa-action-label').textContent(), 'Start survey');
    await flow.close();
    const call = await open(example('call-permission-request'));
    assert.equal(await call.locator('.wa-call-card .wa-call-title').textContent(), 'Call permission request');
    assert.deepEqual(await texts(call, '.wa-call-choices .wa-action-label'), ['Allow calls', 'Not now']);
    await call.close();
  });

  test('the Dark toggle starts as the system scheme and switches the phone', async () => {
    for (const dark of [false, true]) {
      const page = await open(example('reply-buttons'), { dark });
      const toggle = page.locator('.cm-toolbar button', { hasText: 'Dark' });
      assert.equal(await toggle.getAttribute('aria-pressed'), String(dark));
      await toggle.click();
      assert.equal(await toggle.getAttribute('aria-pressed'), String(!dark));
      assert.equal(await page.locator('.cm-phone').evaluate((e) => e.classList.contains('wa-dark')), !dark);
      await page.close();
    }
  });

  test('screenshots of every example, light and dark', async () => {
    for (const kind of KINDS) {
      for (const dark of [false, true]) {
        const page = await open(example(kind), { dark });
        if (kind === 'list') await page.click('.wa-list-button');
        assert.equal(await page.locator('.cm-phone').evaluate((e) => e.classList.contains('wa-dark')), dark);
        const background = await page.locator('.wa-bubble').first().evaluate((e) => getComputedStyle(e).backgroundColor);
        assert.equal(background, dark ? 'rgb(32, 44, 51)' : 'rgb(255, 255, 255)');
        await page.locator('.cm-phone').screenshot({ path: join(shots, `${kind}-${dark ? 'dark' : 'light'}.png`) });
        await page.close();
      }
    }
  });
});

describe('violations are visible', () => {
  test('an over-long title is outlined, carries the message and shows where it is cut; extra buttons are struck', async () => {
    const payload = mutated('reply-buttons', (i) => {
      i.action.buttons[0].reply.title = 'Yes, deliver it to me!!';
      i.action.buttons.push({ type: 'reply', reply: { id: 'x', title: 'Fourth' } });
    });
    const page = await open(payload);
    const title = page.locator('.wa-reply-title').first();
    assert.equal(await title.evaluate((e) => e.classList.contains('wa-violation-error')), true);
    assert.match((await title.getAttribute('title'))!, /BTN-TITLE: Button title is 23 characters; WhatsApp allows at most 20/);
    assert.equal(await title.locator('.wa-over-limit').textContent(), 'e!!');
    assert.equal(await page.locator('.wa-reply').nth(3).evaluate((e) => e.classList.contains('wa-dropped')), true);
    assert.equal(await page.locator('.cm-summary').textContent(), '2 errors, 0 warnings');
    await page.screenshot({ path: join(shots, 'violations.png'), fullPage: true });
    await page.close();
  });

  test('a warning is outlined as a warning', async () => {
    const page = await open(mutated('cta-url', (i) => (i.action.buttons[0].url = 'http://example.com')));
    assert.equal(await page.locator('.wa-cta').evaluate((e) => e.classList.contains('wa-violation-warning')), true);
    await page.close();
  });

  test('a file with a syntax error shows an error banner over what still parses', async () => {
    const text = JSON.stringify(example('reply-buttons'), null, 2).replace('"allowedChannels"', '"allowedChannels" "oops",');
    const page = await open(text);
    assert.equal(await page.locator('.cm-banner').isVisible(), true);
    assert.match((await page.locator('.cm-banner').textContent())!, /^Line \d+: /);
    await page.close();
  });

  test('several msg entries are each labelled with their recipients; the SMS fallback toggles', async () => {
    const payload = example('location-request');
    const second = structuredClone(payload.messages.msg[0]);
    second.to = [{ number: '00316011111111' }, { number: '00316022222222' }];
    payload.messages.msg.push(second);
    const page = await open(payload);
    assert.deepEqual(await texts(page, '.wa-recipients'), ['Message 1 · To 00316012345678', 'Message 2 · To 00316011111111, 00316022222222']);
    assert.equal(await page.locator('.wa-sms').count(), 0);
    await page.click('text=SMS fallback');
    assert.deepEqual(await texts(page, '.wa-sms-text'), [payload.messages.msg[0].body.content, payload.messages.msg[0].body.content]);
    await page.close();
  });
});

describe('hostile payloads stay inert', () => {
  const attacks = [
    '<img src=x onerror="window.__xss=1">',
    '</script><script>window.__xss=2</script>',
    '<svg onload="window.__xss=3"></svg>',
    '"><iframe src="javascript:window.__xss=4"></iframe>',
    '</style><style>body{display:none}</style>',
    '*<b onmouseover="window.__xss=5">bold</b>*',
  ];

  test('every text field renders the markup as text and nothing executes', async () => {
    for (const attack of attacks) {
      const payload = mutated('reply-buttons-image', (i, p) => {
        i.body.text = attack;
        i.footer.text = attack;
        i.action.buttons[0].reply.title = attack;
        i.header.media.mediaName = attack;
        p.messages.msg[0].to[0].number = attack;
      });
      const page = await open(payload);
      assert.equal(await page.evaluate(() => (window as any).__xss), undefined, attack);
      assert.equal(await page.locator('iframe, svg, b, .wa-chat script, .wa-chat style').count(), 0, attack);
      assert.equal(await page.locator('.wa-body').textContent(), attack.replace(/^\*(.*)\*$/, '$1'));
      assert.equal(await page.locator('body').isVisible(), true);
      await page.close();
    }
  });

  test('javascript:, data: and http: URLs never become links or images', async () => {
    const payload = mutated('cta-url', (i) => {
      i.action.buttons[0].url = 'javascript:window.__xss=6';
      i.header = { type: 'image', media: { mediaName: 'a.png', mediaUri: 'javascript:window.__xss=7', mimeType: 'image/png' } };
      i.body.text = 'see javascript:alert(1) and data:text/html,<script>window.__xss=8</script>';
    });
    const page = await open(payload);
    await page.click('.wa-cta');
    assert.equal(await page.evaluate(() => (window as any).__xss), undefined);
    assert.equal(await page.locator('img').count(), 0);
    assert.equal(await page.locator('a').count(), 0);
    assert.match((await page.locator('.wa-media-missing').textContent())!, /not an https: URL/);
    await page.close();
  });

  test('the page has a strict CSP with a nonce and no inline handlers', async () => {
    const html = standaloneHtml(validateText(JSON.stringify(example('list'))), 'x', assets);
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1];
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-[A-Za-z0-9+/=]{20,}'/);
    assert.match(csp, /img-src https:/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.doesNotMatch(html, /\son[a-z]+=/i);
    // And the browser enforces it: an injected inline script is refused.
    const page = await open(example('list'));
    const ran = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inline = 1';
      document.body.appendChild(s);
      return (window as any).__inline;
    });
    assert.equal(ran, undefined);
    await page.close();
  });
});

describe('the VS Code webview script', () => {
  test('says ready, renders updates, keeps the last good render under a syntax error, posts selections', async () => {
    const page = await browser.newPage({ viewport: { width: 460, height: 900 } });
    await page.route(/^https?:\/\//, (route) => route.abort());
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.setContent(webviewPage(), { waitUntil: 'load' });
    const posted = () => page.evaluate(() => (window as any).posted as { type: string }[]);
    const deliver = (message: ToWebview) => page.evaluate((data) => window.dispatchEvent(new MessageEvent('message', { data })), message);
    assert.deepEqual(await posted(), [{ type: 'ready' }]);

    const uri = 'file:///work/buttons.json';
    const linted = validateText(JSON.stringify(mutated('reply-buttons', (i) => (i.body.text = 'First version'))));
    await deliver({ type: 'update', uri, epoch: 0, version: 1, value: linted.document.value, diagnostics: toPreviewDiagnostics(linted.diagnostics), dark: false });
    assert.match((await page.locator('.wa-body').textContent())!, /First version/);
    assert.equal(await page.locator('.cm-banner').isVisible(), false);

    await deliver({ type: 'update', uri, epoch: 0, version: 2, value: undefined, syntaxError: 'Line 3: Comma expected', diagnostics: [], dark: true });
    assert.equal(await page.locator('.cm-banner').textContent(), 'Line 3: Comma expected — showing the last version that parsed.');
    assert.match((await page.locator('.wa-body').textContent())!, /First version/);
    assert.equal(await page.locator('.cm-phone').evaluate((e) => e.classList.contains('wa-dark')), true);

    await page.click('.wa-body');
    const select = (await posted()).find((m) => m.type === 'select');
    assert.deepEqual(select, { type: 'select', uri, pointer: '/messages/msg/0/richContent/conversation/0/interactive/body/text' });
    assert.deepEqual(errors, []);
    await page.close();
  });
});
