-- CreateIndex
CREATE INDEX `Bid_lotId_amount_auto_idx` ON `Bid`(`lotId`, `amount`, `auto`);
