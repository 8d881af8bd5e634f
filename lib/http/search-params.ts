// Query strings read like form input: each page and route handler names its parameters in a zod schema and reads
// them through parseSearchParams. Text is bounded and free of control characters (a NUL reached PostgreSQL and
// answered 500), dates go through the one date schema (1900–2200). A route handler answers a bad value with 400 and
// the message; a page shows the message instead of the data (components/ui/invalid-filter.tsx).
import { z } from "zod";
import { dateField } from "@/lib/data/deals-schema";

export type SearchParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

export type SearchParamsResult<T> = { ok: true; value: T } | { ok: false; message: string };

// C0 controls except tab, and DEL: no filter a person types contains them.
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f]/;

/** The first value of each parameter (a repeated parameter keeps its first), as the schemas read them. */
export function firstValues(input: SearchParamsInput): Record<string, string> {
  const out: Record<string, string> = {};
  if (input instanceof URLSearchParams) {
    for (const [key, value] of input) if (!(key in out)) out[key] = value;
    return out;
  }
  for (const [key, value] of Object.entries(input)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === "string") out[key] = first;
  }
  return out;
}

/** A free-text or id filter: trimmed, at most `max` characters, no control characters; blank means none. */
export const queryText = (what: string, max = 200) =>
  z
    .string()
    .max(max, `The ${what} filter is longer than ${max} characters.`)
    .refine((v) => !CONTROL.test(v), `The ${what} filter contains a character that is not allowed.`)
    .transform((v) => v.trim() || undefined)
    .optional();

/** A date filter "YYYY-MM-DD" through the shared date schema; blank means none. */
export const queryDate = (what: string) =>
  z
    .string()
    .transform((v) => v.trim())
    .pipe(z.union([z.literal(""), dateField(`${what} date`)]))
    .transform((v) => v || undefined)
    .optional();

/** One of a fixed set of values (case-insensitive); blank or absent gives the fallback. */
export const queryChoice = <const T extends readonly [string, ...string[]]>(what: string, values: T, fallback?: T[number]) =>
  z
    .string()
    .optional()
    .transform((v, ctx): T[number] | undefined => {
      const text = v?.trim() ?? "";
      if (text === "") return fallback;
      const found = values.find((c) => c.toLowerCase() === text.toLowerCase());
      if (found === undefined) {
        ctx.addIssue({ code: "custom", message: `The ${what} filter must be one of: ${values.join(", ")}.` });
        return z.NEVER;
      }
      return found;
    });

/** A page number: a whole number from 1 to `max`; absent is 1. */
export const queryPage = (max = 10_000) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      const text = v?.trim() ?? "";
      if (text === "") return 1;
      const page = Number(text);
      if (!/^\d{1,6}$/.test(text) || page < 1 || page > max) {
        ctx.addIssue({ code: "custom", message: `The page must be a whole number from 1 to ${max.toLocaleString("en-US")}.` });
        return z.NEVER;
      }
      return page;
    });

/** Reads the parameters a schema names (others are ignored: links may carry tracking parameters). */
export function parseSearchParams<S extends z.ZodType>(schema: S, input: SearchParamsInput): SearchParamsResult<z.output<S>> {
  const result = schema.safeParse(firstValues(input));
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, message: result.error.issues[0]?.message ?? "The filter is not valid." };
}

/** A route handler's answer to an invalid query string. */
export function badRequest(message: string): Response {
  return Response.json({ ok: false, message }, { status: 400, headers: { "Cache-Control": "no-store" } });
}
