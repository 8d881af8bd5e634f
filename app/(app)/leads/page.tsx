import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/session";
import { ComingSoon } from "@/components/ui/coming-soon";

export const metadata: Metadata = { title: "Leads" };

export default async function Page() {
  await requireRole("REP", "MANAGER", "ADMIN");
  return <ComingSoon title="Leads" what="Lead capture with the ICP-qualified flag arrives with the inspection release." />;
}
