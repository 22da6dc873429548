import { z } from "zod";

export const councilSettingsSchema = z.object({
  name: z.string({ error: "Enter the council’s name" }).trim().min(1, "Enter the council’s name").max(200, "The council’s name must be 200 characters or fewer"),
  serviceName: z.string({ error: "Enter the service name" }).trim().min(1, "Enter the service name").max(60, "The service name must be 60 characters or fewer"),
  contactEmail: z
    .string({ error: "Enter the contact email address" })
    .trim()
    .min(1, "Enter the contact email address")
    .pipe(z.email({ error: "Enter an email address in the correct format, like engagement@council.gov.uk" })),
});

export const localitySchema = z.object({
  name: z.string({ error: "Enter the locality’s name" }).trim().min(1, "Enter the locality’s name").max(100, "The name must be 100 characters or fewer"),
  description: z.string().trim().max(500, "The description must be 500 characters or fewer").default(""),
});

export function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
