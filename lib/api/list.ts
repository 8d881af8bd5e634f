// Stripe-style lists: `limit`, `starting_after` (an id), `has_more`, a stable order by id, `updated_since` for
// incremental sync, and sparse fields (`fields=id,name`). Query parameters are validated like form input.
import { z } from "zod";
import { ApiProblem } from "@/lib/api/problem";

export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const idParam = z.string().regex(ID_PATTERN, "Not an id.");
export const idParams = z.strictObject({ id: idParam });

const limitField = z
  .string()
  .regex(/^\d{1,4}$/, "Give a whole number from 1 to 500.")
  .transform(Number)
  .pipe(z.number().int().min(1, "Give a whole number from 1 to 500.").max(500, "Give a whole number from 1 to 500."))
  .optional();

const instantField = z
  .string()
  .max(40)
  .refine((v) => /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/.test(v) && !Number.isNaN(Date.parse(v)), "Give an ISO 8601 date or date-time, e.g. 2026-11-30T00:00:00Z.")
  .transform((v) => new Date(v));

const fieldsField = z.string().max(1000).regex(/^[A-Za-z_,]*$/, "List field names separated by commas.").optional();

/** The paging parameters every list takes; each list adds its own filters with `.extend`. */
export const listQuerySchema = z.strictObject({
  limit: limitField,
  starting_after: idParam.optional(),
  fields: fieldsField,
});

export const updatedSinceField = instantField.optional();

/** The query a list with `updated_since` takes. */
export const syncListQuerySchema = listQuerySchema.extend({ updated_since: updatedSinceField });

export interface ListPage<T> {
  object: "list";
  data: T[];
  has_more: boolean;
}

/** The list envelope's schema around an item schema. */
export function listSchema<T extends z.ZodType>(item: T) {
  return z.object({ object: z.literal("list"), data: z.array(item), has_more: z.boolean() });
}

/** The Prisma arguments of one page ordered by id, and the envelope from the fetched rows (limit + 1 fetched). */
export function pageArgs(query: { limit?: number; starting_after?: string }) {
  const limit = query.limit ?? 50;
  return {
    limit,
    cursor: query.starting_after ? { id: { gt: query.starting_after } } : {},
    take: limit + 1,
    orderBy: { id: "asc" as const },
  };
}

export function toPage<R, T>(rows: R[], limit: number, map: (row: R) => T, fields?: string): ListPage<Partial<T>> {
  const data = rows.slice(0, limit).map(map);
  return { object: "list", data: data.map((d) => sparse(d, fields)), has_more: rows.length > limit };
}

/** Keeps the fields asked for (and always `id`); an unknown field name is a 400. */
export function sparse<T>(item: T, fields?: string): Partial<T> {
  if (!fields) return item;
  const wanted = fields.split(",").filter(Boolean);
  const known = Object.keys(item as object);
  const unknown = wanted.filter((f) => !known.includes(f));
  if (unknown.length) {
    throw new ApiProblem("invalid-request", "Some query parameters are not valid.", {
      errors: { fields: [`Unknown fields: ${unknown.slice(0, 10).join(", ")}. Known: ${known.join(", ")}.`] },
    });
  }
  const out: Record<string, unknown> = {};
  for (const key of ["id", ...wanted]) if (Object.hasOwn(item as object, key)) out[key] = (item as Record<string, unknown>)[key];
  return out as Partial<T>;
}

/** Validates `fields` up front against the item's keys, so an empty page still refuses an unknown field. */
export function checkFields(fields: string | undefined, known: readonly string[]): void {
  if (!fields) return;
  const unknown = fields.split(",").filter((f) => f && !known.includes(f));
  if (unknown.length) {
    throw new ApiProblem("invalid-request", "Some query parameters are not valid.", {
      errors: { fields: [`Unknown fields: ${unknown.slice(0, 10).join(", ")}. Known: ${known.join(", ")}.`] },
    });
  }
}

/** An item schema made sparse for documentation: every field optional except id. */
export function sparseSchema<T extends z.ZodObject>(item: T) {
  return item.partial().required({ id: true } as never);
}
