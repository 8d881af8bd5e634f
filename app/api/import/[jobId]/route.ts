// An import job's progress, polled by the import page while the commit runs in the background.
import { NextResponse } from "next/server";
import { getCurrentUser } from "@/lib/auth/session";
import { canImport } from "@/lib/auth/permissions";
import { getImportJob } from "@/lib/import/jobs";

export async function GET(_request: Request, { params }: { params: Promise<{ jobId: string }> }) {
  const actor = await getCurrentUser();
  if (!actor) return NextResponse.json({ message: "Your session has ended. Sign in again." }, { status: 401 });
  const { jobId } = await params;
  const job = canImport(actor) ? await getImportJob(actor, jobId) : null;
  if (!job) return NextResponse.json({ message: "That import was not found." }, { status: 404 });
  const { status, totalRows, processed, created, updated, rejected } = job;
  return NextResponse.json({ status, totalRows, processed, created, updated, rejected }, { headers: { "Cache-Control": "no-store" } });
}
