// Which e-mails each user gets: one switch per category (digest, reminders, notifications); no row means "on".
import { prisma, type Tx } from "@/lib/db";
import { verifyUnsubscribeToken } from "@/lib/mail/links";
import { MAIL_CATEGORIES, type MailCategory } from "@/lib/mail/messages";

export async function mailPreferences(userId: string, db: typeof prisma | Tx = prisma): Promise<Record<MailCategory, boolean>> {
  const rows = await db.mailPreference.findMany({ where: { userId }, select: { category: true, enabled: true } });
  const out = Object.fromEntries(MAIL_CATEGORIES.map((c) => [c, true])) as Record<MailCategory, boolean>;
  for (const r of rows) if ((MAIL_CATEGORIES as readonly string[]).includes(r.category)) out[r.category as MailCategory] = r.enabled;
  return out;
}

export async function setMailPreferences(userId: string, prefs: Partial<Record<MailCategory, boolean>>, db: typeof prisma | Tx = prisma): Promise<void> {
  for (const category of MAIL_CATEGORIES) {
    const enabled = prefs[category];
    if (enabled === undefined) continue;
    await db.mailPreference.upsert({
      where: { userId_category: { userId, category } },
      create: { userId, category, enabled },
      update: { enabled },
    });
  }
}

/**
 * One-click unsubscribe: a genuine token turns its category off for its user (and the messages of that category
 * not yet sent are dropped). Returns the category, or null for a forged token or a user that no longer exists.
 */
export async function unsubscribeWithToken(token: string): Promise<{ category: MailCategory; email: string } | null> {
  const verified = verifyUnsubscribeToken(token);
  if (!verified) return null;
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: verified.userId }, select: { email: true } });
    if (!user) return null;
    await setMailPreferences(verified.userId, { [verified.category]: false }, tx);
    await tx.$executeRaw`
      UPDATE "MailOutbox" SET "status" = 'CANCELLED', "error" = 'unsubscribed'
      WHERE "userId" = ${verified.userId} AND "status" = 'PENDING' AND "kind" LIKE ${`${verified.category === "event" ? "event." : verified.category}%`}`;
    return { category: verified.category, email: user.email };
  });
}
