// CSV exports of deals, activities and deal history for the current filters, limited to what the exporter may read.
// The deal export uses the import's headers, so an export re-imports as the same data.
import { prisma } from "@/lib/db";
import { ownerScope, userScope, type Actor } from "@/lib/auth/permissions";
import type { CsvColumn } from "@/lib/csv";
import { minorToDecimal } from "@/lib/csv";
import { dateOnly, isValidIsoDate, periodInstants, toDbDate } from "@/lib/domain/calendar";
import type { Prisma } from "@/lib/generated/prisma/client";

export interface ExportFilters {
  ownerId?: string;
  teamId?: string;
  status?: "OPEN" | "WON" | "LOST";
  from?: string;
  to?: string;
}

export const EXPORT_LIMIT = 200_000;

export function parseExportFilters(params: URLSearchParams): ExportFilters {
  const get = (k: string) => params.get(k)?.trim().slice(0, 64) || undefined;
  const date = (k: string) => {
    const v = get(k);
    return v && isValidIsoDate(v) ? v : undefined;
  };
  const status = get("status")?.toUpperCase();
  return {
    ownerId: get("owner"),
    teamId: get("team"),
    status: status === "OPEN" || status === "WON" || status === "LOST" ? status : undefined,
    from: date("from"),
    to: date("to"),
  };
}

function ownerFilter(f: ExportFilters): Prisma.DealWhereInput {
  return {
    ...(f.ownerId ? { ownerId: f.ownerId } : {}),
    ...(f.teamId ? { owner: { teamId: f.teamId } } : {}),
  };
}

export interface DealExportRow {
  id: string;
  externalId: string | null;
  name: string;
  account: { name: string } | null;
  amountMinor: bigint;
  closeDate: Date;
  stage: { name: string };
  status: string;
  owner: { email: string };
  nextStep: string | null;
  nextStepDate: Date | null;
  createdAt: Date;
  firstContactDate: Date | null;
  closedAt: Date | null;
  lastMovedAt: Date;
  lastTouchedAt: Date;
  lostReason: string | null;
  pausedUntil: Date | null;
  pauseReason: string | null;
}

export async function exportDeals(actor: Actor, f: ExportFilters): Promise<DealExportRow[]> {
  return prisma.deal.findMany({
    where: {
      AND: [
        ownerScope(actor) as Prisma.DealWhereInput,
        ownerFilter(f),
        f.status ? { status: f.status } : {},
        f.from || f.to ? { closeDate: { ...(f.from ? { gte: toDbDate(f.from) } : {}), ...(f.to ? { lte: toDbDate(f.to) } : {}) } } : {},
      ],
    },
    orderBy: [{ closeDate: "asc" }, { id: "asc" }],
    take: EXPORT_LIMIT,
    select: {
      id: true,
      externalId: true,
      name: true,
      account: { select: { name: true } },
      amountMinor: true,
      closeDate: true,
      stage: { select: { name: true } },
      status: true,
      owner: { select: { email: true } },
      nextStep: true,
      nextStepDate: true,
      createdAt: true,
      firstContactDate: true,
      closedAt: true,
      lastMovedAt: true,
      lastTouchedAt: true,
      lostReason: true,
      pausedUntil: true,
      pauseReason: true,
    },
  });
}

const STATUS_LABEL: Record<string, string> = { OPEN: "Open", WON: "Won", LOST: "Lost" };

/** The headers the importer guesses (lib/import/columns.ts), in the order a CRM export uses. */
export const DEAL_EXPORT_COLUMNS: CsvColumn<DealExportRow>[] = [
  { header: "Opportunity ID", value: (d) => d.externalId ?? d.id },
  { header: "Opportunity Name", value: (d) => d.name },
  { header: "Account Name", value: (d) => d.account?.name ?? "" },
  { header: "Amount", value: (d) => minorToDecimal(d.amountMinor) },
  { header: "Close Date", value: (d) => dateOnly(d.closeDate) },
  { header: "Stage", value: (d) => d.stage.name },
  { header: "Status", value: (d) => STATUS_LABEL[d.status] },
  { header: "Owner Email", value: (d) => d.owner.email },
  { header: "Next Step", value: (d) => d.nextStep ?? "" },
  { header: "Next Step Date", value: (d) => (d.nextStepDate ? dateOnly(d.nextStepDate) : "") },
  // The deal's clocks, as instants, so that a re-import keeps its age, last movement and close instant exactly.
  { header: "Created Date", value: (d) => d.createdAt.toISOString() },
  { header: "First Contact Date", value: (d) => (d.firstContactDate ? dateOnly(d.firstContactDate) : "") },
  { header: "Closed Date", value: (d) => (d.closedAt ? d.closedAt.toISOString() : "") },
  { header: "Last Stage Change Date", value: (d) => d.lastMovedAt.toISOString() },
  { header: "Last Activity", value: (d) => d.lastTouchedAt.toISOString() },
  { header: "Loss Reason", value: (d) => d.lostReason ?? "" },
  // A deal is paused until its resume date (Cadence's pause; empty when it never was or was resumed).
  { header: "Paused Until", value: (d) => (d.pausedUntil ? dateOnly(d.pausedUntil) : "") },
  { header: "Pause Reason", value: (d) => (d.pausedUntil ? (d.pauseReason ?? "") : "") },
];

