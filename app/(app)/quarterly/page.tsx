import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/session";
import { ComingSoon } from "@/components/ui/coming-soon";

export const metadata: Metadata = { title: "Quarterly review" };

export default async function Page() {
  await requireRole("MANAGER", "EXECUTIVE", "ADMIN");
  return <ComingSoon title="Quarterly review" what="The quarterly revenue review and executive dashboard arrive with the quarterly release." />;
}
