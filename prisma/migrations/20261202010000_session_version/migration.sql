-- Session revocation: every session token carries the user's sessionVersion from sign-in, and a bump ends older sessions.
ALTER TABLE "User" ADD COLUMN "sessionVersion" INTEGER NOT NULL DEFAULT 0;
