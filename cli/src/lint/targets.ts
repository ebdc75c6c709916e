/**
 * What `cm-interactive lint` checks: files named on the command line, every JSON file below a
 * directory, and the files a glob pattern matches (with tinyglobby, the glob engine of Vite and
 * ESLint's ecosystem, rather than a hand-written walker). node_modules and .git are never
 * searched. Named files are always checked; found files only when they turn out to be payloads.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';

export interface LintTarget {
  file: string;
  /** Named on the command line: checked (and said when it is not a payload) even if it is no payload. */
  named: boolean;
}

export interface LintTargets {
  targets: LintTarget[];
  /** Patterns or directories that matched no JSON file: a usage error, as in ESLint. */
  unmatched: string[];
}

const JSON_FILES = ['**/*.json', '**/*.jsonc'];
const NEVER_SEARCHED = ['**/node_modules/**', '**/.git/**'];

export function collectLintTargets(args: string[], cwd = process.cwd()): LintTargets {
  const targets: LintTarget[] = [];
  const unmatched: string[] = [];
  const seen = new Set<string>();
  const add = (file: string, named: boolean) => {
    if (seen.has(file)) return;
    seen.add(file);
    targets.push({ file, named });
  };
  for (const arg of args) {
    if (arg === '-') {
      add(arg, true);
    } else if (isDirectory(join(cwd, arg)) || isDirectory(arg)) {
      const found = globSync(JSON_FILES, { cwd: absolute(arg, cwd), ignore: NEVER_SEARCHED, dot: true }).sort();
      if (found.length === 0) unmatched.push(arg);
      for (const file of found) add(join(arg, file), false);
    } else if (isDynamicPattern(arg)) {
      const found = globSync(arg, { cwd, ignore: NEVER_SEARCHED, dot: true, onlyFiles: true }).sort();
      if (found.length === 0) unmatched.push(arg);
      for (const file of found) add(file, false);
    } else {
      add(arg, true);
    }
  }
  return { targets, unmatched };
}

function absolute(path: string, cwd: string): string {
  return path.startsWith('/') ? path : join(cwd, path);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
