-- AlterTable
ALTER TABLE "ApiUser" ADD COLUMN     "ipAllowlist" TEXT[] DEFAULT ARRAY[]::TEXT[];
