/**
 * `cm-interactive send`'s call permission history (CALL-RATE / SEND-CALL-RATE), the CLI's
 * counterpart of the extension's globalState store: one small JSON file in the user's state
 * folder — $CM_INTERACTIVE_STATE_DIR (for tests and CI), else $XDG_STATE_HOME/cm-interactive,
 * else ~/.local/state/cm-interactive. Read afresh on each get() (another send may have written
 * since), written atomically (a temporary file renamed over it), private to the user. A file
 * that cannot be read is never overwritten: the caller says so and the limits go unchecked
 * only with the user's consent.
 */
import { mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { isObject } from '../../shared/core/rules/access';
import { emptyHistory, type CallHistory } from '../../shared/send/call-history';

export const CALL_HISTORY_FILE = 'call-history.json';

/** The folder the CLI keeps its state in. */
export function stateDir(env: NodeJS.ProcessEnv): string {
  if (env.CM_INTERACTIVE_STATE_DIR) return env.CM_INTERACTIVE_STATE_DIR;
  const base = env.XDG_STATE_HOME && env.XDG_STATE_HOME.startsWith('/') ? env.XDG_STATE_HOME : join(homedir(), '.local', 'state');
  return join(base, 'cm-interactive');
}

export class CallHistoryFile {
  readonly path: string;
  /** Why the file cannot be used (then nothing is recorded in it); undefined when it can. */
  problem: string | undefined;

  constructor(dir: string) {
    this.path = join(dir, CALL_HISTORY_FILE);
    this.problem = this.read().problem;
  }

  get(): CallHistory {
    const { history, problem } = this.read();
    this.problem ??= problem;
    return history;
  }

  /** Why the last update was not written (the send itself stands); undefined when it was. */
  notWritten: string | undefined;

  /** Never throws: it runs after CM's answer, which must still be reported. */
  update(history: CallHistory): void {
    if (this.problem) return;
    const temporary = `${this.path}.${process.pid}.tmp`;
    try {
      mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
      writeFileSync(temporary, JSON.stringify({ version: 1, ...history }) + '\n', { mode: 0o600 });
      renameSync(temporary, this.path);
      this.notWritten = undefined;
    } catch (error) {
      this.notWritten = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      try {
        unlinkSync(temporary);
      } catch {
        // Never created.
      }
    }
  }

  private read(): { history: CallHistory; problem?: string } {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { history: emptyHistory() };
      return { history: emptyHistory(), problem: `cannot be read (${code ?? (error as Error).message})` };
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return { history: emptyHistory(), problem: 'is not valid JSON' };
    }
    return isHistory(value) ? { history: { sends: value.sends, resets: value.resets } } : { history: emptyHistory(), problem: 'is not a call history' };
  }
}

function isHistory(value: unknown): value is CallHistory {
  if (!isObject(value) || !isObject(value.sends) || !isObject(value.resets)) return false;
  return Object.values(value.sends).every((times) => Array.isArray(times) && times.every(Number.isFinite))
    && Object.values(value.resets).every(Number.isFinite);
}
