// The demo organisation as plain data: deterministic (fixed random seed), dates relative to `today`.
// Pure: no database, no clock. prisma/seed.ts writes it; tests check its invariants.
import {
  addDays,
  addMonths,
  daysBetween,
  periodContaining,
  shiftPeriod,
  startOfLocalDay,
  startOfWeek,
  type IsoDate,
} from "@/lib/domain/calendar";
import { isPush as pushesQuarter } from "@/lib/domain/deal-rules";
import { DEFAULT_STAGES } from "./factories";

export const DEMO_PASSWORD = "cadence-demo";
export const DEMO_TIME_ZONE = "America/New_York";

export function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
const pick = <T,>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];

export interface DemoUser {
  id: string;
  email: string;
  name: string;
  role: "REP" | "MANAGER" | "EXECUTIVE" | "ADMIN";
  teamId: string | null;
  startDate: IsoDate | null;
}
export interface DemoDeal {
  id: string;
  name: string;
  accountId: string;
  ownerId: string;
  stageId: string;
  status: "OPEN" | "WON" | "LOST";
  amountMinor: bigint;
  closeDate: IsoDate;
  nextStep: string | null;
  nextStepDate: IsoDate | null;
  qualified: boolean;
  firstContactDate: IsoDate | null;
  createdAt: Date;
  lastMovedAt: Date;
  lastTouchedAt: Date;
  closedAt: Date | null;
  pausedUntil: IsoDate | null;
  pauseReason: string | null;
  pausedById: string | null;
  lostReason: string | null;
  pushCount: number;
}
export interface DemoChange {
  dealId: string;
  actorId: string;
  at: Date;
  field: string;
  oldValue: string | null;
  newValue: string | null;
  reason: string | null;
}

const FIRST = ["Ava", "Ben", "Chloe", "Dev", "Elena", "Femi", "Grace", "Hugo", "Isla", "Jonah", "Kira", "Liam", "Maya", "Nico", "Olivia", "Priya", "Quinn", "Rosa", "Sam", "Tariq", "Uma", "Victor"];
const LAST = ["Reyes", "Okafor", "Lindqvist", "Chen", "Novak", "Haddad", "Brennan", "Sato", "Moreau", "Patel", "Kowalski", "Adeyemi", "Fischer", "Walsh", "Ibarra", "Larsen", "Nakamura", "Duarte"];
const COMPANY_A = ["Acme", "Blue", "Cedar", "Delta", "Ember", "Falcon", "Granite", "Harbor", "Iron", "Juniper", "Keystone", "Lumen", "Maple", "Nimbus", "Orbit", "Pioneer", "Quartz", "Redwood", "Summit", "Tidal", "Union", "Vertex", "Willow", "Zenith"];
const COMPANY_B = ["Logistics", "Health", "Foods", "Energy", "Analytics", "Retail", "Bank", "Robotics", "Media", "Labs", "Insurance", "Manufacturing"];
const PRODUCTS = ["platform rollout", "expansion", "pilot", "renewal + upsell", "analytics add-on", "enterprise licence", "new division"];
const NEXT_STEPS = ["Send proposal", "Discovery call with CFO", "Technical validation", "Agree mutual action plan", "Security review", "Pricing review with champion", "Demo to buying committee", "Confirm decision criteria"];
const LOST_REASONS = ["Lost to competitor", "No budget", "No decision (status quo)", "Timing: project postponed", "Price", "Missing capability"];
const PUSH_REASONS = ["Buyer's legal review slipped", "Budget approval moved to next quarter", "Champion on leave", "Procurement backlog", "Scope expanded"];

