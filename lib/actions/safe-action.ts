// The one wrapper every server action goes through: session → role → permission on the object →
// strict zod → transaction → typed result. Expected failures come back as results; nothing else leaks.
import { z } from "zod";
import { noteWrite, prisma, type Tx } from "@/lib/db";
import { rememberWriteInCookie } from "@/lib/data/read-replica";
import { audit } from "@/lib/audit";
import { getCurrentUser, type SessionUser } from "@/lib/auth/session";
import { AppError, isDatabaseUnavailable, type AppErrorCode } from "@/lib/errors";
import { hit, MUTATION_LIMIT } from "@/lib/http/rate-limit";
import { tooFastMessage } from "@/lib/http/rate-limit-message";
import type { Role } from "@/lib/generated/prisma/enums";

export type { Tx };

export type ActionResult<T = unknown> =
  | { ok: true; data: T; message?: string }
  | {
      ok: false;
      code: AppErrorCode | "ERROR" | "UNAVAILABLE";
      message: string;
      fieldErrors?: Record<string, string[]>;
      /** What the user sent, so a form can show it again: nothing typed is lost. */
      values?: Record<string, string>;
      details?: unknown;
    };

/** The state a `useActionState` form starts from. */
export type FormState<T = unknown> = ActionResult<T> | null;

export interface ActionObject<O> {
  /** The input field that names the object, e.g. "dealId". */
  key: string;
  /** Loads the object without scoping, with what the permission check needs; null when missing. */
  load: (id: string, db: typeof prisma) => Promise<O | null>;
  /** The permission module's answer for this actor and object. */
  can: (actor: SessionUser, object: O) => boolean;
  /** What to call it in messages ("Deal"). */
  label: string;
}

export interface ActionDefinition<S extends z.ZodType, O, T> {
  /** Stable name, used in the audit log and the authorization matrix. */
  name: string;
  /** Roles that may call this action at all. */
  roles: readonly Role[];
  /** A strict schema: unknown keys are refused. */
  schema: S;
  object?: ActionObject<O>;
  /** Creates replay safely: a repeated idempotency key returns the first result. */
  idempotent?: boolean;
  /** Runs inside one transaction. */
  handler: (ctx: { actor: SessionUser; input: z.output<S>; object: O; tx: Tx }) => Promise<T>;
  /** Whether to count this call against the per-user mutation rate limit (default true). */
  rateLimited?: boolean;
}

type RawInput = FormData | Record<string, unknown> | null | undefined;

const RESERVED = /^\$ACTION|^\$\$/;

/** FormData or a plain object to a plain object; Next's own hidden fields are dropped. */
export function toPlainInput(raw: RawInput): Record<string, unknown> {
  if (!raw) return {};
  if (typeof FormData !== "undefined" && raw instanceof FormData) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of raw.entries()) {
      if (RESERVED.test(key)) continue;
      if (POLLUTING_KEYS.has(key)) {
        out.__invalid_key__ = key; // refused by the strict schema, never assigned as a prototype
        continue;
      }
      const v = typeof value === "string" ? value : value;
      if (key in out) {
        const prev = out[key];
        out[key] = Array.isArray(prev) ? [...prev, v] : [prev, v];
      } else out[key] = v;
    }
    return out;
  }
  if (typeof raw !== "object" || Array.isArray(raw)) return { __invalid__: true };
  return { ...(raw as Record<string, unknown>) };
}

const POLLUTING_KEYS = new Set(["__proto__", "constructor", "prototype"]);

function echo(input: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(input)) {
    if (POLLUTING_KEYS.has(k)) continue;
    if (typeof v === "string" && k !== "password") out[k] = v.slice(0, 10_000);
    else if (typeof v === "number" || typeof v === "boolean") out[k] = String(v);
  }
  return out;
}

