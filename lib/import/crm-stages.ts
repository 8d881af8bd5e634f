// The standard stages of Salesforce and HubSpot, mapped by default to Cadence's stages, so that a first import of a
// stock CRM pipeline needs no stage mapping. Pure.

/** As lib/import/validate.ts normalises a cell for matching (kept here to avoid an import cycle). */
const normaliseValue = (v: string) => v.trim().toLowerCase().replace(/\s+/g, " ");

export interface StageTarget {
  id: string;
  name: string;
  order: number;
  probability?: number;
}

interface KnownStage {
  /** Cadence's default stage it corresponds to (prisma/factories.ts DEFAULT_STAGES), or a closing status. */
  target: string | "WON" | "LOST";
  /** The CRM's default probability, to pick the nearest stage when the organisation renamed Cadence's stages. */
  probability: number;
  crm: "Salesforce" | "HubSpot";
}

// Salesforce's standard Opportunity stage picklist and HubSpot's default "Sales Pipeline" (internal ids and labels).
// Stages are matched in pipeline order so that a deal moving forward in the CRM moves forward in Cadence.
const KNOWN: Record<string, KnownStage> = {
  prospecting: { target: "Prospecting", probability: 10, crm: "Salesforce" },
  qualification: { target: "Qualification", probability: 10, crm: "Salesforce" },
  "needs analysis": { target: "Solution", probability: 20, crm: "Salesforce" },
  "value proposition": { target: "Solution", probability: 50, crm: "Salesforce" },
  "id. decision makers": { target: "Solution", probability: 60, crm: "Salesforce" },
  "perception analysis": { target: "Proposal", probability: 70, crm: "Salesforce" },
  "proposal/price quote": { target: "Proposal", probability: 75, crm: "Salesforce" },
  "negotiation/review": { target: "Negotiation", probability: 90, crm: "Salesforce" },
  appointmentscheduled: { target: "Discovery", probability: 20, crm: "HubSpot" },
  "appointment scheduled": { target: "Discovery", probability: 20, crm: "HubSpot" },
  qualifiedtobuy: { target: "Qualification", probability: 40, crm: "HubSpot" },
  "qualified to buy": { target: "Qualification", probability: 40, crm: "HubSpot" },
  presentationscheduled: { target: "Solution", probability: 60, crm: "HubSpot" },
  "presentation scheduled": { target: "Solution", probability: 60, crm: "HubSpot" },
  decisionmakerboughtin: { target: "Proposal", probability: 80, crm: "HubSpot" },
  "decision maker bought-in": { target: "Proposal", probability: 80, crm: "HubSpot" },
  "decision maker bought in": { target: "Proposal", probability: 80, crm: "HubSpot" },
  contractsent: { target: "Negotiation", probability: 90, crm: "HubSpot" },
  "contract sent": { target: "Negotiation", probability: 90, crm: "HubSpot" },
  closedwon: { target: "WON", probability: 100, crm: "HubSpot" },
  "closed won": { target: "WON", probability: 100, crm: "Salesforce" },
  closedlost: { target: "LOST", probability: 0, crm: "HubSpot" },
  "closed lost": { target: "LOST", probability: 0, crm: "Salesforce" },
};

/** HubSpot suffixes a stage label with its pipeline in some exports: "Contract Sent (Sales Pipeline)". */
export function stripPipeline(value: string): string {
  return value.replace(/\s*\((?:sales pipeline|default pipeline|pipeline)\)\s*$/i, "");
}

export type StageResolution = { kind: "stage"; stage: StageTarget; by: "name" | "mapping" | "default"; crm?: string } | { kind: "status"; status: "WON" | "LOST" } | null;

/**
 * A stage name from a file to a Cadence stage: the user's mapping first, then a Cadence stage of that name, then the
 * CRM default (to the Cadence stage of the default's name, else to the open stage of nearest probability).
 */
export function resolveStage(raw: string, stages: readonly StageTarget[], userMap: Readonly<Record<string, string>>): StageResolution {
  const key = normaliseValue(raw);
  if (!key) return null;
  const mapped = userMap[key];
  if (mapped) {
    if (mapped === "WON" || mapped === "LOST") return { kind: "status", status: mapped };
    const stage = stages.find((s) => s.id === mapped);
    if (stage) return { kind: "stage", stage, by: "mapping" };
  }
  const plain = normaliseValue(stripPipeline(raw));
  const byName = stages.find((s) => normaliseValue(s.name) === key || normaliseValue(s.name) === plain);
  if (byName) return { kind: "stage", stage: byName, by: "name" };
  const known = KNOWN[plain] ?? KNOWN[plain.replace(/[\s_-]+/g, " ")];
  if (!known) {
    const closed = /^(closed[\s_-]*won|won)$/.test(plain) ? "WON" : /^(closed[\s_-]*lost|lost)$/.test(plain) ? "LOST" : null;
    return closed ? { kind: "status", status: closed } : null;
  }
  if (known.target === "WON" || known.target === "LOST") return { kind: "status", status: known.target };
  const named = stages.find((s) => normaliseValue(s.name) === normaliseValue(known.target));
  if (named) return { kind: "stage", stage: named, by: "default", crm: known.crm };
  const withProbability = stages.filter((s) => typeof s.probability === "number");
  if (withProbability.length === 0) return null;
  const nearest = [...withProbability].sort((a, b) => Math.abs(a.probability! - known.probability) - Math.abs(b.probability! - known.probability) || a.order - b.order)[0];
  return { kind: "stage", stage: nearest, by: "default", crm: known.crm };
}
