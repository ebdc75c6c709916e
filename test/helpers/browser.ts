/** Debian's Chromium driven by playwright-core, with the flags this machine needs. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../server/src/screenshot';
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
