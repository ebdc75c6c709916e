/**
 * The WhatsApp renderer in real headless Chromium: every kind renders (DOM asserted,
 * screenshots saved light and dark), violations are outlined, clicks give postbacks,
 * hostile payload text stays inert, and an update patches the open preview in place.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { validateText } from '../../shared/core/index';
import { standaloneHtml, mediaAssets, toPreviewDiagnostics } from '../../shared/render/standalone-html';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticsFeed } from '../../client/src/preview/diagnostics-feed';
import { DIAGNOSTICS_WAIT_MS, PreviewSync, THROTTLE_MS } from '../../client/src/preview/preview-sync';
import type { ToWebview } from '../../client/src/preview/protocol';
import { LanguageService } from '../../server/src/service';
import { launchChromium, outputDir, webviewPage } from '../helpers/browser';
import { FakeClock } from '../helpers/fake-clock';
import { example, KINDS, mutated, ROOT, type Kind, type Payload } from '../helpers/payloads';

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
    await page.screenshot({ path: join(shots, 'list-sheet-light.png'), fullPage: true });
    await page.locator('.wa-row').nth(1).click();
    assert.equal(await page.locator('.cm-status').textContent(), 'Customer tapped list_reply "slot-0303-1400" (14:00 – 14:45)');
    await page.close();
  });

  test('reply buttons: three buttons under the bubble, each gives its postback', async () => {
    const page = await open(example('reply-buttons'));
    assert.deepEqual(await texts(page, '.wa-reply'), ["Yes, I'm home", 'Leave at neighbour', 'Reschedule']);
    await page.locator('.wa-reply').nth(2).click();
    assert.equal(await page.locator('.cm-status').textContent(), 'Customer tapped button_reply "delivery-reschedule" (Reschedule)');
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

/** The VS Code webview page with its fake VS Code API: deliver messages, read what it posted. */
async function openWebview(viewport = { width: 460, height: 900 }) {
  const page = await browser.newPage({ viewport });
  await page.route(/^https?:\/\//, (route) => route.abort());
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.setContent(webviewPage(), { waitUntil: 'load' });
  const posted = () => page.evaluate(() => (window as any).posted as { type: string }[]);
  const deliver = (message: ToWebview) => page.evaluate((data) => window.dispatchEvent(new MessageEvent('message', { data })), message);
  return { page, errors, posted, deliver };
}

/** An update as the extension posts it, its diagnostics from the real core. */
function updateOf(payload: Payload, version: number, extra: Partial<ToWebview> = {}): ToWebview {
  const linted = validateText(JSON.stringify(payload));
  return { type: 'update', uri: URI, epoch: 0, version, value: linted.document.value, diagnostics: toPreviewDiagnostics(linted.diagnostics), dark: false, ...extra } as ToWebview;
}

/** `count` copies of a kind's message, each interactive edited by `edit(interactive, index)`. */
function messages(kind: Kind, count: number, edit: (interactive: Payload, index: number) => void): Payload {
  const payload = example(kind);
  const base = payload.messages.msg[0];
  payload.messages.msg = Array.from({ length: count }, (_, index) => {
    const msg = structuredClone(base);
    edit(msg.richContent.conversation[0].interactive, index);
    return msg;
  });
  return payload;
}

const URI = 'file:///work/buttons.json';

describe('the VS Code webview script', () => {
  test('says ready, renders updates, keeps the last good render under a syntax error, posts selections', async () => {
    const { page, errors, posted, deliver } = await openWebview();
    assert.deepEqual(await posted(), [{ type: 'ready' }]);

    await deliver(updateOf(mutated('reply-buttons', (i) => (i.body.text = 'First version')), 1));
    assert.match((await page.locator('.wa-body').textContent())!, /First version/);
    assert.equal(await page.locator('.cm-banner').isVisible(), false);

    await deliver({ type: 'update', uri: URI, epoch: 0, version: 2, value: undefined, syntaxError: 'Line 3: Comma expected', diagnostics: [], dark: true });
    assert.equal(await page.locator('.cm-banner').textContent(), 'Line 3: Comma expected — showing the last version that parsed.');
    assert.match((await page.locator('.wa-body').textContent())!, /First version/);
    assert.equal(await page.locator('.cm-phone').evaluate((e) => e.classList.contains('wa-dark')), true);

    await page.click('.wa-body');
    const select = (await posted()).find((m) => m.type === 'select');
    assert.deepEqual(select, { type: 'select', uri: URI, pointer: '/messages/msg/0/richContent/conversation/0/interactive/body/text' });
    assert.deepEqual(errors, []);
    await page.close();
  });
});

describe('an update patches the preview in place', () => {
  test('changing one message’s text touches only that message: the other messages keep their DOM nodes', async () => {
    const { page, errors, deliver } = await openWebview();
    const body = (edited: string) => messages('reply-buttons', 3, (i, n) => (i.body.text = n === 1 ? edited : `Message ${n}`));
    await deliver(updateOf(body('Message 1'), 1));
    // Mark every thread and body node, and record every mutation from here on.
    await page.evaluate(() => {
      document.querySelectorAll<HTMLElement>('.wa-thread, .wa-body').forEach((e, n) => ((e as any).cmMark = n));
      const records: MutationRecord[] = ((window as any).cmRecords = []);
      const observer = new MutationObserver((batch) => records.push(...batch));
      observer.observe(document.querySelector('.wa-chat')!, { subtree: true, childList: true, characterData: true, attributes: true });
      (window as any).cmObserver = observer;
    });
    await deliver(updateOf(body('Message 1, edited'), 2));
    const after = await page.evaluate(() => {
      const threads = Array.from(document.querySelectorAll('.wa-thread'));
      const records = [...(window as any).cmRecords, ...((window as any).cmObserver as MutationObserver).takeRecords()] as MutationRecord[];
      return {
        marks: Array.from(document.querySelectorAll('.wa-thread, .wa-body')).map((e) => (e as any).cmMark),
        touched: [...new Set(records.map((r) => threads.findIndex((t) => t.contains(r.target))))],
        mutations: records.length,
      };
    });
    assert.deepEqual(await texts(page, '.wa-body'), ['Message 0', 'Message 1, edited', 'Message 2']);
    assert.deepEqual(after.marks, [0, 1, 2, 3, 4, 5], 'every thread and body is the node it was');
    assert.deepEqual(after.touched, [1], 'mutations only inside the edited message');
    assert.ok(after.mutations <= 2, `a text edit is one or two mutations, not a rebuild (${after.mutations})`);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('scroll position, an open list sheet, the focused row and the highlight survive an update', async () => {
    const { page, errors, deliver } = await openWebview({ width: 460, height: 600 });
    const lists = (slot: string) => messages('list', 6, (i, n) => (i.action.sections[0].rows[1].title = n === 5 ? slot : '14:00 – 14:45'));
    await deliver(updateOf(lists('14:00 – 14:45'), 1));
    const last = page.locator('.wa-thread').last();
    await last.locator('.wa-list-button').click();
    const sheetPointer = '/messages/msg/5/richContent/conversation/0/interactive/action/sections';
    await deliver({ type: 'highlight', uri: URI, pointer: `${sheetPointer}/0/rows/0/title` });
    const before = await page.evaluate(() => {
      window.scrollTo(0, document.documentElement.scrollHeight);
      const row = document.querySelectorAll<HTMLElement>('.wa-thread')[5].querySelectorAll<HTMLElement>('.wa-row')[1];
      row.focus();
      (row as any).cmMark = 'focused';
      return window.scrollY;
    });
    assert.ok(before > 500, `the page scrolls (${before})`);

    await deliver(updateOf(lists('14:15 – 15:00'), 2));
    assert.equal(await last.locator('.wa-sheet').isVisible(), true, 'the sheet stays open');
    assert.equal(await last.locator('.wa-row-title').nth(1).textContent(), '14:15 – 15:00');
    assert.equal(await page.evaluate(() => window.scrollY), before, 'the scroll position stays');
    assert.equal(await page.evaluate(() => (document.activeElement as any)?.cmMark), 'focused', 'the focused row keeps the focus');
    assert.equal(await page.locator('.wa-highlighted').getAttribute('data-pointer'), `${sheetPointer}/0/rows/0/title`);
    await page.screenshot({ path: join(shots, 'update-keeps-sheet-open.png') });
    // The tapped row (sent: the sheet closes, the reply bubble follows) is the preview's state: an update keeps it too.
    await last.locator('.wa-row').nth(1).click();
    await deliver(updateOf(lists('14:30 – 15:15'), 3));
    assert.equal(await last.locator('.wa-row').nth(1).evaluate((e) => e.classList.contains('wa-selected')), true);
    assert.equal(await last.locator('.wa-out .wa-out-text').textContent(), '14:15 – 15:00');
    assert.equal(await page.locator('.cm-status').textContent(), 'Customer tapped list_reply "slot-0303-1400" (14:15 – 15:00)');
    // A closed sheet stays closed; reopened, it shows the row sent.
    assert.equal(await last.locator('.wa-sheet').isVisible(), false);
    await deliver(updateOf(lists('14:45 – 15:30'), 4));
    assert.equal(await last.locator('.wa-sheet').isVisible(), false);
    await last.locator('.wa-list-button').click();
    assert.equal(await last.locator('.wa-row').nth(1).evaluate((e) => e.classList.contains('wa-selected')), true);
    await last.locator('.wa-sheet-close').click();
    await deliver(updateOf(lists('15:00 – 15:45'), 5));
    assert.equal(await last.locator('.wa-sheet').isVisible(), false);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('an update for an older version or another document is ignored; a reopened document (new epoch) is not', async () => {
    const { page, errors, deliver } = await openWebview();
    const body = (text: string) => mutated('reply-buttons', (i) => (i.body.text = text));
    await deliver(updateOf(body('version 3'), 3));
    await deliver(updateOf(body('version 2'), 2));
    assert.equal(await page.locator('.wa-body').textContent(), 'version 3');
    await deliver(updateOf(body('another file'), 9, { uri: 'file:///work/other.json' }));
    assert.equal(await page.locator('.wa-body').textContent(), 'version 3');
    assert.equal(await page.evaluate(() => document.body.dataset.version), '3');
    // The same version again, now with its diagnostics: shown.
    await deliver(updateOf(body('version 3'), 3, { diagnostics: undefined }));
    assert.equal(await page.locator('.cm-summary').textContent(), 'not checked yet');
    await deliver(updateOf(body('version 3'), 3));
    assert.equal(await page.locator('.cm-summary').textContent(), '0 errors, 0 warnings');
    await deliver(updateOf(body('reopened'), 1, { epoch: 1 }));
    assert.equal(await page.locator('.wa-body').textContent(), 'reopened');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('diagnostics of another version are never shown with the new text (PreviewSync and the real language service)', async () => {
    const { page, errors, deliver } = await openWebview();
    const clock = new FakeClock();
    const feed = new DiagnosticsFeed();
    const service = new LanguageService();
    const document = { version: 1, text: '', getText: () => document.text };
    const outbox: ToWebview[] = [];
    const sync = new PreviewSync(
      { document: () => document, diagnostics: () => feed.get(URI), post: (update) => outbox.push({ type: 'update', uri: URI, ...update, dark: false }) },
      clock,
    );
    feed.onDidPublish(() => sync.diagnosticsPublished());
    const type = (edit: (i: Payload) => void) => {
      document.version++;
      document.text = JSON.stringify(mutated('reply-buttons', edit), null, 2);
      sync.textChanged();
    };
    /** The server checks the text it has (`text`, at `version`) and publishes. */
    const serverPublishes = (version: number, text: string) =>
      feed.publish({ uri: URI, version, diagnostics: service.doValidation(TextDocument.create(URI, 'json', version, text)) });
    const flushTo = async (ms: number) => {
      clock.advance(ms);
      for (const message of outbox.splice(0)) await deliver(message);
    };
    const firstTitle = page.locator('.wa-reply-title').first();

    document.text = JSON.stringify(mutated('reply-buttons', (i) => (i.action.buttons[0].reply.title = 'Yes, deliver it to me!!')), null, 2);
    serverPublishes(1, document.text);
    sync.refresh();
    await flushTo(0);
    assert.equal(await firstTitle.evaluate((e) => e.classList.contains('wa-violation-error')), true);
    assert.equal(await firstTitle.locator('.wa-over-limit').textContent(), 'e!!');
    const oldText = document.text;

    // Shortened: the server has not checked it yet, and publishes version 1's list once more.
    type((i) => (i.action.buttons[0].reply.title = 'Yes please'));
    await flushTo(THROTTLE_MS);
    serverPublishes(1, oldText);
    await flushTo(DIAGNOSTICS_WAIT_MS);
    assert.equal(await firstTitle.textContent(), 'Yes please');
    assert.equal(await page.locator('.wa-violation').count(), 0, 'no outline from the old text');
    assert.equal(await page.locator('.wa-over-limit').count(), 0, 'no cut from the old text');
    assert.equal(await page.locator('.cm-summary').textContent(), 'not checked yet');
    await page.screenshot({ path: join(shots, 'update-unchecked.png') });

    serverPublishes(2, document.text);
    await flushTo(THROTTLE_MS);
    assert.equal(await page.locator('.cm-summary').textContent(), '0 errors, 0 warnings');

    // The other button grows too long and is checked at once: outlined, with its own cut.
    type((i) => (i.action.buttons[1].reply.title = 'Leave it with the neighbour'));
    serverPublishes(3, document.text);
    await flushTo(THROTTLE_MS);
    assert.deepEqual(await page.locator('.wa-reply-title.wa-violation-error').allTextContents(), ['Leave it with the neighbour']);
    assert.equal(await page.locator('.wa-over-limit').textContent(), 'ighbour');
    assert.equal(await page.locator('.cm-summary').textContent(), '1 error, 0 warnings');
    await page.screenshot({ path: join(shots, 'update-checked.png') });
    assert.deepEqual(errors, []);
    await page.close();
  });
});
