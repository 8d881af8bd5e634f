import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/session";
import { ComingSoon } from "@/components/ui/coming-soon";

export const metadata: Metadata = { title: "Targets" };

export default async function Page() {
  await requireRole("REP", "MANAGER", "EXECUTIVE", "ADMIN");
  return <ComingSoon title="Targets" what="KPI targets, quotas and scorecards arrive with the coaching release." />;
}
