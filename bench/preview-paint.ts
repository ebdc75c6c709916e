/**
 * Preview timings in headless Chromium: the cold open of a page (first contentful paint),
 * and what users feel while typing — an update posted to the webview until it is painted.
 */
import type { Browser, Page } from 'playwright-core';
import type { ToWebview } from '../client/src/preview/protocol';

/** A page served from memory (no network), opened in a fresh tab. */
async function openPage(browser: Browser, html: string): Promise<Page> {
  const page = await browser.newPage();
  await page.route(/^https?:\/\//, (route) =>
    route.request().url() === 'http://preview.bench/' ? route.fulfill({ contentType: 'text/html', body: html }) : route.abort(),
  );
  await page.goto('http://preview.bench/', { waitUntil: 'load' });
  return page;
}

/** First contentful paint of a page, and our renderer's own time in it (the `cm-render` measure). */
export async function firstPaint(browser: Browser, html: string): Promise<{ fcp: number; render: number }> {
  const page = await openPage(browser, html);
  // A string, not a function: the TypeScript loader would add helpers the page lacks.
  const result = (await page.evaluate(`new Promise((resolve) => {
    const poll = () => {
      const entry = performance.getEntriesByName('first-contentful-paint')[0];
      const render = performance.getEntriesByName('cm-render')[0];
      if (entry) resolve({ fcp: entry.startTime, render: render ? render.duration : 0 }); else requestAnimationFrame(poll);
    };
    poll();
  })`)) as { fcp: number; render: number };
  await page.close();
  return result;
}

/** The browser's floor for an update: a message the webview ignores, until the next frame. */
export const EMPTY_UPDATE = { type: 'bench-empty' } as unknown as ToWebview;

/**
 * Update → painted, in ms, for each message: the webview receives it serialized (as VS Code
 * delivers it), parses and renders it, and the time ends when the frame holding the new DOM
 * has been produced — a task queued from requestAnimationFrame runs after that frame's
 * style, layout and paint.
 */
export async function updateToPaint(browser: Browser, html: string, updates: ToWebview[]): Promise<number[]> {
  const page = await openPage(browser, html);
  const times: number[] = [];
  for (const update of updates) {
    const serialized = JSON.stringify(update);
    times.push(
      (await page.evaluate(`new Promise((resolve) => {
        requestAnimationFrame(() => setTimeout(() => {
          const start = performance.now();
          window.dispatchEvent(new MessageEvent('message', { data: JSON.parse(${JSON.stringify(serialized)}) }));
          requestAnimationFrame(() => {
            const channel = new MessageChannel();
            channel.port1.onmessage = () => resolve(performance.now() - start);
            channel.port2.postMessage(null);
          });
        }));
      })`)) as number,
    );
  }
  await page.close();
  return times;
}
