-- 随车人员: drivers an operator assigns to its vehicles (issue 12, "People who leave").

-- CreateTable
CREATE TABLE "VehicleAssignment" (
    "id" UUID NOT NULL,
    "operatorId" UUID NOT NULL,
    "vehicleId" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "assignedById" UUID NOT NULL,
    "assignedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "VehicleAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "VehicleAssignment_accountId_revokedAt_idx" ON "VehicleAssignment"("accountId", "revokedAt");

-- CreateIndex
CREATE INDEX "VehicleAssignment_operatorId_vehicleId_idx" ON "VehicleAssignment"("operatorId", "vehicleId");

-- AddForeignKey
ALTER TABLE "VehicleAssignment" ADD CONSTRAINT "VehicleAssignment_operatorId_fkey" FOREIGN KEY ("operatorId") REFERENCES "Holder"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VehicleAssignment" ADD CONSTRAINT "VehicleAssignment_vehicleId_fkey" FOREIGN KEY ("vehicleId") REFERENCES "Vehicle"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VehicleAssignment" ADD CONSTRAINT "VehicleAssignment_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VehicleAssignment" ADD CONSTRAINT "VehicleAssignment_assignedById_fkey" FOREIGN KEY ("assignedById") REFERENCES "Account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
