// Upload of an import file: the session and role are checked, and the size limit before the body is read.
import { NextResponse } from "next/server";
import { getCurrentUser } from "@/lib/auth/session";
import { canImport } from "@/lib/auth/permissions";
import { audit } from "@/lib/audit";
import { createImportJob } from "@/lib/import/jobs";
import { MAX_IMPORT_BYTES, MAX_IMPORT_LABEL } from "@/lib/import/csv-file";

const KINDS = ["DEALS", "ACCOUNTS", "USERS", "LEADS"] as const;
const tooLarge = () =>
  NextResponse.json({ ok: false, message: `The file is larger than the ${MAX_IMPORT_LABEL} limit. Split it into smaller files.` }, { status: 413 });

export async function POST(request: Request) {
  const actor = await getCurrentUser();
  if (!actor) return NextResponse.json({ ok: false, message: "Your session has ended. Sign in again." }, { status: 401 });
  if (!canImport(actor)) {
    await audit({ action: "authz.denied", actorId: actor.id, details: { action: "import.upload", reason: "role" } });
    return NextResponse.json({ ok: false, message: "You do not have permission to import." }, { status: 403 });
  }
  // The declared length is checked before reading anything; the multipart envelope adds a little.
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_IMPORT_BYTES + 64 * 1024) return tooLarge();
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return NextResponse.json({ ok: false, message: "The upload could not be read. Choose the file again." }, { status: 400 });
  }
  const file = form.get("file");
  const kind = String(form.get("kind") ?? "DEALS");
  if (!(file instanceof File) || file.size === 0) return NextResponse.json({ ok: false, message: "Choose a CSV file to import." }, { status: 400 });
  if (file.size > MAX_IMPORT_BYTES) return tooLarge();
  if (!(KINDS as readonly string[]).includes(kind)) return NextResponse.json({ ok: false, message: "Choose what the file contains." }, { status: 400 });
  const result = await createImportJob(actor, kind as (typeof KINDS)[number], file.name, new Uint8Array(await file.arrayBuffer()));
  if (!result.ok) return NextResponse.json(result, { status: 400 });
  return NextResponse.json({ ok: true, jobId: result.jobId });
}
