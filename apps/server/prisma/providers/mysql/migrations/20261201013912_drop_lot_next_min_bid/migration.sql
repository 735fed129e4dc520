-- AlterTable
ALTER TABLE `Lot` DROP COLUMN `nextMinBid`;
