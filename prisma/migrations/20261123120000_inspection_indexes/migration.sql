-- The inspection's per-team reads: deals created this week and deals touched since the last inspection, per owner.
CREATE INDEX "Deal_ownerId_createdAt_idx" ON "Deal"("ownerId", "createdAt");
CREATE INDEX "Deal_ownerId_lastTouchedAt_idx" ON "Deal"("ownerId", "lastTouchedAt");
