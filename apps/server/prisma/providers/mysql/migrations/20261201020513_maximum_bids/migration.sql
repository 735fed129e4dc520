-- AlterTable
ALTER TABLE `Lot` ADD COLUMN `leaderMax` BIGINT,
ADD COLUMN `leadingBidId` TEXT,
ADD COLUMN `secondMax` BIGINT;

-- AlterTable
ALTER TABLE `Bid` ADD COLUMN `auto` BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN `maxAmount` BIGINT;

-- CreateIndex
CREATE INDEX `Bid_lotId_userId_idx` ON `Bid`(`lotId`, `userId`);

-- Backfill: a lot bid on before maximum bids existed is led by its highest bid, and every bidder's standing
-- maximum there is their highest bid (manual bids strictly increase, so the top bid is unique).
UPDATE `Lot` SET `leadingBidId` = (SELECT `id` FROM `Bid` WHERE `Bid`.`lotId` = `Lot`.`id` ORDER BY `amount` DESC LIMIT 1), `leaderMax` = `highestBid` WHERE `highestBid` IS NOT NULL;
UPDATE `Lot` SET `secondMax` = (SELECT MAX(b.`amount`) FROM `Bid` b WHERE b.`lotId` = `Lot`.`id` AND b.`userId` <> (SELECT l.`userId` FROM `Bid` l WHERE l.`id` = `Lot`.`leadingBidId`)) WHERE `leadingBidId` IS NOT NULL;
