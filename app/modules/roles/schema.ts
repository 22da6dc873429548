import { z } from "zod";
import { rowId } from "../../lib/fields";
import { ROLE_NAMES } from "../../../db/schema";

export const ROLE_LABELS: Record<(typeof ROLE_NAMES)[number], string> = {
  admin: "Administrator",
  officer: "Officer (clerk)",
  analyst: "Analyst (equality monitoring)",
  moderator: "Moderator",
  board_member: "Board member",
  chair: "Chair",
  community_group_rep: "Community group representative",
  provider: "Provider (added from the provider’s page)",
  commissioner: "Commissioner (strategies and plans)",
};

export const grantRoleSchema = z
  .object({
    email: z.string({ error: "Enter the person’s email address" }).trim().min(1, "Enter the person’s email address").transform((v) => v.toLowerCase()),
    role: z.enum(ROLE_NAMES, { error: "Select a role" }),
    scope: z.enum(["council", "locality", "board"], { error: "Select where the role applies" }),
    localityId: rowId().optional().or(z.literal("").transform(() => undefined)),
    boardId: rowId().optional().or(z.literal("").transform(() => undefined)),
  })
  .superRefine((value, ctx) => {
    if (value.role === "provider") {
      ctx.addIssue({ code: "custom", path: ["role"], message: "Add a provider’s people from the provider’s page under Contracts and grants" });
    }
    if (value.scope === "locality" && !value.localityId) {
      ctx.addIssue({ code: "custom", path: ["localityId"], message: "Select the locality the role applies to" });
    }
    if (value.scope === "board" && !value.boardId) {
      ctx.addIssue({ code: "custom", path: ["boardId"], message: "Enter the board the role applies to" });
    }
  });

export const revokeRoleSchema = z.object({ grantId: rowId() });
