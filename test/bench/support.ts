/** Shared by benchmarks: a throwaway embedded PostgreSQL, migrated and seeded, and timing helpers. */
import { readFileSync, rmSync } from "node:fs";
import { sql } from "kysely";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDatabase, type Database, type DatabaseHandle } from "../../db/client";
import type { EffectSink } from "../../app/lib/effects";
import { settle } from "../../app/lib/effects.server";
import type { Result } from "../../app/lib/result";
import * as meetings from "../../app/modules/meetings/meetings.server";
import { actorFor } from "../support/actors";
import { ensureAppDatabase, findFreePort, startEmbeddedPostgres } from "../../db/embedded";
import { migrateToLatest } from "../../db/migrate";
import { seed } from "../../db/seed/index";
import { DEMO_PASSWORD } from "../../db/seed/foundation";

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
  } catch (error) {
    // Shown before PostgreSQL stops: a server the benchmark left open then loses its connections
    // and its crash would hide this.
    console.error("benchmark failed:", error);
    process.exitCode = 1;
    throw error;
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

/** Median of a list of numbers (any order). */
export const median = (list: number[]) => percentile([...list].sort((a, b) => a - b), 50);

/** The load average now (1 minute), to print beside figures taken on a shared machine. */
export const loadAverage = () => readFileSync("/proc/loadavg", "utf8").split(" ")[0]!;

/**
 * A board meeting in progress with a motion put to the vote, as the console leaves it (every step
 * through the module commands, settled on `bus` like the route actions): for benchmarks that
 * record named votes.
 */
export async function meetingInVote(db: Database, bus: EffectSink) {
  const value = <T>(result: Result<T>): T => {
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.value;
  };
  const officer = await actorFor(db, "officer@moot.example");
  const chair = await actorFor(db, "chair@moot.example");
  const board = await db.selectFrom("boards").select("id").where("slug", "=", "northgate-locality-board").executeTakeFirstOrThrow();
  const members = await db.selectFrom("board_members").select(["id", "name"]).where("board_id", "=", board.id).where("voting", "=", true).orderBy("id").execute();
  const { meetingId } = value(await meetings.createMeeting(db, officer, { boardId: board.id, title: "Bench meeting", startsAt: new Date(Date.now() + 40 * 86_400_000).toISOString(), venue: "Hall" }));
  value(await meetings.addAgendaItem(db, officer, { meetingId, kind: "information", title: "Library opening hours" }));
  const run = async <T>(p: Promise<Result<T>>) => value(await settle(bus, p));
  await run(meetings.publishAgenda(db, officer, { meetingId }));
  await run(meetings.startMeeting(db, chair, { meetingId, confirmEarly: "yes" }));
  for (const m of members) await run(meetings.recordAttendance(db, chair, { meetingId, memberId: m.id, status: "present" }));
  const item = await db.selectFrom("agenda_items").select("id").where("meeting_id", "=", meetingId).executeTakeFirstOrThrow();
  await run(meetings.openItem(db, chair, { meetingId, itemId: item.id }));
  await run(meetings.proposeMotion(db, chair, { meetingId, text: "That the library opens on Sundays.", proposerId: members[0]!.id, seconderId: members[1]!.id }));
  const motion = await db.selectFrom("motions").select("id").orderBy("id", "desc").executeTakeFirstOrThrow();
  await run(meetings.callVote(db, chair, { meetingId, motionId: motion.id }));
  return { meetingId, motionId: motion.id, members, chair };
}

/** Every Kysely query through the returned handle is counted (`count.queries`), for phase tables. */
export function countingQueries(db: Database) {
  const count = { queries: 0 };
  const counted = db.withPlugin({
    transformQuery: (args) => {
      count.queries++;
      return args.node;
    },
    transformResult: async (args) => args.result,
  });
  return { db: counted, count };
}

/**
 * Give the seeded consultation `id` `count` submitted responses (one per new person, spread over
 * the localities and consent kinds), each answering its choice and free-text question; then ANALYZE.
 */
export async function addBenchResponses(db: Database, id: number, count: number): Promise<void> {
  // Copy the seeded closed consultation's questionnaire pattern: one choice question, one free-text question.
  const questions = await db.selectFrom("consultation_questions").select(["id", "kind"]).where("consultation_id", "=", id).orderBy("position").execute();
  const choice = questions.find((q) => q.kind === "single_choice")!;
  const text = questions.find((q) => q.kind === "free_text")!;
  const options = await db.selectFrom("consultation_question_options").select("id").where("question_id", "=", choice.id).orderBy("position").execute();
  const localities = await db.selectFrom("localities").select("id").execute();
  await sql`
    WITH people AS (
      INSERT INTO users (email, display_name, password_hash, home_locality_id)
      SELECT 'bench-' || g || '@bench.example', 'Bench Person ' || g, 'x', (${sql.val(localities.map((l) => l.id))}::int[])[1 + g % ${localities.length}]
      FROM generate_series(1, ${count}) g
      RETURNING id, home_locality_id
    ), responses AS (
      INSERT INTO consultation_responses (consultation_id, user_id, locality_id, reference, status, consent, submitted_at)
      SELECT ${id}, p.id, p.home_locality_id, 'BENCH-' || p.id, 'submitted',
        (ARRAY['named', 'anonymous', 'not_published']::consultation_publish_consent[])[1 + p.id % 3], now()
      FROM people p
      RETURNING id
    ), choice AS (
      INSERT INTO consultation_answers (response_id, question_id, option_ids)
      SELECT r.id, ${choice.id}, ARRAY[(${sql.val(options.map((o) => o.id))}::int[])[1 + r.id % ${options.length}]] FROM responses r
    )
    INSERT INTO consultation_answers (response_id, question_id, text_value)
    SELECT r.id, ${text.id}, 'Response ' || r.id || ': the market should be on a day when people who work can come.' FROM responses r
  `.execute(db);
  await sql`ANALYZE`.execute(db);
}

/** Sign in through the real form and return the session cookie as a Cookie header. */
export async function signInCookie(base: string, email: string): Promise<string> {
  const response = await fetch(`${base}/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: base },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD, returnTo: "/" }),
    redirect: "manual",
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("moot_session="));
  if (!cookie) throw new Error(`signing in as ${email} gave no session cookie (status ${response.status})`);
  return cookie.split(";")[0]!;
}
