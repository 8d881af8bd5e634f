-- Inspection decisions that act on the deal (pause, next step, reassign) and the end-of-inspection outcomes for
-- flagged deals that were not decided (not discussed, skipped).
ALTER TYPE "Disposition" ADD VALUE 'PAUSE';
ALTER TYPE "Disposition" ADD VALUE 'NEXT_STEP';
ALTER TYPE "Disposition" ADD VALUE 'REASSIGN';
ALTER TYPE "Disposition" ADD VALUE 'NOT_DISCUSSED';
ALTER TYPE "Disposition" ADD VALUE 'SKIPPED';
