-- AlterTable
ALTER TABLE "DealChange" ADD COLUMN     "actorName" TEXT;
