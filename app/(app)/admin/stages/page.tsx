import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/session";
import { getOrganisation, todayIn } from "@/lib/data/organisation";
import { listStagesForAdmin } from "@/lib/data/admin";
import { saveStage } from "@/lib/actions/admin/save-stage";
import { deleteStage } from "@/lib/actions/admin/delete-stage";
import { formatDate, plural } from "@/lib/format";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { AdminTabs } from "@/components/admin/admin-tabs";
import { AdminForm, type AdminField } from "@/components/admin/admin-form";

export const metadata: Metadata = { title: "Pipeline stages" };

function stageFields(s?: { id: string; name: string; order: number; probability: number; staleThresholdDays: number | null; isLateStage: boolean; isQualified: boolean }): AdminField[] {
  return [
    ...(s ? [{ type: "hidden" as const, name: "stageId", value: s.id }] : []),
    { type: "text", name: "name", label: "Name", defaultValue: s?.name, required: true },
    { type: "number", name: "order", label: "Order", defaultValue: s ? String(s.order) : "" },
    { type: "number", name: "probability", label: "Probability (%)", defaultValue: s ? String(s.probability) : "" },
    { type: "number", name: "staleThresholdDays", label: "Stale after (days)", defaultValue: s?.staleThresholdDays ? String(s.staleThresholdDays) : "", hint: "Empty: the organisation's threshold." },
    { type: "checkbox", name: "isLateStage", label: "Late stage", defaultChecked: s?.isLateStage ?? false },
    { type: "checkbox", name: "isQualified", label: "Qualified pipeline", defaultChecked: s?.isQualified ?? true },
  ];
}

export default async function StagesPage() {
  await requireRole("ADMIN");
  const org = await getOrganisation();
  const stages = await listStagesForAdmin(org);
  const today = todayIn(org);
  const totalStale = stages.reduce((n, s) => n + s.staleDeals, 0);
  return (
    <>
      <PageHeader title="Pipeline stages" description="Order, probability, stale threshold and flags. A stage that holds deals is deleted only after its deals move to another stage." />
      <AdminTabs current="/admin/stages" />
      <div className="space-y-6">
        <Card title="Stale deals today" description={`Today is ${formatDate(today)} in ${org.timeZone}. An open deal is stale when at least ${org.staleThresholdDays} whole days (or the stage's own threshold) have passed since its last movement.`}>
          <table className="w-full text-left text-sm" aria-label="Stages">
            <thead>
              <tr className="text-slate-500">
                <th className="py-1 pr-3 font-medium">Stage</th>
                <th className="py-1 pr-3 text-right font-medium">Probability</th>
                <th className="py-1 pr-3 text-right font-medium">Stale after</th>
                <th className="py-1 pr-3 text-right font-medium">Deals</th>
                <th className="py-1 pr-3 text-right font-medium">Open</th>
                <th className="py-1 text-right font-medium">Stale deals</th>
              </tr>
            </thead>
            <tbody>
              {stages.map((s) => (
                <tr key={s.id} className="border-t border-slate-100">
                  <td className="py-1 pr-3">
                    {s.name} {s.isLateStage && <Badge tone="info">late</Badge>} {!s.isQualified && <Badge>unqualified</Badge>}
                  </td>
                  <td className="py-1 pr-3 text-right tabular-nums">{s.probability}%</td>
                  <td className="py-1 pr-3 text-right tabular-nums">{plural(s.staleThresholdDays ?? org.staleThresholdDays, "day")}</td>
                  <td className="py-1 pr-3 text-right tabular-nums">{s.deals}</td>
                  <td className="py-1 pr-3 text-right tabular-nums">{s.openDeals}</td>
                  <td className="py-1 text-right tabular-nums">{s.staleDeals}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="border-t border-slate-300 font-medium">
                <td className="py-1" colSpan={5}>
                  Total stale
                </td>
                <td className="py-1 text-right tabular-nums" data-testid="total-stale">
                  {totalStale}
                </td>
              </tr>
            </tfoot>
          </table>
        </Card>
        <Card title="Add a stage">
          <AdminForm action={saveStage} idPrefix="new-stage" submitLabel="Add stage" successMessage="Stage added." fields={stageFields()} />
        </Card>
        {stages.map((s) => (
          <Card key={s.id} title={s.name} description={`Holds ${s.deals} deal${s.deals === 1 ? "" : "s"}.`}>
            <div className="space-y-4">
              <AdminForm action={saveStage} idPrefix={`stage-${s.id}`} submitLabel="Save stage" successMessage="Saved." variant="secondary" fields={stageFields(s)} />
              <AdminForm
                action={deleteStage}
                idPrefix={`delete-${s.id}`}
                layout="inline"
                variant="danger"
                submitLabel={s.deals ? `Move ${s.deals} deals and delete` : "Delete stage"}
                fields={[
                  { type: "hidden", name: "stageId", value: s.id },
                  ...(s.deals
                    ? [{ type: "select" as const, name: "moveToStageId", label: "Move its deals to", options: [{ value: "", label: "Choose a stage" }, ...stages.filter((o) => o.id !== s.id).map((o) => ({ value: o.id, label: o.name }))] }]
                    : []),
                ]}
              />
            </div>
          </Card>
        ))}
      </div>
    </>
  );
}
