-- Domain events, written in the same transaction as the change that caused them (lib/events/emit.ts).
CREATE TABLE "DomainEvent" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "dealId" TEXT,
    "teamId" TEXT,
    "subjectUserId" TEXT,
    "payload" JSONB NOT NULL,

    CONSTRAINT "DomainEvent_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "DomainEvent_type_occurredAt_idx" ON "DomainEvent"("type", "occurredAt");
CREATE INDEX "DomainEvent_occurredAt_idx" ON "DomainEvent"("occurredAt");
