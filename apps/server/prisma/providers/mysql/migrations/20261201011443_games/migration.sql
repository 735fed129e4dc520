-- CreateTable
CREATE TABLE `Game` (
    `id` VARCHAR(191) NOT NULL,
    `creatorId` VARCHAR(191) NOT NULL,
    `title` TEXT NOT NULL,
    `maxPlayers` INTEGER NOT NULL,
    `maxRounds` INTEGER NOT NULL,
    `startMoney` BIGINT NOT NULL,
    `bidTimeMs` INTEGER NOT NULL,
    `sellTimeMs` INTEGER NOT NULL,
    `items` TEXT NOT NULL,
    `startInventory` TEXT NOT NULL,
    `status` VARCHAR(191) NOT NULL DEFAULT 'lobby',
    `round` INTEGER NOT NULL DEFAULT 0,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `startedAt` DATETIME(3),
    `endedAt` DATETIME(3),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `GamePlayer` (
    `id` VARCHAR(191) NOT NULL,
    `gameId` VARCHAR(191) NOT NULL,
    `userId` VARCHAR(191) NOT NULL,
    `position` INTEGER NOT NULL,
    `status` VARCHAR(191) NOT NULL DEFAULT 'waiting',
    `money` BIGINT NOT NULL,
    `joinedAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `removedAt` DATETIME(3),
    `disconnectedAt` DATETIME(3),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `GameHolding` (
    `playerId` VARCHAR(191) NOT NULL,
    `item` VARCHAR(191) NOT NULL,
    `quantity` INTEGER NOT NULL,
    PRIMARY KEY (`playerId`,`item`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `GameRound` (
    `id` VARCHAR(191) NOT NULL,
    `gameId` VARCHAR(191) NOT NULL,
    `round` INTEGER NOT NULL,
    `sellerId` TEXT NOT NULL,
    `phase` VARCHAR(191) NOT NULL DEFAULT 'selling',
    `dueAt` DATETIME(3),
    `sellEndsAt` DATETIME(3) NOT NULL,
    `startedAt` DATETIME(3) NOT NULL,
    `highestBidderId` TEXT,
    `highestAmount` BIGINT,
    `lastBidAt` DATETIME(3),
    `settledAt` DATETIME(3),
    `winnerId` TEXT,
    `amount` BIGINT,
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `GameSale` (
    `id` VARCHAR(191) NOT NULL,
    `roundId` VARCHAR(191) NOT NULL,
    `gameId` TEXT NOT NULL,
    `sellerId` TEXT NOT NULL,
    `items` TEXT NOT NULL,
    `weight` DOUBLE NOT NULL,
    `createdAt` DATETIME(3) NOT NULL,
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `GameBid` (
    `id` VARCHAR(191) NOT NULL,
    `roundId` VARCHAR(191) NOT NULL,
    `gameId` TEXT NOT NULL,
    `playerId` TEXT NOT NULL,
    `amount` BIGINT NOT NULL,
    `createdAt` DATETIME(3) NOT NULL,
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateIndex
CREATE INDEX `Game_status_createdAt_idx` ON `Game`(`status`, `createdAt`);

-- CreateIndex
CREATE INDEX `GamePlayer_status_disconnectedAt_idx` ON `GamePlayer`(`status`, `disconnectedAt`);

-- CreateIndex
CREATE UNIQUE INDEX `GamePlayer_gameId_userId_key` ON `GamePlayer`(`gameId`, `userId`);

-- CreateIndex
CREATE INDEX `GameRound_phase_dueAt_idx` ON `GameRound`(`phase`, `dueAt`);

-- CreateIndex
CREATE UNIQUE INDEX `GameRound_gameId_round_key` ON `GameRound`(`gameId`, `round`);

-- CreateIndex
CREATE UNIQUE INDEX `GameSale_roundId_key` ON `GameSale`(`roundId`);

-- CreateIndex
CREATE INDEX `GameBid_roundId_createdAt_idx` ON `GameBid`(`roundId`, `createdAt`);

-- AddForeignKey
ALTER TABLE `Game` ADD CONSTRAINT `Game_creatorId_fkey` FOREIGN KEY (`creatorId`) REFERENCES `User`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `GamePlayer` ADD CONSTRAINT `GamePlayer_gameId_fkey` FOREIGN KEY (`gameId`) REFERENCES `Game`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `GamePlayer` ADD CONSTRAINT `GamePlayer_userId_fkey` FOREIGN KEY (`userId`) REFERENCES `User`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `GameHolding` ADD CONSTRAINT `GameHolding_playerId_fkey` FOREIGN KEY (`playerId`) REFERENCES `GamePlayer`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `GameRound` ADD CONSTRAINT `GameRound_gameId_fkey` FOREIGN KEY (`gameId`) REFERENCES `Game`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `GameSale` ADD CONSTRAINT `GameSale_roundId_fkey` FOREIGN KEY (`roundId`) REFERENCES `GameRound`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `GameBid` ADD CONSTRAINT `GameBid_roundId_fkey` FOREIGN KEY (`roundId`) REFERENCES `GameRound`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;
