// The quarterly review of a quarter in progress, compared at the same point: the prior quarter's and the same quarter
// last year's first N days (N = the days elapsed in the organisation's time zone), read in one SQL aggregate of the
// deals closed in those windows. docs/decisions/0024-periods-in-progress.md.
import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/permissions";
import { assertCanRead, type ClosedQuarter, type QuarterlyScope } from "@/lib/data/quarterly";
import type { OrganisationSettings } from "@/lib/data/organisation";
import { shiftPeriod, type Period } from "@/lib/domain/calendar";
import { pipelineVelocityMinor, share } from "@/lib/domain/metrics";
import { openQualifiedAsOfSql } from "@/lib/data/as-of";
import { toDateComparison, type PeriodWindow, type ToDateComparison } from "@/lib/domain/period-to-date";

/** The figures of one window, shaped as a quarter of the trend (velocity with the open qualified deals at its end). */
export type WindowFigures = ClosedQuarter;

export interface QuarterToDate {
  comparison: ToDateComparison;
  /** The same quarter a year earlier, over the same first N days (the sales cycle is compared year over year). */
  lastYearWindow: PeriodWindow;
  /** The prior quarter's first N days. */
  prior: WindowFigures;
  /** The same quarter last year's first N days. */
  sameQuarterLastYear: WindowFigures;
}

/** What loadQuarterToDate answers: the windows' figures for a quarter in progress, the comparison alone otherwise. */
export type QuarterToDateResult = QuarterToDate | { comparison: ToDateComparison; prior: null; sameQuarterLastYear: null; lastYearWindow: null };

type Num = number | bigint | string | null;
const toBig = (v: Num) => (v === null ? 0n : BigInt(typeof v === "string" ? v.split(".")[0] : v));

/** The mean deal size from a total and a count, rounded half away from zero to the cent (as averageDealSize does). */
function average(total: bigint, count: number): bigint | null {
  if (count === 0) return null;
  const n = BigInt(count);
  const sign = total < 0n ? -1n : 1n;
  return (sign * ((sign * total * 2n + n) / (2n * n)));
}

/** Figures of a window from its won / lost rows and the open qualified deals at its end. */
export function windowFigures(p: Pick<Period, "label">, w: PeriodWindow, rows: { status: string; n: number; amount: Num; cycle: Num }[], openQualified: number | null): WindowFigures {
  const won = rows.find((r) => r.status === "WON");
  const lost = rows.find((r) => r.status === "LOST");
  const wonN = won?.n ?? 0;
  const lostN = lost?.n ?? 0;
  const wonMinor = toBig(won?.amount ?? null);
  const lostMinor = toBig(lost?.amount ?? null);
  const avg = average(wonMinor, wonN);
  const cycleDays = wonN === 0 ? null : Number(toBig(won?.cycle ?? null)) / wonN;
  const winRateByCount = share(wonN, wonN + lostN);
  const velocity = openQualified === null ? null : pipelineVelocityMinor({ openQualifiedDeals: openQualified, won: wonN, lost: lostN, wonMinor, cycleDaysTotal: toBig(won?.cycle ?? null) });
  return {
    label: p.label,
    start: w.start,
    end: w.end,
    won: wonN,
    lost: lostN,
    wonMinor,
    lostMinor,
    winRateByCount,
    winRateByValue: wonMinor + lostMinor === 0n ? null : Number(wonMinor) / Number(wonMinor + lostMinor),
    averageDealSizeMinor: avg,
    cycleDays,
    openQualifiedAtEnd: openQualified,
    // Summed exactly and rounded once, half away from zero, as the dashboard's velocity.
    velocityPerDayMinor: velocity === null ? null : Number(velocity),
  };
}

/**
 * The to-date comparison of a quarter for a scope the actor may read. For a quarter that has ended (or not started)
 * the comparison is whole against whole and no window query runs: the dashboard's own figures are the answer.
 */
