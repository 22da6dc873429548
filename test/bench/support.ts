/** Shared by benchmarks: a throwaway embedded PostgreSQL, migrated and seeded, and timing helpers. */
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDatabase, type DatabaseHandle } from "../../db/client";
import { ensureAppDatabase, findFreePort, startEmbeddedPostgres } from "../../db/embedded";
import { migrateToLatest } from "../../db/migrate";
import { seed } from "../../db/seed/index";

export interface BenchDatabase extends DatabaseHandle {
  url: string;
}

export async function withBenchDatabase<T>(fn: (handle: BenchDatabase) => Promise<T>): Promise<T> {
  const dataDir = join(tmpdir(), `moot-bench-${process.pid}`);
  const server = await startEmbeddedPostgres({ dataDir, port: await findFreePort(24000 + (process.pid % 3000)), fresh: true, unsafeFast: true });
  const url = await ensureAppDatabase(server, "moot_bench");
  const handle = createDatabase(url, { max: 20 });
  try {
    await migrateToLatest(handle.db);
    await seed(handle.db);
    return await fn({ ...handle, url });
  } finally {
    await handle.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Run fn `runs` times after `warmup` runs; milliseconds per run, sorted. */
export async function time(fn: () => Promise<unknown>, runs = 20, warmup = 3): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples.sort((a, b) => a - b);
}

export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

export function printTable(title: string, rows: Record<string, string | number>[]): void {
  console.log(`\n${title}`);
  console.table(rows);
}
