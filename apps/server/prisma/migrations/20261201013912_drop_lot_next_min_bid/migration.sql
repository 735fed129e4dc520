-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Lot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "auctionId" TEXT NOT NULL,
    "product" TEXT NOT NULL,
    "description" TEXT,
    "weight" REAL,
    "startingPrice" BIGINT NOT NULL,
    "minIncrement" BIGINT NOT NULL DEFAULT 1,
    "marketPrice" BIGINT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "highestBid" BIGINT,
    "bidCount" INTEGER NOT NULL DEFAULT 0,
    "durationMs" INTEGER,
    "softCloseMs" INTEGER,
    "endsAt" DATETIME,
    "openedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" DATETIME,
    CONSTRAINT "Lot_auctionId_fkey" FOREIGN KEY ("auctionId") REFERENCES "Auction" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Lot" ("auctionId", "bidCount", "closedAt", "description", "durationMs", "endsAt", "highestBid", "id", "marketPrice", "minIncrement", "openedAt", "product", "softCloseMs", "startingPrice", "status", "weight") SELECT "auctionId", "bidCount", "closedAt", "description", "durationMs", "endsAt", "highestBid", "id", "marketPrice", "minIncrement", "openedAt", "product", "softCloseMs", "startingPrice", "status", "weight" FROM "Lot";
DROP TABLE "Lot";
ALTER TABLE "new_Lot" RENAME TO "Lot";
CREATE INDEX "Lot_auctionId_openedAt_idx" ON "Lot"("auctionId", "openedAt");
CREATE INDEX "Lot_status_endsAt_idx" ON "Lot"("status", "endsAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
