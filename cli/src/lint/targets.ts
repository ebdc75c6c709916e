/**
 * What `cm-interactive lint` checks: files named on the command line, every JSON file below a
 * directory, and the files a glob pattern matches (with tinyglobby, the glob engine of Vite and
 * ESLint's ecosystem, rather than a hand-written walker). node_modules and .git are never
 * searched. Named files are always checked; found files only when they turn out to be payloads.
 */
import { realpathSync, statSync } from 'node:fs';
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
  // One file is checked once, however it is reached: `a.json ./a.json`, a directory and a
  // pattern that both find it, or a symbolic link (a link back up a tree, too).
  const add = (file: string, named: boolean) => {
    const key = file === '-' ? file : realPath(absolute(file, cwd));
    if (seen.has(key)) return;
    seen.add(key);
    targets.push({ file, named });
  };
  for (const arg of args) {
    if (arg === '-') {
      add(arg, true);
    } else if (isDirectory(join(cwd, arg)) || isDirectory(arg)) {
      const found = globSync(JSON_FILES, { cwd: absolute(arg, cwd), ignore: NEVER_SEARCHED, dot: true }).sort();
      if (found.length === 0) unmatched.push(arg);
      for (const file of viaShortestPath(found.map((file) => join(arg, file)), cwd)) add(file, false);
    } else if (isDynamicPattern(arg)) {
      const found = globSync(arg, { cwd, ignore: NEVER_SEARCHED, dot: true, onlyFiles: true }).sort();
      if (found.length === 0) unmatched.push(arg);
      for (const file of viaShortestPath(found, cwd)) add(file, false);
    } else {
      add(arg, true);
    }
  }
  return { targets, unmatched };
}

function absolute(path: string, cwd: string): string {
  return path.startsWith('/') ? path : join(cwd, path);
}

/**
 * Sorted files with each real file once, under its shortest path: `d/x.json`, not the
 * `d/up/d/x.json` a link back up the tree also reaches.
 */
function viaShortestPath(files: string[], cwd: string): string[] {
  const chosen = new Map<string, string>();
  for (const file of [...files].sort((a, b) => a.length - b.length)) {
    const key = realPath(absolute(file, cwd));
    if (!chosen.has(key)) chosen.set(key, file);
  }
  const kept = new Set(chosen.values());
  return files.filter((file) => kept.has(file));
}

/** The file's real path; as given when it has none (missing: reported when it is read). */
function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
