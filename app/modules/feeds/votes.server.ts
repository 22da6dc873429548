/**
 * Live feeds: casting votes, group-committed in batches per poll, and the tallies broadcast
 * coalesced.
 */
import { sql } from "kysely";
import type { Database } from "../../../db/client";
import { tallySoon } from "../../lib/effects";
import { fail, ok, type Result } from "../../lib/result";
import { consumeEach } from "../auth/throttle.server";
import { type Actor } from "../permissions/permissions";
import { voteSchema } from "./schema";
import type { PollView } from "./types";
import { type Failure, NO_POLL, PAUSED, participant } from "./feeds-shared.server";
import { LIMIT_PREFIX, VOTE_LIMIT, limited } from "./rate-limit.server";
import { pollViews } from "./read-model.server";

type VoteResult = Result<{ pollId: number; feedId: number }>;

const CLOSED = () => fail("This poll has closed: votes can no longer be cast or changed.", 409);

/**
 * Cast or change a vote. Not a feed event: tallies are broadcast coalesced (`scheduleTally`).
 *
 * Votes are the hot path, so they are group-committed: each vote is validated and
 * permission-checked on its own, then queued per poll; the votes that arrive while the poll's
 * previous batch is committing are written together in ONE statement (rate limit, poll check,
 * multi-row write: `writeVotes`), and each promise resolves only after it has committed — so a caller still acks
 * (and broadcasts) only what is stored. A person's second vote waits for the next batch, so their
 * votes apply in the order sent. If a batch fails unexpectedly, its votes are retried one by one,
 * so one bad vote fails alone.
 */
export async function castVote(db: Database, actor: Actor, input: unknown): Promise<VoteResult> {
  const parsed = participant(actor, voteSchema, input);
  if (!parsed.ok) return parsed;
  const vote = { pollId: parsed.value.pollId, userId: actor.user!.id, optionIds: [...new Set(parsed.value.optionIds)] };
  return new Promise<VoteResult>((resolve, reject) => queueVote(db, { ...vote, resolve, reject }));
}

interface QueuedVote {
  pollId: number;
  userId: number;
  optionIds: number[];
  resolve: (result: VoteResult) => void;
  reject: (error: unknown) => void;
}

/** At most this many votes in one statement. */
export const VOTE_BATCH_MAX = 500;
/** Counters for tests and the benchmark: how many batches, votes in them, and batches retried vote by vote. */
export const voteBatches = { batches: 0, votes: 0, retried: 0 };
const voteQueues = new WeakMap<Database, Map<number, QueuedVote[]>>();

function queueVote(db: Database, vote: QueuedVote): void {
  let byPoll = voteQueues.get(db);
  if (!byPoll) voteQueues.set(db, (byPoll = new Map()));
  const waiting = byPoll.get(vote.pollId);
  if (waiting) {
    waiting.push(vote); // a batch of this poll is being written or about to be: join the next
    return;
  }
  const queue = [vote];
  byPoll.set(vote.pollId, queue);
  setImmediate(() => void drainVotes(db, byPoll, vote.pollId, queue)); // let this tick's votes join
}

async function drainVotes(db: Database, byPoll: Map<number, QueuedVote[]>, pollId: number, queue: QueuedVote[]): Promise<void> {
  while (queue.length) {
    const batch: QueuedVote[] = [];
    const later: QueuedVote[] = [];
    const people = new Set<number>();
    for (const vote of queue) {
      if (batch.length < VOTE_BATCH_MAX && !people.has(vote.userId)) {
        people.add(vote.userId);
        batch.push(vote);
      } else later.push(vote);
    }
    queue.splice(0, queue.length, ...later);
    voteBatches.batches++;
    voteBatches.votes += batch.length;
    try {
      const results = await writeVotes(db, pollId, batch);
      batch.forEach((vote, i) => vote.resolve(results[i]!));
    } catch {
      voteBatches.retried++;
      for (const vote of batch) await writeVotes(db, pollId, [vote]).then(([result]) => vote.resolve(result!), vote.reject);
    }
  }
  byPoll.delete(pollId);
}

type PollCheck = { feed_id: number; status: string; paused: boolean; multiple: boolean; hidden_reason: string | null; options: number[] };

