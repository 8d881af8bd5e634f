// The one set of zod field rules for deals, leads and inspection inputs: every action derives its strict schema from these.
import { z } from "zod";
import { EARLIEST_DATE, LATEST_DATE, isSaneIsoDate, isValidIsoDate } from "@/lib/domain/calendar";
import { parseMoneyInput } from "@/lib/format";
import { atMost } from "@/lib/domain/text-limits";

/** A sane cap: ten billion in the organisation's currency (10^12 minor units). */
export const MAX_AMOUNT_MINOR = 1_000_000_000_000n;
export const MAX_NAME = 200;
export const MAX_TEXT = 500;
export const MAX_NOTES = 2000;

/** Money typed by a person ("12,500", "$12,500.50") to bigint minor units, with a message per way it can be wrong. */
export const amountField = z.union([z.string(), z.number()]).transform((raw, ctx) => {
  const text = String(raw).trim();
  if (text === "") {
    ctx.addIssue({ code: "custom", message: "Enter the amount." });
    return z.NEVER;
  }
  if (/^-/.test(text.replace(/^[$€£¥]/, ""))) {
    ctx.addIssue({ code: "custom", message: "The amount cannot be negative." });
    return z.NEVER;
  }
  const minor = parseMoneyInput(text);
  if (minor === null) {
    ctx.addIssue({ code: "custom", message: "Enter an amount such as 12500 or 12,500.50." });
    return z.NEVER;
  }
  if (minor > MAX_AMOUNT_MINOR) {
    ctx.addIssue({ code: "custom", message: "That amount is too large: the limit is 10,000,000,000." });
    return z.NEVER;
  }
  return minor;
});

/**
 * A calendar date "YYYY-MM-DD" that exists and lies in the range Cadence accepts (1900–2200). The one date schema:
 * every form, action and query string (lib/http/search-params.ts) reads its dates through it.
 */
export const dateField = (what: string) =>
  z
    .string({ error: `Enter the ${what}.` })
    .trim()
    .min(1, `Enter the ${what}.`)
    .refine((v) => isValidIsoDate(v), `The ${what} is not a real date (use YYYY-MM-DD).`)
    .refine((v) => !isValidIsoDate(v) || isSaneIsoDate(v), `The ${what} must be between ${EARLIEST_DATE.slice(0, 4)} and ${LATEST_DATE.slice(0, 4)}.`);

/** An optional date: "" or absent means none. */
export const optionalDateField = (what: string) =>
  z.union([z.literal(""), dateField(what)]).transform((v) => (v === "" ? null : v));

export const textField = (what: string, max = MAX_TEXT) =>
  z.string({ error: `Enter the ${what}.` }).trim().max(max, atMost(what, max));

export const requiredText = (what: string, max = MAX_TEXT) => textField(what, max).min(1, `Enter the ${what}.`);

/** An optional text: blank becomes null. */
export const optionalText = (what: string, max = MAX_TEXT) => textField(what, max).transform((v) => (v === "" ? null : v));

export const idField = (what: string) => z.string({ error: `Choose a ${what}.` }).trim().min(1, `Choose a ${what}.`).max(64, `Unknown ${what}.`);

/** "true"/"false"/"on"/"yes" from forms (or a boolean from code) to a boolean. */
export const booleanField = z.union([z.boolean(), z.enum(["true", "false", "on", "off", "yes", "no"])]).transform((v) => v === true || v === "true" || v === "on" || v === "yes");

/** The version of the deal the user opened: the optimistic lock. */
export const expectedVersionField = z.coerce.number({ error: "Reload the deal." }).int().positive("Reload the deal.");

/** What a new deal takes besides its name: the deal form and a lead's conversion ask for the same fields. */
export const newDealFields = {
  amount: amountField,
  closeDate: dateField("close date"),
  stageId: idField("stage"),
  accountId: z.union([z.literal(""), idField("account")]).optional(),
  newAccountName: optionalText("account name", MAX_NAME).optional(),
  qualified: booleanField.optional(),
  nextStep: optionalText("next step").optional(),
  nextStepDate: optionalDateField("next-step date").optional(),
};
