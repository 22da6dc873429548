/**
 * Small readers for what Moot publishes to machines, so tests assert on parsed values rather than
 * on substrings: iCalendar (RFC 5545: unfold lines, split components, read NAME;PARAMS:VALUE) and
 * Atom entries (the feed library writes plain, well-formed XML).
 */

export interface IcalProperty {
  params: Record<string, string>;
  value: string;
}
export type IcalComponent = { type: string; props: Record<string, IcalProperty[]>; children: IcalComponent[] };

const unescapeText = (v: string) => v.replace(/\\n/gi, "\n").replace(/\\([,;\\])/g, "$1");

/** Parse a whole iCalendar text into its component tree (the VCALENDAR). Throws on bad nesting. */
export function parseIcal(text: string): IcalComponent {
  if (!text.includes("\r\n")) throw new Error("iCalendar lines must end with CRLF");
  const lines = text.replace(/\r\n[ \t]/g, "").split("\r\n").filter((l) => l.length > 0);
  const stack: IcalComponent[] = [];
  let root: IcalComponent | null = null;
  for (const line of lines) {
    const colon = line.search(/:(?=(?:[^"]*"[^"]*")*[^"]*$)/);
    if (colon < 0) throw new Error(`Not a property line: ${line}`);
    const [name, ...paramParts] = line.slice(0, colon).split(";");
    const value = line.slice(colon + 1);
    if (name === "BEGIN") {
      const c: IcalComponent = { type: value, props: {}, children: [] };
      stack.at(-1)?.children.push(c);
      stack.push(c);
      continue;
    }
    if (name === "END") {
      const c = stack.pop();
      if (!c || c.type !== value) throw new Error(`END:${value} does not close ${c?.type}`);
      if (!stack.length) root = c;
      continue;
    }
    const params = Object.fromEntries(paramParts.map((p) => p.split("=") as [string, string]));
    const top = stack.at(-1);
    if (!top) throw new Error(`Property outside a component: ${line}`);
    (top.props[name!.toUpperCase()] ??= []).push({ params, value: unescapeText(value) });
  }
  if (!root || stack.length) throw new Error("Unbalanced BEGIN/END");
  return root;
}

export const prop = (c: IcalComponent, name: string): IcalProperty | undefined => c.props[name]?.[0];
export const events = (cal: IcalComponent) => cal.children.filter((c) => c.type === "VEVENT");

export interface AtomEntryRead {
  id: string;
  title: string;
  link: string;
  updated: string;
  summary: string;
}

const decode = (s: string) => s.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, "$1").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
const tag = (xml: string, name: string) => decode(new RegExp(`<${name}(?: [^>]*)?>([\\s\\S]*?)</${name}>`).exec(xml)?.[1]?.trim() ?? "");

/** The feed's own title, id and entries. */
export function parseAtom(xml: string): { title: string; id: string; entries: AtomEntryRead[] } {
  if (!/<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/.test(xml)) throw new Error("Not an Atom feed");
  const head = xml.split("<entry>")[0]!;
  const entries = [...xml.matchAll(/<entry>([\s\S]*?)<\/entry>/g)].map(([, e]) => ({
    id: tag(e!, "id"),
    title: tag(e!, "title"),
    link: /<link href="([^"]+)"/.exec(e!)?.[1] ?? "",
    updated: tag(e!, "updated"),
    summary: tag(e!, "summary"),
  }));
  return { title: tag(head, "title"), id: tag(head, "id"), entries };
}
