// What the benchmark measures: the main pages (who opens them, which loaders they call) and the deal-update action.
// Generic on purpose: pages still showing "Not available yet" are reported as such, not measured. The heaviest page
// comes last so that its load does not spill into the others' measurements.
import { BENCH_EMAILS, BENCH_TEAM01 } from "../prisma/seed-large";

export interface PageSpec {
  /** Short name used in the report. */
  name: string;
  path: string;
  /** Who opens it (password cadence-bench). */
  email: string;
  role: "REP" | "MANAGER" | "EXECUTIVE" | "ADMIN";
  /** The data loaders behind the page, for the reader of the report. */
  loaders: string[];
  /** Issue 8's target for the p95 at 8 connections (ms), and at which data size it applies (deals). */
  target?: { p95Ms: number; atDeals?: number; minRps?: number };
  /** First-load JavaScript budget, gzip (KB). */
  jsBudgetKb: number;
}

export const PAGES: PageSpec[] = [
  {
    name: "inspection",
    path: `/inspection?team=${BENCH_TEAM01.id}`,
    email: BENCH_EMAILS.manager01,
    role: "MANAGER",
    loaders: ["lib/data/inspection.ts loadInspection"],
    target: { p95Ms: 150, atDeals: 200_000, minRps: 100 },
    jsBudgetKb: 150,
  },
  {
    name: "deals",
    path: "/deals",
    email: BENCH_EMAILS.rep0001,
    role: "REP",
    loaders: ["lib/data (my open deals)"],
    jsBudgetKb: 150,
  },
  {
    name: "coaching",
    path: "/coaching",
    email: BENCH_EMAILS.manager01,
    role: "MANAGER",
    loaders: ["lib/data/coaching.ts"],
    jsBudgetKb: 150,
  },
  {
    name: "targets",
    path: "/targets",
    email: BENCH_EMAILS.manager01,
    role: "MANAGER",
    loaders: ["lib/data/targets.ts"],
    jsBudgetKb: 150,
  },
  {
    name: "flow",
    path: "/flow",
    email: BENCH_EMAILS.executive,
    role: "EXECUTIVE",
    loaders: ["lib/data/flow.ts loadFlow (as-of reconstruction, lib/data/as-of.ts)"],
    target: { p95Ms: 300, atDeals: 200_000 },
    jsBudgetKb: 150,
  },
  {
    name: "quarterly",
    path: "/quarterly",
    email: BENCH_EMAILS.executive,
    role: "EXECUTIVE",
    loaders: ["lib/data/quarterly.ts loadQuarterlyDashboard"],
    target: { p95Ms: 300, atDeals: 1_000_000 },
    jsBudgetKb: 250,
  },
];

/** The deal update, run in-process through the same wrapper as the server action (see action-worker.ts). */
export const UPDATE_DEAL = {
  module: "../lib/actions/deals/update-deal.ts",
  exportName: "updateDeal",
  target: { p95Ms: 100 },
  /** The input of one update: a new next step (no stage move), with the version the caller last saw. */
  input: (deal: { id: string; version: number }, n: number) => ({
    dealId: deal.id,
    expectedVersion: String(deal.version),
    nextStep: `Bench follow-up ${n}`,
  }),
};
