// The dashboard's tables as CSV: the same figures as the page, in plain decimals (minorToDecimal), one file per table.
import { minorToDecimal, toCsv, type CsvColumn } from "@/lib/csv";
import type { QuarterlyDashboard } from "@/lib/data/quarterly";

const dec = (v: bigint | null) => (v === null ? "" : minorToDecimal(v));
const ratio = (v: number | null) => (v === null ? "" : v.toFixed(4));
const days = (v: number | null) => (v === null ? "" : v.toFixed(1));
const money = (v: number | null) => (v === null ? "" : minorToDecimal(BigInt(Math.round(v))));

function table<T>(rows: readonly T[], columns: readonly CsvColumn<T>[]) {
  return toCsv(rows, columns);
}

export const QUARTERLY_TABLES = ["summary", "stages", "velocity", "forecast", "lost-reasons", "kpis", "trend", "open-by-stage"] as const;
export type QuarterlyTable = (typeof QUARTERLY_TABLES)[number];

export function isQuarterlyTable(value: string): value is QuarterlyTable {
  return (QUARTERLY_TABLES as readonly string[]).includes(value);
}

/** The CSV of one dashboard table. */
export function quarterlyTableCsv(d: QuarterlyDashboard, name: QuarterlyTable): string {
  switch (name) {
    case "summary": {
      const cov = d.nextQuarter.coverage;
      const rows: [string, string][] = [
        ["Quarter", d.period.label],
        ["Scope", d.scope.kind === "TEAM" ? `Team ${d.scope.teamName}` : "Organisation"],
        ["Currency", d.currency],
        ["Closed-won revenue", dec(d.current.wonMinor)],
        ["Quota", dec(d.quotaMinor)],
        ["Quota attainment", ratio(d.attainment)],
        ["Prior quarter closed-won revenue", dec(d.prior.wonMinor)],
        ["Change vs prior quarter", ratio(d.revenueChange)],
        ["Target change vs prior quarter", ratio(d.revenueTargetChange)],
        ["Deals won", String(d.current.won)],
        ["Deals lost", String(d.current.lost)],
        ["Win rate by count", ratio(d.current.winRateByCount)],
        ["Win rate by value", ratio(d.current.winRateByValue)],
        ["Average deal size", dec(d.current.averageDealSizeMinor)],
        ["Sales cycle (days)", days(d.current.cycleDays)],
        ["Sales cycle same quarter last year (days)", days(d.sameQuarterLastYear.cycleDays)],
        ["Change vs same quarter last year", ratio(d.cycleChange)],
        [`Coverage of ${d.next.label}`, cov.quotaMet ? "undefined (quota met)" : ratio(cov.ratio)],
        ["Coverage needed (1 / win rate)", ratio(cov.neededRatio)],
        [`Open pipeline closing in ${d.next.label}`, dec(d.nextQuarter.pipelineMinor)],
        ["Pipeline velocity per day", money(d.current.velocityPerDayMinor)],
        ["Methodology adoption", ratio(d.open.adoption)],
        ["Revenue at risk in stale deals (weighted)", dec(d.open.staleWeightedMinor)],
        ["Forecast accuracy (organisation)", ratio(d.forecast.organisation?.accuracy ?? null)],
        ["Constraint", d.constraint?.name ?? ""],
      ];
      return table(rows, [
        { header: "Metric", value: (r) => r[0] },
        { header: "Value", value: (r) => r[1] },
      ]);
    }
    case "stages":
      return table(d.stages, [
        { header: "Stage", value: (s) => s.name },
        { header: "Reached", value: (s) => s.reached },
        { header: "Next step", value: (s) => s.nextName },
        { header: "Advanced", value: (s) => s.advanced },
        { header: "Conversion", value: (s) => ratio(s.rate) },
        { header: "Median days in stage", value: (s) => days(s.medianDays) },
        { header: "Constraint", value: (s) => (d.constraint?.stageId === s.stageId ? "yes" : "") },
      ]);
    case "velocity":
    case "trend":
      return table(name === "velocity" ? [d.prior, d.current] : d.trend, [
        { header: "Quarter", value: (q) => q.label },
        { header: "Deals won", value: (q) => q.won },
        { header: "Deals lost", value: (q) => q.lost },
        { header: "Closed-won revenue", value: (q) => dec(q.wonMinor) },
        { header: "Win rate by count", value: (q) => ratio(q.winRateByCount) },
        { header: "Win rate by value", value: (q) => ratio(q.winRateByValue) },
        { header: "Average deal size", value: (q) => dec(q.averageDealSizeMinor) },
        { header: "Sales cycle (days)", value: (q) => days(q.cycleDays) },
        { header: "Open qualified deals at quarter end", value: (q) => q.openQualifiedAtEnd },
        { header: "Pipeline velocity per day", value: (q) => money(q.velocityPerDayMinor) },
      ]);
    case "forecast": {
      const rows = [
        ...(d.forecast.organisation ? [{ kind: "organisation", who: "Organisation", ...d.forecast.organisation }] : []),
        ...d.forecast.teams.map((t) => ({ kind: "team", who: t.name, ...t })),
        ...d.forecast.reps.map((r) => ({ kind: "rep", who: r.name, ...r })),
      ];
      return table(rows, [
        { header: "Level", value: (r) => r.kind },
        { header: "Who", value: (r) => r.who },
        { header: "Commit at scoring week", value: (r) => dec(r.commitMinor) },
        { header: "Actual closed-won", value: (r) => dec(r.actualMinor) },
        { header: "Accuracy", value: (r) => ratio(r.accuracy) },
        { header: "Error", value: (r) => ratio(r.errorRatio) },
        { header: "Benchmark", value: (r) => r.benchmark ?? "" },
      ]);
    }
    case "lost-reasons":
      return table(d.lostReasons, [
        { header: "Reason", value: (r) => r.reason },
        { header: "Deals", value: (r) => r.deals },
        { header: "Amount", value: (r) => dec(r.amountMinor) },
      ]);
    case "kpis":
      return table(d.kpis, [
        { header: "KPI", value: (k) => k.label },
        { header: "Actual", value: (k) => k.actual },
        { header: "Target", value: (k) => (k.target === null ? "" : k.target) },
        { header: "Attainment", value: (k) => ratio(k.attainment) },
      ]);
    case "open-by-stage":
      return table(d.openByStage, [
        { header: "Stage", value: (s) => s.name },
        { header: "Probability %", value: (s) => s.probability },
        { header: "Open deals", value: (s) => s.openDeals },
        { header: "Open amount", value: (s) => dec(s.openMinor) },
        { header: "Stale deals", value: (s) => s.staleDeals },
        { header: "Stale amount", value: (s) => dec(s.staleMinor) },
        { header: "Stale weighted (at risk)", value: (s) => dec(s.staleWeightedMinor) },
      ]);
  }
}
