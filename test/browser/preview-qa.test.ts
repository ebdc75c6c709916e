/**
 * QA defects of the preview, in real headless Chromium: violations hidden in a closed list
 * sheet are shown on its button, right-to-left text runs right to left, and a file with a
 * syntax error is counted and draws nothing made up for the message that does not parse.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { parseForPreview } from '../../client/src/preview/document-model';
import type { ToWebview } from '../../client/src/preview/protocol';
import { validateText } from '../../shared/core/index';
import { mediaAssets, standaloneHtml, toPreviewDiagnostics } from '../../shared/render/standalone-html';
import { launchChromium, webviewPage } from '../helpers/browser';
import { example, mutated, ROOT, type Payload } from '../helpers/payloads';

let browser: Browser;
const assets = mediaAssets(join(ROOT, 'media'));
const SHOTS = process.env.RENDER_SHOTS ?? join(ROOT, 'test-output', 'preview-qa');
mkdirSync(SHOTS, { recursive: true });

before(async () => (browser = await launchChromium()));
after(async () => browser?.close());

async function open(payloadOrText: Payload | string): Promise<Page> {
  const text = typeof payloadOrText === 'string' ? payloadOrText : JSON.stringify(payloadOrText, null, 2);
  const page = await browser.newPage({ viewport: { width: 460, height: 900 } });
  await page.route(/^https?:\/\//, (route) => route.abort());
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.setContent(standaloneHtml(validateText(text), 'test', assets), { waitUntil: 'load' });
  assert.deepEqual(errors, [], 'no script errors');
  return page;
}

/** The `.wa-violation` elements a screenshot shows (rendered, not inside a closed sheet). */
const visibleViolations = (page: Page) =>
  page.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>('.wa-violation, .wa-sheet-violations')).filter((e) => e.offsetParent !== null && getComputedStyle(e).outlineStyle !== 'none').length);

describe('violations inside a closed list sheet', () => {
  test('a too-long row title and a duplicate row id outline the list button (worst severity, count); open, the rows carry them', async () => {
    const page = await open(
      mutated('list', (i) => {
        i.action.sections[0].rows[0].title = 'x'.repeat(43);
        i.action.sections[0].rows[1].id = i.action.sections[0].rows[0].id;
      }),
    );
    assert.equal(await page.locator('.cm-summary').textContent(), '2 errors, 0 warnings');
    const button = page.locator('.wa-list-button');
    assert.equal(await page.locator('.wa-sheet').isVisible(), false);
    assert.ok((await visibleViolations(page)) >= 1, 'a closed sheet’s violations show on the message');
    assert.equal(await button.evaluate((e) => e.classList.contains('wa-sheet-violations-error')), true);
    assert.equal(await button.evaluate((e) => getComputedStyle(e).outlineStyle), 'solid');
    assert.equal(await button.getAttribute('data-sheet-diagnostics'), '2');
    const title = (await button.getAttribute('title'))!;
    assert.match(title, /^2 problems in the list/);
    assert.match(title, /LIST-ROW-TITLE/);
    assert.match(title, /LIST-ROW-ID/);
    await page.screenshot({ path: join(SHOTS, 'list-closed-sheet-violations.png'), fullPage: true });

    await button.click();
    assert.equal(await page.locator('.wa-sheet').isVisible(), true);
    const rows = page.locator('.wa-sheet .wa-violation');
    assert.equal(await rows.count(), 2);
    for (const row of await rows.all()) assert.equal(await row.isVisible(), true);
    // Open, the marker gives way to the rows' own outlines.
    assert.equal(await button.evaluate((e) => getComputedStyle(e).outlineStyle), 'none');
    await page.screenshot({ path: join(SHOTS, 'list-open-sheet-violations.png'), fullPage: true });
    await page.close();
  });

  test('12 rows (LIST-ROWS-TOTAL) mark the closed list too', async () => {
    const page = await open(
      mutated('list', (i) => {
        const rows = i.action.sections[0].rows;
        for (let n = rows.length; n < 10; n++) rows.push({ id: `extra-${n}`, title: `Slot ${n}` });
      }),
    );
    assert.equal(await page.locator('.wa-sheet .wa-row').count(), 12);
    assert.match((await page.locator('.wa-list-button').getAttribute('title'))!, /LIST-ROWS-TOTAL/);
    assert.ok((await visibleViolations(page)) >= 1);
    await page.close();
  });

  test('a list without problems has no marker', async () => {
    const page = await open(example('list'));
    assert.equal(await page.locator('.wa-sheet-violations').count(), 0);
    await page.close();
  });
});

