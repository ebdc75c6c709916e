/** Timing helpers: medians and percentiles of samples taken in turns with their floor. */

export function median(values: number[]): number {
  return percentile(values, 50);
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

/** The time of one call, in ms. */
export async function timed(run: () => unknown): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

/**
 * Samples of several measures taken in turns — one of each per round, the order rotating from
 * round to round (AB, BA, … or ABC, BCA, CAB, …) — so that whatever else the machine does hits
 * them alike. Each measure returns one sample in ms; the first `warmup` rounds are dropped.
 */
export async function interleave<K extends string>(
  measures: Record<K, () => number | Promise<number>>,
  { warmup = 1, rounds = 9 } = {},
): Promise<Record<K, number[]>> {
  const keys = Object.keys(measures) as K[];
  const samples = Object.fromEntries(keys.map((key) => [key, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < warmup + rounds; round++) {
    for (let i = 0; i < keys.length; i++) {
      const key = keys[(round + i) % keys.length];
      const sample = await measures[key]();
      if (round >= warmup) samples[key].push(sample);
    }
  }
  return samples;
}
