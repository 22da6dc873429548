/** How pages name their feeds and calendars: `<link rel="alternate">` in the head (Remix meta) and visible links. */
export interface Alternate {
  href: string;
  title: string;
  type: "application/atom+xml" | "text/calendar";
}

/** For a route's `meta` export: the page's feeds as `<link rel="alternate">`. */
export function alternateLinks(alternates: Alternate[]) {
  return alternates.map((a) => ({ tagName: "link" as const, rel: "alternate", type: a.type, title: a.title, href: a.href }));
}

export const boardAlternates = (board: { slug: string; name: string }): Alternate[] => [
  { href: `/boards/${board.slug}/feed.atom`, title: `${board.name}: agendas, minutes and decisions (Atom)`, type: "application/atom+xml" },
  { href: `/boards/${board.slug}/calendar.ics`, title: `${board.name}: meetings (iCal)`, type: "text/calendar" },
];
export const COUNCIL_CALENDAR: Alternate = { href: "/meetings/calendar.ics", title: "All public meetings (iCal)", type: "text/calendar" };
export const DECISIONS_FEED: Alternate = { href: "/decisions.atom", title: "Decisions register (Atom)", type: "application/atom+xml" };
export const CONSULTATIONS_FEED: Alternate = { href: "/consultations.atom", title: "Consultations as they open (Atom)", type: "application/atom+xml" };
export const CHALLENGE_REGISTER_FEED: Alternate = { href: "/challenges/register.atom", title: "Right to Challenge register (Atom)", type: "application/atom+xml" };
