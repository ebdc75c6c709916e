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

/**
 * What the screenshot shows for an image: the page is taken offline (Chromium runs with
 * --no-sandbox, and a media host that never answers must not hold the PNG back), so each
 * https image is this neutral card instead of the remote file.
 */
const IMAGE_PLACEHOLDER = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="225" viewBox="0 0 400 225">
<rect width="400" height="225" fill="#d1d7db"/>
<path d="M150 150 l35-45 25 30 18-20 22 35z" fill="#8696a0"/><circle cx="235" cy="85" r="12" fill="#8696a0"/>
<text x="200" y="190" font-family="sans-serif" font-size="14" fill="#54656f" text-anchor="middle">image not fetched for the screenshot</text>
</svg>`;

/** How long the page may take to load before it is screenshot as it is. */
const LOAD_TIMEOUT_MS = 10_000;

/** A PNG of the page; nothing leaves the machine: requests get the placeholder or are refused. */
export async function screenshotHtml(html: string, options: { width?: number; executablePath: string }): Promise<Buffer> {
  let playwright: typeof import('playwright-core');
  try {
    playwright = require('playwright-core');
  } catch {
    throw new Error('playwright-core is not installed (an optional peer dependency, for --png only): `npm install playwright-core` where cm-interactive is installed');
  }
  const browser = await playwright.chromium.launch({ executablePath: options.executablePath, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: options.width ?? 460, height: 800 } });
    await page.route('**/*', (route) =>
      route.request().resourceType() === 'image' ? route.fulfill({ status: 200, contentType: 'image/svg+xml', body: IMAGE_PLACEHOLDER }) : route.abort('blockedbyclient'),
    );
    await page.setContent(html, { waitUntil: 'load', timeout: LOAD_TIMEOUT_MS }).catch((error: Error) => {
      if (error.name !== 'TimeoutError') throw error;
    });
    return await page.screenshot({ fullPage: true });
  } finally {
    await browser.close();
  }
}