describe('right-to-left text', () => {
  const HEBREW = 'החבילה שלך תגיע מחר!';

  test('header, body, footer and reply buttons in Hebrew run right to left; English stays left to right', async () => {
    const page = await open(
      mutated('reply-buttons', (i) => {
        i.header = { type: 'text', text: HEBREW };
        i.body.text = HEBREW;
        i.footer = { text: 'לביטול השב STOP' };
        i.action.buttons[0].reply.title = 'כן, תודה!';
      }),
    );
    for (const selector of ['.wa-header', '.wa-body', '.wa-footer', '.wa-reply']) {
      const first = page.locator(selector).first();
      assert.equal(await first.getAttribute('dir'), 'auto', `${selector} dir`);
      assert.equal(await first.evaluate((e) => getComputedStyle(e).direction), 'rtl', `${selector} direction`);
    }
    assert.equal(await page.locator('.wa-reply-title').first().evaluate((e) => getComputedStyle(e).direction), 'rtl');
    // Right-aligned: the body text hugs the bubble's right edge.
    const { text, box } = await page.locator('.wa-body').evaluate((e) => {
      const range = document.createRange();
      range.selectNodeContents(e);
      return { text: range.getBoundingClientRect().right, box: e.getBoundingClientRect().right };
    });
    assert.ok(Math.abs(box - text) < 2, `body text ends at the right edge (${text} vs ${box})`);
    // The second button's English title keeps its own direction.
    assert.equal(await page.locator('.wa-reply').nth(1).evaluate((e) => getComputedStyle(e).direction), 'ltr');
    await page.screenshot({ path: join(SHOTS, 'rtl-reply-buttons.png'), fullPage: true });
    await page.close();
  });

  test('list button, section titles, rows and descriptions; CTA, flow and location texts take dir="auto"', async () => {
    const page = await open(
      mutated('list', (i) => {
        i.action.button = 'בחר מועד';
        i.action.sections[0].title = 'יום שלישי';
        i.action.sections[0].rows[0].title = 'בוקר';
        i.action.sections[0].rows[0].description = 'מכונאי: יוסי';
      }),
    );
    await page.click('.wa-list-button');
    for (const selector of ['.wa-list-button', '.wa-sheet-title', '.wa-section-title', '.wa-row', '.wa-row-description']) {
      const first = page.locator(selector).first();
      assert.equal(await first.getAttribute('dir'), 'auto', `${selector} dir`);
      assert.equal(await first.evaluate((e) => getComputedStyle(e).direction), 'rtl', `${selector} direction`);
    }
    for (const selector of ['.wa-list-button .wa-action-label', '.wa-row-title']) {
      assert.equal(await page.locator(selector).first().evaluate((e) => getComputedStyle(e).direction), 'rtl', `${selector} direction`);
    }
    // An English row stays left to right.
    assert.equal(await page.locator('.wa-row').nth(1).evaluate((e) => getComputedStyle(e).direction), 'ltr');
    await page.screenshot({ path: join(SHOTS, 'rtl-list.png'), fullPage: true });
    await page.close();
    for (const [kind, selector] of [['cta-url', '.wa-cta .wa-action-label'], ['flow', '.wa-flow .wa-action-label'], ['location-request', '.wa-location']] as const) {
      const p = await open(
        mutated(kind, (i) => {
          i.body.text = HEBREW;
          if (kind === 'cta-url') i.action.buttons[0].title = 'לאתר';
          if (kind === 'flow') i.action.parameters.flow_cta = 'התחל';
        }),
      );
      assert.equal(await p.locator(selector).evaluate((e) => e.closest('[dir]')?.getAttribute('dir')), 'auto', `${kind} ${selector}`);
      if (kind !== 'location-request') assert.equal(await p.locator(selector).evaluate((e) => getComputedStyle(e).direction), 'rtl', `${kind} ${selector}`);
      assert.equal(await p.locator('.wa-body').evaluate((e) => getComputedStyle(e).direction), 'rtl', `${kind} body`);
      await p.close();
    }
  });
});

