/**
 * Rows read once for the whole council, of which `inHome` picks the home locality's: exact when
 * the council-wide read was complete (fewer rows than its limit), otherwise ask again.
 * (Its own module: providers import it, and whats-open.server.ts imports the providers.)
 */
export async function splitByHome<R>(rows: R[], limit: number, inHome: (row: R) => boolean, readHome: () => Promise<R[]>): Promise<{ all: R[]; here: R[] }> {
  return { all: rows, here: rows.length < limit ? rows.filter(inHome) : await readHome() };
}
