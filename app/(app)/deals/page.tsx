import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/session";
import { ComingSoon } from "@/components/ui/coming-soon";

export const metadata: Metadata = { title: "Deals" };

export default async function Page() {
  await requireRole("REP", "MANAGER", "EXECUTIVE", "ADMIN");
  return <ComingSoon title="Deals" what="Deal lists and deal pages arrive with the inspection release." />;
}
