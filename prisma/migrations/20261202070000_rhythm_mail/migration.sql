-- The rhythm runs itself (issue 15): the Monday digest's time, the e-mail outbox and preferences, the weekly rhythm,
-- the leadership self-assessment and private calendar feeds.
ALTER TABLE "Organisation" ADD COLUMN "digestWeekday" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN "digestTime" TEXT NOT NULL DEFAULT '07:00',
ADD COLUMN "language" TEXT NOT NULL DEFAULT 'en',
ADD COLUMN "reminderWeeklyLimit" INTEGER NOT NULL DEFAULT 10;

CREATE TABLE "MailOutbox" (
    "id" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "userId" TEXT,
    "recipient" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "html" TEXT,
    "text" TEXT,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedAt" TIMESTAMPTZ(3),
    "sentAt" TIMESTAMPTZ(3),
    "error" TEXT,

    CONSTRAINT "MailOutbox_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "MailPreference" (
    "userId" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "MailPreference_pkey" PRIMARY KEY ("userId","category")
);

CREATE TABLE "RhythmRitual" (
    "id" TEXT NOT NULL,
    "managerId" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "ritual" TEXT NOT NULL,
    "weekday" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RhythmRitual_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "SelfAssessmentAnswer" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "quarterStart" DATE NOT NULL,
    "question" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "notes" TEXT,
    "answeredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SelfAssessmentAnswer_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "CalendarFeed" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "CalendarFeed_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "MailOutbox_idempotencyKey_key" ON "MailOutbox"("idempotencyKey");
CREATE INDEX "MailOutbox_status_createdAt_idx" ON "MailOutbox"("status", "createdAt");
CREATE INDEX "MailOutbox_userId_kind_createdAt_idx" ON "MailOutbox"("userId", "kind", "createdAt");
CREATE INDEX "MailOutbox_createdAt_idx" ON "MailOutbox"("createdAt");
CREATE UNIQUE INDEX "RhythmRitual_managerId_teamId_ritual_key" ON "RhythmRitual"("managerId", "teamId", "ritual");
CREATE INDEX "RhythmRitual_teamId_idx" ON "RhythmRitual"("teamId");
CREATE UNIQUE INDEX "SelfAssessmentAnswer_userId_quarterStart_question_key" ON "SelfAssessmentAnswer"("userId", "quarterStart", "question");
CREATE UNIQUE INDEX "CalendarFeed_tokenHash_key" ON "CalendarFeed"("tokenHash");
CREATE INDEX "CalendarFeed_userId_idx" ON "CalendarFeed"("userId");
