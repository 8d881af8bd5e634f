import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/session";
import { getOrganisation, todayIn } from "@/lib/data/organisation";
import { listAccountOptions } from "@/lib/data/deals";
import { listStages } from "@/lib/data/stages";
import { PageHeader } from "@/components/ui/page-header";
import { NewDealForm } from "@/components/deals/new-deal-form";

export const metadata: Metadata = { title: "New deal" };

export default async function NewDealPage() {
  const user = await requireRole("REP", "MANAGER", "ADMIN");
  const org = await getOrganisation();
  const [stages, accounts] = await Promise.all([listStages(), listAccountOptions(user)]);
  return (
    <div>
      <PageHeader title="New deal" description="The deal is yours; its creation is the first entry of its history." />
      <NewDealForm stages={stages.map((s) => ({ id: s.id, name: s.name }))} accounts={accounts} currency={org.currency} today={todayIn(org)} />
    </div>
  );
}
