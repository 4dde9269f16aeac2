-- CreateTable
CREATE TABLE "SudoSession" (
    "sessionId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "confirmedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SudoSession_pkey" PRIMARY KEY ("sessionId")
);

-- CreateIndex
CREATE INDEX "SudoSession_memberId_idx" ON "SudoSession"("memberId");

-- AddForeignKey
ALTER TABLE "SudoSession" ADD CONSTRAINT "SudoSession_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;
