/** PNG screenshots of a page with a local Chromium (Debian's), driven by playwright-core. */
import { existsSync } from 'node:fs';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Where Chromium is looked for: $CHROMIUM_PATH when set (and only it), else the usual system locations. */
export function chromiumCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  return env.CHROMIUM_PATH ? [env.CHROMIUM_PATH] : ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
}

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return chromiumCandidates(env).find((path) => path !== '' && existsSync(path));
}

export async function screenshotHtml(html: string, pngPath: string, options: { width?: number; executablePath: string }): Promise<void> {
  let playwright: typeof import('playwright-core');
  try {
    playwright = require('playwright-core');
  } catch {
    throw new Error('playwright-core is not installed: run `npm install` in the cm-interactive folder');
  }
  const browser = await playwright.chromium.launch({ executablePath: options.executablePath, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: options.width ?? 460, height: 800 } });
    await page.setContent(html, { waitUntil: 'load' });
    await page.screenshot({ path: pngPath, fullPage: true });
  } finally {
    await browser.close();
  }
}
