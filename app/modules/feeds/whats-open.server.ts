/** Open quick polls show on the home and locality pages ("What is open now"). */
import type { WhatsOpenProvider } from "../whats-open/provider.server";

export const openPolls: WhatsOpenProvider = {
  kind: "Quick poll",
  async list(db, { localityId }) {
    let query = db
      .selectFrom("polls")
      .innerJoin("feeds", "feeds.id", "polls.feed_id")
      .leftJoin("localities", "localities.id", "feeds.locality_id")
      .select(["polls.question", "feeds.id as feed_id", "feeds.title", "localities.name as locality_name"])
      .where("polls.status", "=", "open")
      .where("polls.hidden_reason", "is", null) // a hidden poll's question is never shown
      .where("feeds.paused", "=", false)
      .orderBy("polls.id", "desc");
    if (localityId !== null) query = query.where((eb) => eb.or([eb("feeds.locality_id", "=", localityId), eb("feeds.locality_id", "is", null)]));
    const rows = await query.limit(20).execute();
    return rows.map((r) => ({
      kind: "Quick poll",
      title: r.question,
      href: `/feeds/${r.feed_id}`,
      detail: `In ${r.title}. Open until the organiser closes it`,
      localityNames: r.locality_name ? [r.locality_name] : [],
    }));
  },
};
