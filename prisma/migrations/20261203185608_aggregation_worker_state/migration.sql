-- Aggregation workers' heartbeat (docs/aggregation.md, "Metrics"): the circuit breaker and counters of
-- every running worker process, read by GET /metrics of any process. Written by hand.

-- CreateTable
CREATE TABLE "AggregationWorkerState" (
    "workerId" VARCHAR(100) NOT NULL,
    "breaker" VARCHAR(10) NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "seenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "counters" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "AggregationWorkerState_pkey" PRIMARY KEY ("workerId")
);

-- CreateIndex
CREATE INDEX "AggregationWorkerState_seenAt_idx" ON "AggregationWorkerState"("seenAt");
