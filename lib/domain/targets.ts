// KPI targets: which target applies to a rep for a metric and period (the most specific wins), and how an actual
// figure compares with it. A KPI without a target is "no target", never a pass.
import type { IsoDate } from "@/lib/domain/calendar";

export type TargetScopeKind = "ORGANISATION" | "TEAM" | "REP";
export type Direction = "AT_LEAST" | "AT_MOST";
export type PeriodTypeKind = "MONTH" | "QUARTER" | "YEAR";

export interface TargetRow {
  id: string;
  metric: string;
  periodType: PeriodTypeKind;
  /** null: every period of that type. */
  periodStart: IsoDate | null;
  scope: TargetScopeKind;
  teamId: string | null;
  userId: string | null;
  direction: Direction;
  value: number;
  isRelative: boolean;
  /** Breaks ties between otherwise equal targets: the newest wins. */
  createdAt?: Date;
}

export interface TargetSubject {
  metric: string;
  periodType: PeriodTypeKind;
  periodStart: IsoDate;
  repId: string;
  teamId: string | null;
}

const SCOPE_RANK: Record<TargetScopeKind, number> = { REP: 3, TEAM: 2, ORGANISATION: 1 };

function applies(t: TargetRow, s: TargetSubject): boolean {
  if (t.metric !== s.metric || t.periodType !== s.periodType) return false;
  if (t.periodStart !== null && t.periodStart !== s.periodStart) return false;
  if (t.scope === "REP") return t.userId === s.repId;
  if (t.scope === "TEAM") return s.teamId !== null && t.teamId === s.teamId;
  return true;
}

/** The target that applies: rep beats team beats organisation; within a level a dated target beats a recurring one. */
export function resolveTarget(targets: readonly TargetRow[], subject: TargetSubject): TargetRow | null {
  let best: TargetRow | null = null;
  for (const t of targets) {
    if (!applies(t, subject)) continue;
    if (!best || compare(t, best) > 0) best = t;
  }
  return best;
}

function compare(a: TargetRow, b: TargetRow): number {
  const scope = SCOPE_RANK[a.scope] - SCOPE_RANK[b.scope];
  if (scope !== 0) return scope;
  const dated = Number(a.periodStart !== null) - Number(b.periodStart !== null);
  if (dated !== 0) return dated;
  return (a.createdAt?.getTime() ?? 0) - (b.createdAt?.getTime() ?? 0);
}

/** The last three are for a period in progress (lib/domain/period-to-date.ts): it is never "missed" before it ends. */
export type KpiStatus = "met" | "missed" | "no_target" | "no_data" | "on_pace" | "behind" | "too_early";

/** Met or missed against a target value in the metric's own unit; "no target" and "no data" are never a pass. */
export function judge(actual: number | null, target: { direction: Direction; value: number } | null): KpiStatus {
  if (!target) return "no_target";
  if (actual === null || !Number.isFinite(actual)) return "no_data";
  // Compare with a small tolerance so that 0.3 × 100 meets a 30% target despite binary fractions.
  const epsilon = 1e-9;
  return target.direction === "AT_LEAST" ? (actual + epsilon >= target.value ? "met" : "missed") : actual - epsilon <= target.value ? "met" : "missed";
}

export const STATUS_LABELS: Record<KpiStatus, string> = {
  met: "Met",
  missed: "Missed",
  no_target: "No target",
  no_data: "No data",
  on_pace: "On pace",
  behind: "Behind pace",
  too_early: "Too early to judge",
};

/** Who may set a target at a scope: executives and admins anywhere; managers for their teams and those teams' reps. */
export function canSetTarget(
  actor: { role: string; managedTeamIds: readonly string[] },
  target: { scope: TargetScopeKind; teamId: string | null; repTeamId: string | null },
): boolean {
  if (actor.role === "ADMIN" || actor.role === "EXECUTIVE") return true;
  if (actor.role !== "MANAGER") return false;
  if (target.scope === "TEAM") return target.teamId !== null && actor.managedTeamIds.includes(target.teamId);
  if (target.scope === "REP") return target.repTeamId !== null && actor.managedTeamIds.includes(target.repTeamId);
  return false;
}

