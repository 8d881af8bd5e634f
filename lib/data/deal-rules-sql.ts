// SQL twins of the deal rules in lib/domain/deal-rules.ts, for the raw aggregate queries: one fragment per rule, used by
// every query that asks the question, so that the pages agree with each other and with the domain function.
import { Prisma } from "@/lib/generated/prisma/client";
import { BLANK_CHARACTERS } from "@/lib/domain/deal-rules";

/**
 * hasUpFrontContract() as a condition over the deal aliased `alias`: a next step that is not blank (the same blank
 * characters as the domain function, not only spaces) and a next-step date.
 */
export function hasUpFrontContractSql(alias = "d"): Prisma.Sql {
  const col = (c: string) => Prisma.raw(`${alias}."${c}"`);
  return Prisma.sql`(btrim(coalesce(${col("nextStep")}, ''), ${BLANK_CHARACTERS}::text) <> '' AND ${col("nextStepDate")} IS NOT NULL)`;
}
