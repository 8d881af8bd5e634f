// Issue 13: the B/A/T order is the same everywhere: DOMAIN.md's "Behavior, Technique, Attitude", read from the
// coaching vocabulary by every label, table, chart series, form and sentence, and written nowhere else in another order.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { BAT_DIMENSIONS, BAT_INITIALS, BAT_LABELS, batNames } from "@/lib/domain/coaching-vocabulary";
import { coachingSessionSchema } from "@/lib/domain/coaching";
import { BAT_SERIES } from "@/components/coaching/bat-trend";
import { SessionHistory } from "@/components/coaching/session-history";
import { RepOverviewTable } from "@/components/coaching/rep-overview-table";

const ROOT = join(import.meta.dirname, "../..");
const ORDER = ["Behavior", "Technique", "Attitude"];

/** Where each of the three names first appears in a text, in the order they appear. */
const orderIn = (text: string) =>
  ORDER.map((w) => [w, text.indexOf(w)] as const)
    .filter(([, i]) => i >= 0)
    .sort((a, b) => a[1] - b[1])
    .map(([w]) => w);

describe("the B/A/T order", () => {
  it("is DOMAIN.md's, and the vocabulary is its one source", () => {
    const domain = readFileSync(join(ROOT, "../shared/DOMAIN.md"), "utf8").match(/Behavior, Technique, Attitude|Behavior, Attitude, Technique/);
    if (domain) expect(domain[0]).toBe("Behavior, Technique, Attitude");
    expect(BAT_DIMENSIONS.map((d) => BAT_LABELS[d])).toEqual(ORDER);
    expect(batNames()).toBe("Behavior, Technique and Attitude");
    expect(batNames("or")).toBe("Behavior, Technique or Attitude");
    expect(BAT_INITIALS).toBe("B / T / A");
    expect(BAT_SERIES.map((s) => s.label)).toEqual(ORDER);
    expect(BAT_SERIES.map((s) => s.key)).toEqual(["behavior", "technique", "attitude"]);
    const missing = coachingSessionSchema.safeParse({ repId: "r", heldOn: "2026-12-01", behaviorRating: "1", techniqueRating: "1", attitudeRating: "1", objectives: [{ dimension: "X" }] });
    expect(missing.error?.issues.map((i) => i.message)).toContain("Tie the objective to Behavior, Technique or Attitude.");
  });

  it("is the order the session history and the rep table render", () => {
    const history = renderToStaticMarkup(
      createElement(SessionHistory, { sessions: [{ id: "s1", heldOn: "2026-11-10", managerName: "Mia", behavior: 1, technique: 2, attitude: 3, sharedNotes: null, plan: null }], today: "2026-12-01" }),
    );
    expect(history).toContain("Behavior 1 · Technique 2 · Attitude 3");
    const table = renderToStaticMarkup(
      createElement(RepOverviewTable, { reps: [{ id: "r1", name: "Rae", teamName: "East", lastSessionOn: "2026-11-10", dueState: "due", bat: [{ heldOn: "2026-11-10", behavior: 1, technique: 2, attitude: 3 }] }], canCoach: false }),
    );
    expect(table).toContain("Last B / T / A");
    expect(table).toContain("1 / 2 / 3");
  });

  it("is the only order any source file writes the three names in", () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (name === "node_modules" || name === "generated" || name.startsWith(".")) continue;
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.(tsx?|md)$/.test(name)) {
          readFileSync(path, "utf8")
            .split("\n")
            .forEach((line, i) => {
              // A line naming all three, or the initials, in another order.
              const seen = orderIn(line);
              if (seen.length === 3 && seen.join() !== ORDER.join()) offenders.push(`${relative(ROOT, path)}:${i + 1}`);
              if (/\bB ?\/ ?A ?\/ ?T\b/.test(line) && !line.includes("B/A/T order")) offenders.push(`${relative(ROOT, path)}:${i + 1} (B/A/T)`);
            });
        }
      }
    };
    for (const dir of ["app", "components", "lib", "prisma"]) walk(join(ROOT, dir));
    expect(offenders).toEqual([]);
  });
});
