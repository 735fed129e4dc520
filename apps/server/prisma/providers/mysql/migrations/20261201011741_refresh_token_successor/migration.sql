-- AlterTable
ALTER TABLE `RefreshToken` ADD COLUMN `successor` TEXT;
