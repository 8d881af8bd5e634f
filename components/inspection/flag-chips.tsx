// Every flag of a deal as a chip, most urgent first; the stale chip carries its days against the threshold.
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { TRIAGE_FLAGS } from "@/lib/domain/inspection-decisions";
import { plural } from "@/lib/format";

export const TRIAGE_FLAG_LABELS: Record<string, string> = {
  close_date_passed: "Close date passed",
  overdue: "Next step overdue",
  stale: "Stale",
  no_next_step: "No next step",
  late_stage: "Late stage",
  paused: "Paused",
};

const TONE: Record<string, BadgeTone> = { close_date_passed: "bad", overdue: "warn", stale: "bad", no_next_step: "warn", late_stage: "info", paused: "neutral" };

export function sortFlags(flags: readonly string[]): string[] {
  const rank = (f: string) => (TRIAGE_FLAGS as readonly string[]).indexOf(f);
  return [...flags].sort((a, b) => rank(a) - rank(b));
}

export function FlagChips({ flags, moved, threshold, pushes }: { flags: readonly string[]; moved: number; threshold: number; pushes?: number }) {
  return (
    <span className="flex flex-wrap gap-1" data-testid="flag-chips">
      {sortFlags(flags).map((f) => (
        <Badge key={f} tone={TONE[f] ?? "neutral"}>
          {f === "stale" ? (
            <span data-testid="days-since-movement">Stale {moved} / {plural(threshold, "day")}</span>
          ) : (
            (TRIAGE_FLAG_LABELS[f] ?? f)
          )}
        </Badge>
      ))}
      {!!pushes && pushes > 0 && <Badge tone="neutral">Pushed {pushes}×</Badge>}
    </span>
  );
}
