/** Right to Challenge in "what is open now": the services open to expressions of interest today. */
import type { WhatsOpenProvider } from "../whats-open/provider.server";
import { listServices } from "./challenges.server";
import { londonDay } from "./deadlines";
import { formatDate } from "../../lib/dates";

export const challengeWindows: WhatsOpenProvider = {
  kind: "Right to Challenge",
  // Services are council-wide: the home locality's list is the same one.
  async listWithHome(db, { now }) {
    const all = await challengeWindows.list(db, { localityId: null, now });
    return { all, here: all };
  },
  async list(db, { now }) {
    const services = await listServices(db, now);
    const today = londonDay(now);
    return services
      .filter((s) => s.openNow)
      .map((s) => {
        const window = s.windows.find((w) => w.opensOn <= today && today <= w.closesOn);
        return {
          kind: "Right to Challenge",
          title: s.name,
          href: `/challenges#service-${s.slug}`,
          detail: s.anyTime || !window ? "Open to expressions of interest at any time" : `Expressions of interest until ${formatDate(window.closesOn)}`,
          localityNames: [],
        };
      });
  },
};