export function zodFieldErrors(error: z.ZodError): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    let key = issue.path.length ? issue.path.map(String).join(".") : "_form";
    let message = issue.message;
    if (issue.code === "unrecognized_keys") {
      key = "_form";
      message = `These fields are not accepted: ${issue.keys.join(", ")}.`;
    }
    // Own keys only: a field named "constructor" or "__proto__" must not reach Object.prototype.
    if (!Object.hasOwn(fieldErrors, key)) Object.defineProperty(fieldErrors, key, { value: [], enumerable: true, writable: true, configurable: true });
    fieldErrors[key].push(message);
  }
  return fieldErrors;
}

/** PostgreSQL text cannot hold NUL characters: refuse them at the field instead of failing in the database. */
function unstorableText(input: Record<string, unknown>): Record<string, string[]> | null {
  const errors: Record<string, string[]> = {};
  const visit = (value: unknown, key: string, depth: number) => {
    if (depth > 5) return;
    if (typeof value === "string" && value.includes("\u0000")) errors[key] = ["This text contains a character that cannot be stored."];
    else if (Array.isArray(value)) value.forEach((v, i) => visit(v, `${key}.${i}`, depth + 1));
    else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) visit(v, `${key}.${k}`, depth + 1);
  };
  for (const [k, v] of Object.entries(input)) visit(v, k, 0);
  return Object.keys(errors).length ? errors : null;
}

const notFoundResult = (label: string): ActionResult<never> => ({
  ok: false,
  code: "NOT_FOUND",
  message: `${label} was not found.`,
});

/** Runs an action for a given actor. Server actions call it with the session's user; tests call it directly. */
export async function runAction<S extends z.ZodType, O, T>(
  def: ActionDefinition<S, O, T>,
  actor: SessionUser | null,
  rawInput: RawInput,
): Promise<ActionResult<T>> {
  const input = toPlainInput(rawInput);
  if (!actor) return { ok: false, code: "UNAUTHENTICATED", message: "Your session has ended. Sign in again." };
  try {
    if (def.rateLimited !== false) {
      // The one count of this mutation. In the app, proxy.ts has already answered 429 once the count was reached
      // (it only peeks); this typed refusal remains for concurrent requests that passed that check together and for
      // callers without a proxy (tests, scripts). See docs/decisions/0008-mutation-rate-limit.md.
      const limit = await hit(MUTATION_LIMIT(actor.id));
      if (!limit.allowed) {
        await audit({ action: "ratelimit.mutation", actorId: actor.id, details: { action: def.name } });
        return {
          ok: false,
          code: "RATE_LIMITED",
          message: tooFastMessage(limit.retryAfterSeconds),
          values: echo(input),
        };
      }
    }
    if (!def.roles.includes(actor.role)) {
      await audit({ action: "authz.denied", actorId: actor.id, details: { action: def.name, reason: "role" } });
      return { ok: false, code: "FORBIDDEN", message: "You do not have permission to do this." };
    }

    const unstorable = unstorableText(input);
    if (unstorable) {
      return { ok: false, code: "INVALID", message: "Please correct the highlighted fields.", fieldErrors: unstorable, values: echo(input) };
    }

    let object = undefined as O;
    if (def.object) {
      const id = input[def.object.key];
      // Ids are cuids or seed ids: anything else cannot name an object and never reaches the database.
      if (typeof id !== "string" || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) return notFoundResult(def.object.label);
      const found = await def.object.load(id, prisma);
      if (!found) return notFoundResult(def.object.label);
      if (!def.object.can(actor, found)) {
        await audit({
          action: "authz.denied",
          actorId: actor.id,
          targetType: def.object.label,
          targetId: id,
          details: { action: def.name, reason: "object" },
        });
        // Answered exactly like a missing object: no existence leak.
        return notFoundResult(def.object.label);
      }
      object = found;
    }

    let idempotencyKey: string | null = null;
    if (def.idempotent && typeof input.idempotencyKey === "string") {
      idempotencyKey = input.idempotencyKey.slice(0, 100);
    }
    delete input.idempotencyKey;

    const parsed = def.schema.safeParse(input);
    if (!parsed.success) {
      return {
        ok: false,
        code: "INVALID",
        message: "Please correct the highlighted fields.",
        fieldErrors: zodFieldErrors(parsed.error),
        values: echo(input),
      };
    }

    const data = await prisma.$transaction(
      async (tx) => {
        if (idempotencyKey) {
          const seen = await tx.idempotencyKey.findUnique({
            where: { userId_key: { userId: actor.id, key: idempotencyKey } },
            select: { resultId: true },
          });
          if (seen) return { id: seen.resultId } as T;
        }
        const result = await def.handler({ actor, input: parsed.data, object, tx });
        if (idempotencyKey) {
          const resultId = (result as { id?: string } | undefined)?.id ?? "";
          await tx.idempotencyKey.create({ data: { userId: actor.id, key: idempotencyKey, action: def.name, resultId } });
        }
        return result;
      },
      { timeout: 30_000, maxWait: 10_000 },
    );
    // Read-your-own-writes: until a replica has replayed this commit, this user's read-only pages read the primary
    // (a no-op without DATABASE_REPLICA_URL; docs/decisions/0031-read-replicas.md).
    await noteWrite(actor.id);
    return { ok: true, data };
  } catch (error) {
    return errorResult(error, input, def.name);
  }
}

