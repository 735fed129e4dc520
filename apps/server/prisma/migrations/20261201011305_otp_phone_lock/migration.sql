-- CreateTable
CREATE TABLE "OtpPhone" (
    "phone" TEXT NOT NULL PRIMARY KEY,
    "lockedAt" DATETIME NOT NULL
);
