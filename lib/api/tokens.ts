// API tokens: generated text shown once, only its SHA-256 kept; a token resolves to the actor it acts as.
import { createHash, randomBytes } from "node:crypto";
import { prisma, type Tx } from "@/lib/db";
import { loadActor, type SessionUser } from "@/lib/auth/session";
import type { Role } from "@/lib/generated/prisma/enums";

export const TOKEN_PREFIX = "cad_";
/** How often "last used" is written at most: one cheap conditional UPDATE per token per minute, not per request. */
const LAST_USED_RESOLUTION_MS = 60_000;

export function hashToken(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** A new token's text (shown once) with what is stored of it. */
export function generateToken(): { text: string; hash: string; prefix: string } {
  const text = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { text, hash: hashToken(text), prefix: text.slice(0, 12) };
}

export interface ApiPrincipal {
  tokenId: string;
  kind: "PERSONAL" | "SERVICE";
  readOnly: boolean;
  actor: SessionUser;
}

/** The roles a service token may act as, and over what. */
export const SERVICE_ROLES: readonly Role[] = ["MANAGER", "EXECUTIVE", "ADMIN"];

/**
 * The principal behind a bearer token, or null: unknown, revoked, expired, or (personal tokens) a deactivated user.
 * A personal token acts as its user with the user's role of this moment; a service token as its service user.
 */
export async function authenticateToken(text: string, now: Date = new Date()): Promise<ApiPrincipal | null> {
  if (!text.startsWith(TOKEN_PREFIX) || text.length > 200) return null;
  const token = await prisma.apiToken.findUnique({
    where: { hash: hashToken(text) },
    select: { id: true, kind: true, readOnly: true, userId: true, scopeTeamId: true, expiresAt: true, revokedAt: true, lastUsedAt: true },
  });
  if (!token || token.revokedAt || (token.expiresAt && token.expiresAt <= now)) return null;
  let actor: SessionUser | null;
  if (token.kind === "SERVICE") {
    const user = await prisma.user.findUnique({ where: { id: token.userId }, select: { id: true, name: true, email: true, role: true } });
    actor = user ? { ...user, teamId: null, managedTeamIds: token.scopeTeamId ? [token.scopeTeamId] : [] } : null;
  } else {
    actor = await loadActor(token.userId);
  }
  if (!actor) return null;
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await prisma.apiToken.updateMany({
      where: { id: token.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - LAST_USED_RESOLUTION_MS) } }] },
      data: { lastUsedAt: now },
    });
  }
  return { tokenId: token.id, kind: token.kind === "SERVICE" ? "SERVICE" : "PERSONAL", readOnly: token.readOnly, actor };
}

/** Creates a personal token; returns its text (to show once). */
export async function createPersonalToken(
  tx: Tx,
  user: { id: string },
  input: { name: string; expiresAt: Date | null; readOnly: boolean },
): Promise<{ id: string; text: string }> {
  const { text, hash, prefix } = generateToken();
  const row = await tx.apiToken.create({
    data: { kind: "PERSONAL", name: input.name, prefix, hash, userId: user.id, createdById: user.id, readOnly: input.readOnly, expiresAt: input.expiresAt },
    select: { id: true },
  });
  return { id: row.id, text };
}

/**
 * Creates a service token and the inactive user it acts as (it can never sign in; it exists so that history,
 * ownership and the audit log name it). Organisation scope: EXECUTIVE or ADMIN; team scope: MANAGER of that team.
 */
export async function createServiceToken(
  tx: Tx,
  admin: { id: string },
  input: { name: string; role: Role; teamId: string | null; expiresAt: Date | null; readOnly: boolean },
): Promise<{ id: string; text: string; userId: string }> {
  const { text, hash, prefix } = generateToken();
  const user = await tx.user.create({
    data: { email: `service-${randomBytes(6).toString("hex")}@service.cadence.invalid`, name: `Service: ${input.name}`, role: input.role, active: false },
    select: { id: true },
  });
  const row = await tx.apiToken.create({
    data: {
      kind: "SERVICE",
      name: input.name,
      prefix,
      hash,
      userId: user.id,
      createdById: admin.id,
      readOnly: input.readOnly,
      scopeTeamId: input.teamId,
      expiresAt: input.expiresAt,
    },
    select: { id: true },
  });
  return { id: row.id, text, userId: user.id };
}
