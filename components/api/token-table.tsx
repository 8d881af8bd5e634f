// The list of API tokens with their state, last use and a revoke button per live token.
import { AdminForm } from "@/components/admin/admin-form";
import { formatInstant } from "@/lib/format";
import type { FormState } from "@/lib/actions/safe-action";

export interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  readOnly: boolean;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  /** Service tokens: whom it acts as. */
  actsAs?: string;
}

interface Props {
  tokens: TokenRow[];
  timeZone: string;
  now: Date;
  revoke: (state: FormState, form: FormData) => Promise<FormState>;
}

function status(t: TokenRow, now: Date): string {
  if (t.revokedAt) return "revoked";
  if (t.expiresAt && t.expiresAt <= now) return "expired";
  return "active";
}

export function TokenTable({ tokens, timeZone, now, revoke }: Props) {
  if (tokens.length === 0) return <p className="text-sm text-slate-600">No tokens yet.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
          <tr>
            <th scope="col" className="py-2 pr-3">Name</th>
            <th scope="col" className="py-2 pr-3">Access</th>
            <th scope="col" className="py-2 pr-3">Status</th>
            <th scope="col" className="py-2 pr-3">Last used</th>
            <th scope="col" className="py-2 pr-3">Expires</th>
            <th scope="col" className="py-2"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((t) => {
            const s = status(t, now);
            return (
              <tr key={t.id} className="border-b border-slate-100 align-top" data-testid={`token-${t.name}`}>
                <td className="py-2 pr-3">
                  <span className="font-medium">{t.name}</span> <code className="text-xs text-slate-500">{t.prefix}…</code>
                  {t.actsAs && <div className="text-xs text-slate-500">{t.actsAs}</div>}
                </td>
                <td className="py-2 pr-3">{t.readOnly ? "Read-only" : "Read and write"}</td>
                <td className="py-2 pr-3" data-testid="token-status">{s}</td>
                <td className="py-2 pr-3">{t.lastUsedAt ? formatInstant(t.lastUsedAt, timeZone) : "never"}</td>
                <td className="py-2 pr-3">{t.expiresAt ? formatInstant(t.expiresAt, timeZone) : "never"}</td>
                <td className="py-2">
                  {s === "active" && (
                    <AdminForm action={revoke} idPrefix={`revoke-${t.id}`} layout="inline" variant="danger" submitLabel={`Revoke ${t.name}`} pendingLabel="Revoking…" fields={[{ type: "hidden", name: "tokenId", value: t.id }]} />
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
