import { createServer } from 'node:http';
import { join } from 'node:path';
import { validateText } from '../server/src/core/index';
import { mediaAssets, standaloneHtml } from '../server/src/render-html';
import { launchChromium } from '../test/helpers/browser';
import { generatePayload } from './generate';
import { median } from './measure';

const FCP = `new Promise((resolve) => { const poll = () => { const e = performance.getEntriesByName('first-contentful-paint')[0]; if (e) resolve(e.startTime); else requestAnimationFrame(poll); }; poll(); })`;
async function main() {
  const browser = await launchChromium();
  const assets = mediaAssets(join(__dirname, '..', 'media'));
  const pages: Record<string, string> = {
    empty: '<!DOCTYPE html><html><body><p>x</p></body></html>',
    one: standaloneHtml(validateText(generatePayload(1)), 'bench', assets),
    oneNoCss: standaloneHtml(validateText(generatePayload(1)), 'bench', { ...assets, css: '' }),
    noShadow: standaloneHtml(validateText(generatePayload(1)), 'bench', { ...assets, css: assets.css.replace(/box-shadow:[^;]+;/g, '') }),
    sansFont: standaloneHtml(validateText(generatePayload(1)), 'bench', { ...assets, css: assets.css.replace(/font-family:[^;]+;/g, 'font-family: sans-serif;') }),
    noGradient: standaloneHtml(validateText(generatePayload(1)), 'bench', { ...assets, css: assets.css.replace(/background: linear-gradient[^;]+;/g, '') }),
    noSticky: standaloneHtml(validateText(generatePayload(1)), 'bench', { ...assets, css: assets.css.replace(/position: sticky;/g, '') }),
  };
  let current = '';
  const server = createServer((req, res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end(pages[current]); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as any).port;
  for (const name of Object.keys(pages)) {
    current = name;
    for (const mode of ['http']) {
      const runs: number[] = [];
      for (let i = 0; i < 9; i++) {
        const page = await browser.newPage();
        if (mode === 'route') { await page.route(/^https?:\/\//, (route) => route.fulfill({ contentType: 'text/html', body: pages[name] })); await page.goto('http://preview.bench/'); }
        else if (mode === 'http') await page.goto(`http://127.0.0.1:${port}/`);
        else await page.setContent(pages[name]);
        runs.push((await page.evaluate(FCP)) as number);
        await page.close();
      }
      console.log(name, mode, median(runs.slice(2)).toFixed(1));
    }
  }
  await browser.close(); server.close();
}
void main();
