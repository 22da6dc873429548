/** The prologue of most module operations in one call: may this actor do it, and is the input valid? */
import type { z } from "zod";
import { decide, type Action, type Actor, type Target } from "./permissions";
import { validate, type Validated } from "../../lib/forms";
import { fail } from "../../lib/result";

export function permittedInput<S extends z.ZodType>(actor: Actor, action: Action, schema: S, input: unknown, target?: Target): Validated<z.output<S>> | ReturnType<typeof fail> {
  const allowed = decide(actor, action, target);
  if (!allowed.ok) return fail(allowed.message, 403);
  return validate(schema, input);
}