export interface DemoData {
  organisation: { id: string; name: string; timeZone: string; currency: string; fiscalYearStartMonth: number; staleThresholdDays: number };
  stages: { id: string; name: string; order: number; probability: number; isLateStage: boolean; isQualified: boolean; staleThresholdDays: number | null }[];
  teams: { id: string; name: string }[];
  teamManagers: { teamId: string; userId: string }[];
  users: DemoUser[];
  accounts: { id: string; name: string; domain: string; industry: string; ownerId: string }[];
  deals: DemoDeal[];
  changes: DemoChange[];
  activities: { id: string; dealId: string; userId: string; type: "CALL" | "MEETING" | "EMAIL" | "NOTE"; occurredOn: IsoDate; subject: string }[];
  leads: { id: string; ownerId: string; name: string; company: string; icpQualified: boolean; createdOn: IsoDate }[];
  quotas: { userId: string; periodType: "MONTH" | "QUARTER"; periodStart: IsoDate; periodEnd: IsoDate; amountMinor: bigint }[];
  targets: { id: string; metric: string; category: "LEADING" | "LAGGING" | "QUALITY"; periodType: "MONTH" | "QUARTER" | "YEAR"; scope: "ORGANISATION" | "TEAM"; teamId: string | null; direction: "AT_LEAST" | "AT_MOST"; value: number; isRelative: boolean }[];
  forecasts: { userId: string; scope: "REP" | "TEAM"; teamId: string | null; periodType: "QUARTER"; periodStart: IsoDate; periodEnd: IsoDate; commitMinor: bigint; bestCaseMinor: bigint; submittedAt: Date }[];
  coaching: {
    sessions: { id: string; managerId: string; repId: string; heldOn: IsoDate; behaviorRating: number; techniqueRating: number; attitudeRating: number; behaviorNotes: string; techniqueNotes: string; attitudeNotes: string; sharedNotes: string; completedAt: Date }[];
    privateNotes: { sessionId: string; authorId: string; body: string }[];
    callReviews: { sessionId: string; dealId: string | null; recordingRef: string; callDate: IsoDate; uncoveredPain: boolean; usedNegativeReverse: boolean; setUpFrontContract: boolean; pitchedFeatures: boolean; strengths: string; gaps: string }[];
    plans: { id: string; sessionId: string; repId: string; startsOn: IsoDate; endsOn: IsoDate; acknowledgedAt: Date | null; verdict: "ACHIEVED" | "PARTLY" | "NOT_ACHIEVED" | null; verdictNotes: string | null; reviewedInSessionId: string | null; reviewedAt: Date | null }[];
    objectives: { id: string; planId: string; dimension: "BEHAVIOR" | "ATTITUDE" | "TECHNIQUE"; title: string; successCriterion: string; position: number }[];
    actions: { objectiveId: string; description: string; ownerId: string; dueDate: IsoDate; status: "TODO" | "IN_PROGRESS" | "DONE"; completedAt: Date | null }[];
  };
  inspections: {
    sessions: { id: string; managerId: string; teamId: string; asOfDate: IsoDate; startedAt: Date; completedAt: Date }[];
    dispositions: { sessionId: string; dealId: string; disposition: "COMMIT" | "KEEP" | "PUSH" | "CLOSE_OUT"; flags: string[]; note: string | null }[];
    actionItems: { inspectionSessionId: string; dealId: string; ownerId: string; createdById: string; description: string; dueDate: IsoDate; status: "OPEN" | "DONE"; completedAt: Date | null }[];
  };
}

export const DEMO_ACCOUNTS = {
  admin: { email: "admin@cadence.demo", name: "Alex Admin", role: "ADMIN" as const },
  executive: { email: "erin.exec@cadence.demo", name: "Erin Whitfield", role: "EXECUTIVE" as const },
  managers: [
    { email: "maria.manager@cadence.demo", name: "Maria Santos", team: "East" },
    { email: "omar.manager@cadence.demo", name: "Omar Farouk", team: "West" },
    { email: "hannah.manager@cadence.demo", name: "Hannah Becker", team: "Central" },
  ],
  firstRepEmail: "riley.rep@cadence.demo",
};

/**
 * Builds the demo organisation. `today` is the organisation's local date; instants are placed in `timeZone`.
 */
