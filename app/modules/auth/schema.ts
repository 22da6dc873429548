import { z } from "zod";

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

const localityId = z.coerce
  .number({ error: "Select the area you live in" })
  .int()
  .positive({ error: "Select the area you live in" });

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

/** Only same-site paths may be returned to after signing in. */
export function safeReturnTo(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) {
    return fallback;
  }
  return value;
}
