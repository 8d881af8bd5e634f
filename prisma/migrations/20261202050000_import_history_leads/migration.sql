-- A deal import keeps its history file beside the deal file, and leads can be imported.
ALTER TYPE "ImportKind" ADD VALUE 'LEADS';

ALTER TABLE "ImportJob" ADD COLUMN "historyFileName" TEXT,
ADD COLUMN "historyText" TEXT;