/**
 * One batch of one poll's votes (one per person) in ONE statement, so one round trip and atomic
 * on its own: the batch's rate-limit points, the poll read FOR KEY SHARE (batches do not block
 * each other, but a closing poll, FOR UPDATE, makes them wait and then see it closed, so no vote
 * lands after the count is frozen), and the delete-other-choices + upsert of exactly the votes
 * that pass every check. The row returned (poll, points) lets `checkVote` answer each vote with
 * the same decision and say which check failed.
 */
async function writeVotes(db: Database, pollId: number, batch: QueuedVote[]): Promise<VoteResult[]> {
  const limits = consumeEach(LIMIT_PREFIX.vote, VOTE_LIMIT, batch.map((v) => String(v.userId)));
  const voters = batch.flatMap((v) => v.optionIds.map(() => v.userId));
  const options = batch.flatMap((v) => v.optionIds);
  const { rows } = await sql<{ poll: PollCheck | null; limits: Parameters<typeof limits.read>[0] }>`
    WITH limits AS (${limits.statement}),
    ballot AS (SELECT * FROM unnest(${voters}::int[], ${options}::int[]) AS b (user_id, option_id)),
    poll AS (
      SELECT p.feed_id, p.status, p.multiple, p.hidden_reason, f.paused, array(SELECT o.id FROM poll_options o WHERE o.poll_id = p.id) AS options
      FROM polls p JOIN feeds f ON f.id = p.feed_id WHERE p.id = ${pollId} FOR KEY SHARE OF p
    ), accepted AS (
      SELECT b.user_id FROM ballot b
      JOIN limits l ON l.key = ${LIMIT_PREFIX.vote + ":"}::text || b.user_id
      CROSS JOIN poll
      WHERE l.points <= ${VOTE_LIMIT.points} AND poll.status = 'open' AND poll.hidden_reason IS NULL AND NOT poll.paused
      GROUP BY b.user_id, poll.multiple
      HAVING (poll.multiple OR count(*) = 1) AND bool_and(b.option_id = ANY(poll.options))
    ), removed AS (
      DELETE FROM poll_votes v WHERE v.poll_id = ${pollId} AND v.user_id IN (SELECT user_id FROM accepted)
        AND NOT EXISTS (SELECT 1 FROM ballot b WHERE b.user_id = v.user_id AND b.option_id = v.option_id)
    ), added AS (
      INSERT INTO poll_votes (poll_id, option_id, user_id)
      SELECT ${pollId}, option_id, user_id FROM ballot WHERE user_id IN (SELECT user_id FROM accepted) ORDER BY user_id, option_id
      ON CONFLICT (poll_id, user_id, option_id) DO UPDATE SET at = now()
    )
    SELECT (SELECT row_to_json(poll) FROM poll) AS poll, (SELECT coalesce(json_agg(limits), '[]') FROM limits) AS limits`.execute(db);
  const poll = rows[0]!.poll ?? undefined;
  const used = limits.read(rows[0]!.limits);
  return batch.map((vote) => {
    const rate = used.get(String(vote.userId))!;
    if (rate.consumed > VOTE_LIMIT.points) return limited("vote", rate.msBeforeNext);
    return checkVote(poll, vote.optionIds) ?? ok({ pollId, feedId: poll!.feed_id }, [tallySoon(poll!.feed_id, pollId)]);
  });
}

/** Why this vote cannot be stored in this poll, or null when it can. */
function checkVote(poll: PollCheck | undefined, optionIds: number[]): Failure | null {
  if (!poll) return NO_POLL();
  if (poll.status !== "open") return CLOSED();
  if (poll.hidden_reason !== null) return fail("This poll has been hidden by a moderator: votes cannot be cast or changed.", 409);
  if (poll.paused) return PAUSED();
  if (!poll.multiple && optionIds.length > 1) return fail({ optionIds: "Choose one option" });
  if (!optionIds.every((id) => poll.options.includes(id))) return fail({ optionIds: "Choose from the poll's options" });
  return null;
}

/** Tallies are coalesced by the realtime layer (at most one per TALLY_INTERVAL_MS per room), read fresh when sent. */
export const TALLY_INTERVAL_MS = 250;

/** The current tallies of some polls, for the coalesced `feed:tally` broadcast. */
export function tallies(db: Database, pollIds: number[]): Promise<PollView[]> {
  return pollViews(db, { pollIds });
}
