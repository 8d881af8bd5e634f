-- Import uploads are stored with their job (not on the receiving instance's disk), so every app instance behind a
-- load balancer can preview and commit them. The file text is cleared when the job finishes.
ALTER TABLE "ImportJob" ADD COLUMN "fileText" TEXT;
ALTER TABLE "ImportJob" ADD COLUMN "settings" JSONB;
