/** Once per Playwright run: forget which kinds of page were scanned with axe in an earlier run. */
import { rmSync } from "node:fs";

export default function globalSetup(): void {
  rmSync("test-results/axe-seen", { recursive: true, force: true });
}
