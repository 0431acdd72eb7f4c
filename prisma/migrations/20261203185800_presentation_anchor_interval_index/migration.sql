-- CreateIndex
CREATE INDEX "PresentationAnchor_intervalStart_idx" ON "PresentationAnchor"("intervalStart");
