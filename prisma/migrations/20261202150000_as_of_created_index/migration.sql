-- The pipeline flow's "created in the window" (lib/data/as-of.ts, createdSince) asks only for the deals created since
-- T that are closed but not since T (the open ones and those closed since are candidates already): with these
-- columns the answer is an index-only scan of the closed deals created since T.
CREATE INDEX "Deal_closed_created_idx" ON "Deal"("createdAt") INCLUDE (id, "ownerId", "closedAt")
    WHERE "status" IN ('WON', 'LOST');
