/**
 * Passwords people use most, which guessing tools try first (NCSC and OWASP ASVS 4 V2.1.7: refuse
 * them when a password is set). The list ships as data in data/common-passwords.txt: see
 * data/README.md for where it comes from and its licence. Compared case-insensitively.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

const FILE = "common-passwords.txt";

/** Beside this module in the source tree, or under the project folder when run from a bundle. */
function locate(): string {
  const candidates = [
    fileURLToPath(new URL(`./data/${FILE}`, import.meta.url)),
    resolve(process.cwd(), "app/modules/auth/data", FILE),
  ];
  const found = candidates.find((path) => existsSync(path));
  if (!found) throw new Error(`The common-password list is missing: looked for ${candidates.join(" and ")}`);
  return found;
}

let list: Set<string> | null = null;

export function commonPasswords(): Set<string> {
  list ??= new Set(
    readFileSync(locate(), "utf8")
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean),
  );
  return list;
}

export function isCommonPassword(password: string): boolean {
  return commonPasswords().has(password.trim().toLowerCase());
}

export const COMMON_PASSWORD_MESSAGE =
  "Choose a password that is harder to guess. This one is on a list of passwords people use most";