/** One valid message followed by a truncated one, as QA's broken.json. */
function brokenText(): string {
  const good = JSON.stringify(example('list'), null, 2);
  const end = good.lastIndexOf('}\n    ]');
  return `${good.slice(0, end + 1)},\n      {"from": "0031", "to": [`;
}

const URI = 'file:///work/broken.json';

describe('a file with a syntax error', () => {
  test('the standalone page counts the syntax error as lint does and draws the message that does not parse as such', async () => {
    const text = brokenText();
    const linted = validateText(text);
    assert.deepEqual(linted.diagnostics.map((d) => d.code), ['JSON-SYNTAX']);
    const page = await open(text);
    assert.equal(await page.locator('.cm-summary').textContent(), '1 error, 0 warnings');
    assert.match((await page.locator('.cm-banner').textContent())!, /^Line \d+: Closing bracket \] expected — showing what parses\.$/);
    assert.deepEqual(await page.locator('.wa-recipients').allTextContents(), ['Message 1 · To 00316012345678']);
    const line = linted.diagnostics[0].range.start.line + 1;
    assert.deepEqual(await page.locator('.wa-unparsed-note').allTextContents(), [`Message 2 does not parse yet (line ${line})`]);
    assert.equal(await page.locator('.wa-sms').count(), 0, 'no made-up SMS fallback bubble');
    assert.equal(await page.getByText('no recipients').count(), 0);
    await page.screenshot({ path: join(SHOTS, 'syntax-error-standalone.png'), fullPage: true });
    await page.close();
  });

  test('the webview keeps the last good render of the other messages, draws the broken one as not parsing, and counts the syntax error', async () => {
    const page = await browser.newPage({ viewport: { width: 460, height: 900 } });
    await page.route(/^https?:\/\//, (route) => route.abort());
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.setContent(webviewPage(), { waitUntil: 'load' });
    const deliver = (message: ToWebview) => page.evaluate((data) => window.dispatchEvent(new MessageEvent('message', { data })), message);

    // Last good: two messages.
    const two = example('list');
    two.messages.msg.push({ ...structuredClone(two.messages.msg[0]), to: [{ number: '00316099999999' }] });
    const good = validateText(JSON.stringify(two, null, 2));
    await deliver({ type: 'update', uri: URI, epoch: 0, version: 1, value: good.document.value, diagnostics: toPreviewDiagnostics(good.diagnostics), dark: false });
    assert.equal(await page.locator('.wa-thread').count(), 2);

    // The second message is rewritten and not closed yet: as the extension posts it.
    const broken = parseForPreview(brokenText());
    assert.equal(broken.value, undefined);
    await deliver({ type: 'update', uri: URI, epoch: 0, version: 2, ...broken, dark: false });
    assert.match((await page.locator('.cm-banner').textContent())!, /— showing the last version that parsed\.$/);
    assert.deepEqual(await page.locator('.wa-recipients').allTextContents(), ['Message 1 · To 00316012345678']);
    assert.match((await page.locator('.wa-unparsed-note').textContent())!, /^Message 2 does not parse yet \(line \d+\)$/);
    assert.match((await page.locator('.cm-summary').textContent())!, /^1 error \(JSON syntax\)/);
    await page.screenshot({ path: join(SHOTS, 'syntax-error-webview.png'), fullPage: true });

    // Fixed: both messages again, the counter from the diagnostics.
    await deliver({ type: 'update', uri: URI, epoch: 0, version: 3, value: good.document.value, diagnostics: toPreviewDiagnostics(good.diagnostics), dark: false });
    assert.equal(await page.locator('.wa-unparsed-note').count(), 0);
    assert.equal(await page.locator('.cm-summary').textContent(), '0 errors, 0 warnings');
    assert.deepEqual(errors, []);
    await page.close();
  });
});
