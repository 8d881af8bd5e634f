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

export type KpiStatus = "met" | "missed" | "no_target" | "no_data";

/** Met or missed against a target value in the metric's own unit; "no target" and "no data" are never a pass. */
export function judge(actual: number | null, target: { direction: Direction; value: number } | null): KpiStatus {
  if (!target) return "no_target";
  if (actual === null || !Number.isFinite(actual)) return "no_data";
  // Compare with a small tolerance so that 0.3 × 100 meets a 30% target despite binary fractions.
  const epsilon = 1e-9;
  return target.direction === "AT_LEAST" ? (actual + epsilon >= target.value ? "met" : "missed") : actual - epsilon <= target.value ? "met" : "missed";
}

export const STATUS_LABELS: Record<KpiStatus, string> = { met: "Met", missed: "Missed", no_target: "No target", no_data: "No data" };

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
