// Runs a server action's definition inside the API's transaction: the same roles, object permission, strict schema
// and handler as the form — one rule, two doors. Refusals are thrown (so a bulk request rolls back as a whole).
import type { z } from "zod";
import type { Tx } from "@/lib/db";
import { prisma } from "@/lib/db";
import { audit } from "@/lib/audit";
import { zodFieldErrors, type ActionDefinition, type GuardedAction } from "@/lib/actions/safe-action";
import type { SessionUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export async function runActionInTx<T>(action: GuardedAction<T>, actor: SessionUser, input: Record<string, unknown>, tx: Tx): Promise<T> {
  const def = action.definition as ActionDefinition<z.ZodType, unknown, T>;
  if (!def.roles.includes(actor.role)) {
    await audit({ action: "authz.denied", actorId: actor.id, details: { action: def.name, reason: "role", via: "api" } });
    throw new AppError("FORBIDDEN", "You do not have permission to do this.");
  }
  let object: unknown = undefined;
  if (def.object) {
    const id = input[def.object.key];
    const missing = new AppError("NOT_FOUND", `${def.object.label} was not found.`);
    if (typeof id !== "string" || !ID.test(id)) throw missing;
    const found = await def.object.load(id, tx as unknown as typeof prisma);
    if (!found) throw missing;
    if (!def.object.can(actor, found)) {
      await audit({ action: "authz.denied", actorId: actor.id, targetType: def.object.label, targetId: id, details: { action: def.name, reason: "object", via: "api" } });
      throw missing;
    }
    object = found;
  }
  const parsed = def.schema.safeParse(input);
  if (!parsed.success) throw new AppError("INVALID", "Please correct the highlighted fields.", zodFieldErrors(parsed.error));
  return def.handler({ actor, input: parsed.data, object, tx });
}
