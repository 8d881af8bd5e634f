// Upload of a deal import's history file (the second file): the session, the role and the job's owner are checked,
// and the size limit before the body is read.
import { NextResponse } from "next/server";
import { getCurrentUser } from "@/lib/auth/session";
import { canImport } from "@/lib/auth/permissions";
import { audit } from "@/lib/audit";
import { attachHistoryFile } from "@/lib/import/jobs";
import { MAX_IMPORT_BYTES, MAX_IMPORT_LABEL } from "@/lib/import/csv-file";

const tooLarge = () =>
  NextResponse.json({ ok: false, message: `The file is larger than the ${MAX_IMPORT_LABEL} limit. Split it into smaller files.` }, { status: 413 });

export async function POST(request: Request, { params }: { params: Promise<{ jobId: string }> }) {
  const actor = await getCurrentUser();
  if (!actor) return NextResponse.json({ ok: false, message: "Your session has ended. Sign in again." }, { status: 401 });
  if (!canImport(actor)) {
    await audit({ action: "authz.denied", actorId: actor.id, details: { action: "import.history", reason: "role" } });
    return NextResponse.json({ ok: false, message: "You do not have permission to import." }, { status: 403 });
  }
  const { jobId } = await params;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(jobId)) return NextResponse.json({ ok: false, message: "That import was not found." }, { status: 404 });
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_IMPORT_BYTES + 64 * 1024) return tooLarge();
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return NextResponse.json({ ok: false, message: "The upload could not be read. Choose the file again." }, { status: 400 });
  }
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return NextResponse.json({ ok: false, message: "Choose a CSV file with the deals' history." }, { status: 400 });
  if (file.size > MAX_IMPORT_BYTES) return tooLarge();
  const result = await attachHistoryFile(actor, jobId, file.name, new Uint8Array(await file.arrayBuffer()));
  if (!result.ok) return NextResponse.json(result, { status: result.message.startsWith("That import was not found") ? 404 : 400 });
  return NextResponse.json({ ok: true });
}
