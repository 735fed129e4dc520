-- CreateTable
CREATE TABLE "OtpPhone" (
    "phone" TEXT NOT NULL,
    "lockedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OtpPhone_pkey" PRIMARY KEY ("phone")
);
