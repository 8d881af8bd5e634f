import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { setPreferences } from "@/lib/actions/mail/set-preferences";
import { mailPreferences } from "@/lib/mail/preferences";
import { MAIL_CATEGORIES, MAIL_CATEGORY_LABELS } from "@/lib/mail/messages";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { AdminForm } from "@/components/admin/admin-form";

export const metadata: Metadata = { title: "E-mail notifications" };

export default async function NotificationSettingsPage() {
  const user = await requireUser();
  const prefs = await mailPreferences(user.id);
  return (
    <>
      <PageHeader title="E-mail notifications" description="Choose which e-mails Cadence sends you. Every e-mail also has a one-click unsubscribe link." />
      <Card>
        <AdminForm
          action={setPreferences}
          idPrefix="mail-prefs"
          layout="inline"
          submitLabel="Save preferences"
          successMessage="Preferences saved."
          fields={MAIL_CATEGORIES.map((c) => ({ type: "checkbox" as const, name: c, label: `${MAIL_CATEGORY_LABELS[c].label}: ${MAIL_CATEGORY_LABELS[c].help}`, defaultChecked: prefs[c] }))}
        />
      </Card>
    </>
  );
}
