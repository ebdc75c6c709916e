/**
 * One knob for every time limit in the tests. Tests wait for conditions, never for time; the
 * limits only decide when to give up. On a slow or busy machine, raise them all at once:
 * `CM_TEST_TIME_SCALE=3 npm test`.
 */
export const TIME_SCALE = scaleFrom(process.env.CM_TEST_TIME_SCALE);

export function scaleFrom(value: unknown): number {
  const scale = Number(value);
  return Number.isFinite(scale) && scale > 0 ? scale : 1;
}

/** A time limit in ms, scaled by CM_TEST_TIME_SCALE. */
export function limit(ms: number, scale = TIME_SCALE): number {
  return Math.round(ms * scale);
}

/**
 * Reads the state until `accept` holds, or fails after `limit(timeoutMs)` saying what was last
 * read, so a red run tells what the test saw instead of only that it gave up.
 */
export async function waitUntil<T>(
  what: string,
  read: () => PromiseLike<T> | T,
  accept: (value: T) => boolean,
  timeoutMs: number,
  scale = TIME_SCALE,
): Promise<T> {
  const deadline = Date.now() + limit(timeoutMs, scale);
  let last: string = 'nothing yet';
  for (;;) {
    try {
      const value = await read();
      if (accept(value)) return value;
      last = describe(value);
    } catch (error) {
      last = `an error: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${limit(timeoutMs, scale)} ms waiting for ${what}; last seen: ${last}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function describe(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return (text ?? String(value)).slice(-2000);
}
