-- Leads get a life: edited under a version, disqualified with a reason, or converted into one deal that keeps the
-- lead's source (docs/decisions/0023-lead-lifecycle.md).

-- CreateEnum
CREATE TYPE "LeadStatus" AS ENUM ('OPEN', 'DISQUALIFIED', 'CONVERTED');

-- AlterTable
ALTER TABLE "Deal" ADD COLUMN     "source" TEXT;

-- AlterTable
ALTER TABLE "Lead" ADD COLUMN     "convertedAt" TIMESTAMPTZ(3),
ADD COLUMN     "convertedDealId" TEXT,
ADD COLUMN     "disqualifiedAt" TIMESTAMPTZ(3),
ADD COLUMN     "disqualifiedReason" TEXT,
ADD COLUMN     "source" TEXT,
ADD COLUMN     "status" "LeadStatus" NOT NULL DEFAULT 'OPEN',
ADD COLUMN     "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- CreateIndex
CREATE UNIQUE INDEX "Lead_convertedDealId_key" ON "Lead"("convertedDealId");

-- AddForeignKey
ALTER TABLE "Lead" ADD CONSTRAINT "Lead_convertedDealId_fkey" FOREIGN KEY ("convertedDealId") REFERENCES "Deal"("id") ON DELETE SET NULL ON UPDATE CASCADE;
