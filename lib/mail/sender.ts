// The outbox sender (job "mail-send"): claims pending rows with FOR UPDATE SKIP LOCKED, renders, sends over SMTP and
// marks them sent, or, with no SMTP configured, marks them delivered to the built-in outbox.
import { createHash } from "node:crypto";
import { prisma } from "@/lib/db";
import { appBaseUrl, absoluteUrl, unsubscribeUrl } from "@/lib/mail/links";
import { categoryOf, type MailContext, type PayloadByKind } from "@/lib/mail/messages";
import { isMailKind, renderMail } from "@/lib/mail/render";
import { mailFrom, smtpTransport, type MailTransport } from "@/lib/mail/transport";

/** A claim older than this is considered lost (the process stopped mid-send) and the row is claimed again. */
export const CLAIM_LEASE_MS = 15 * 60_000;
/** After this many failed attempts a message stays FAILED for an admin to see. */
export const MAX_ATTEMPTS = 5;

interface ClaimedRow {
  id: string;
  idempotencyKey: string;
  userId: string | null;
  recipient: string;
  subject: string;
  kind: string;
  payload: unknown;
  html: string | null;
  text: string | null;
  attempts: number;
}

/**
 * Claims up to `limit` sendable rows in one committed statement: another sender (another instance, another worker)
 * skips them, so no two senders ever hold the same message.
 */
export async function claimOutbox(now: Date, limit = 50): Promise<ClaimedRow[]> {
  const leaseEnd = new Date(now.getTime() - CLAIM_LEASE_MS);
  return prisma.$queryRaw<ClaimedRow[]>`
    UPDATE "MailOutbox" m SET "status" = 'SENDING', "claimedAt" = ${now}, "attempts" = m."attempts" + 1
    WHERE m."id" IN (
      SELECT "id" FROM "MailOutbox"
      WHERE "createdAt" <= ${now}
        AND ("status" = 'PENDING' OR ("status" = 'SENDING' AND "claimedAt" < ${leaseEnd}))
      ORDER BY "createdAt"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING m."id", m."idempotencyKey", m."userId", m."recipient", m."subject", m."kind", m."payload", m."html", m."text", m."attempts"`;
}

/** The Message-ID is derived from the key: the same message always carries the same id, so a receiver can dedupe. */
export function messageIdFor(key: string): string {
  return `<${createHash("sha256").update(key).digest("hex").slice(0, 32)}@cadence>`;
}

async function mailContexts(): Promise<Omit<MailContext, "unsubscribeUrl" | "preferencesUrl">> {
  const org = await prisma.organisation.findFirst({
    orderBy: { createdAt: "asc" },
    select: { name: true, timeZone: true, currency: true, language: true },
  });
  return {
    organisationName: org?.name ?? "Cadence",
    timeZone: org?.timeZone ?? "UTC",
    currency: org?.currency ?? "USD",
    language: org?.language ?? "en",
    appUrl: appBaseUrl(),
  };
}

export async function renderRow(row: Pick<ClaimedRow, "kind" | "payload" | "userId">, base: Omit<MailContext, "unsubscribeUrl" | "preferencesUrl">) {
  if (!isMailKind(row.kind)) throw new Error(`Unknown mail kind "${row.kind}".`);
  const category = categoryOf(row.kind);
  const unsubscribe = row.userId ? unsubscribeUrl(row.userId, category, base.appUrl) : absoluteUrl("/settings/notifications", base.appUrl);
  const ctx: MailContext = { ...base, unsubscribeUrl: unsubscribe, preferencesUrl: absoluteUrl("/settings/notifications", base.appUrl) };
  const rendered = await renderMail(row.kind, row.payload as PayloadByKind[typeof row.kind], ctx);
  return { ...rendered, unsubscribe };
}

export interface DrainResult {
  sent: number;
  keptInOutbox: number;
  failed: number;
}

/** Sends everything sendable at `now`. `transport` defaults to SMTP_URL's; null keeps mail in the outbox. */
export async function drainOutbox(now: Date, options: { transport?: MailTransport | null; limit?: number } = {}): Promise<DrainResult> {
  const transport = options.transport === undefined ? smtpTransport() : options.transport;
  const result: DrainResult = { sent: 0, keptInOutbox: 0, failed: 0 };
  const rows = await claimOutbox(now, options.limit ?? 50);
  if (rows.length === 0) return result;
  const base = await mailContexts();
  const from = mailFrom();
  for (const row of rows) {
    try {
      const { html, text, unsubscribe } = await renderRow(row, base);
      if (transport) {
        await transport.sendMail({
          from,
          to: row.recipient,
          subject: row.subject,
          html,
          text,
          messageId: messageIdFor(row.idempotencyKey),
          // RFC 8058 one-click unsubscribe: the mail client POSTs to the URL, no sign-in needed.
          headers: { "List-Unsubscribe": `<${unsubscribe.replace("/unsubscribe/", "/api/unsubscribe/")}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
        });
      }
      await prisma.mailOutbox.updateMany({
        where: { id: row.id, status: "SENDING" },
        data: { status: transport ? "SENT" : "OUTBOX", sentAt: now, html, text, error: null },
      });
      if (transport) result.sent++;
      else result.keptInOutbox++;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await prisma.mailOutbox.updateMany({
        where: { id: row.id, status: "SENDING" },
        data: { status: row.attempts >= MAX_ATTEMPTS ? "FAILED" : "PENDING", error: message.slice(0, 1000) },
      });
      result.failed++;
    }
  }
  return result;
}
