/** Open quick polls show on the home and locality pages ("What is open now"). */
import type { Database } from "../../../db/client";
import type { OpenThing, WhatsOpenProvider } from "../whats-open/provider.server";
import { splitByHome } from "../whats-open/split";

const LIMIT = 20;

function readPolls(db: Database, localityId: number | null) {
  let query = db
    .selectFrom("polls")
    .innerJoin("feeds", "feeds.id", "polls.feed_id")
    .leftJoin("localities", "localities.id", "feeds.locality_id")
    .select(["polls.question", "feeds.id as feed_id", "feeds.title", "feeds.locality_id", "localities.name as locality_name"])
    .where("polls.status", "=", "open")
    .where("polls.hidden_reason", "is", null) // a hidden poll's question is never shown
    .where("feeds.paused", "=", false)
    .orderBy("polls.id", "desc");
  if (localityId !== null) query = query.where((eb) => eb.or([eb("feeds.locality_id", "=", localityId), eb("feeds.locality_id", "is", null)]));
  return query.limit(LIMIT).execute();
}

const toOpenThing = (r: Awaited<ReturnType<typeof readPolls>>[number]): OpenThing => ({
  kind: "Quick poll",
  title: r.question,
  href: `/feeds/${r.feed_id}`,
  detail: `In ${r.title}. Open until the organiser closes it`,
  localityNames: r.locality_name ? [r.locality_name] : [],
});

export const openPolls: WhatsOpenProvider = {
  kind: "Quick poll",
  async list(db, { localityId }) {
    return (await readPolls(db, localityId)).map(toOpenThing);
  },
  async listWithHome(db, { home }) {
    const rows = await splitByHome(await readPolls(db, null), LIMIT, (r) => r.locality_id === home || r.locality_id === null, () => readPolls(db, home));
    return { all: rows.all.map(toOpenThing), here: rows.here.map(toOpenThing) };
  },
};
