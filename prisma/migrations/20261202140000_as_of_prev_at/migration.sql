-- A deal's state at an instant without sorting its history (docs/decisions/0032-as-of-without-sorting.md).
--
-- "prevAt" is the instant of the previous change of the same deal and field (in (at, id) order), kept for the fields
-- the as-of reconstruction reads. The first change of a field at or after T is then the one with at >= T and
-- prevAt < T (or none before it): a filter over an index-only range scan instead of a DISTINCT ON over every change
-- since T.
ALTER TABLE "DealChange" ADD COLUMN "prevAt" TIMESTAMPTZ(3);

-- History is appended, usually at the present (the previous change is the latest one), sometimes in the past (an
-- imported history): then the next change of the field follows the new one. Rows inserted earlier in the same
-- statement are visible here, so a multi-row insert in any order comes out right. (Bodies are E'' strings with \x3B
-- for semicolons: Prisma's migration runner splits scripts on semicolons, as in 20261123110000_quarterly_rollups.)
CREATE FUNCTION deal_change_prev_at() RETURNS trigger
LANGUAGE plpgsql VOLATILE AS E'
BEGIN
  IF NEW.field IN (\'status\', \'stageId\', \'amountMinor\', \'closeDate\') THEN
    SELECT p.at INTO NEW."prevAt" FROM "DealChange" p
    WHERE p."dealId" = NEW."dealId" AND p.field = NEW.field AND (p.at, p.id) < (NEW.at, NEW.id)
    ORDER BY p.at DESC, p.id DESC LIMIT 1\x3B
    UPDATE "DealChange" n SET "prevAt" = NEW.at
    WHERE n.id = (
      SELECT x.id FROM "DealChange" x
      WHERE x."dealId" = NEW."dealId" AND x.field = NEW.field AND (x.at, x.id) > (NEW.at, NEW.id)
      ORDER BY x.at, x.id LIMIT 1
    )\x3B
  ELSE
    NEW."prevAt" := NULL\x3B
  END IF\x3B
  RETURN NEW\x3B
END ';

CREATE TRIGGER deal_change_prev_at BEFORE INSERT ON "DealChange"
  FOR EACH ROW EXECUTE FUNCTION deal_change_prev_at();

-- The history written so far, filled in once the trigger keeps new rows (so that a change saved while the back-fill
-- runs is not left without its "prevAt").
UPDATE "DealChange" c SET "prevAt" = p.prev
FROM (
  SELECT id, lag(at) OVER (PARTITION BY "dealId", field ORDER BY at, id) AS prev
  FROM "DealChange" WHERE field IN ('status', 'stageId', 'amountMinor', 'closeDate')
) p
WHERE c.id = p.id AND p.prev IS NOT NULL;

-- History rows are facts: what they say about when and which field is never rewritten (prevAt depends on it).
CREATE FUNCTION deal_change_immutable() RETURNS trigger
LANGUAGE plpgsql AS E'
BEGIN
  RAISE EXCEPTION \'DealChange rows are append-only: "dealId", field and at cannot change\'\x3B
END ';

CREATE TRIGGER deal_change_immutable BEFORE UPDATE OF "dealId", field, at ON "DealChange"
  FOR EACH ROW WHEN (OLD."dealId" IS DISTINCT FROM NEW."dealId" OR OLD.field IS DISTINCT FROM NEW.field OR OLD.at IS DISTINCT FROM NEW.at)
  EXECUTE FUNCTION deal_change_immutable();

-- The changes of the as-of fields since T, with what the reconstruction reads (index-only).
CREATE INDEX "DealChange_as_of_idx" ON "DealChange"(field, at) INCLUDE ("prevAt", "dealId", "oldValue")
  WHERE field IN ('status', 'stageId', 'amountMinor', 'closeDate');

-- Today's open deals and the deals closed since T, index-only, with the columns the reconstruction starts from.
DROP INDEX "Deal_open_pipeline_idx";
CREATE INDEX "Deal_open_pipeline_idx" ON "Deal"("ownerId")
    INCLUDE ("stageId", "amountMinor", "closeDate", "lastMovedAt", "pausedUntil", "nextStepDate", "nextStep", "createdAt", "closedAt", id)
    WHERE "status" = 'OPEN';
CREATE INDEX "Deal_closed_as_of_idx" ON "Deal"("closedAt")
    INCLUDE (id, "ownerId", "createdAt", status, "stageId", "amountMinor", "closeDate")
    WHERE "status" IN ('WON', 'LOST');
