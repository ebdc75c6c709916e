/**
 * One `cm-interactive send` of a payload at a time: an exclusive lock file per payload in
 * the OS temp folder, created with the `wx` flag (fails if it exists), holding the sender's
 * pid and removed after CM's answer. A lock whose process is gone is stale and taken over.
 * (The VS Code Send command has its in-flight guard in client/src/send.)
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, linkSync, openSync, readFileSync, realpathSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type SendLock =
  | { held: true; path: string; release(): void }
  /** Another process sends this payload (its pid when the lock says which). */
  | { held: false; path: string; holder: number | undefined };

/** The lock for a payload file (its real path), or for a text read from standard input (its content). */
export function sendLockPath(file: string, text: string, dir = tmpdir()): string {
  const key = file === '-' ? `stdin:${text}` : `file:${realpathSync(file)}`;
  return join(dir, `cm-interactive-send-${createHash('sha256').update(key).digest('hex').slice(0, 24)}.lock`);
}

export function acquireSendLock(path: string): SendLock {
  if (create(path)) return held(path);
  const holder = holderOf(path);
  // Released between the two steps: one more try.
  if (holder === undefined && !existsSync(path)) return create(path) ? held(path) : { held: false, path, holder: holderOf(path) };
  if (holder === undefined || alive(holder)) return { held: false, path, holder };
  // Stale: move it aside (atomic), and drop it only if what was moved is still the dead one's.
  const aside = `${path}.${process.pid}.stale`;
  try {
    renameSync(path, aside);
  } catch {
    // Someone else took it over first.
    return create(path) ? held(path) : { held: false, path, holder: holderOf(path) };
  }
  const moved = holderOf(aside);
  if (moved !== holder) {
    // A fresh lock was moved: put it back where its owner expects it.
    try {
      linkSync(aside, path);
    } catch {
      // A third process holds the path now; the refusal below stands either way.
    }
    unlinkSync(aside);
    return { held: false, path, holder: moved };
  }
  unlinkSync(aside);
  return create(path) ? held(path) : { held: false, path, holder: holderOf(path) };
}

function create(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, JSON.stringify({ pid: process.pid, since: new Date().toISOString() }));
  } finally {
    closeSync(fd);
  }
  return true;
}

function held(path: string): SendLock {
  return {
    held: true,
    path,
    release: () => {
      // Only our own lock: never one that replaced it.
      if (holderOf(path) === process.pid) unlinkSync(path);
    },
  };
}

/** The pid in a lock file; undefined while it is being written, or when it can't be read. */
function holderOf(path: string): number | undefined {
  try {
    const pid = JSON.parse(readFileSync(path, 'utf8'))?.pid;
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
