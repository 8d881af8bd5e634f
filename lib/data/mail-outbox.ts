// The built-in outbox as administrators read it (/admin/outbox): newest first, one message with its rendered HTML.
import { prisma } from "@/lib/db";

export const OUTBOX_PAGE_SIZE = 50;

export async function listOutbox(page: number) {
  const [rows, total] = await Promise.all([
    prisma.mailOutbox.findMany({
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * OUTBOX_PAGE_SIZE,
      take: OUTBOX_PAGE_SIZE,
      select: { id: true, recipient: true, subject: true, kind: true, status: true, createdAt: true, sentAt: true, attempts: true, error: true },
    }),
    prisma.mailOutbox.count(),
  ]);
  return { rows, total };
}

export async function getOutboxMessage(id: string) {
  return prisma.mailOutbox.findUnique({
    where: { id },
    select: { id: true, recipient: true, subject: true, kind: true, status: true, createdAt: true, sentAt: true, html: true, text: true, error: true },
  });
}
