// The webhook worker: for each subscription, the oldest pending delivery (the next waits until it is delivered or
// dead) is sent when due, signed per Standard Webhooks, to the address resolved and checked at that moment.
// Failures back off exponentially for 24 hours from the first attempt; then the delivery is dead, the subscription
// marked failing and its owner told (the webhooks page's banner, and an e-mail through the mail outbox, written in the
// same transaction). A lease, committed before sending, keeps two workers from sending the same delivery at once; a
// worker that dies mid-send leaves the lease to expire and the delivery is sent again with the same webhook-id.
import http from "node:http";
import https from "node:https";
import { prisma } from "@/lib/db";
import { audit } from "@/lib/audit";
import { enqueueMail } from "@/lib/mail/outbox";
import { sign } from "@/lib/webhooks/signature";
import { checkUrlForm, loadAllowedHosts, resolveTarget } from "@/lib/webhooks/ssrf";

export const RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;
export const LEASE_MS = 60_000;
const TIMEOUT_MS = 10_000;

/** Delay before attempt n+1 after n failed attempts: 30 s, 1 min, 2 min … capped at 4 h. */
export function backoffMs(failedAttempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, failedAttempts - 1), 4 * 60 * 60 * 1000);
}

export interface SendResult {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

export interface Outgoing {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** Sends one request to a checked address (the TLS name and Host header stay the URL's host). */
export async function sendPinned(out: Outgoing, address: string, family: 4 | 6, started = Date.now()): Promise<SendResult> {
  const url = new URL(out.url);
  const lib = url.protocol === "https:" ? https : http;
  return new Promise<SendResult>((resolve) => {
    const req = lib.request(
      url,
      {
        method: "POST",
        headers: { ...out.headers, "content-length": Buffer.byteLength(out.body) },
        timeout: TIMEOUT_MS,
        // Connect to the address we checked, never to a second resolution of the name.
        lookup: ((_host: string, options: { all?: boolean }, cb: (...args: unknown[]) => void) => {
          if (options?.all) cb(null, [{ address, family }]);
          else cb(null, address, family);
        }) as never,
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ statusCode: res.statusCode ?? null, error: null, durationMs: Date.now() - started }));
        res.on("error", (e) => resolve({ statusCode: res.statusCode ?? null, error: e.message.slice(0, 300), durationMs: Date.now() - started }));
      },
    );
    req.on("timeout", () => req.destroy(new Error("timed out")));
    req.on("error", (e) => resolve({ statusCode: null, error: e.message.slice(0, 300), durationMs: Date.now() - started }));
    req.end(out.body);
  });
}

export interface DeliverOptions {
  /** At most this many subscriptions are served per run. */
  limit?: number;
  /** Replaces the network (tests of crashes); defaults to the pinned sender. */
  send?: (out: Outgoing, address: string, family: 4 | 6) => Promise<SendResult>;
}

interface Head {
  id: string;
  subscriptionId: string;
}

/** Claims the due head delivery of each subscription (lease committed before any network I/O). */
async function claimHeads(now: Date, limit: number): Promise<Head[]> {
  return prisma.$transaction(async (tx) => {
    const heads = await tx.$queryRaw<Head[]>`
      SELECT h."id", h."subscriptionId" FROM (
        SELECT DISTINCT ON ("subscriptionId") "id", "subscriptionId", "nextAttemptAt", "leaseUntil"
        FROM "WebhookDelivery" WHERE "status" = 'PENDING'
        ORDER BY "subscriptionId", "seq"
      ) h
      JOIN "WebhookSubscription" s ON s."id" = h."subscriptionId" AND s."active"
      WHERE h."nextAttemptAt" <= ${now} AND (h."leaseUntil" IS NULL OR h."leaseUntil" <= ${now})
      LIMIT ${limit}`;
    if (heads.length === 0) return [];
    const claimed = await tx.$queryRaw<Head[]>`
      UPDATE "WebhookDelivery" SET "leaseUntil" = ${new Date(now.getTime() + LEASE_MS)}
      WHERE "id" = ANY(${heads.map((h) => h.id)}::text[]) AND "status" = 'PENDING' AND ("leaseUntil" IS NULL OR "leaseUntil" <= ${now})
      RETURNING "id", "subscriptionId"`;
    return claimed;
  });
}

