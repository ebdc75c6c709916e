/** The README's code blocks, so that tests run what the README tells users to write. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './payloads';

/** The fenced ```lang blocks in the README section under `## heading` (up to the next `## `). */
export function readmeBlocks(heading: string, lang: string): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README.md has no "## ${heading}" section`);
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(new RegExp(`^\`\`\`${lang}\\n([\\s\\S]*?)^\`\`\`$`, 'gm'))].map((m) => m[1]);
}

/** The one block of `lang` in the section that contains `marker`. */
export function readmeBlock(heading: string, lang: string, marker: string): string {
  const found = readmeBlocks(heading, lang).filter((block) => block.includes(marker));
  if (found.length !== 1) throw new Error(`README.md "## ${heading}": ${found.length} \`\`\`${lang} blocks with ${marker}, expected 1`);
  return found[0];
}
