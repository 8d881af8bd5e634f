// The organisation's settings (time zone, currency, fiscal year, thresholds) and "today" in its time zone.
import { cache } from "react";
import { prisma } from "@/lib/db";
import { localDate, type IsoDate } from "@/lib/domain/calendar";

export interface OrganisationSettings {
  id: string;
  name: string;
  timeZone: string;
  currency: string;
  fiscalYearStartMonth: number;
  staleThresholdDays: number;
  forecastScoringWeek: number;
}

const DEFAULTS: OrganisationSettings = {
  id: "",
  name: "Cadence",
  timeZone: "UTC",
  currency: "USD",
  fiscalYearStartMonth: 1,
  staleThresholdDays: 14,
  forecastScoringWeek: 1,
};

export async function loadOrganisation(db: Pick<typeof prisma, "organisation"> = prisma): Promise<OrganisationSettings> {
  const org = await db.organisation.findFirst({
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, timeZone: true, currency: true, fiscalYearStartMonth: true, staleThresholdDays: true, forecastScoringWeek: true },
  });
  return org ?? DEFAULTS;
}

/** Per request: the organisation's settings. */
export const getOrganisation = cache(() => loadOrganisation());

/** Today's calendar date in the organisation's time zone. The only place pages read the clock. */
export function todayIn(org: Pick<OrganisationSettings, "timeZone">, now: Date = new Date()): IsoDate {
  return localDate(now, org.timeZone);
}
