-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN     "webhookAllowedHosts" TEXT[] DEFAULT ARRAY[]::TEXT[];
