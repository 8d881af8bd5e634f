import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/session";
import { ComingSoon } from "@/components/ui/coming-soon";

export const metadata: Metadata = { title: "Administration" };

export default async function Page() {
  await requireRole("ADMIN");
  return <ComingSoon title="Administration" what="Users, teams, stages, settings, audit log and import arrive with the administration release." />;
}
