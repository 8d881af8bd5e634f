// Writing e-mail: a message is an outbox row written in the transaction of what caused it (an event, a digest run),
// keyed so that the same message is never written twice. A user who turned the category off gets no row at all.
import { randomUUID } from "node:crypto";
import type { Tx } from "@/lib/db";
import { categoryOf, type MailKind, type PayloadByKind } from "@/lib/mail/messages";

export interface OutboxMessage<K extends MailKind = MailKind> {
  /** Unique per message: e.g. "digest:<userId>:<week>", "reminder:<type>:<itemId>:<local date>", "event:<eventId>:<userId>". */
  key: string;
  userId: string;
  recipient: string;
  kind: K;
  subject: string;
  payload: PayloadByKind[K];
}

/**
 * Writes the messages (one statement) inside `tx`, skipping keys already written and recipients who opted out of
 * the message's category. Returns the keys actually written.
 */
export async function enqueueMail(tx: Tx, messages: readonly OutboxMessage[], now: Date): Promise<string[]> {
  if (messages.length === 0) return [];
  const rows = messages.map((m) => ({
    id: randomUUID(),
    key: m.key,
    userId: m.userId,
    recipient: m.recipient,
    subject: m.subject.slice(0, 300),
    kind: m.kind,
    category: categoryOf(m.kind),
    payload: m.payload,
  }));
  const written = await tx.$queryRaw<{ idempotencyKey: string }[]>`
    INSERT INTO "MailOutbox" ("id", "idempotencyKey", "userId", "recipient", "subject", "kind", "payload", "createdAt")
    SELECT r."id", r."key", r."userId", r."recipient", r."subject", r."kind", r."payload", ${now}
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      AS r("id" text, "key" text, "userId" text, "recipient" text, "subject" text, "kind" text, "category" text, "payload" jsonb)
    WHERE NOT EXISTS (
      SELECT 1 FROM "MailPreference" p WHERE p."userId" = r."userId" AND p."category" = r."category" AND NOT p."enabled"
    )
    ON CONFLICT ("idempotencyKey") DO NOTHING
    RETURNING "idempotencyKey"`;
  return written.map((w) => w.idempotencyKey);
}
