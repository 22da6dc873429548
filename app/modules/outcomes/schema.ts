/** Zod schemas for editing outcome frameworks (forms, actions and tests share them). */
import { z } from "zod";
import { rowId } from "../../lib/fields";
import { MEASURE_POLARITIES } from "../../../db/tables/evidence";

export const id = (message: string) => rowId(message);
const optionalId = z.preprocess((v) => (v === "" || v === null ? undefined : v), rowId().optional());
const optionalNumber = (label: string) =>
  z.preprocess(
    (v) => (typeof v === "number" ? String(v) : typeof v === "string" ? v.trim().replace(/,/g, "") : v),
    z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (!v) return null;
        const n = Number(v);
        if (Number.isFinite(n)) return n;
        ctx.addIssue({ code: "custom", message: `${label} must be a number, like 42.5` });
        return z.NEVER;
      }),
  );

export const nodeTitle = z.string({ error: "Enter a title" }).trim().min(1, "Enter a title").max(200, "Title must be 200 characters or fewer");
const description = z.string().trim().max(1000, "Description must be 1000 characters or fewer").optional().default("");

export const measureFields = {
  unit: z.string({ error: "Enter the unit, like % or £ or people" }).trim().min(1, "Enter the unit, like % or £ or people").max(40, "Unit must be 40 characters or fewer"),
  polarity: z.enum(MEASURE_POLARITIES, { error: "Select whether higher or lower is better" }),
  baseline: optionalNumber("Baseline"),
  target: optionalNumber("Target"),
};

export const addNodeSchema = z.object({
  frameworkId: id("Select a framework"),
  parentId: optionalId,
  title: nodeTitle,
  description,
});

export const editNodeSchema = z.object({ nodeId: id("Select a node"), title: nodeTitle, description });
export const nodeIdSchema = z.object({ nodeId: id("Select a node") });
export const moveNodeSchema = z.object({ nodeId: id("Select a node"), direction: z.enum(["up", "down"], { error: "Choose up or down" }) });
export const measureSchema = z.object({ nodeId: id("Select a measure"), ...measureFields });

export const POLARITY_LABELS = { higher_is_better: "Higher is better", lower_is_better: "Lower is better" } as const;
