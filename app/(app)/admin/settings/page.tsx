import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/session";
import { getOrganisation, todayIn } from "@/lib/data/organisation";
import { updateSettings } from "@/lib/actions/admin/update-settings";
import { updateDigestSettings } from "@/lib/actions/admin/update-digest-settings";
import { prisma } from "@/lib/db";
import { WEEKDAYS } from "@/lib/domain/rhythm";
import { formatDate } from "@/lib/format";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { AdminTabs } from "@/components/admin/admin-tabs";
import { AdminForm } from "@/components/admin/admin-form";

export const metadata: Metadata = { title: "Organisation settings" };

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

export default async function SettingsPage() {
  await requireRole("ADMIN");
  const [org, digest] = await Promise.all([
    getOrganisation(),
    prisma.organisation.findFirst({ orderBy: { createdAt: "asc" }, select: { digestWeekday: true, digestTime: true, reminderWeeklyLimit: true } }),
  ]);
  const zones = (Intl as unknown as { supportedValuesOf: (k: string) => string[] }).supportedValuesOf("timeZone");
  const zoneOptions = (zones.includes(org.timeZone) ? zones : [org.timeZone, ...zones]).map((z) => ({ value: z, label: z }));
  return (
    <>
      <PageHeader title="Organisation settings" description="Every view reads these at each request: a change applies at once, with nothing to migrate." />
      <AdminTabs current="/admin/settings" />
      <Card title={org.name} description={`Today is ${formatDate(todayIn(org))} in ${org.timeZone}.`}>
        <AdminForm
          action={updateSettings}
          idPrefix="settings"
          submitLabel="Save settings"
          successMessage="Settings saved."
          fields={[
            { type: "text", name: "name", label: "Organisation name", defaultValue: org.name, required: true },
            { type: "select", name: "timeZone", label: "Time zone", options: zoneOptions, defaultValue: org.timeZone, hint: "Days, weeks and the stale clock are counted here." },
            { type: "text", name: "currency", label: "Currency (ISO 4217)", defaultValue: org.currency, hint: "Three letters, e.g. USD, EUR, GBP." },
            { type: "select", name: "fiscalYearStartMonth", label: "Fiscal year starts in", options: MONTHS.map((m, i) => ({ value: String(i + 1), label: m })), defaultValue: String(org.fiscalYearStartMonth) },
            { type: "number", name: "staleThresholdDays", label: "Stale after (days)", defaultValue: String(org.staleThresholdDays), hint: "14 under the usual rule; a stage may override it." },
            { type: "number", name: "forecastScoringWeek", label: "Forecast scored at week", defaultValue: String(org.forecastScoringWeek), hint: "The week of the period whose commit is scored (1 = first week)." },
          ]}
        />
      </Card>
      <div className="mt-6">
        <Card title="Digest and reminders" description={`The weekly digest goes out on this day from this time, in ${org.timeZone}. Reminders stop for a person once they have had this many in a week.`}>
          <AdminForm
            action={updateDigestSettings}
            idPrefix="digest"
            submitLabel="Save digest settings"
            successMessage="Digest settings saved."
            fields={[
              { type: "select", name: "digestWeekday", label: "Digest day", options: WEEKDAYS.map((d, i) => ({ value: String(i + 1), label: d })), defaultValue: String(digest?.digestWeekday ?? 1) },
              { type: "text", name: "digestTime", label: "Digest time (HH:MM)", defaultValue: digest?.digestTime ?? "07:00", hint: `24-hour clock, local time in ${org.timeZone}.` },
              { type: "number", name: "reminderWeeklyLimit", label: "Reminders per person per week", defaultValue: String(digest?.reminderWeeklyLimit ?? 10), hint: "0 (none) to 100." },
            ]}
          />
        </Card>
      </div>
    </>
  );
}
