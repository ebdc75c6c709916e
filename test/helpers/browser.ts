/** Debian's Chromium driven by playwright-core, with the flags this machine needs. */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { previewPage } from '../../shared/render/page';
import { CHROMIUM_ARGS, findChromium } from '../../cli/src/screenshot';
import { ROOT } from './payloads';

export const OUTPUT = join(ROOT, 'test-output');

export function outputDir(name: string): string {
  const dir = join(OUTPUT, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('Chromium is required for these tests: apt-get install chromium (CI installs it in .ci/run)');
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

/**
 * The VS Code webview page (media/webview.js and preview.css) with the API VS Code injects;
 * what the webview posts back is kept in `window.posted`.
 */
export function webviewPage(mediaDir = join(ROOT, 'media')): string {
  const nonce = 'test';
  return previewPage({
    csp: `default-src 'none'; img-src https:; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'`,
    title: 'WhatsApp preview',
    style: `<style nonce="${nonce}">${readFileSync(join(mediaDir, 'preview.css'), 'utf8')}</style>`,
    scripts: [
      `<script nonce="${nonce}">window.posted = []; window.acquireVsCodeApi = () => ({ postMessage(m) { window.posted.push(m); }, getState() { return undefined; }, setState() {} });</script>`,
      `<script nonce="${nonce}">${readFileSync(join(mediaDir, 'webview.js'), 'utf8')}</script>`,
    ].join('\n'),
  });
}
