-- The pipeline flow reads the deals created inside a window (lib/data/as-of.ts).
-- CreateIndex
CREATE INDEX "Deal_createdAt_idx" ON "Deal"("createdAt");
