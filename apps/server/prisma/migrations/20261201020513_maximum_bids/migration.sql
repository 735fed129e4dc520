-- AlterTable
ALTER TABLE "Lot" ADD COLUMN "leaderMax" BIGINT;
ALTER TABLE "Lot" ADD COLUMN "leadingBidId" TEXT;
ALTER TABLE "Lot" ADD COLUMN "secondMax" BIGINT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Bid" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "auctionId" TEXT NOT NULL,
    "lotId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "auto" BOOLEAN NOT NULL DEFAULT false,
    "maxAmount" BIGINT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Bid_auctionId_fkey" FOREIGN KEY ("auctionId") REFERENCES "Auction" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Bid_lotId_fkey" FOREIGN KEY ("lotId") REFERENCES "Lot" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Bid_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Bid" ("amount", "auctionId", "createdAt", "id", "lotId", "userId") SELECT "amount", "auctionId", "createdAt", "id", "lotId", "userId" FROM "Bid";
DROP TABLE "Bid";
ALTER TABLE "new_Bid" RENAME TO "Bid";
CREATE INDEX "Bid_lotId_createdAt_idx" ON "Bid"("lotId", "createdAt");
CREATE INDEX "Bid_lotId_userId_idx" ON "Bid"("lotId", "userId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Backfill: a lot bid on before maximum bids existed is led by its highest bid, and every bidder's standing
-- maximum there is their highest bid (manual bids strictly increase, so the top bid is unique).
UPDATE "Lot" SET "leadingBidId" = (SELECT "id" FROM "Bid" WHERE "Bid"."lotId" = "Lot"."id" ORDER BY "amount" DESC LIMIT 1), "leaderMax" = "highestBid" WHERE "highestBid" IS NOT NULL;
UPDATE "Lot" SET "secondMax" = (SELECT MAX(b."amount") FROM "Bid" b WHERE b."lotId" = "Lot"."id" AND b."userId" <> (SELECT l."userId" FROM "Bid" l WHERE l."id" = "Lot"."leadingBidId")) WHERE "leadingBidId" IS NOT NULL;
