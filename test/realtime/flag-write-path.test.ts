/**
 * Reporting a comment over the socket goes the one write path: the handler hands the command's
 * result to `settle()`, so its effects (the moderators' alert: a `deliver` nudge) are carried out
 * exactly as when the form is posted. Before, the socket handler dropped the result.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postComment } from "../../app/modules/feeds/feeds.server";
import { startMoot, type Moot } from "../../server";
import { actorFor } from "../support/actors";
import { useTestDatabase } from "../support/db";
import { value } from "../support/results";
import { clientAs, localityFeedId, until } from "./support/feed-clients";

const t = useTestDatabase({ seeded: true });
let moot: Moot;

beforeAll(async () => {
  moot = await startMoot({ databaseUrl: t.handle.url, port: 0, remix: "none" });
});
afterAll(async () => {
  await moot?.close();
});

describe("comment:flag", () => {
  it("acks, stores the report and settles its effects (the moderators' e-mail is nudged)", async () => {
    let nudges = 0;
    const nudge = moot.bus.nudgeDelivery.bind(moot.bus);
    moot.bus.nudgeDelivery = () => {
      nudges++;
      nudge();
    };
    const feedId = await localityFeedId(t.db, "riverside");
    const author = await actorFor(t.db, "resident@moot.example");
    const comment = value(await postComment(t.db, author, { feedId, body: "A comment someone will report" })).comment;
    const reporter = await clientAs(moot.url, t.db, "member@moot.example");
    try {
      const ack = await reporter.timeout(5000).emitWithAck("comment:flag", { commentId: comment.id, reason: "Rude" });
      expect(ack).toEqual({ ok: true });
      await until(() => nudges > 0);
      expect(nudges).toBe(1);
      const queued = await t.db.selectFrom("outbox").select(["recipient", "body"]).where("event_key", "like", "comments-reported:%").execute();
      expect(queued.map((q) => q.recipient)).toContain("moderator@moot.example");
      expect(queued[0]!.body).toContain("Reason given: Rude");
    } finally {
      reporter.close();
    }
  });
});
