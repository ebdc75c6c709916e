// `npm run docs`: writes docs/rules.md from the rule catalogue (shared/core/catalogue.ts).
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rulesMarkdown } from '../shared/core/rules-doc.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
writeFileSync(join(root, 'docs', 'rules.md'), rulesMarkdown());
process.stdout.write('docs/rules.md written\n');
