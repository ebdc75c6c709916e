/** "CM: New Payload from Example…": an untitled payload of the chosen kind, from examples/. */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { window, workspace, type ExtensionContext } from 'vscode';

export async function newPayloadFromExample(context: ExtensionContext): Promise<void> {
  const folder = context.asAbsolutePath('examples');
  const names = readdirSync(folder).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
  const picked = await window.showQuickPick(names, { title: 'Which kind of interactive message?' });
  if (!picked) return;
  const document = await workspace.openTextDocument({ language: 'cm-payload', content: readFileSync(path.join(folder, `${picked}.json`), 'utf8') });
  await window.showTextDocument(document);
}
