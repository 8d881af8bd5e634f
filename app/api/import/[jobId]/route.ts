// An import job's progress, polled by the import page while the commit runs in the background.
import { NextResponse } from "next/server";
import { getCurrentUser } from "@/lib/auth/session";
import { canImport } from "@/lib/auth/permissions";
import { getImportJob } from "@/lib/import/jobs";

export async function GET(_request: Request, { params }: { params: Promise<{ jobId: string }> }) {
  const actor = await getCurrentUser();
  if (!actor) return NextResponse.json({ message: "Your session has ended. Sign in again." }, { status: 401 });
  const { jobId } = await params;
  // A path segment is input: one that cannot be a job id (a NUL failed in PostgreSQL with a 500) is not found.
  const job = canImport(actor) && /^[A-Za-z0-9_-]{1,64}$/.test(jobId) ? await getImportJob(actor, jobId) : null;
  if (!job) return NextResponse.json({ message: "That import was not found." }, { status: 404 });
  const { status, totalRows, processed, created, updated, rejected } = job;
  return NextResponse.json({ status, totalRows, processed, created, updated, rejected }, { headers: { "Cache-Control": "no-store" } });
}