export function errorResult(error: unknown, input: Record<string, unknown>, name: string): ActionResult<never> {
  if (error instanceof AppError) {
    return {
      ok: false,
      code: error.code,
      message: error.message,
      fieldErrors: error.fieldErrors,
      values: echo(input),
      details: error.details,
    };
  }
  const code = (error as { code?: string })?.code;
  if (code === "P2002") {
    return { ok: false, code: "CONFLICT", message: "That already exists.", values: echo(input) };
  }
  if (code === "P2034" || /could not serialize|deadlock/i.test(String((error as Error)?.message))) {
    return { ok: false, code: "CONFLICT", message: "Someone else saved at the same moment. Try again.", values: echo(input) };
  }
  if (isDatabaseUnavailable(error)) {
    return {
      ok: false,
      code: "UNAVAILABLE",
      message: "Cadence cannot reach its database right now. Nothing was saved; try again in a moment.",
      values: echo(input),
    };
  }
  console.error(`[action ${name}] unexpected error`, error);
  return { ok: false, code: "ERROR", message: "Something went wrong and nothing was saved. Try again.", values: echo(input) };
}

export type GuardedAction<T> = ((prev: unknown, input?: RawInput) => Promise<ActionResult<T>>) & {
  definition: ActionDefinition<z.ZodType, unknown, T>;
};

/**
 * Defines a server action. The returned function accepts either `(formData)` or, for `useActionState`,
 * `(previousState, formData)`. `after` runs outside the transaction on success (revalidatePath, redirect).
 */
export function defineAction<S extends z.ZodType, O, T>(
  def: ActionDefinition<S, O, T>,
  after?: (data: T, input: z.output<S>) => void | Promise<void>,
): GuardedAction<T> {
  const fn = async (prevOrInput: unknown, maybeInput?: RawInput): Promise<ActionResult<T>> => {
    const raw = (maybeInput !== undefined ? maybeInput : prevOrInput) as RawInput;
    const actor = await getCurrentUser();
    const result = await runAction(def, actor, raw);
    if (result.ok && actor) await rememberWriteInCookie(actor.id);
    if (result.ok && after) {
      const plain = toPlainInput(raw);
      delete plain.idempotencyKey;
      const parsed = def.schema.safeParse(plain);
      await after(result.data, (parsed.success ? parsed.data : undefined) as z.output<S>);
    }
    return result;
  };
  return Object.assign(fn, { definition: def as unknown as ActionDefinition<z.ZodType, unknown, T> });
}
