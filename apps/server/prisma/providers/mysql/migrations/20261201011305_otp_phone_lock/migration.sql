-- CreateTable
CREATE TABLE `OtpPhone` (
    `phone` VARCHAR(191) NOT NULL,
    `lockedAt` DATETIME(3) NOT NULL,
    PRIMARY KEY (`phone`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