export async function exportActivities(actor: Actor, f: ExportFilters) {
  return prisma.activity.findMany({
    where: {
      AND: [
        { user: userScope(actor) as Prisma.UserWhereInput },
        f.ownerId ? { userId: f.ownerId } : {},
        f.teamId ? { user: { teamId: f.teamId } } : {},
        f.from || f.to ? { occurredOn: { ...(f.from ? { gte: toDbDate(f.from) } : {}), ...(f.to ? { lte: toDbDate(f.to) } : {}) } } : {},
      ],
    },
    orderBy: [{ occurredOn: "asc" }, { id: "asc" }],
    take: EXPORT_LIMIT,
    select: {
      id: true,
      type: true,
      occurredOn: true,
      subject: true,
      notes: true,
      user: { select: { email: true } },
      deal: { select: { id: true, externalId: true, name: true } },
    },
  });
}

export type ActivityExportRow = Awaited<ReturnType<typeof exportActivities>>[number];

export const ACTIVITY_EXPORT_COLUMNS: CsvColumn<ActivityExportRow>[] = [
  { header: "Activity ID", value: (a) => a.id },
  { header: "Date", value: (a) => dateOnly(a.occurredOn) },
  { header: "Type", value: (a) => a.type.toLowerCase() },
  { header: "Subject", value: (a) => a.subject },
  { header: "Notes", value: (a) => a.notes ?? "" },
  { header: "User Email", value: (a) => a.user.email },
  { header: "Opportunity ID", value: (a) => (a.deal ? (a.deal.externalId ?? a.deal.id) : "") },
  { header: "Opportunity Name", value: (a) => a.deal?.name ?? "" },
];

/** Deal history (DealChange) for deals the actor may read; stage ids are shown as stage names. */
export async function exportHistory(actor: Actor, f: ExportFilters, timeZone: string) {
  const range = f.from || f.to ? periodInstants({ start: f.from ?? "1970-01-01", end: f.to ?? "9999-12-30" }, timeZone) : null;
  const [changes, stages] = await Promise.all([
    prisma.dealChange.findMany({
      where: {
        AND: [
          { deal: { AND: [ownerScope(actor) as Prisma.DealWhereInput, ownerFilter(f), f.status ? { status: f.status } : {}] } },
          range ? { at: { gte: range.from, lt: range.to } } : {},
        ],
      },
      orderBy: [{ at: "asc" }, { id: "asc" }],
      take: EXPORT_LIMIT,
      select: {
        id: true,
        at: true,
        field: true,
        oldValue: true,
        newValue: true,
        reason: true,
        source: true,
        actorName: true,
        actor: { select: { email: true } },
        deal: { select: { id: true, externalId: true, name: true } },
      },
    }),
    prisma.pipelineStage.findMany({ select: { id: true, name: true } }),
  ]);
  const stageName = new Map(stages.map((s) => [s.id, s.name]));
  return changes.map((c) => ({
    ...c,
    oldValue: c.field === "stageId" && c.oldValue ? (stageName.get(c.oldValue) ?? c.oldValue) : c.oldValue,
    newValue: c.field === "stageId" && c.newValue ? (stageName.get(c.newValue) ?? c.newValue) : c.newValue,
  }));
}

export type HistoryExportRow = Awaited<ReturnType<typeof exportHistory>>[number];

export const HISTORY_EXPORT_COLUMNS: CsvColumn<HistoryExportRow>[] = [
  { header: "Changed At", value: (c) => c.at.toISOString() },
  { header: "Opportunity ID", value: (c) => c.deal.externalId ?? c.deal.id },
  { header: "Opportunity Name", value: (c) => c.deal.name },
  { header: "Field", value: (c) => (c.field === "stageId" ? "stage" : c.field) },
  { header: "Old Value", value: (c) => c.oldValue ?? "" },
  { header: "New Value", value: (c) => c.newValue ?? "" },
  { header: "Reason", value: (c) => c.reason ?? "" },
  { header: "Source", value: (c) => c.source.toLowerCase() },
  // A user's email; an imported row whose author is no Cadence user keeps the name its file gave.
  { header: "Changed By", value: (c) => c.actor?.email ?? c.actorName ?? "" },
];
