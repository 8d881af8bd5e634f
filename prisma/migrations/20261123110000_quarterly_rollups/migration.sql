-- Quarterly rollups (docs/decisions/0009-quarterly-rollups.md): the executive dashboard reads small pre-aggregated
-- tables instead of scanning every closed deal and its history. Triggers on "Deal" and "DealChange" keep them exact
-- in the same transaction as every write, whatever code does it, "Organisation" (time zone, fiscal year) and
-- "PipelineStage" (order) changes rebuild them. Quarters are fiscal quarters in the organisation's time zone.
--
-- Function bodies are E'' strings with \x3B for each semicolon: prisma migrate deploy runs migrations through
-- @prisma/adapter-pg, whose executeScript splits the file at every semicolon, so none may appear inside a body or a
-- comment. Read \x3B as a semicolon and \' as a quote.

-- Per deal: what the deal contributes (so a change can take the old contribution back).

-- One row per deal with a closedAt.
CREATE TABLE "QuarterlyDealFact" (
    "dealId" TEXT NOT NULL,
    "quarterStart" DATE NOT NULL,
    "createdQuarter" DATE NOT NULL,
    "ownerId" TEXT NOT NULL,
    "stageId" TEXT NOT NULL,
    "status" "DealStatus" NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "cycleDays" INTEGER NOT NULL,
    "lostReason" TEXT,
    "maxStageOrder" INTEGER,
    CONSTRAINT "QuarterlyDealFact_pkey" PRIMARY KEY ("dealId")
);

-- One row per stage visit (a "stageId" history row) of a won or lost deal, keyed by the quarter the deal closed in.
CREATE TABLE "QuarterlyStageVisit" (
    "changeId" INTEGER NOT NULL,
    "dealId" TEXT NOT NULL,
    "quarterStart" DATE NOT NULL,
    "ownerId" TEXT NOT NULL,
    "stageId" TEXT NOT NULL,
    "days" DOUBLE PRECISION NOT NULL,
    CONSTRAINT "QuarterlyStageVisit_pkey" PRIMARY KEY ("changeId")
);
CREATE INDEX "QuarterlyStageVisit_dealId_idx" ON "QuarterlyStageVisit"("dealId");
CREATE INDEX "QuarterlyStageVisit_quarterStart_stageId_days_idx" ON "QuarterlyStageVisit"("quarterStart", "stageId", "days");
CREATE INDEX "QuarterlyStageVisit_quarterStart_ownerId_stageId_days_idx" ON "QuarterlyStageVisit"("quarterStart", "ownerId", "stageId", "days");

-- "created" history rows of a deal per quarter (new opportunities).
CREATE TABLE "QuarterlyDealCreated" (
    "dealId" TEXT NOT NULL,
    "quarterStart" DATE NOT NULL,
    "ownerId" TEXT NOT NULL,
    "opportunities" INTEGER NOT NULL,
    CONSTRAINT "QuarterlyDealCreated_pkey" PRIMARY KEY ("dealId", "quarterStart")
);

