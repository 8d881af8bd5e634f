// The token forms' field rules and the revoke permission, shared by the token actions.
import { z } from "zod";
import type { prisma } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { requiredText } from "@/lib/data/deals-schema";

export const EXPIRY_CHOICES = ["7", "30", "90", "365", "never"] as const;

export const tokenNameField = requiredText("token name", 100);
export const expiryField = z.enum(EXPIRY_CHOICES, { error: "Choose when the token expires." });
export const accessField = z.enum(["read", "read-write"], { error: "Choose read-only or read-write." });

export function expiryDate(choice: (typeof EXPIRY_CHOICES)[number], now: Date): Date | null {
  return choice === "never" ? null : new Date(now.getTime() + Number(choice) * 86_400_000);
}

/** A token with what the revoke permission needs. */
export async function loadTokenForAction(id: string, db: typeof prisma) {
  return db.apiToken.findUnique({ where: { id }, select: { id: true, kind: true, userId: true, revokedAt: true } });
}

/** Personal tokens: their user; any token: admins. */
export function canRevokeToken(actor: Actor, token: { kind: string; userId: string }): boolean {
  return actor.role === "ADMIN" || (token.kind === "PERSONAL" && token.userId === actor.id);
}
