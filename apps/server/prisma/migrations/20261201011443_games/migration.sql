-- CreateTable
CREATE TABLE "Game" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "creatorId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "maxPlayers" INTEGER NOT NULL,
    "maxRounds" INTEGER NOT NULL,
    "startMoney" BIGINT NOT NULL,
    "bidTimeMs" INTEGER NOT NULL,
    "sellTimeMs" INTEGER NOT NULL,
    "items" TEXT NOT NULL,
    "startInventory" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'lobby',
    "round" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "endedAt" DATETIME,
    CONSTRAINT "Game_creatorId_fkey" FOREIGN KEY ("creatorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GamePlayer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "gameId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'waiting',
    "money" BIGINT NOT NULL,
    "joinedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removedAt" DATETIME,
    "disconnectedAt" DATETIME,
    CONSTRAINT "GamePlayer_gameId_fkey" FOREIGN KEY ("gameId") REFERENCES "Game" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "GamePlayer_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GameHolding" (
    "playerId" TEXT NOT NULL,
    "item" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,

    PRIMARY KEY ("playerId", "item"),
    CONSTRAINT "GameHolding_playerId_fkey" FOREIGN KEY ("playerId") REFERENCES "GamePlayer" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GameRound" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "gameId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "sellerId" TEXT NOT NULL,
    "phase" TEXT NOT NULL DEFAULT 'selling',
    "dueAt" DATETIME,
    "sellEndsAt" DATETIME NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "highestBidderId" TEXT,
    "highestAmount" BIGINT,
    "lastBidAt" DATETIME,
    "settledAt" DATETIME,
    "winnerId" TEXT,
    "amount" BIGINT,
    CONSTRAINT "GameRound_gameId_fkey" FOREIGN KEY ("gameId") REFERENCES "Game" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GameSale" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "gameId" TEXT NOT NULL,
    "sellerId" TEXT NOT NULL,
    "items" TEXT NOT NULL,
    "weight" REAL NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "GameSale_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "GameRound" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GameBid" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "gameId" TEXT NOT NULL,
    "playerId" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "GameBid_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "GameRound" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Game_status_createdAt_idx" ON "Game"("status", "createdAt");

-- CreateIndex
CREATE INDEX "GamePlayer_status_disconnectedAt_idx" ON "GamePlayer"("status", "disconnectedAt");

-- CreateIndex
CREATE UNIQUE INDEX "GamePlayer_gameId_userId_key" ON "GamePlayer"("gameId", "userId");

-- CreateIndex
CREATE INDEX "GameRound_phase_dueAt_idx" ON "GameRound"("phase", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "GameRound_gameId_round_key" ON "GameRound"("gameId", "round");

-- CreateIndex
CREATE UNIQUE INDEX "GameSale_roundId_key" ON "GameSale"("roundId");

-- CreateIndex
CREATE INDEX "GameBid_roundId_createdAt_idx" ON "GameBid"("roundId", "createdAt");