-- The rollups the dashboard reads (per quarter and current owner, a team is its members' rows).

CREATE TABLE "QuarterlyCloseRollup" (
    "quarterStart" DATE NOT NULL,
    "ownerId" TEXT NOT NULL,
    "status" "DealStatus" NOT NULL,
    "deals" INTEGER NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "cycleDays" BIGINT NOT NULL,
    CONSTRAINT "QuarterlyCloseRollup_pkey" PRIMARY KEY ("quarterStart", "ownerId", "status")
);

CREATE TABLE "QuarterlyLostReasonRollup" (
    "quarterStart" DATE NOT NULL,
    "ownerId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "deals" INTEGER NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    CONSTRAINT "QuarterlyLostReasonRollup_pkey" PRIMARY KEY ("quarterStart", "ownerId", "reason")
);

CREATE TABLE "QuarterlyReachRollup" (
    "quarterStart" DATE NOT NULL,
    "ownerId" TEXT NOT NULL,
    "maxStageOrder" INTEGER NOT NULL,
    "won" BOOLEAN NOT NULL,
    "deals" INTEGER NOT NULL,
    CONSTRAINT "QuarterlyReachRollup_pkey" PRIMARY KEY ("quarterStart", "ownerId", "maxStageOrder", "won")
);

CREATE TABLE "QuarterlyStageRollup" (
    "quarterStart" DATE NOT NULL,
    "ownerId" TEXT NOT NULL,
    "stageId" TEXT NOT NULL,
    "deals" INTEGER NOT NULL,
    "visits" INTEGER NOT NULL,
    CONSTRAINT "QuarterlyStageRollup_pkey" PRIMARY KEY ("quarterStart", "ownerId", "stageId")
);

-- Deals with a closedAt by close quarter and creation quarter (open qualified deals at a past quarter's end).
CREATE TABLE "QuarterlyOpenedRollup" (
    "quarterStart" DATE NOT NULL,
    "createdQuarter" DATE NOT NULL,
    "ownerId" TEXT NOT NULL,
    "stageId" TEXT NOT NULL,
    "deals" INTEGER NOT NULL,
    CONSTRAINT "QuarterlyOpenedRollup_pkey" PRIMARY KEY ("quarterStart", "createdQuarter", "ownerId", "stageId")
);

CREATE TABLE "QuarterlyOpportunityRollup" (
    "quarterStart" DATE NOT NULL,
    "ownerId" TEXT NOT NULL,
    "opportunities" INTEGER NOT NULL,
    CONSTRAINT "QuarterlyOpportunityRollup_pkey" PRIMARY KEY ("quarterStart", "ownerId")
);

-- Leading KPIs: qualified leads by creation quarter and activities by quarter, per person.
CREATE TABLE "QuarterlyLeadRollup" (
    "quarterStart" DATE NOT NULL,
    "ownerId" TEXT NOT NULL,
    "leads" INTEGER NOT NULL,
    CONSTRAINT "QuarterlyLeadRollup_pkey" PRIMARY KEY ("quarterStart", "ownerId")
);

CREATE TABLE "QuarterlyActivityRollup" (
    "quarterStart" DATE NOT NULL,
    "userId" TEXT NOT NULL,
    "activities" INTEGER NOT NULL,
    CONSTRAINT "QuarterlyActivityRollup_pkey" PRIMARY KEY ("quarterStart", "userId")
);

-- Today's open pipeline is read straight from "Deal": this partial index covers that query (an index-only scan of
-- the open deals instead of the whole table).
CREATE INDEX "Deal_open_pipeline_idx" ON "Deal"("ownerId")
    INCLUDE ("stageId", "amountMinor", "closeDate", "lastMovedAt", "pausedUntil", "nextStepDate", "nextStep", "createdAt", "closedAt")
    WHERE "status" = 'OPEN';

-- The first day of the fiscal quarter containing a calendar date (as periodContaining in lib/domain/calendar.ts).
CREATE FUNCTION quarterly_quarter_start(d DATE, fy INTEGER) RETURNS DATE
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS E'
    SELECT (date_trunc(\'quarter\', d - make_interval(months => fy - 1)) + make_interval(months => fy - 1))::date
';

-- Recomputes the rows of the given deals (all deals when ids is NULL) from "Deal" and "DealChange": takes their old
-- contribution out of the rollups, stores the new per-deal rows and adds their contribution back.
CREATE FUNCTION quarterly_rollup_refresh(ids TEXT[]) RETURNS void
LANGUAGE plpgsql
AS E'
DECLARE
    tz TEXT\x3B
    fy INTEGER\x3B
BEGIN
    IF ids IS NULL OR cardinality(ids) = 0 THEN
        RETURN\x3B
    END IF\x3B
    -- The loader\'s defaults when there is no organisation yet (lib/data/organisation.ts).
    SELECT o."timeZone", o."fiscalYearStartMonth" INTO tz, fy FROM "Organisation" o ORDER BY o."createdAt" LIMIT 1\x3B
    tz := coalesce(tz, \'UTC\')\x3B
    fy := coalesce(fy, 1)\x3B

    -- Writers of the same deal take turns, so that each one takes out exactly what the previous one put in.
    PERFORM 1 FROM "Deal" d WHERE d.id = ANY(ids) ORDER BY d.id FOR NO KEY UPDATE\x3B

    UPDATE "QuarterlyCloseRollup" r SET "deals" = r."deals" - o."deals", "amountMinor" = r."amountMinor" - o."amountMinor", "cycleDays" = r."cycleDays" - o."cycleDays"
    FROM (SELECT f."quarterStart", f."ownerId", f."status", count(*)::int AS "deals", sum(f."amountMinor")::bigint AS "amountMinor",
                 sum(CASE WHEN f."status" = \'WON\' THEN f."cycleDays" ELSE 0 END)::bigint AS "cycleDays"
          FROM "QuarterlyDealFact" f WHERE f."dealId" = ANY(ids) AND f."status" IN (\'WON\', \'LOST\') GROUP BY 1, 2, 3) o
    WHERE r."quarterStart" = o."quarterStart" AND r."ownerId" = o."ownerId" AND r."status" = o."status"\x3B

    UPDATE "QuarterlyLostReasonRollup" r SET "deals" = r."deals" - o."deals", "amountMinor" = r."amountMinor" - o."amountMinor"
    FROM (SELECT f."quarterStart", f."ownerId", f."lostReason" AS "reason", count(*)::int AS "deals", sum(f."amountMinor")::bigint AS "amountMinor"
          FROM "QuarterlyDealFact" f WHERE f."dealId" = ANY(ids) AND f."status" = \'LOST\' GROUP BY 1, 2, 3) o
    WHERE r."quarterStart" = o."quarterStart" AND r."ownerId" = o."ownerId" AND r."reason" = o."reason"\x3B

    UPDATE "QuarterlyReachRollup" r SET "deals" = r."deals" - o."deals"
    FROM (SELECT f."quarterStart", f."ownerId", f."maxStageOrder", f."status" = \'WON\' AS "won", count(*)::int AS "deals"
          FROM "QuarterlyDealFact" f WHERE f."dealId" = ANY(ids) AND f."status" IN (\'WON\', \'LOST\') AND f."maxStageOrder" IS NOT NULL GROUP BY 1, 2, 3, 4) o
    WHERE r."quarterStart" = o."quarterStart" AND r."ownerId" = o."ownerId" AND r."maxStageOrder" = o."maxStageOrder" AND r."won" = o."won"\x3B

    UPDATE "QuarterlyOpenedRollup" r SET "deals" = r."deals" - o."deals"
    FROM (SELECT f."quarterStart", f."createdQuarter", f."ownerId", f."stageId", count(*)::int AS "deals"
          FROM "QuarterlyDealFact" f WHERE f."dealId" = ANY(ids) GROUP BY 1, 2, 3, 4) o
    WHERE r."quarterStart" = o."quarterStart" AND r."createdQuarter" = o."createdQuarter" AND r."ownerId" = o."ownerId" AND r."stageId" = o."stageId"\x3B

    UPDATE "QuarterlyStageRollup" r SET "deals" = r."deals" - o."deals", "visits" = r."visits" - o."visits"
    FROM (SELECT v."quarterStart", v."ownerId", v."stageId", count(DISTINCT v."dealId")::int AS "deals", count(*)::int AS "visits"
          FROM "QuarterlyStageVisit" v WHERE v."dealId" = ANY(ids) GROUP BY 1, 2, 3) o
    WHERE r."quarterStart" = o."quarterStart" AND r."ownerId" = o."ownerId" AND r."stageId" = o."stageId"\x3B

    UPDATE "QuarterlyOpportunityRollup" r SET "opportunities" = r."opportunities" - o."opportunities"
    FROM (SELECT c."quarterStart", c."ownerId", sum(c."opportunities")::int AS "opportunities"
          FROM "QuarterlyDealCreated" c WHERE c."dealId" = ANY(ids) GROUP BY 1, 2) o
    WHERE r."quarterStart" = o."quarterStart" AND r."ownerId" = o."ownerId"\x3B

    DELETE FROM "QuarterlyCloseRollup" WHERE "deals" = 0 AND ("quarterStart", "ownerId") IN (SELECT f."quarterStart", f."ownerId" FROM "QuarterlyDealFact" f WHERE f."dealId" = ANY(ids))\x3B
    DELETE FROM "QuarterlyLostReasonRollup" WHERE "deals" = 0 AND ("quarterStart", "ownerId") IN (SELECT f."quarterStart", f."ownerId" FROM "QuarterlyDealFact" f WHERE f."dealId" = ANY(ids))\x3B
    DELETE FROM "QuarterlyReachRollup" WHERE "deals" = 0 AND ("quarterStart", "ownerId") IN (SELECT f."quarterStart", f."ownerId" FROM "QuarterlyDealFact" f WHERE f."dealId" = ANY(ids))\x3B
    DELETE FROM "QuarterlyOpenedRollup" WHERE "deals" = 0 AND ("quarterStart", "createdQuarter", "ownerId") IN (SELECT f."quarterStart", f."createdQuarter", f."ownerId" FROM "QuarterlyDealFact" f WHERE f."dealId" = ANY(ids))\x3B
    DELETE FROM "QuarterlyStageRollup" WHERE "deals" = 0 AND ("quarterStart", "ownerId") IN (SELECT v."quarterStart", v."ownerId" FROM "QuarterlyStageVisit" v WHERE v."dealId" = ANY(ids))\x3B
    DELETE FROM "QuarterlyOpportunityRollup" WHERE "opportunities" = 0 AND ("quarterStart", "ownerId") IN (SELECT c."quarterStart", c."ownerId" FROM "QuarterlyDealCreated" c WHERE c."dealId" = ANY(ids))\x3B

    DELETE FROM "QuarterlyDealFact" WHERE "dealId" = ANY(ids)\x3B
    DELETE FROM "QuarterlyStageVisit" WHERE "dealId" = ANY(ids)\x3B
    DELETE FROM "QuarterlyDealCreated" WHERE "dealId" = ANY(ids)\x3B

    -- The per-deal rows, as the dashboard\'s direct queries computed them (a deal counts for its current owner).
    INSERT INTO "QuarterlyDealFact" ("dealId", "quarterStart", "createdQuarter", "ownerId", "stageId", "status", "amountMinor", "cycleDays", "lostReason", "maxStageOrder")
    SELECT d.id,
        quarterly_quarter_start((d."closedAt" AT TIME ZONE tz)::date, fy),
        quarterly_quarter_start((d."createdAt" AT TIME ZONE tz)::date, fy),
        d."ownerId", d."stageId", d.status, d."amountMinor",
        (d."closedAt" AT TIME ZONE tz)::date - coalesce(d."firstContactDate", (d."createdAt" AT TIME ZONE tz)::date),
        CASE WHEN d.status = \'LOST\' THEN coalesce(nullif(btrim(d."lostReason"), \'\'), \'No reason given\') END,
        m."maxOrder"
    FROM "Deal" d
    LEFT JOIN (
        SELECT c."dealId", max(s."order") AS "maxOrder"
        FROM "DealChange" c JOIN "PipelineStage" s ON s.id = c."newValue"
        WHERE c.field = \'stageId\' AND c."dealId" = ANY(ids)
        GROUP BY c."dealId"
    ) m ON m."dealId" = d.id
    WHERE d."closedAt" IS NOT NULL AND d.id = ANY(ids)\x3B

    -- A visit lasts until the next stage change, or until the close for the last one.
    INSERT INTO "QuarterlyStageVisit" ("changeId", "dealId", "quarterStart", "ownerId", "stageId", "days")
    SELECT v.id, v."dealId", f."quarterStart", f."ownerId", v."stageId", (extract(epoch FROM (v."leftAt" - v.at)) / 86400.0)::float8
    FROM (
        SELECT c.id, c."dealId", coalesce(c."newValue", \'\') AS "stageId", c.at,
            coalesce(lead(c.at) OVER (PARTITION BY c."dealId" ORDER BY c.at, c.id), d."closedAt") AS "leftAt"
        FROM "DealChange" c JOIN "Deal" d ON d.id = c."dealId"
        WHERE c.field = \'stageId\' AND d.status IN (\'WON\', \'LOST\') AND d."closedAt" IS NOT NULL
          AND c."dealId" = ANY(ids)
    ) v JOIN "QuarterlyDealFact" f ON f."dealId" = v."dealId"\x3B

    INSERT INTO "QuarterlyDealCreated" ("dealId", "quarterStart", "ownerId", "opportunities")
    SELECT c."dealId", quarterly_quarter_start((c.at AT TIME ZONE tz)::date, fy), d."ownerId", count(*)::int
    FROM "DealChange" c JOIN "Deal" d ON d.id = c."dealId"
    WHERE c.field = \'created\' AND c."dealId" = ANY(ids)
    GROUP BY 1, 2, 3\x3B

    -- Add the new contributions.
    INSERT INTO "QuarterlyCloseRollup" AS r ("quarterStart", "ownerId", "status", "deals", "amountMinor", "cycleDays")
    SELECT f."quarterStart", f."ownerId", f."status", count(*)::int, sum(f."amountMinor")::bigint,
        sum(CASE WHEN f."status" = \'WON\' THEN f."cycleDays" ELSE 0 END)::bigint
    FROM "QuarterlyDealFact" f WHERE f."status" IN (\'WON\', \'LOST\') AND f."dealId" = ANY(ids) GROUP BY 1, 2, 3
    ON CONFLICT ("quarterStart", "ownerId", "status") DO UPDATE
        SET "deals" = r."deals" + excluded."deals", "amountMinor" = r."amountMinor" + excluded."amountMinor", "cycleDays" = r."cycleDays" + excluded."cycleDays"\x3B

    INSERT INTO "QuarterlyLostReasonRollup" AS r ("quarterStart", "ownerId", "reason", "deals", "amountMinor")
    SELECT f."quarterStart", f."ownerId", f."lostReason", count(*)::int, sum(f."amountMinor")::bigint
    FROM "QuarterlyDealFact" f WHERE f."status" = \'LOST\' AND f."dealId" = ANY(ids) GROUP BY 1, 2, 3
    ON CONFLICT ("quarterStart", "ownerId", "reason") DO UPDATE
        SET "deals" = r."deals" + excluded."deals", "amountMinor" = r."amountMinor" + excluded."amountMinor"\x3B

    INSERT INTO "QuarterlyReachRollup" AS r ("quarterStart", "ownerId", "maxStageOrder", "won", "deals")
    SELECT f."quarterStart", f."ownerId", f."maxStageOrder", f."status" = \'WON\', count(*)::int
    FROM "QuarterlyDealFact" f WHERE f."status" IN (\'WON\', \'LOST\') AND f."maxStageOrder" IS NOT NULL AND f."dealId" = ANY(ids) GROUP BY 1, 2, 3, 4
    ON CONFLICT ("quarterStart", "ownerId", "maxStageOrder", "won") DO UPDATE SET "deals" = r."deals" + excluded."deals"\x3B

    INSERT INTO "QuarterlyOpenedRollup" AS r ("quarterStart", "createdQuarter", "ownerId", "stageId", "deals")
    SELECT f."quarterStart", f."createdQuarter", f."ownerId", f."stageId", count(*)::int
    FROM "QuarterlyDealFact" f WHERE f."dealId" = ANY(ids) GROUP BY 1, 2, 3, 4
    ON CONFLICT ("quarterStart", "createdQuarter", "ownerId", "stageId") DO UPDATE SET "deals" = r."deals" + excluded."deals"\x3B

    INSERT INTO "QuarterlyStageRollup" AS r ("quarterStart", "ownerId", "stageId", "deals", "visits")
    SELECT v."quarterStart", v."ownerId", v."stageId", count(DISTINCT v."dealId")::int, count(*)::int
    FROM "QuarterlyStageVisit" v WHERE v."dealId" = ANY(ids) GROUP BY 1, 2, 3
    ON CONFLICT ("quarterStart", "ownerId", "stageId") DO UPDATE
        SET "deals" = r."deals" + excluded."deals", "visits" = r."visits" + excluded."visits"\x3B

    INSERT INTO "QuarterlyOpportunityRollup" AS r ("quarterStart", "ownerId", "opportunities")
    SELECT c."quarterStart", c."ownerId", sum(c."opportunities")::int
    FROM "QuarterlyDealCreated" c WHERE c."dealId" = ANY(ids) GROUP BY 1, 2
    ON CONFLICT ("quarterStart", "ownerId") DO UPDATE SET "opportunities" = r."opportunities" + excluded."opportunities"\x3B
END\x3B
';

-- Everything from scratch: the migration's backfill, after a bulk load with triggers off, or when the quarters
-- themselves change.
CREATE FUNCTION quarterly_rollup_rebuild() RETURNS void
LANGUAGE plpgsql AS E'
DECLARE
    tz TEXT\x3B
    fy INTEGER\x3B
BEGIN
    SELECT o."timeZone", o."fiscalYearStartMonth" INTO tz, fy FROM "Organisation" o ORDER BY o."createdAt" LIMIT 1\x3B
    tz := coalesce(tz, \'UTC\')\x3B
    fy := coalesce(fy, 1)\x3B
    TRUNCATE "QuarterlyDealFact", "QuarterlyStageVisit", "QuarterlyDealCreated", "QuarterlyCloseRollup",
        "QuarterlyLostReasonRollup", "QuarterlyReachRollup", "QuarterlyStageRollup", "QuarterlyOpenedRollup",
        "QuarterlyOpportunityRollup", "QuarterlyLeadRollup", "QuarterlyActivityRollup"\x3B

    -- The per-deal rows, as the dashboard\'s direct queries computed them (a deal counts for its current owner).
    INSERT INTO "QuarterlyDealFact" ("dealId", "quarterStart", "createdQuarter", "ownerId", "stageId", "status", "amountMinor", "cycleDays", "lostReason", "maxStageOrder")
    SELECT d.id,
        quarterly_quarter_start((d."closedAt" AT TIME ZONE tz)::date, fy),
        quarterly_quarter_start((d."createdAt" AT TIME ZONE tz)::date, fy),
        d."ownerId", d."stageId", d.status, d."amountMinor",
        (d."closedAt" AT TIME ZONE tz)::date - coalesce(d."firstContactDate", (d."createdAt" AT TIME ZONE tz)::date),
        CASE WHEN d.status = \'LOST\' THEN coalesce(nullif(btrim(d."lostReason"), \'\'), \'No reason given\') END,
        m."maxOrder"
    FROM "Deal" d
    LEFT JOIN (
        SELECT c."dealId", max(s."order") AS "maxOrder"
        FROM "DealChange" c JOIN "PipelineStage" s ON s.id = c."newValue"
        WHERE c.field = \'stageId\'
        GROUP BY c."dealId"
    ) m ON m."dealId" = d.id
    WHERE d."closedAt" IS NOT NULL\x3B

    -- A visit lasts until the next stage change, or until the close for the last one.
    INSERT INTO "QuarterlyStageVisit" ("changeId", "dealId", "quarterStart", "ownerId", "stageId", "days")
    SELECT v.id, v."dealId", f."quarterStart", f."ownerId", v."stageId", (extract(epoch FROM (v."leftAt" - v.at)) / 86400.0)::float8
    FROM (
        SELECT c.id, c."dealId", coalesce(c."newValue", \'\') AS "stageId", c.at,
            coalesce(lead(c.at) OVER (PARTITION BY c."dealId" ORDER BY c.at, c.id), d."closedAt") AS "leftAt"
        FROM "DealChange" c JOIN "Deal" d ON d.id = c."dealId"
        WHERE c.field = \'stageId\' AND d.status IN (\'WON\', \'LOST\') AND d."closedAt" IS NOT NULL
    ) v JOIN "QuarterlyDealFact" f ON f."dealId" = v."dealId"\x3B

    INSERT INTO "QuarterlyDealCreated" ("dealId", "quarterStart", "ownerId", "opportunities")
    SELECT c."dealId", quarterly_quarter_start((c.at AT TIME ZONE tz)::date, fy), d."ownerId", count(*)::int
    FROM "DealChange" c JOIN "Deal" d ON d.id = c."dealId"
    WHERE c.field = \'created\'
    GROUP BY 1, 2, 3\x3B

    -- Add the new contributions.
    INSERT INTO "QuarterlyCloseRollup" AS r ("quarterStart", "ownerId", "status", "deals", "amountMinor", "cycleDays")
    SELECT f."quarterStart", f."ownerId", f."status", count(*)::int, sum(f."amountMinor")::bigint,
        sum(CASE WHEN f."status" = \'WON\' THEN f."cycleDays" ELSE 0 END)::bigint
    FROM "QuarterlyDealFact" f WHERE f."status" IN (\'WON\', \'LOST\') GROUP BY 1, 2, 3
    ON CONFLICT ("quarterStart", "ownerId", "status") DO UPDATE
        SET "deals" = r."deals" + excluded."deals", "amountMinor" = r."amountMinor" + excluded."amountMinor", "cycleDays" = r."cycleDays" + excluded."cycleDays"\x3B

    INSERT INTO "QuarterlyLostReasonRollup" AS r ("quarterStart", "ownerId", "reason", "deals", "amountMinor")
    SELECT f."quarterStart", f."ownerId", f."lostReason", count(*)::int, sum(f."amountMinor")::bigint
    FROM "QuarterlyDealFact" f WHERE f."status" = \'LOST\' GROUP BY 1, 2, 3
    ON CONFLICT ("quarterStart", "ownerId", "reason") DO UPDATE
        SET "deals" = r."deals" + excluded."deals", "amountMinor" = r."amountMinor" + excluded."amountMinor"\x3B

    INSERT INTO "QuarterlyReachRollup" AS r ("quarterStart", "ownerId", "maxStageOrder", "won", "deals")
    SELECT f."quarterStart", f."ownerId", f."maxStageOrder", f."status" = \'WON\', count(*)::int
    FROM "QuarterlyDealFact" f WHERE f."status" IN (\'WON\', \'LOST\') AND f."maxStageOrder" IS NOT NULL GROUP BY 1, 2, 3, 4
    ON CONFLICT ("quarterStart", "ownerId", "maxStageOrder", "won") DO UPDATE SET "deals" = r."deals" + excluded."deals"\x3B

    INSERT INTO "QuarterlyOpenedRollup" AS r ("quarterStart", "createdQuarter", "ownerId", "stageId", "deals")
    SELECT f."quarterStart", f."createdQuarter", f."ownerId", f."stageId", count(*)::int
    FROM "QuarterlyDealFact" f GROUP BY 1, 2, 3, 4
    ON CONFLICT ("quarterStart", "createdQuarter", "ownerId", "stageId") DO UPDATE SET "deals" = r."deals" + excluded."deals"\x3B

    INSERT INTO "QuarterlyStageRollup" AS r ("quarterStart", "ownerId", "stageId", "deals", "visits")
    SELECT v."quarterStart", v."ownerId", v."stageId", count(DISTINCT v."dealId")::int, count(*)::int
    FROM "QuarterlyStageVisit" v GROUP BY 1, 2, 3
    ON CONFLICT ("quarterStart", "ownerId", "stageId") DO UPDATE
        SET "deals" = r."deals" + excluded."deals", "visits" = r."visits" + excluded."visits"\x3B

    INSERT INTO "QuarterlyOpportunityRollup" AS r ("quarterStart", "ownerId", "opportunities")
    SELECT c."quarterStart", c."ownerId", sum(c."opportunities")::int
    FROM "QuarterlyDealCreated" c GROUP BY 1, 2
    ON CONFLICT ("quarterStart", "ownerId") DO UPDATE SET "opportunities" = r."opportunities" + excluded."opportunities"\x3B

    INSERT INTO "QuarterlyLeadRollup" ("quarterStart", "ownerId", "leads")
    SELECT quarterly_quarter_start(l."createdOn", fy), l."ownerId", count(*)::int FROM "Lead" l WHERE l."icpQualified" GROUP BY 1, 2\x3B
    INSERT INTO "QuarterlyActivityRollup" ("quarterStart", "userId", "activities")
    SELECT quarterly_quarter_start(a."occurredOn", fy), a."userId", count(*)::int FROM "Activity" a GROUP BY 1, 2\x3B
END\x3B
';

-- Deal writes: only the deals whose contribution can have changed.
CREATE FUNCTION quarterly_rollup_deal_insert() RETURNS trigger
LANGUAGE plpgsql AS E'
BEGIN
    PERFORM quarterly_rollup_refresh(ARRAY(SELECT n.id FROM new_rows n WHERE n."closedAt" IS NOT NULL))\x3B
    RETURN NULL\x3B
END\x3B
';

CREATE FUNCTION quarterly_rollup_deal_update() RETURNS trigger
LANGUAGE plpgsql AS E'
BEGIN
    PERFORM quarterly_rollup_refresh(ARRAY(
        SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE o."ownerId" IS DISTINCT FROM n."ownerId"
           OR ((o."closedAt" IS NOT NULL OR n."closedAt" IS NOT NULL) AND (
                  o.status IS DISTINCT FROM n.status OR o."closedAt" IS DISTINCT FROM n."closedAt"
               OR o."amountMinor" IS DISTINCT FROM n."amountMinor" OR o."stageId" IS DISTINCT FROM n."stageId"
               OR o."createdAt" IS DISTINCT FROM n."createdAt" OR o."firstContactDate" IS DISTINCT FROM n."firstContactDate"
               OR o."lostReason" IS DISTINCT FROM n."lostReason"))))\x3B
    RETURN NULL\x3B
END\x3B
';

CREATE FUNCTION quarterly_rollup_deal_delete() RETURNS trigger
LANGUAGE plpgsql AS E'
BEGIN
    PERFORM quarterly_rollup_refresh(ARRAY(SELECT o.id FROM old_rows o))\x3B
    RETURN NULL\x3B
END\x3B
';

-- History writes: stage visits count once the deal is closed, "created" rows count at once.
CREATE FUNCTION quarterly_rollup_change_rows() RETURNS trigger
LANGUAGE plpgsql AS E'
BEGIN
    IF TG_OP = \'INSERT\' THEN
        PERFORM quarterly_rollup_refresh(ARRAY(
            SELECT DISTINCT c."dealId" FROM new_rows c JOIN "Deal" d ON d.id = c."dealId"
            WHERE c.field = \'created\' OR (c.field = \'stageId\' AND d."closedAt" IS NOT NULL)))\x3B
    ELSIF TG_OP = \'DELETE\' THEN
        PERFORM quarterly_rollup_refresh(ARRAY(
            SELECT DISTINCT c."dealId" FROM old_rows c WHERE c.field IN (\'created\', \'stageId\')))\x3B
    ELSE
        PERFORM quarterly_rollup_refresh(ARRAY(
            SELECT c."dealId" FROM new_rows c WHERE c.field IN (\'created\', \'stageId\')
            UNION SELECT c."dealId" FROM old_rows c WHERE c.field IN (\'created\', \'stageId\')))\x3B
    END IF\x3B
    RETURN NULL\x3B
END\x3B
';

CREATE TRIGGER "quarterly_rollup_deal_insert" AFTER INSERT ON "Deal"
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION quarterly_rollup_deal_insert();
CREATE TRIGGER "quarterly_rollup_deal_update" AFTER UPDATE ON "Deal"
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION quarterly_rollup_deal_update();
CREATE TRIGGER "quarterly_rollup_deal_delete" AFTER DELETE ON "Deal"
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION quarterly_rollup_deal_delete();
CREATE TRIGGER "quarterly_rollup_change_insert" AFTER INSERT ON "DealChange"
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION quarterly_rollup_change_rows();
CREATE TRIGGER "quarterly_rollup_change_update" AFTER UPDATE ON "DealChange"
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION quarterly_rollup_change_rows();
CREATE TRIGGER "quarterly_rollup_change_delete" AFTER DELETE ON "DealChange"
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION quarterly_rollup_change_rows();

-- Leads and activities: a row's contribution depends on the row alone, so the statement's old and new rows are the
-- whole delta (rows leave with their old values, come back with their new ones).
CREATE FUNCTION quarterly_rollup_lead_rows() RETURNS trigger
LANGUAGE plpgsql AS E'
DECLARE
    fy INTEGER := coalesce((SELECT o."fiscalYearStartMonth" FROM "Organisation" o ORDER BY o."createdAt" LIMIT 1), 1)\x3B
BEGIN
    IF TG_OP IN (\'UPDATE\', \'DELETE\') THEN
        UPDATE "QuarterlyLeadRollup" r SET "leads" = r."leads" - o.n
        FROM (SELECT quarterly_quarter_start(l."createdOn", fy) AS q, l."ownerId", count(*)::int AS n FROM old_rows l WHERE l."icpQualified" GROUP BY 1, 2) o
        WHERE r."quarterStart" = o.q AND r."ownerId" = o."ownerId"\x3B
        DELETE FROM "QuarterlyLeadRollup" r WHERE r."leads" = 0\x3B
    END IF\x3B
    IF TG_OP IN (\'UPDATE\', \'INSERT\') THEN
        INSERT INTO "QuarterlyLeadRollup" AS r ("quarterStart", "ownerId", "leads")
        SELECT quarterly_quarter_start(l."createdOn", fy), l."ownerId", count(*)::int FROM new_rows l WHERE l."icpQualified" GROUP BY 1, 2
        ON CONFLICT ("quarterStart", "ownerId") DO UPDATE SET "leads" = r."leads" + excluded."leads"\x3B
    END IF\x3B
    RETURN NULL\x3B
END\x3B
';

CREATE FUNCTION quarterly_rollup_activity_rows() RETURNS trigger
LANGUAGE plpgsql AS E'
DECLARE
    fy INTEGER := coalesce((SELECT o."fiscalYearStartMonth" FROM "Organisation" o ORDER BY o."createdAt" LIMIT 1), 1)\x3B
BEGIN
    IF TG_OP IN (\'UPDATE\', \'DELETE\') THEN
        UPDATE "QuarterlyActivityRollup" r SET "activities" = r."activities" - o.n
        FROM (SELECT quarterly_quarter_start(a."occurredOn", fy) AS q, a."userId", count(*)::int AS n FROM old_rows a GROUP BY 1, 2) o
        WHERE r."quarterStart" = o.q AND r."userId" = o."userId"\x3B
        DELETE FROM "QuarterlyActivityRollup" r WHERE r."activities" = 0\x3B
    END IF\x3B
    IF TG_OP IN (\'UPDATE\', \'INSERT\') THEN
        INSERT INTO "QuarterlyActivityRollup" AS r ("quarterStart", "userId", "activities")
        SELECT quarterly_quarter_start(a."occurredOn", fy), a."userId", count(*)::int FROM new_rows a GROUP BY 1, 2
        ON CONFLICT ("quarterStart", "userId") DO UPDATE SET "activities" = r."activities" + excluded."activities"\x3B
    END IF\x3B
    RETURN NULL\x3B
END\x3B
';

CREATE TRIGGER "quarterly_rollup_lead_insert" AFTER INSERT ON "Lead"
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION quarterly_rollup_lead_rows();
CREATE TRIGGER "quarterly_rollup_lead_update" AFTER UPDATE ON "Lead"
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION quarterly_rollup_lead_rows();
CREATE TRIGGER "quarterly_rollup_lead_delete" AFTER DELETE ON "Lead"
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION quarterly_rollup_lead_rows();
CREATE TRIGGER "quarterly_rollup_activity_insert" AFTER INSERT ON "Activity"
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION quarterly_rollup_activity_rows();
CREATE TRIGGER "quarterly_rollup_activity_update" AFTER UPDATE ON "Activity"
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION quarterly_rollup_activity_rows();
CREATE TRIGGER "quarterly_rollup_activity_delete" AFTER DELETE ON "Activity"
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION quarterly_rollup_activity_rows();

-- The quarters move (time zone, fiscal year) or the stage order changes "the highest stage reached": rebuild once,
-- at commit, however many rows the transaction changed.
CREATE FUNCTION quarterly_rollup_rebuild_at_commit() RETURNS trigger
LANGUAGE plpgsql AS E'
BEGIN
    IF current_setting(\'cadence.quarterly_rebuilt\', true) IS DISTINCT FROM txid_current()::text THEN
        PERFORM quarterly_rollup_rebuild()\x3B
        PERFORM set_config(\'cadence.quarterly_rebuilt\', txid_current()::text, true)\x3B
    END IF\x3B
    RETURN NULL\x3B
END\x3B
';

CREATE CONSTRAINT TRIGGER "quarterly_rollup_organisation_insert" AFTER INSERT ON "Organisation"
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION quarterly_rollup_rebuild_at_commit();
CREATE CONSTRAINT TRIGGER "quarterly_rollup_organisation_update" AFTER UPDATE OF "timeZone", "fiscalYearStartMonth" ON "Organisation"
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (OLD."timeZone" IS DISTINCT FROM NEW."timeZone" OR OLD."fiscalYearStartMonth" IS DISTINCT FROM NEW."fiscalYearStartMonth")
    EXECUTE FUNCTION quarterly_rollup_rebuild_at_commit();
CREATE CONSTRAINT TRIGGER "quarterly_rollup_organisation_delete" AFTER DELETE ON "Organisation"
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION quarterly_rollup_rebuild_at_commit();
CREATE CONSTRAINT TRIGGER "quarterly_rollup_stage_order" AFTER UPDATE OF "order" ON "PipelineStage"
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD."order" IS DISTINCT FROM NEW."order")
    EXECUTE FUNCTION quarterly_rollup_rebuild_at_commit();
CREATE CONSTRAINT TRIGGER "quarterly_rollup_stage_delete" AFTER DELETE ON "PipelineStage"
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION quarterly_rollup_rebuild_at_commit();

-- TRUNCATE fires no row or statement triggers above: start the rollups over from what is left. (DELETE, not
-- TRUNCATE: the rollups may be in the same TRUNCATE statement, as when a test or a bulk load empties every table.)
CREATE FUNCTION quarterly_rollup_after_truncate() RETURNS trigger
LANGUAGE plpgsql AS E'
BEGIN
    DELETE FROM "QuarterlyDealFact"\x3B
    DELETE FROM "QuarterlyStageVisit"\x3B
    DELETE FROM "QuarterlyDealCreated"\x3B
    DELETE FROM "QuarterlyCloseRollup"\x3B
    DELETE FROM "QuarterlyLostReasonRollup"\x3B
    DELETE FROM "QuarterlyReachRollup"\x3B
    DELETE FROM "QuarterlyStageRollup"\x3B
    DELETE FROM "QuarterlyOpenedRollup"\x3B
    DELETE FROM "QuarterlyOpportunityRollup"\x3B
    DELETE FROM "QuarterlyLeadRollup"\x3B
    DELETE FROM "QuarterlyActivityRollup"\x3B
    IF EXISTS (SELECT 1 FROM "Deal") OR EXISTS (SELECT 1 FROM "Lead") OR EXISTS (SELECT 1 FROM "Activity") THEN
        PERFORM quarterly_rollup_rebuild()\x3B
    END IF\x3B
    RETURN NULL\x3B
END\x3B
';

CREATE TRIGGER "quarterly_rollup_deal_truncate" AFTER TRUNCATE ON "Deal"
    FOR EACH STATEMENT EXECUTE FUNCTION quarterly_rollup_after_truncate();
CREATE TRIGGER "quarterly_rollup_change_truncate" AFTER TRUNCATE ON "DealChange"
    FOR EACH STATEMENT EXECUTE FUNCTION quarterly_rollup_after_truncate();
CREATE TRIGGER "quarterly_rollup_lead_truncate" AFTER TRUNCATE ON "Lead"
    FOR EACH STATEMENT EXECUTE FUNCTION quarterly_rollup_after_truncate();
CREATE TRIGGER "quarterly_rollup_activity_truncate" AFTER TRUNCATE ON "Activity"
    FOR EACH STATEMENT EXECUTE FUNCTION quarterly_rollup_after_truncate();

-- Backfill from the data already there.
SELECT quarterly_rollup_rebuild();