/** Sends one claimed delivery and records the attempt; returns whether it was delivered. */
export async function attemptDelivery(id: string, now: Date, options: DeliverOptions = {}): Promise<boolean> {
  const d = await prisma.webhookDelivery.findUnique({
    where: { id },
    select: { id: true, payload: true, attempts: true, retryFrom: true, eventType: true, subscription: { select: { id: true, url: true, secret: true, ownerId: true, failingSince: true, description: true } } },
  });
  if (!d) return false;
  const body = JSON.stringify(d.payload);
  const timestamp = Math.floor(now.getTime() / 1000);
  const allow = await loadAllowedHosts(prisma);
  let result: SendResult;
  const form = checkUrlForm(d.subscription.url, allow);
  const target = form.ok ? await resolveTarget(form.url, allow) : form;
  if (!target.ok) result = { statusCode: null, error: target.message, durationMs: 0 };
  else {
    const out: Outgoing = {
      url: d.subscription.url,
      body,
      headers: {
        "content-type": "application/json",
        "user-agent": "Cadence-Webhooks/1",
        "webhook-id": d.id,
        "webhook-timestamp": String(timestamp),
        "webhook-signature": sign(d.subscription.secret, d.id, timestamp, body),
      },
    };
    result = await (options.send ?? sendPinned)(out, target.address, target.family);
  }
  const delivered = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
  const attempts = d.attempts + 1;
  const retryFrom = d.retryFrom ?? now;
  const dead = !delivered && now.getTime() + backoffMs(attempts) - retryFrom.getTime() > RETRY_WINDOW_MS;
  await prisma.$transaction(async (tx) => {
    await tx.webhookAttempt.create({ data: { deliveryId: d.id, at: now, statusCode: result.statusCode, error: result.error, durationMs: Math.round(result.durationMs) } });
    await tx.webhookDelivery.update({
      where: { id: d.id },
      data: {
        attempts,
        retryFrom,
        leaseUntil: null,
        ...(delivered ? { status: "DELIVERED", deliveredAt: now } : dead ? { status: "DEAD" } : { nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)) }),
      },
    });
    if (delivered && d.subscription.failingSince) await tx.webhookSubscription.update({ where: { id: d.subscription.id }, data: { failingSince: null } });
    if (dead) {
      // Marked failing once per failure episode (the conditional update decides, whatever another worker did), and
      // in that same transaction the owner gets an e-mail, keyed by the subscription and the episode's first instant.
      const { count } = await tx.webhookSubscription.updateMany({ where: { id: d.subscription.id, failingSince: null }, data: { failingSince: now } });
      if (count === 1) {
        const lastError = result.error ?? `HTTP ${result.statusCode}`;
        await audit(
          { action: "webhook.failing", actorId: d.subscription.ownerId, targetType: "WebhookSubscription", targetId: d.subscription.id, details: { deliveryId: d.id, lastError } },
          tx,
        );
        const owner = await tx.user.findUnique({ where: { id: d.subscription.ownerId }, select: { id: true, email: true, name: true, active: true } });
        if (owner?.active) {
          await enqueueMail(
            tx,
            [
              {
                key: `webhook-failing:${d.subscription.id}:${now.toISOString()}`,
                userId: owner.id,
                recipient: owner.email,
                kind: "event.webhook_failing",
                subject: `Your webhook to ${new URL(d.subscription.url).host} is failing`,
                payload: {
                  name: owner.name,
                  subscriptionId: d.subscription.id,
                  url: d.subscription.url,
                  description: d.subscription.description,
                  failingSince: now.toISOString(),
                  deliveryId: d.id,
                  eventType: d.eventType,
                  attempts,
                  lastError,
                },
              },
            ],
            now,
          );
        }
      }
    }
  });
  return delivered;
}

/**
 * One run of the worker at `now`: serves each subscription's due head, then the next head where one was delivered,
 * until nothing is due (bounded). Returns how many deliveries succeeded.
 */
export async function deliverWebhooks(now: Date, options: DeliverOptions = {}): Promise<number> {
  let delivered = 0;
  for (let round = 0; round < 50; round++) {
    const heads = await claimHeads(now, options.limit ?? 50);
    if (heads.length === 0) break;
    const results = await Promise.all(heads.map((h) => attemptDelivery(h.id, now, options)));
    const ok = results.filter(Boolean).length;
    delivered += ok;
    if (ok === 0) break;
  }
  return delivered;
}
