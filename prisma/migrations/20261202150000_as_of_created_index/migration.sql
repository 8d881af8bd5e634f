-- The pipeline flow's "created in the window" (lib/data/as-of.ts, createdSince) asks only which of those deals are
-- neither open nor closed since the window began: with these columns the answer is an index-only scan.
DROP INDEX "Deal_createdAt_idx";
CREATE INDEX "Deal_createdAt_idx" ON "Deal"("createdAt") INCLUDE (id, "ownerId", status, "closedAt");
