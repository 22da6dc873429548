/** Small display helpers shared by the contracts pages. */
import { RATING_LABELS } from "../schema";
import type { PeriodRating } from "../../../../db/tables/providers";

export const RATING_COLOURS: Record<PeriodRating, "green" | "yellow" | "red"> = { on_track: "green", concerns: "yellow", failing: "red" };
export const ratingLabel = (r: string) => RATING_LABELS[r as PeriodRating] ?? r;
