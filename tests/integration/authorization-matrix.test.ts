// The authorization matrix: every server action × {rep, manager, executive, admin, deactivated, no session} ×
// {own, same team, other team}, on real PostgreSQL. Refusals look like missing objects, are audited and write
// nothing. An action that this matrix does not list fails the test, so new actions must be added here.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { runAction, type ActionResult } from "@/lib/actions/safe-action";
import { loadActor, type SessionUser } from "@/lib/auth/session";
import { createDeal, createOrganisation, createStages, createTeamWithReps, createUser } from "@/prisma/factories";
import { toDbDate } from "@/lib/domain/calendar";
import { discoverActions, isGuarded } from "@/tests/support/discover";

type Role = "REP" | "MANAGER" | "EXECUTIVE" | "ADMIN";
type Relation = "own" | "team" | "other";
type Expect = (role: Role, relation: Relation) => boolean;

const ALL: Role[] = ["REP", "MANAGER", "EXECUTIVE", "ADMIN"];
const roles = (...allowed: Role[]): Expect => (role) => allowed.includes(role);
/** Owner or the owner's manager (and admins): deal and action writes. */
const ownerOrManager: Expect = (role, rel) => role === "ADMIN" || (role === "REP" && rel === "own") || (role === "MANAGER" && rel !== "other");
/** The team's manager (and admins): pausing, reassigning, coaching, inspections. */
const teamManager: Expect = (role, rel) => role === "ADMIN" || (role === "MANAGER" && rel !== "other");
/** Leadership: the team's manager, executives and admins. */
const leadership: Expect = (role, rel) => role === "ADMIN" || role === "EXECUTIVE" || (role === "MANAGER" && rel !== "other");

/** What each action allows. Object actions name the object they act on; the others are gated by role alone. */
const MATRIX: Record<string, { object?: string; allowed: Expect }> = {
  "deals.create": { allowed: roles("REP", "MANAGER", "ADMIN") },
  "deals.update": { object: "Deal", allowed: ownerOrManager },
  "deals.close": { object: "Deal", allowed: ownerOrManager },
  "deals.log-activity": { object: "Deal", allowed: ownerOrManager },
  "deals.pause": { object: "Deal", allowed: teamManager },
  "deals.reassign": { object: "Deal", allowed: teamManager },
  "leads.create": { allowed: roles("REP", "MANAGER", "ADMIN") },
  "leads.update": { object: "Lead", allowed: ownerOrManager },
  "leads.disqualify": { object: "Lead", allowed: ownerOrManager },
  "leads.convert": { object: "Lead", allowed: ownerOrManager },
  "inspection.start": { allowed: roles("MANAGER", "ADMIN") },
  "inspection.complete": { object: "Inspection", allowed: teamManager },
  "inspection.create-action-item": { object: "Inspection", allowed: teamManager },
  "inspection.record-disposition": { object: "Inspection", allowed: teamManager },
  "inspection.update-action-item": { object: "Action item", allowed: ownerOrManager },
  "coaching.save-session": { object: "Rep", allowed: teamManager },
  "coaching.acknowledge-plan": { object: "Plan", allowed: (role, rel) => role === "REP" && rel === "own" },
  "coaching.update-plan-action": { object: "Action", allowed: ownerOrManager },
  "targets.set-kpi-target": { allowed: roles("MANAGER", "EXECUTIVE", "ADMIN") },
  "targets.delete-kpi-target": { object: "Target", allowed: leadership },
  "targets.set-quota": { object: "Rep", allowed: leadership },
  "forecast.submit": { allowed: roles("REP", "MANAGER") },
  "quarterly.review.create": { allowed: roles("MANAGER", "EXECUTIVE", "ADMIN") },
  "quarterly.review.update": { object: "Review", allowed: leadership },
  "quarterly.review.add-decision": { object: "Review", allowed: leadership },
  "import.start": { allowed: roles("MANAGER", "ADMIN") },
  "import.save-settings": { allowed: roles("MANAGER", "ADMIN") },
  "admin.create-user": { allowed: roles("ADMIN") },
  "admin.update-user": { allowed: roles("ADMIN") },
  "admin.set-user-active": { allowed: roles("ADMIN") },
  "admin.set-user-password": { allowed: roles("ADMIN") },
  "admin.create-team": { allowed: roles("ADMIN") },
  "admin.update-team": { allowed: roles("ADMIN") },
  "admin.save-stage": { allowed: roles("ADMIN") },
  "admin.delete-stage": { allowed: roles("ADMIN") },
  "admin.update-settings": { allowed: roles("ADMIN") },
  "admin.update-digest-settings": { allowed: roles("ADMIN") },
  "calendar.create-feed": { allowed: roles(...ALL) },
  "calendar.revoke-feed": { allowed: roles(...ALL) },
  "mail.set-preferences": { allowed: roles(...ALL) },
  "tokens.create-personal": { allowed: roles(...ALL) },
  "tokens.create-service": { allowed: roles("ADMIN") },
  "tokens.revoke": { object: "Token", allowed: (role, rel) => role === "ADMIN" || (role === "REP" && rel === "own") },
  "webhooks.create": { allowed: roles("MANAGER", "ADMIN") },
  "admin.update-webhook-hosts": { allowed: roles("ADMIN") },
  "webhooks.delete": { object: "Webhook", allowed: teamManager },
  "webhooks.resend": { object: "Delivery", allowed: teamManager },
  "self-assessment.save": { object: "Self-assessment", allowed: (role, rel) => role === "MANAGER" && rel === "own" },
  "rhythm.add-ritual": { object: "Team", allowed: teamManager },
  "rhythm.move-ritual": { object: "Ritual", allowed: teamManager },
  "rhythm.remove-ritual": { object: "Ritual", allowed: teamManager },
};

