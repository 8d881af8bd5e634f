// A deal's change history in people's words: field labels, stage/account/owner names, money in the org currency.
import type { Tx } from "@/lib/db";
import { loadOrganisation } from "@/lib/data/organisation";
import { formatDate, formatMoney } from "@/lib/format";

export const FIELD_LABELS: Record<string, string> = {
  created: "Deal",
  name: "Name",
  accountId: "Account",
  stageId: "Stage",
  status: "Status",
  amountMinor: "Amount",
  closeDate: "Close date",
  nextStep: "Next step",
  nextStepDate: "Next-step date",
  qualified: "Qualified",
  lostReason: "Lost reason",
  pausedUntil: "Paused until",
  pauseReason: "Pause reason",
  ownerId: "Owner",
};

const STATUS_LABELS: Record<string, string> = { OPEN: "Open", WON: "Won", LOST: "Lost" };

export interface ChangeRow {
  field: string;
  oldValue: string | null;
  newValue: string | null;
  reason: string | null;
  at: Date;
  actor: { name: string } | null;
  /** An imported row's author when no Cadence user has that name or email. */
  actorName?: string | null;
}

export interface ChangeView {
  field: string;
  fieldLabel: string;
  from: string;
  to: string;
  reason: string | null;
  by: string;
  at: string; // ISO instant
}

type Db = Pick<Tx, "pipelineStage" | "account" | "user" | "organisation">;

/** Renders history rows with human labels; three lookups at most, whatever the number of rows. */
export async function describeChanges(rows: readonly ChangeRow[], db: Db): Promise<ChangeView[]> {
  const ids = (field: string) => [...new Set(rows.filter((r) => r.field === field).flatMap((r) => [r.oldValue, r.newValue]).filter((v): v is string => !!v))];
  const stageIds = ids("stageId");
  const accountIds = ids("accountId");
  const userIds = ids("ownerId");
  const [org, stages, accounts, users] = await Promise.all([
    loadOrganisation(db),
    stageIds.length ? db.pipelineStage.findMany({ where: { id: { in: stageIds } }, select: { id: true, name: true } }) : [],
    accountIds.length ? db.account.findMany({ where: { id: { in: accountIds } }, select: { id: true, name: true } }) : [],
    userIds.length ? db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : [],
  ]);
  const names = new Map<string, string>([...stages, ...accounts, ...users].map((x) => [x.id, x.name]));
  const show = (field: string, value: string | null): string => {
    if (value === null || value === "") return "—";
    switch (field) {
      case "stageId":
      case "accountId":
      case "ownerId":
        return names.get(value) ?? "(removed)";
      case "amountMinor":
        return /^-?\d+$/.test(value) ? formatMoney(BigInt(value), org.currency, { cents: BigInt(value) % 100n !== 0n }) : value;
      case "closeDate":
      case "nextStepDate":
      case "pausedUntil":
        return formatDate(value);
      case "status":
        return STATUS_LABELS[value] ?? value;
      case "qualified":
        return value === "true" ? "Yes" : "No";
      default:
        return value;
    }
  };
  return rows.map((r) => ({
    field: r.field,
    fieldLabel: FIELD_LABELS[r.field] ?? r.field,
    from: r.field === "created" ? "—" : show(r.field, r.oldValue),
    to: r.field === "created" ? "Created" : show(r.field, r.newValue),
    reason: r.reason,
    by: r.actor?.name ?? (r.actorName ? `${r.actorName} (imported)` : "System"),
    at: r.at.toISOString(),
  }));
}
