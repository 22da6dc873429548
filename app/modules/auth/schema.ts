import { z } from "zod";
import { rowId } from "../../lib/fields";

const email = z
  .string({ error: "Enter your email address" })
  .trim()
  .min(1, "Enter your email address")
  .max(254, "Email address must be 254 characters or fewer")
  .pipe(z.email({ error: "Enter an email address in the correct format, like name@example.com" }))
  .transform((value) => value.toLowerCase());

const newPassword = z
  .string({ error: "Enter a password" })
  .min(1, "Enter a password")
  .min(12, "Password must be 12 characters or more")
  .max(200, "Password must be 200 characters or fewer");

const displayName = z
  .string({ error: "Enter your name" })
  .trim()
  .min(1, "Enter your name")
  .max(100, "Name must be 100 characters or fewer");

const localityId = rowId("Select the area you live in");

export const registerSchema = z.object({
  email,
  displayName,
  homeLocalityId: localityId,
  password: newPassword,
});
export type RegisterInput = z.infer<typeof registerSchema>;

export const signInSchema = z.object({
  email: z.string({ error: "Enter your email address" }).trim().min(1, "Enter your email address").transform((v) => v.toLowerCase()),
  password: z.string({ error: "Enter your password" }).min(1, "Enter your password"),
});
export type SignInInput = z.infer<typeof signInSchema>;

export const accountDetailsSchema = z.object({
  displayName,
  homeLocalityId: localityId,
});
export type AccountDetailsInput = z.infer<typeof accountDetailsSchema>;

export const changePasswordSchema = z.object({
  currentPassword: z.string({ error: "Enter your current password" }).min(1, "Enter your current password"),
  newPassword,
});
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

/**
 * The one check for a place to send someone back to (`returnTo` after signing in): only a path on
 * this site, judged the way a browser will read it. The value is parsed as a URL against a
 * placeholder origin (browsers drop tabs and newlines and read "\\" as "/", so "/\t/evil.example"
 * is really "//evil.example"); anything that lands on another origin, or whose path would again
 * start with "//", gives the fallback. The result is the normalised path, safe in a Location header.
 */
export function safeReturnTo(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || value.length > 2000 || !value.startsWith("/")) return fallback;
  const base = "http://return-to.invalid";
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return fallback;
  return path;
}