export function generateDemoData(today: IsoDate, timeZone: string = DEMO_TIME_ZONE, seed = 20261123): DemoData {
  const rng = mulberry32(seed);
  const at = (date: IsoDate, hour = 10, minute = 0) =>
    new Date(startOfLocalDay(date, timeZone).getTime() + (hour * 60 + minute) * 60_000);
  const randomTime = (date: IsoDate) => at(date, int(rng, 8, 17), int(rng, 0, 59));
  const fiscalYearStartMonth = 1;

  const stages = DEFAULT_STAGES.map((s) => ({ ...s, id: `stage_${s.name.toLowerCase()}` }));
  const teams = DEMO_ACCOUNTS.managers.map((m) => ({ id: `team_${m.team.toLowerCase()}`, name: m.team }));
  const users: DemoUser[] = [
    { id: "user_admin", ...DEMO_ACCOUNTS.admin, teamId: null, startDate: null },
    { id: "user_exec", ...DEMO_ACCOUNTS.executive, teamId: null, startDate: null },
  ];
  const teamManagers: DemoData["teamManagers"] = [];
  DEMO_ACCOUNTS.managers.forEach((m, i) => {
    const id = `user_mgr_${i + 1}`;
    users.push({ id, email: m.email, name: m.name, role: "MANAGER", teamId: null, startDate: null });
    teamManagers.push({ teamId: teams[i].id, userId: id });
  });
  const reps: DemoUser[] = [];
  const usedNames = new Set<string>();
  for (let i = 0; i < 15; i++) {
    let name = "";
    do name = `${pick(rng, FIRST)} ${pick(rng, LAST)}`;
    while (usedNames.has(name));
    usedNames.add(name);
    const email = i === 0 ? DEMO_ACCOUNTS.firstRepEmail : `${name.toLowerCase().replace(/[^a-z]+/g, ".")}@cadence.demo`;
    // One rep joined two months ago: a mid-period joiner for the scorecards.
    const startDate = i === 14 ? addDays(today, -60) : addDays(today, -int(rng, 600, 1500));
    const rep: DemoUser = { id: `user_rep_${String(i + 1).padStart(2, "0")}`, email, name: i === 0 ? "Riley Morgan" : name, role: "REP", teamId: teams[i % 3].id, startDate };
    reps.push(rep);
    users.push(rep);
  }

  const accounts: DemoData["accounts"] = [];
  const accountNames = new Set<string>();
  for (let i = 0; accounts.length < 140 && i < 10_000; i++) {
    const name = `${pick(rng, COMPANY_A)} ${pick(rng, COMPANY_B)}`;
    if (accountNames.has(name)) continue;
    accountNames.add(name);
    accounts.push({
      id: `acct_${String(accounts.length + 1).padStart(4, "0")}`,
      name,
      domain: `${name.toLowerCase().replace(/[^a-z]+/g, "")}.example`,
      industry: name.split(" ")[1],
      ownerId: reps[accounts.length % reps.length].id,
    });
  }

  const deals: DemoDeal[] = [];
  const changes: DemoChange[] = [];
  const activities: DemoData["activities"] = [];
  const historyStart = addDays(today, -540);
  let dealNo = 0;
  let activityNo = 0;

  for (const rep of reps) {
    const repStart = rep.startDate! > historyStart ? rep.startDate! : historyStart;
    const span = daysBetween(repStart, today);
    const dealCount = Math.round((span / 30) * (5 + rng() * 2.5));
    for (let k = 0; k < dealCount; k++) {
      dealNo++;
      const id = `deal_${String(dealNo).padStart(5, "0")}`;
      const createdDay = addDays(repStart, int(rng, 0, span));
      const createdAt = randomTime(createdDay);
      const account = pick(rng, accounts);
      let amount = BigInt(Math.round(Math.exp(Math.log(28_000) + (rng() - 0.5) * 1.8) / 100) * 100) * 100n;
      let closeDate = addDays(createdDay, int(rng, 35, 110));
      let stageIdx = rng() < 0.3 ? 0 : 1;
      let status: DemoDeal["status"] = "OPEN";
      let lastMovedAt = createdAt;
      let closedAt: Date | null = null;
      let lostReason: string | null = null;
      let pushCount = 0;
      const firstContactDate = rng() < 0.3 ? addDays(createdDay, -int(rng, 3, 30)) : null;
      const log = (when: Date, field: string, oldValue: string | null, newValue: string | null, reason: string | null = null) =>
        changes.push({ dealId: id, actorId: rep.id, at: when, field, oldValue, newValue, reason });
      log(createdAt, "created", null, null);
      log(createdAt, "stageId", null, stages[stageIdx].id);
      log(createdAt, "amountMinor", null, amount.toString());
      log(createdAt, "closeDate", null, closeDate);

      let day = createdDay;
      for (let step = 0; step < 12; step++) {
        const dwell = rng() < 0.15 ? int(rng, 18, 45) : int(rng, 3, 16);
        const next = addDays(day, dwell);
        if (next > today) break;
        const when = randomTime(next);
        // Close-date pushes as the expected date approaches.
        if (next > addDays(closeDate, -5) && rng() < 0.5) {
          const pushed = addDays(closeDate, int(rng, 14, 45));
          const isPush = pushesQuarter(closeDate, pushed, fiscalYearStartMonth);
          log(when, "closeDate", closeDate, pushed, pick(rng, PUSH_REASONS));
          if (isPush) pushCount++;
          closeDate = pushed;
        }
        if (rng() < 0.1) {
          const newAmount = (amount * BigInt(int(rng, 80, 125))) / 100n / 10_000n * 10_000n;
          if (newAmount > 0n && newAmount !== amount) {
            log(when, "amountMinor", amount.toString(), newAmount.toString());
            amount = newAmount;
          }
        }
        const last = stageIdx === stages.length - 1;
        const roll = rng();
        if (last ? roll < 0.62 : false) {
          status = "WON";
        } else if (last || roll < 0.14) {
          status = "LOST";
          lostReason = pick(rng, LOST_REASONS);
        } else if (roll < 0.18 && stageIdx > 1) {
          log(when, "stageId", stages[stageIdx].id, stages[stageIdx - 1].id);
          stageIdx--;
        } else {
          log(when, "stageId", stages[stageIdx].id, stages[stageIdx + 1].id);
          stageIdx++;
        }
        lastMovedAt = when;
        day = next;
        if (status !== "OPEN") {
          closedAt = when;
          if (closeDate !== next) {
            const isPush = pushesQuarter(closeDate, next, fiscalYearStartMonth);
            log(when, "closeDate", closeDate, next, isPush ? "Closed later than expected" : null);
            if (isPush) pushCount++;
            closeDate = next;
          }
          log(when, "status", "OPEN", status);
          if (lostReason) log(when, "lostReason", null, lostReason);
          break;
        }
      }

      let nextStep: string | null = null;
      let nextStepDate: IsoDate | null = null;
      if (status === "OPEN") {
        if (closeDate < today && rng() < 0.75) {
          const pushed = addDays(today, int(rng, 10, 60));
          const when = randomTime(addDays(today, -int(rng, 0, 6)));
          const isPush = pushesQuarter(closeDate, pushed, fiscalYearStartMonth);
          log(when > lastMovedAt ? when : lastMovedAt, "closeDate", closeDate, pushed, pick(rng, PUSH_REASONS));
          if (isPush) pushCount++;
          closeDate = pushed;
        }
        const r = rng();
        if (r < 0.72) {
          nextStep = pick(rng, NEXT_STEPS);
          nextStepDate = addDays(today, int(rng, 0, 14));
        } else if (r < 0.86) {
          nextStep = pick(rng, NEXT_STEPS);
          nextStepDate = addDays(today, -int(rng, 1, 12)); // overdue
        } else if (r < 0.93) {
          nextStep = null; // no next step at all
          nextStepDate = null;
        } else {
          nextStep = pick(rng, NEXT_STEPS); // a step with no date: still no up-front contract
          nextStepDate = null;
        }
      }

      // Activities between creation and close (or today).
      const endDay = closedAt ? addDays(createdDay, daysBetween(createdDay, closeDate)) : today;
      const activitySpan = Math.max(0, daysBetween(createdDay, endDay));
      const nActivities = int(rng, 1, 6);
      let lastTouchedAt = lastMovedAt;
      for (const c of changes.slice(-20)) if (c.dealId === id && c.at > lastTouchedAt) lastTouchedAt = c.at;
      for (let a = 0; a < nActivities; a++) {
        const occurredOn = addDays(createdDay, int(rng, 0, activitySpan));
        const type = pick(rng, ["CALL", "MEETING", "EMAIL", "NOTE"] as const);
        activities.push({
          id: `act_${String(++activityNo).padStart(6, "0")}`,
          dealId: id,
          userId: rep.id,
          type,
          occurredOn,
          subject: `${type === "CALL" ? "Call" : type === "MEETING" ? "Meeting" : type === "EMAIL" ? "Email" : "Note"} — ${account.name}`,
        });
        const touched = randomTime(occurredOn);
        if (touched > lastTouchedAt && occurredOn <= today) lastTouchedAt = touched;
      }

      deals.push({
        id,
        name: `${account.name} — ${pick(rng, PRODUCTS)}`,
        accountId: account.id,
        ownerId: rep.id,
        stageId: stages[stageIdx].id,
        status,
        amountMinor: amount,
        closeDate,
        nextStep,
        nextStepDate,
        qualified: stageIdx >= 2 || rng() < 0.5,
        firstContactDate,
        createdAt,
        lastMovedAt,
        lastTouchedAt: lastTouchedAt < lastMovedAt ? lastMovedAt : lastTouchedAt,
        closedAt,
        pausedUntil: null,
        pauseReason: null,
        pausedById: null,
        lostReason,
        pushCount,
      });
    }
  }

  // Guarantee the flags a demo should show today on the first rep's list.
  const riley = deals.filter((d) => d.ownerId === reps[0].id && d.status === "OPEN");
  const stale = riley[0];
  if (stale) {
    stale.lastMovedAt = at(addDays(today, -21), 11);
    if (stale.lastTouchedAt < stale.lastMovedAt) stale.lastTouchedAt = stale.lastMovedAt;
    changes.push({ dealId: stale.id, actorId: reps[0].id, at: stale.lastMovedAt, field: "stageId", oldValue: stages[Math.max(0, stages.findIndex((s) => s.id === stale.stageId) - 1)].id, newValue: stale.stageId, reason: null });
    // Any later stage change would contradict the last movement: keep the story straight.
    for (let i = changes.length - 2; i >= 0; i--) {
      const c = changes[i];
      if (c.dealId === stale.id && c.field === "stageId" && c.at > stale.lastMovedAt) c.at = new Date(stale.lastMovedAt.getTime() - 60_000);
    }
  }
  if (riley[1]) {
    riley[1].nextStep = null;
    riley[1].nextStepDate = null;
  }
  if (riley[2]) {
    riley[2].nextStep = "Send revised proposal";
    riley[2].nextStepDate = addDays(today, -3);
  }
  const paused = riley[3] ?? deals.find((d) => d.status === "OPEN");
  if (paused) {
    paused.pausedUntil = addDays(today, 12);
    paused.pauseReason = "Customer budget freeze until their new fiscal year";
    paused.pausedById = "user_mgr_1";
    changes.push({ dealId: paused.id, actorId: "user_mgr_1", at: at(addDays(today, -2), 15), field: "pausedUntil", oldValue: null, newValue: paused.pausedUntil, reason: paused.pauseReason });
    if (paused.lastTouchedAt < at(addDays(today, -2), 15)) paused.lastTouchedAt = at(addDays(today, -2), 15);
  }

  const leads: DemoData["leads"] = [];
  let leadNo = 0;
  for (const rep of reps) {
    for (let m = 17; m >= 0; m--) {
      const monthStart = periodContaining(addMonths(today, -m), "MONTH").start;
      if (monthStart < periodContaining(rep.startDate!, "MONTH").start) continue;
      const n = int(rng, 11, 22);
      for (let i = 0; i < n; i++) {
        const createdOn = addDays(monthStart, int(rng, 0, 27));
        if (createdOn > today || createdOn < rep.startDate!) continue;
        leads.push({
          id: `lead_${String(++leadNo).padStart(6, "0")}`,
          ownerId: rep.id,
          name: `${pick(rng, FIRST)} ${pick(rng, LAST)}`,
          company: `${pick(rng, COMPANY_A)} ${pick(rng, COMPANY_B)}`,
          icpQualified: rng() < 0.7,
          createdOn,
        });
      }
    }
  }

  const quotas: DemoData["quotas"] = [];
  const currentQuarter = periodContaining(today, "QUARTER", fiscalYearStartMonth);
  for (const rep of reps) {
    const base = BigInt(int(rng, 15, 25)) * 1_000_000n; // $150k–250k per quarter, in cents
    for (let q = -6; q <= 1; q++) {
      const quarter = shiftPeriod(currentQuarter, q, fiscalYearStartMonth);
      quotas.push({ userId: rep.id, periodType: "QUARTER", periodStart: quarter.start, periodEnd: quarter.end, amountMinor: base });
      for (let m = 0; m < 3; m++) {
        const month = periodContaining(addMonths(quarter.start, m), "MONTH");
        quotas.push({ userId: rep.id, periodType: "MONTH", periodStart: month.start, periodEnd: month.end, amountMinor: base / 3n });
      }
    }
  }

  const targets: DemoData["targets"] = [
    { id: "target_leads", metric: "qualified_leads", category: "LEADING", periodType: "MONTH", scope: "ORGANISATION", teamId: null, direction: "AT_LEAST", value: 15, isRelative: false },
    { id: "target_leads_east", metric: "qualified_leads", category: "LEADING", periodType: "MONTH", scope: "TEAM", teamId: teams[0].id, direction: "AT_LEAST", value: 16, isRelative: false },
    { id: "target_activities", metric: "activities", category: "LEADING", periodType: "MONTH", scope: "ORGANISATION", teamId: null, direction: "AT_LEAST", value: 20, isRelative: false },
    { id: "target_new_opps", metric: "new_opportunities", category: "LEADING", periodType: "MONTH", scope: "ORGANISATION", teamId: null, direction: "AT_LEAST", value: 6, isRelative: false },
    { id: "target_revenue_qoq", metric: "closed_won_revenue_change", category: "LAGGING", periodType: "QUARTER", scope: "ORGANISATION", teamId: null, direction: "AT_LEAST", value: 10, isRelative: true },
    { id: "target_cycle_yoy", metric: "sales_cycle_days_change", category: "QUALITY", periodType: "QUARTER", scope: "ORGANISATION", teamId: null, direction: "AT_MOST", value: -15, isRelative: true },
    { id: "target_win_rate", metric: "win_rate", category: "QUALITY", periodType: "QUARTER", scope: "ORGANISATION", teamId: null, direction: "AT_LEAST", value: 30, isRelative: false },
    { id: "target_integrity", metric: "data_integrity", category: "QUALITY", periodType: "MONTH", scope: "ORGANISATION", teamId: null, direction: "AT_LEAST", value: 100, isRelative: false },
  ];

  // Weekly forecast submissions for the current quarter and the four before it.
  const forecasts: DemoData["forecasts"] = [];
  const wonIn = (ownerIds: Set<string>, start: IsoDate, end: IsoDate) =>
    deals.filter((d) => d.status === "WON" && ownerIds.has(d.ownerId) && d.closeDate >= start && d.closeDate <= end).reduce((s, d) => s + d.amountMinor, 0n);
  for (let q = -4; q <= 0; q++) {
    const quarter = shiftPeriod(currentQuarter, q, fiscalYearStartMonth);
    // Only weeks that started before today: a submission "this Monday at 9:00" could still be in the future.
    for (let week = startOfWeek(quarter.start); week <= quarter.end && week < today; week = addDays(week, 7)) {
      for (const [ti, team] of teams.entries()) {
        let teamCommit = 0n;
        let teamBest = 0n;
        for (const rep of reps.filter((r) => r.teamId === team.id)) {
          const actual = wonIn(new Set([rep.id]), quarter.start, quarter.end);
          const commit = (actual * BigInt(int(rng, 82, 112))) / 100n / 10_000n * 10_000n;
          const best = (commit * 13n) / 10n;
          teamCommit += commit;
          teamBest += best;
          forecasts.push({ userId: rep.id, scope: "REP", teamId: team.id, periodType: "QUARTER", periodStart: quarter.start, periodEnd: quarter.end, commitMinor: commit, bestCaseMinor: best, submittedAt: at(addDays(week, 0), 9, int(rng, 0, 59)) });
        }
        forecasts.push({ userId: `user_mgr_${ti + 1}`, scope: "TEAM", teamId: team.id, periodType: "QUARTER", periodStart: quarter.start, periodEnd: quarter.end, commitMinor: (teamCommit * 95n) / 100n, bestCaseMinor: teamBest, submittedAt: at(addDays(week, 0), 16, 30) });
      }
    }
  }

  const coaching: DemoData["coaching"] = { sessions: [], privateNotes: [], callReviews: [], plans: [], objectives: [], actions: [] };
  const OBJECTIVES: Record<"BEHAVIOR" | "TECHNIQUE" | "ATTITUDE", readonly (readonly [string, string])[]> = {
    BEHAVIOR: [["Prospect daily in a protected block", "20 new conversations logged per week for 4 weeks"], ["Set a next step on every open deal", "100% of open deals with a dated next step at each Monday inspection"]],
    TECHNIQUE: [["Uncover the real pain before presenting", "Pain documented in the CRM on 5 of the next 5 discovery calls"], ["Use negative reverses when a buyer stalls", "Two reviewed calls showing a negative reverse"]],
    ATTITUDE: [["Own the number, not the excuses", "Forecast commit within 10% of actual this month"], ["Ask for help early on stuck deals", "Raise every deal stale for 10+ days at the inspection"]],
  } as const;
  for (const rep of reps) {
    const managerIndex = teams.findIndex((t) => t.id === rep.teamId);
    const managerId = `user_mgr_${managerIndex + 1}`;
    let previousPlanId: string | null = null;
    const months = rep.startDate! > addDays(today, -90) ? 1 : 6;
    for (let m = months; m >= 1; m--) {
      const heldOn = addDays(periodContaining(addMonths(today, -m), "MONTH").start, int(rng, 5, 15));
      if (heldOn > today) continue;
      const sessionId = `coach_${rep.id}_${m}`;
      const base = 2 + (6 - m) * 0.3;
      coaching.sessions.push({
        id: sessionId,
        managerId,
        repId: rep.id,
        heldOn,
        behaviorRating: Math.min(5, Math.max(1, Math.round(base + rng()))),
        techniqueRating: Math.min(5, Math.max(1, Math.round(base - 0.5 + rng()))),
        attitudeRating: Math.min(5, Math.max(1, Math.round(base + 0.5 + rng()))),
        behaviorNotes: "Activity is consistent early in the week and drops off after Wednesday.",
        techniqueNotes: "Discovery still jumps to the demo before the pain is quantified.",
        attitudeNotes: "Takes feedback well; owns misses in the forecast call.",
        sharedNotes: "Good month on pipeline hygiene. Focus next on discovery depth.",
        completedAt: at(heldOn, 15),
      });
      coaching.privateNotes.push({ sessionId, authorId: managerId, body: "Watch confidence on pricing conversations; consider pairing with a senior rep." });
      const repDeal = deals.find((d) => d.ownerId === rep.id && d.createdAt <= at(heldOn));
      coaching.callReviews.push({
        sessionId,
        dealId: repDeal?.id ?? null,
        recordingRef: `https://recordings.example/calls/${sessionId}`,
        callDate: addDays(heldOn, -int(rng, 2, 10)),
        uncoveredPain: rng() < 0.6,
        usedNegativeReverse: rng() < 0.4,
        setUpFrontContract: rng() < 0.7,
        pitchedFeatures: rng() < 0.4,
        strengths: "Clear agenda at the start; confirmed who else is involved in the decision.",
        gaps: "Moved to features before quantifying the cost of the problem.",
      });
      if (previousPlanId) {
        const prev = coaching.plans.find((p) => p.id === previousPlanId)!;
        prev.verdict = pick(rng, ["ACHIEVED", "PARTLY", "NOT_ACHIEVED", "PARTLY"] as const);
        prev.verdictNotes = prev.verdict === "ACHIEVED" ? "Criteria met." : "Progress, but the criteria were not fully met.";
        prev.reviewedInSessionId = sessionId;
        prev.reviewedAt = at(heldOn, 14);
      }
      const planId = `plan_${sessionId}`;
      coaching.plans.push({ id: planId, sessionId, repId: rep.id, startsOn: heldOn, endsOn: addDays(heldOn, 30), acknowledgedAt: at(addDays(heldOn, 1), 9), verdict: null, verdictNotes: null, reviewedInSessionId: null, reviewedAt: null });
      const dims = (["BEHAVIOR", "TECHNIQUE", "ATTITUDE"] as const).filter(() => rng() < 0.7);
      if (dims.length === 0) dims.push("TECHNIQUE");
      dims.forEach((dimension, position) => {
        const [title, successCriterion] = pick(rng, OBJECTIVES[dimension]);
        const objectiveId = `${planId}_o${position}`;
        coaching.objectives.push({ id: objectiveId, planId, dimension, title, successCriterion, position });
        for (let a = 0; a < 2; a++) {
          const dueDate = addDays(heldOn, 10 + a * 12);
          const done = m > 1 ? rng() < 0.75 : dueDate < today && rng() < 0.5;
          coaching.actions.push({
            objectiveId,
            description: a === 0 ? `Practise: ${title.toLowerCase()}` : `Review progress on "${title}" with manager`,
            ownerId: a === 0 ? rep.id : managerId,
            dueDate,
            status: done ? "DONE" : m === 1 && rng() < 0.3 ? "IN_PROGRESS" : "TODO",
            completedAt: done ? at(addDays(dueDate, -1), 12) : null,
          });
        }
      });
      previousPlanId = planId;
    }
  }

  const inspections: DemoData["inspections"] = { sessions: [], dispositions: [], actionItems: [] };
  teams.forEach((team, i) => {
    const managerId = `user_mgr_${i + 1}`;
    const asOfDate = addDays(today, -7);
    const id = `insp_${team.id}_last_week`;
    inspections.sessions.push({ id, managerId, teamId: team.id, asOfDate, startedAt: at(asOfDate, 9), completedAt: at(asOfDate, 10) });
    const teamDeals = deals.filter((d) => d.status === "OPEN" && reps.find((r) => r.id === d.ownerId)?.teamId === team.id).slice(0, 4);
    teamDeals.forEach((deal, j) => {
      inspections.dispositions.push({ sessionId: id, dealId: deal.id, disposition: (["COMMIT", "KEEP", "PUSH", "KEEP"] as const)[j], flags: j % 2 ? ["stale"] : ["no_next_step"], note: j === 2 ? "Buyer confirmed it moves to next quarter" : null });
      if (j < 3) {
        inspections.actionItems.push({
          inspectionSessionId: id,
          dealId: deal.id,
          ownerId: deal.ownerId,
          createdById: managerId,
          description: ["Book the economic buyer meeting", "Agree a dated next step with the champion", "Confirm the new close date in writing"][j],
          dueDate: addDays(asOfDate, 3 + j),
          status: j === 2 ? "DONE" : "OPEN",
          completedAt: j === 2 ? at(addDays(asOfDate, 2), 12) : null,
        });
      }
    });
  });

  return {
    organisation: { id: "org_demo", name: "Northwind Software", timeZone, currency: "USD", fiscalYearStartMonth, staleThresholdDays: 14 },
    stages,
    teams,
    teamManagers,
    users,
    accounts,
    deals,
    changes,
    activities,
    leads,
    quotas,
    targets,
    forecasts,
    coaching,
    inspections,
  };
}
