/**
 * Driving VS Code's workbench (code-server in Chromium) as a person does: the command palette
 * and Quick Open. Both retry by reopening, because the workbench catches up asynchronously
 * (a command's `when` clause, the file search after a folder changed).
 */
import type { Page } from 'playwright-core';
import { limit, waitUntil } from './timing';

/** How long one attempt waits for the list to show the wanted row. */
const ATTEMPT_MS = 3_000;

async function pickFromQuickInput(page: Page, open: string, text: string, row: (page: Page) => ReturnType<Page['locator']>): Promise<boolean> {
  await page.keyboard.press('Escape');
  await page.keyboard.press(open);
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: limit(10_000) });
  await input.fill(text);
  const wanted = row(page).first();
  if (!(await wanted.waitFor({ timeout: limit(ATTEMPT_MS) }).then(() => true, () => false))) return false;
  await wanted.click();
  return true;
}

/** Runs a command by its palette title. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await waitUntil(`"${title}" in the command palette`, () => pickFromQuickInput(page, 'F1', `>${title}`, (p) => p.locator('.quick-input-list .monaco-list-row', { hasText: title })), Boolean, 30_000);
}

/** Opens a file by its workspace-relative path with Quick Open (Ctrl+P), and waits for its tab. */
export async function openFile(page: Page, relative: string): Promise<void> {
  const parts = relative.split('/');
  const name = parts[parts.length - 1];
  const row = (p: Page) => {
    const rows = p.locator('.quick-input-list .monaco-list-row', { hasText: name });
    return parts.length > 1 ? rows.filter({ hasText: parts[0] }) : rows;
  };
  await waitUntil(`Quick Open to find ${relative}`, () => pickFromQuickInput(page, 'Control+P', relative, row), Boolean, 60_000);
  await waitUntil(`the editor tab of ${name}`, () => page.locator('.tab', { hasText: name }).count(), (n) => n > 0, 20_000);
}