/** Who a target is resolved for over a period: one rep (with their team), or a team / the organisation (repId null). */
export interface PeriodTargetSubject {
  metric: string;
  repId: string | null;
  teamId: string | null;
  /** The period figures are judged over (a quarter): a dated target applies when it starts inside it. */
  period: { start: IsoDate; end: IsoDate };
}

function appliesInPeriod(t: TargetRow, s: PeriodTargetSubject): boolean {
  if (t.metric !== s.metric) return false;
  if (t.scope === "REP" && (s.repId === null || t.userId !== s.repId)) return false;
  if (t.scope === "TEAM" && (s.teamId === null || t.teamId !== s.teamId)) return false;
  if (t.periodStart === null) return true;
  if (t.periodType === "YEAR") return t.periodStart <= s.period.start && s.period.start < addMonthsIso(t.periodStart, 12);
  return t.periodStart >= s.period.start && t.periodStart <= s.period.end;
}

function addMonthsIso(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split("-").map(Number);
  const total = y * 12 + (m - 1) + months;
  return `${String(Math.floor(total / 12)).padStart(4, "0")}-${String((total % 12) + 1).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/**
 * resolveTarget's rule over a period, whatever the targets' period type (a monthly rep target, a quarterly team one):
 * rep beats team beats organisation; within a level a dated target beats a recurring one, then the newest.
 */
export function resolveTargetForPeriod(targets: readonly TargetRow[], subject: PeriodTargetSubject): TargetRow | null {
  let best: TargetRow | null = null;
  for (const t of targets) {
    if (!appliesInPeriod(t, subject)) continue;
    if (!best || compare(t, best) > 0) best = t;
  }
  return best;
}

/** A target's value over a quarter: a monthly one × 3, a yearly one ÷ 4. */
export function perQuarter(t: Pick<TargetRow, "periodType" | "value">): number {
  return t.periodType === "MONTH" ? t.value * 3 : t.periodType === "YEAR" ? t.value / 4 : t.value;
}

const SCOPE_WORDS: Record<TargetScopeKind, [string, string]> = { REP: ["own target", "own targets"], TEAM: ["team's target", "team's target"], ORGANISATION: ["organisation's target", "organisation's target"] };
const PER: Record<PeriodTypeKind, string> = { MONTH: "a month", QUARTER: "a quarter", YEAR: "a year" };

/**
 * A per-rep count target (leads, activities, opportunities) over a quarter for a set of reps: each rep's own resolved
 * target (resolveTargetForPeriod), summed. `note` says which targets were used, e.g. "1 rep × own target 5 a month;
 * 1 rep × team's target 15 a month". Null total when no rep has a target.
 */
export function quarterTargetForReps(
  targets: readonly TargetRow[],
  metric: string,
  reps: readonly { id: string; teamId: string | null }[],
  period: { start: IsoDate; end: IsoDate },
): { total: number | null; note: string } {
  const groups = new Map<string, { t: TargetRow; reps: number }>();
  let total: number | null = null;
  let without = 0;
  for (const rep of reps) {
    const t = resolveTargetForPeriod(targets, { metric, repId: rep.id, teamId: rep.teamId, period });
    if (!t) {
      without++;
      continue;
    }
    total = (total ?? 0) + perQuarter(t);
    const key = `${t.scope}|${t.value}|${t.periodType}`;
    groups.set(key, { t, reps: (groups.get(key)?.reps ?? 0) + 1 });
  }
  const parts = [...groups.values()].map(
    ({ t, reps: n }) => `${n} rep${n === 1 ? "" : "s"} × ${SCOPE_WORDS[t.scope][n === 1 ? 0 : 1]} ${t.value} ${PER[t.periodType]}`,
  );
  if (without > 0 && parts.length > 0) parts.push(`${without} rep${without === 1 ? "" : "s"} without a target`);
  return { total, note: parts.length ? parts.join("; ") : "no target" };
}
