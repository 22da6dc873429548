/** The stylesheet every evidence and outcomes page adds (charts, keys, lists). */
import type { LinksFunction } from "@remix-run/node";

export const evidenceLinks: LinksFunction = () => [{ rel: "stylesheet", href: "/styles/evidence.css" }];
