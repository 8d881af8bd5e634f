import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/session";
import { ComingSoon } from "@/components/ui/coming-soon";

export const metadata: Metadata = { title: "Pipeline inspection" };

export default async function Page() {
  await requireRole("REP", "MANAGER", "EXECUTIVE", "ADMIN");
  return <ComingSoon title="Pipeline inspection" what="The weekly pipeline inspection (stale deals, up-front contracts, changes since last week) arrives with the inspection release." />;
}
