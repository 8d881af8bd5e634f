import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/session";
import { ComingSoon } from "@/components/ui/coming-soon";

export const metadata: Metadata = { title: "Coaching" };

export default async function Page() {
  await requireRole("REP", "MANAGER", "EXECUTIVE", "ADMIN");
  return <ComingSoon title="Coaching" what="Monthly coaching sessions, BAT ratings and 30-day development plans arrive with the coaching release." />;
}