export async function loadQuarterToDate(
  actor: Actor,
  input: { quarter: Period; scope: QuarterlyScope },
  org: OrganisationSettings,
  now: Date,
  db: typeof prisma = prisma,
): Promise<QuarterToDateResult> {
  assertCanRead(actor, input.scope);
  const fy = org.fiscalYearStartMonth;
  const tz = org.timeZone;
  const comparison = toDateComparison(input.quarter, now, tz, fy);
  if (comparison.progress.state !== "in_progress") return { comparison, prior: null, sameQuarterLastYear: null, lastYearWindow: null };
  const lastYear = shiftPeriod(input.quarter, -4, fy);
  const lastYearWindow = toDateComparison(input.quarter, now, tz, fy, lastYear).priorWindow;
  const windows = [comparison.priorWindow, lastYearWindow];
  const owners = input.scope.kind === "TEAM" ? Prisma.sql`AND d."ownerId" IN (SELECT u.id FROM "User" u WHERE u."teamId" = ${input.scope.teamId})` : Prisma.empty;
  const buckets = Prisma.join(windows.map((w, i) => Prisma.sql`(${i}::int, ${w.from}::timestamptz, ${w.to}::timestamptz)`));
  // Closed deals of each window (the "Deal_status_closedAt" index), and the open qualified deals at the prior
  // window's end, each deal in the stage it was in then (reconstructed from its history, as the dashboard's velocity).
  const pipelineScope = input.scope.kind === "TEAM" ? { kind: "TEAM" as const, teamId: input.scope.teamId } : { kind: "ORGANISATION" as const };
  const [rows, openRows] = await Promise.all([
    db.$queryRaw<{ idx: number; status: string; n: number; amount: Num; cycle: Num }[]>`
    SELECT b.idx, d.status::text AS status, count(*)::int AS n, coalesce(sum(d."amountMinor"), 0)::bigint AS amount,
      coalesce(sum(CASE WHEN d.status = 'WON'
        THEN (d."closedAt" AT TIME ZONE ${tz})::date - coalesce(d."firstContactDate", (d."createdAt" AT TIME ZONE ${tz})::date) END), 0)::bigint AS cycle
    FROM (VALUES ${buckets}) AS b(idx, f, t)
    JOIN "Deal" d ON d.status IN ('WON', 'LOST') AND d."closedAt" >= b.f AND d."closedAt" < b.t
    WHERE true ${owners}
    GROUP BY 1, 2`,
    db.$queryRaw<{ idx: number; n: number }[]>`${openQualifiedAsOfSql([comparison.priorWindow.to], pipelineScope)}`,
  ]);
  const of = (i: number) => rows.filter((r) => r.idx === i);
  const openQualified = openRows[0]?.n ?? 0;
  return {
    comparison,
    lastYearWindow,
    prior: windowFigures(comparison.prior, comparison.priorWindow, of(0), openQualified),
    sameQuarterLastYear: windowFigures(lastYear, lastYearWindow, of(1), null),
  };
}

type ForecastRow = { commitMinor: bigint | null; actualMinor: bigint; accuracy: number | null; errorRatio: number | null; benchmark: "excellent" | "ok" | "off" | null };
export type ForecastStanding<T extends ForecastRow> = T & {
  /** Standing commit − closed so far: what is still to close to make the call (negative: beyond it). */
  gapMinor: bigint | null;
};

/**
 * Forecast accuracy is scored only once the quarter has ended (DOMAIN.md: the commit against the actual). While it is
 * in progress every row keeps its standing commit and closed-won so far, shows the gap between them, and has no
 * accuracy and no benchmark: a commit of 1,000,000 is not "off by 100%" on the quarter's first day.
 */
export function forecastAsOf<R extends ForecastRow, Q extends { reps: R[]; teams: (ForecastRow & { teamId: string; name: string })[]; organisation: ForecastRow | null }>(
  forecast: Q,
  comparison: Pick<ToDateComparison, "progress">,
) {
  const scored = comparison.progress.state === "ended";
  const row = <T extends ForecastRow>(r: T): ForecastStanding<T> => ({
    ...r,
    ...(scored ? {} : { accuracy: null, errorRatio: null, benchmark: null }),
    gapMinor: r.commitMinor === null ? null : r.commitMinor - r.actualMinor,
  });
  return {
    ...forecast,
    scored,
    reps: forecast.reps.map(row),
    teams: forecast.teams.map(row),
    organisation: forecast.organisation ? row(forecast.organisation) : null,
  };
}
