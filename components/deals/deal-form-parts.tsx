// Small shared pieces of the deal forms: money to an editable string, the conflict panel.
import type { ActionResult } from "@/lib/actions/safe-action";

/** Minor units "1250050" to "12500.50" for an input. */
export function amountInput(minor: string): string {
  const n = BigInt(minor);
  const whole = n / 100n;
  const cents = n % 100n;
  return cents === 0n ? whole.toString() : `${whole}.${cents.toString().padStart(2, "0")}`;
}

interface ConflictChange {
  fieldLabel: string;
  from: string;
  to: string;
  by: string;
  at: string;
}

/** What someone else changed since the user opened the deal (from a CONFLICT result's details). */
export function ConflictPanel({ state }: { state: ActionResult | null }) {
  if (!state || state.ok || state.code !== "CONFLICT") return null;
  const changes = ((state.details as { changes?: ConflictChange[] } | undefined)?.changes ?? []).filter((c) => c.fieldLabel !== "Deal");
  return (
    <div role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
      <p className="font-medium">Someone changed this deal after you opened it. Nothing was saved; what you typed is still in the form.</p>
      {changes.length > 0 && (
        <ul className="mt-2 list-disc pl-5" aria-label="Changes since you opened the deal">
          {changes.map((c, i) => (
            <li key={i}>
              {c.fieldLabel}: {c.from} → {c.to} <span className="text-amber-700">({c.by})</span>
            </li>
          ))}
        </ul>
      )}
      <p className="mt-2">Check the changes, then save again to apply yours on top of them.</p>
    </div>
  );
}

export function conflictVersion(state: ActionResult | null): number {
  if (!state || state.ok || state.code !== "CONFLICT") return 0;
  return (state.details as { currentVersion?: number } | undefined)?.currentVersion ?? 0;
}

export function isConflict(state: ActionResult | null): boolean {
  return !!state && !state.ok && state.code === "CONFLICT";
}

/**
 * Submits a form to a `useActionState` action without React's automatic reset, so every field (selects included)
 * keeps what the person chose when the server refuses the save.
 */
export function submitKeepingValues(action: (formData: FormData) => void, startTransition: (fn: () => void) => void) {
  return (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => action(formData));
  };
}
