-- Presentation token version 2 (docs/presentation-token.md): anchors signed once per
-- (certificate, interval, epoch). Written by hand (other migrations were pending).

-- CreateTable
CREATE TABLE "PresentationAnchor" (
    "certificateId" UUID NOT NULL,
    "intervalStart" TIMESTAMP(3) NOT NULL,
    "epoch" INTEGER NOT NULL,
    "kid" VARCHAR(64) NOT NULL,
    "body" BYTEA NOT NULL,
    "signature" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PresentationAnchor_pkey" PRIMARY KEY ("certificateId","intervalStart","epoch")
);