const REFUSED = new Set(["FORBIDDEN", "NOT_FOUND", "UNAUTHENTICATED"]);

describe("authorization matrix", () => {
  const actors: Partial<Record<Role, SessionUser>> = {};
  /**
   * Fresh objects by label and relation to the acting rep (a1) and manager (mA): own = a1's (in mA's team),
   * team = a teammate's, other = another team's. Fresh per cell, so a delete in one cell cannot change the next.
   */
  const objects: Record<string, (rel: Relation) => Promise<string>> = {};
  let deactivatedId = "";

  beforeAll(async () => {
    await createOrganisation(prisma);
    const stages = await createStages(prisma);
    const A = await createTeamWithReps(prisma, 2);
    const B = await createTeamWithReps(prisma, 1);
    const [a1, a2] = A.reps;
    const [b1] = B.reps;
    const exec = await createUser(prisma, { role: "EXECUTIVE" });
    const admin = await createUser(prisma, { role: "ADMIN" });
    deactivatedId = (await createUser(prisma, { role: "MANAGER", active: false })).id;
    actors.REP = (await loadActor(a1.id))!;
    actors.MANAGER = (await loadActor(A.manager.id))!;
    actors.EXECUTIVE = (await loadActor(exec.id))!;
    actors.ADMIN = (await loadActor(admin.id))!;

    const owner = { own: a1, team: a2, other: b1 };
    const managerOf = (rel: Relation) => (rel === "other" ? B.manager : A.manager);
    const teamOf = (rel: Relation) => (rel === "other" ? B.team : A.team);

    objects.Deal = async (rel) => (await createDeal(prisma, { ownerId: owner[rel].id, stageId: stages[2].id })).id;
    objects.Rep = async (rel) => owner[rel].id;
    // A leader's own self-assessment: own = the acting manager's, team = another manager's, other = another team's manager's.
    objects["Self-assessment"] = async (rel) => (rel === "own" ? A.manager.id : rel === "other" ? B.manager.id : (await createUser(prisma, { role: "MANAGER" })).id);
    objects.Lead = async (rel) => (await prisma.lead.create({ data: { ownerId: owner[rel].id, name: "Matrix lead", icpQualified: true, createdOn: toDbDate("2026-11-02") } })).id;
    const coaching = async (rel: Relation) => {
      const repId = owner[rel].id;
      const s = await prisma.coachingSession.create({ data: { managerId: managerOf(rel).id, repId, heldOn: toDbDate("2026-11-02") } });
      const plan = await prisma.developmentPlan.create({ data: { sessionId: s.id, repId, startsOn: toDbDate("2026-11-02"), endsOn: toDbDate("2026-12-02") } });
      const objective = await prisma.planObjective.create({ data: { planId: plan.id, dimension: "TECHNIQUE", title: "Discovery", successCriterion: "5 of 5", position: 0 } });
      const action = await prisma.planAction.create({ data: { objectiveId: objective.id, description: "Practise", ownerId: repId, dueDate: toDbDate("2026-11-20") } });
      return { plan: plan.id, action: action.id };
    };
    objects.Plan = async (rel) => (await coaching(rel)).plan;
    objects.Action = async (rel) => (await coaching(rel)).action;
    const inspection = async (rel: Relation) =>
      (await prisma.inspectionSession.create({ data: { managerId: managerOf(rel).id, teamId: teamOf(rel).id, asOfDate: toDbDate("2026-11-16") } })).id;
    objects.Inspection = inspection;
    objects["Action item"] = async (rel) =>
      (
        await prisma.actionItem.create({
          data: { inspectionSessionId: await inspection(rel), ownerId: owner[rel].id, createdById: managerOf(rel).id, description: "Call", dueDate: toDbDate("2026-11-30") },
        })
      ).id;
    objects.Token = async (rel) =>
      (await prisma.apiToken.create({ data: { kind: "PERSONAL", name: "t", prefix: "cad_x", hash: `h-${rel}-${Math.random()}`, userId: owner[rel].id, createdById: owner[rel].id } })).id;
    const webhook = async (rel: Relation) =>
      (await prisma.webhookSubscription.create({ data: { ownerId: managerOf(rel).id, teamId: teamOf(rel).id, url: "https://example.com/h", events: ["deal.won"], secret: "whsec_AAAA" } })).id;
    objects.Webhook = webhook;
    objects.Delivery = async (rel) =>
      (await prisma.webhookDelivery.create({ data: { id: `msg_${rel}_${Math.random().toString(36).slice(2)}`, subscriptionId: await webhook(rel), eventId: "e", eventType: "deal.won", payload: {}, nextAttemptAt: new Date(), createdAt: new Date() } })).id;
    objects.Team = async (rel) => teamOf(rel).id;
    // The manager's own ritual (own, team) or another team's manager's (other), recreated per cell.
    objects.Ritual = async (rel) => {
      const where = { managerId: managerOf(rel).id, teamId: teamOf(rel).id, ritual: "close" };
      await prisma.rhythmRitual.deleteMany({ where });
      return (await prisma.rhythmRitual.create({ data: { ...where, weekday: 4 } })).id;
    };
    objects.Review = async (rel) =>
      (
        await prisma.quarterlyReview.create({
          data: { teamId: teamOf(rel).id, createdById: managerOf(rel).id, periodStart: toDbDate("2026-10-01"), periodEnd: toDbDate("2026-12-31"), label: "FY2026 Q4", snapshot: {} },
        })
      ).id;
    objects.Target = async (rel) =>
      (
        await prisma.kpiTarget.create({
          data: { metric: "activities", category: "LEADING", periodType: "MONTH", scope: "TEAM", teamId: teamOf(rel).id, direction: "AT_LEAST", value: 20, setById: managerOf(rel).id },
        })
      ).id;
  });

  it("lists every action there is (a new action must be added to the matrix)", async () => {
    const names = (await discoverActions()).filter((a) => isGuarded(a.action)).map((a) => (a.action as { definition: { name: string } }).definition.name);
    expect(names.filter((n) => !(n in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((n) => !names.includes(n))).toEqual([]);
  });

  // Issue 18 item 6: an account is an object too. A rep may put on a deal only the accounts their picker offers;
  // another team's account id is answered exactly like an id that does not exist, and nothing is written.
  it("refuses another team's account on the rep's own deal like a missing account (update and create)", async () => {
    const { updateDeal } = await import("@/lib/actions/deals/update-deal");
    const { createDeal: createDealAction } = await import("@/lib/actions/deals/create-deal");
    const rep = actors.REP!;
    const stage = await prisma.pipelineStage.findFirstOrThrow({ orderBy: { order: "asc" } });
    const teammate = await prisma.user.findFirstOrThrow({ where: { teamId: rep.teamId, role: "REP", id: { not: rep.id } } });
    const stranger = await prisma.user.findFirstOrThrow({ where: { role: "REP", teamId: { not: rep.teamId } } });
    const foreign = await prisma.account.create({ data: { name: "Other team's account", ownerId: stranger.id } });
    const teammates = await prisma.account.create({ data: { name: "Teammate's account", ownerId: teammate.id } });
    const mine = await prisma.account.create({ data: { name: "My account", ownerId: rep.id } });
    const deal = await createDeal(prisma, { ownerId: rep.id, stageId: stage.id });
    const answer = (r: ActionResult) => (r.ok ? "ok" : `${r.code}: ${r.message} ${JSON.stringify(r.fieldErrors)}`);

    const update = (accountId: string) => runAction(updateDeal.definition, rep, { dealId: deal.id, expectedVersion: deal.version, accountId });
    const missing = answer(await update("missing-account-id"));
    expect(missing).toMatch(/^INVALID/);
    expect(answer(await update(foreign.id))).toBe(missing);
    expect(answer(await update(teammates.id))).toBe(missing);
    expect((await prisma.deal.findUniqueOrThrow({ where: { id: deal.id } })).accountId).toBeNull();
    expect(await update(mine.id)).toMatchObject({ ok: true });

    const dealsBefore = await prisma.deal.count();
    const create = (accountId: string) =>
      runAction(createDealAction.definition, rep, { name: "Replayed", amount: "100", closeDate: "2099-06-30", stageId: stage.id, accountId });
    const missingOnCreate = answer(await create("missing-account-id"));
    expect(missingOnCreate).toMatch(/^INVALID/);
    expect(answer(await create(foreign.id))).toBe(missingOnCreate);
    expect(await prisma.deal.count()).toBe(dealsBefore);
    expect(await prisma.deal.count({ where: { accountId: { in: [foreign.id, teammates.id] } } })).toBe(0);
  });

  it("gives every cell the expected answer, audits refusals and writes nothing on refusal", async () => {
    const actions = (await discoverActions()).filter((a) => isGuarded(a.action));
    let cells = 0;
    const failures: string[] = [];
    for (const { action } of actions) {
      if (!isGuarded(action)) continue;
      const def = action.definition;
      const spec = MATRIX[def.name];
      if (!spec) continue;
      const relations: Relation[] = spec.object ? ["own", "team", "other"] : ["own"];
      if (spec.object && def.object?.label !== spec.object) failures.push(`${def.name}: acts on ${def.object?.label}, matrix says ${spec.object}`);

      // No session, and a deactivated user (whose session no longer loads), are refused everywhere.
      const deactivated = await loadActor(deactivatedId);
      expect(deactivated).toBeNull();
      for (const who of [null, deactivated]) {
        const r = await runAction(def, who, spec.object ? { [def.object!.key]: await objects[spec.object]("other") } : {});
        cells++;
        if (r.ok || r.code !== "UNAUTHENTICATED") failures.push(`${def.name} without a session answered ${r.ok ? "ok" : r.code}`);
      }

      for (const role of ALL) {
        for (const rel of relations) {
          cells++;
          const input = spec.object ? { [def.object!.key]: await objects[spec.object](rel) } : {};
          const auditBefore = await prisma.auditLog.count({ where: { action: "authz.denied" } });
          const result: ActionResult = await runAction(def, actors[role]!, input);
          const refused = !result.ok && REFUSED.has(result.code);
          const expected = spec.allowed(role, rel);
          if (expected === refused) {
            failures.push(`${def.name} ${role}/${rel}: expected ${expected ? "allowed" : "refused"}, got ${result.ok ? "ok" : `${result.code} (${result.message})`}`);
          }
          if (refused) {
            const audited = await prisma.auditLog.count({ where: { action: "authz.denied" } });
            if (audited !== auditBefore + 1) failures.push(`${def.name} ${role}/${rel}: refusal not audited`);
            // Answered like a missing object: same code and message as an id that does not exist.
            if (spec.object && result.code === "NOT_FOUND") {
              const missing = await runAction(def, actors[role]!, { [def.object!.key]: "missing-object-id" });
              if (missing.ok || missing.message !== result.message) failures.push(`${def.name} ${role}/${rel}: refusal differs from a missing object`);
            }
          }
        }
      }
    }
    console.info(`authorization-matrix: ${Object.keys(MATRIX).length} actions, ${cells} cells`);
    expect(failures).toEqual([]);
  }, 600_000);
});
