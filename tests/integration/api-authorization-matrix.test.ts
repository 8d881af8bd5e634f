// Issue 16: the authorization matrix's API column. Every /api/v1 route that names an object (every `[id]` route and
// `deals/external/[externalId]`) × every method it exports × tokens of every role (and read-only tokens for writes) ×
// objects that are the token user's own, a teammate's and another team's, on real PostgreSQL through the real route
// files. A token may do exactly what its user may do in the browser: the same rule as the matching server action in
// authorization-matrix.test.ts (writes), or the page's read rule (reads). A refusal is a 404 with exactly the problem a
// missing id gets (403 only where the role alone is refused), and writes nothing. A route file that this matrix does
// not list fails the test, so a new `[id]` route must be added here.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma, type Tx } from "@/lib/db";
import { createPersonalToken, createServiceToken } from "@/lib/api/tokens";
import { endpoint } from "@/lib/api/endpoints";
import type { HttpMethod } from "@/lib/api/handler";
import { updateDeal } from "@/lib/actions/deals/update-deal";
import { api, apiRoutes } from "@/tests/support/api-client";
import { conform } from "@/tests/support/api-conform";
import { createDeal, createOrganisation, createStages, createTeamWithReps, createUser } from "@/prisma/factories";
import { toDbDate } from "@/lib/domain/calendar";

type Role = "REP" | "MANAGER" | "EXECUTIVE" | "ADMIN";
type Relation = "own" | "team" | "other";
type Expect = (role: Role, relation: Relation) => boolean;

const ROLES: Role[] = ["REP", "MANAGER", "EXECUTIVE", "ADMIN"];
const RELATIONS: Relation[] = ["own", "team", "other"];

// The browser's rules, as authorization-matrix.test.ts states them for the actions and lib/auth/permissions.ts for reads.
/** canRead: a rep their own, a manager their teams', executives and admins everything. */
const canRead: Expect = (role, rel) => role === "ADMIN" || role === "EXECUTIVE" || (role === "MANAGER" && rel !== "other") || (role === "REP" && rel === "own");
/** Owner or the owner's manager (and admins): the matrix's rule for deals.update and deals.close. */
const ownerOrManager: Expect = (role, rel) => role === "ADMIN" || (role === "REP" && rel === "own") || (role === "MANAGER" && rel !== "other");
/** Leadership: the team's manager, executives and admins (canReadTeam; the inspection pages and the team forecast). */
const leadership: Expect = (role, rel) => role === "ADMIN" || role === "EXECUTIVE" || (role === "MANAGER" && rel !== "other");
/** A team's members and managers, executives and admins: the targets page's teams. */
const teamMember: Expect = (role, rel) => role === "ADMIN" || role === "EXECUTIVE" || rel !== "other";
const everyone: Expect = () => true;

/** One kind of object a route is asked about, made for each relation to the acting rep (a1) and manager (mA). */
interface Variant {
  label: string;
  relations: Relation[];
  make: (rel: Relation) => Promise<string>;
  allowed: Expect;
}

interface Write {
  /** The server action whose rule the route must follow (its matrix expectation is `allowed` of each variant). */
  action: string;
  body: (role: string) => unknown;
  headers?: (id: string) => Promise<Record<string, string>>;
  /** What must not change on a refusal. */
  state: (id: string) => Promise<unknown>;
  /** The request whose answer a refusal must equal: the same method on an id that does not exist. */
  missing: { method: HttpMethod; url: string; body: unknown; headers: Record<string, string> };
}

interface RouteSpec {
  objects: Variant[];
  write?: Write;
}

/** A token the matrix asks with: a user's personal token, or a service token acting as its role (and team). */
interface Column {
  label: string;
  role: Role;
  token: string;
  readOnlyToken: string;
}

const ids: Record<string, string> = {};
const columns: Column[] = [];
let stageId = "";


async function call(method: string, url: string, docPath: string, opts: Parameters<typeof api>[2] = {}) {
  const answer = await api(method, url, opts);
  conform(method, docPath, answer);
  return answer;
}

/** The same object for every read cell of a relation (reads change nothing); writes get a fresh one per cell. */
function once(make: (rel: Relation) => Promise<string>): (rel: Relation) => Promise<string> {
  const made = new Map<Relation, Promise<string>>();
  return (rel) => {
    if (!made.has(rel)) made.set(rel, make(rel));
    return made.get(rel)!;
  };
}

const owner = (rel: Relation) => (rel === "own" ? ids.a1 : rel === "team" ? ids.a2 : ids.b1);
const teamOf = (rel: Relation) => (rel === "other" ? ids.teamB : ids.teamA);
const managerOf = (rel: Relation) => (rel === "other" ? ids.mB : ids.mA);
let serial = 0;

const dealState = (where: { id: string } | { externalId: string }) => async () => {
  const d = await prisma.deal.findUniqueOrThrow({ where: where as never, select: { version: true, updatedAt: true, name: true } });
  return { ...d, deals: await prisma.deal.count(), changes: await prisma.dealChange.count() };
};

/** Every `[param]` route file's methods: the matrix's rows. */
const ROUTES: Record<string, RouteSpec> = {
  "GET /accounts/{id}": {
    objects: [
      { label: "account owned", relations: RELATIONS, allowed: canRead, make: once(async (rel) => (await prisma.account.create({ data: { name: `Account of ${rel}`, ownerId: owner(rel) } })).id) },
      {
        label: "account of a deal",
        relations: RELATIONS,
        allowed: canRead,
        make: once(async (rel) => {
          const account = await prisma.account.create({ data: { name: `Unowned account, ${rel} deal` } });
          await createDeal(prisma, { ownerId: owner(rel), stageId, accountId: account.id });
          return account.id;
        }),
      },
    ],
  },
  "GET /activities/{id}": {
    objects: [
      {
        label: "activity",
        relations: RELATIONS,
        allowed: canRead,
        make: once(async (rel) => {
          const deal = await createDeal(prisma, { ownerId: owner(rel), stageId });
          return (await prisma.activity.create({ data: { dealId: deal.id, userId: owner(rel), type: "CALL", occurredOn: toDbDate("2026-11-02"), subject: "Discovery" } })).id;
        }),
      },
      {
        // The author decides, as in the activities CSV export (lib/data/export.ts): not the deal it was logged on.
        label: "activity on another team's deal",
        relations: RELATIONS,
        allowed: canRead,
        make: once(async (rel) => {
          const deal = await createDeal(prisma, { ownerId: rel === "other" ? ids.a1 : ids.b1, stageId });
          return (await prisma.activity.create({ data: { dealId: deal.id, userId: owner(rel), type: "NOTE", occurredOn: toDbDate("2026-11-03"), subject: "Handover" } })).id;
        }),
      },
    ],
  },
  "GET /deals/{id}": {
    objects: [{ label: "deal", relations: RELATIONS, allowed: canRead, make: once(async (rel) => (await createDeal(prisma, { ownerId: owner(rel), stageId })).id) }],
  },
  "PATCH /deals/{id}": {
    objects: [{ label: "deal", relations: RELATIONS, allowed: ownerOrManager, make: async (rel) => (await createDeal(prisma, { ownerId: owner(rel), stageId })).id }],
    write: {
      action: "deals.update",
      body: (role) => ({ name: `Renamed by ${role}` }),
      headers: async (id) => ({ "if-match": `"${(await prisma.deal.findUniqueOrThrow({ where: { id }, select: { version: true } })).version}"` }),
      state: (id) => dealState({ id })(),
      missing: { method: "PATCH", url: "deals/missing-object-id", body: { name: "Renamed" }, headers: { "if-match": '"1"' } },
    },
  },
  "PUT /deals/external/{externalId}": {
    objects: [
      {
        label: "deal with a CRM id",
        relations: RELATIONS,
        allowed: ownerOrManager,
        make: async (rel) => {
          const externalId = `CRM-${rel}-${++serial}`;
          await createDeal(prisma, { ownerId: owner(rel), stageId, externalId, closeDate: "2099-12-31", nextStep: "Follow-up call", nextStepDate: "2099-12-01" });
          return externalId;
        },
      },
    ],
    write: {
      action: "deals.update",
      body: (role) => ({ name: `Synced by ${role}`, amount: 10000, closeDate: "2099-12-31", stageId, nextStep: "Follow-up call", nextStepDate: "2099-12-01" }),
      state: (externalId) => dealState({ externalId })(),
      // A CRM id nobody has used creates a deal; a refusal must read like a deal id that does not exist.
      missing: { method: "PATCH", url: "deals/missing-object-id", body: { name: "Renamed" }, headers: { "if-match": '"1"' } },
    },
  },
  "GET /forecast-submissions/{id}": {
    objects: [
      {
        label: "a rep's submission",
        relations: RELATIONS,
        allowed: canRead,
        make: once(async (rel) => {
          const data = { userId: owner(rel), scope: "REP" as const, teamId: teamOf(rel), periodType: "QUARTER" as const, periodStart: toDbDate("2026-10-01"), periodEnd: toDbDate("2026-12-31"), commitMinor: 100n, bestCaseMinor: 200n };
          return (await prisma.forecastSubmission.create({ data })).id;
        }),
      },
      {
        label: "a team's submission",
        relations: RELATIONS,
        allowed: leadership,
        make: once(async (rel) => {
          const data = { userId: managerOf(rel), scope: "TEAM" as const, teamId: teamOf(rel), periodType: "QUARTER" as const, periodStart: toDbDate("2026-10-01"), periodEnd: toDbDate("2026-12-31"), commitMinor: 100n, bestCaseMinor: 200n };
          return (await prisma.forecastSubmission.create({ data })).id;
        }),
      },
    ],
  },
  "GET /inspections/{id}": {
    objects: [
      {
        // The rep (own) or a teammate (team) owns an action item of their team's inspection: the browser still shows
        // the inspection (every deal's disposition and notes) to leadership only.
        label: "inspection with the rep's action item",
        relations: RELATIONS,
        allowed: leadership,
        make: once(async (rel) => {
          const session = await prisma.inspectionSession.create({ data: { managerId: managerOf(rel), teamId: teamOf(rel), asOfDate: toDbDate("2026-11-16") } });
          await prisma.actionItem.create({ data: { inspectionSessionId: session.id, ownerId: owner(rel), createdById: managerOf(rel), description: "Call", dueDate: toDbDate("2026-11-30") } });
          return session.id;
        }),
      },
    ],
  },
  "GET /kpi-targets/{id}": {
    objects: [
      {
        label: "a rep's target",
        relations: RELATIONS,
        allowed: canRead,
        make: once(async (rel) => (await prisma.kpiTarget.create({ data: { metric: "activities", category: "LEADING", periodType: "MONTH", scope: "REP", userId: owner(rel), direction: "AT_LEAST", value: 20, setById: managerOf(rel) } })).id),
      },
      {
        label: "a team's target",
        relations: RELATIONS,
        allowed: teamMember,
        make: once(async (rel) => (await prisma.kpiTarget.create({ data: { metric: "activities", category: "LEADING", periodType: "MONTH", scope: "TEAM", teamId: teamOf(rel), direction: "AT_LEAST", value: 20, setById: managerOf(rel) } })).id),
      },
      {
        label: "the organisation's target",
        relations: ["own"],
        allowed: everyone,
        make: once(async () => (await prisma.kpiTarget.create({ data: { metric: "activities", category: "LEADING", periodType: "MONTH", scope: "ORGANISATION", direction: "AT_LEAST", value: 20, setById: ids.exec } })).id),
      },
    ],
  },
  "GET /leads/{id}": {
    objects: [
      {
        label: "lead",
        relations: RELATIONS,
        allowed: canRead,
        make: once(async (rel) => (await prisma.lead.create({ data: { ownerId: owner(rel), name: "Matrix lead", icpQualified: true, createdOn: toDbDate("2026-11-02") } })).id),
      },
    ],
  },
  "GET /quotas/{id}": {
    objects: [
      {
        label: "quota",
        relations: RELATIONS,
        allowed: canRead,
        make: once(async (rel) => (await prisma.quota.create({ data: { userId: owner(rel), periodType: "QUARTER", periodStart: toDbDate("2026-10-01"), periodEnd: toDbDate("2026-12-31"), amountMinor: 5_000_000n } })).id),
      },
    ],
  },
  "GET /stages/{id}": {
    objects: [{ label: "stage", relations: ["own"], allowed: everyone, make: async () => stageId }],
  },
  "GET /teams/{id}": {
    objects: [{ label: "team", relations: RELATIONS, allowed: teamMember, make: async (rel) => teamOf(rel) }],
  },
  "GET /users/{id}": {
    objects: [{ label: "user", relations: RELATIONS, allowed: canRead, make: async (rel) => owner(rel) }],
  },
};

/** Every route file with a `[param]` segment, and each method it exports, as "METHOD /doc/{path}". */
function discoverObjectRoutes(): { key: string; method: HttpMethod; docPath: string }[] {
  return apiRoutes()
    .filter((r) => r.paramNames.length > 0)
    .flatMap((r) =>
      [...fs.readFileSync(r.file, "utf8").matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map(([, method]) => ({
        key: `${method} ${r.docPath}`,
        method: method as HttpMethod,
        docPath: r.docPath,
      })),
    );
}

const urlOf = (docPath: string, id: string) => docPath.slice(1).replace(/\{[^}]+\}/, encodeURIComponent(id));

const previousLimit = process.env.CADENCE_API_LIMIT;
afterAll(() => {
  if (previousLimit === undefined) delete process.env.CADENCE_API_LIMIT;
  else process.env.CADENCE_API_LIMIT = previousLimit;
});

beforeAll(async () => {
  // Hundreds of requests per token in a minute: the budget is tested in api.test.ts, not here.
  process.env.CADENCE_API_LIMIT = "100000";
  await createOrganisation(prisma);
  stageId = (await createStages(prisma))[2].id;
  const A = await createTeamWithReps(prisma, 2);
  const B = await createTeamWithReps(prisma, 1);
  const exec = await createUser(prisma, { role: "EXECUTIVE" });
  const admin = await createUser(prisma, { role: "ADMIN" });
  Object.assign(ids, { a1: A.reps[0].id, a2: A.reps[1].id, b1: B.reps[0].id, mA: A.manager.id, mB: B.manager.id, teamA: A.team.id, teamB: B.team.id, exec: exec.id });
  const users: Record<Role, string> = { REP: A.reps[0].id, MANAGER: A.manager.id, EXECUTIVE: exec.id, ADMIN: admin.id };
  const tx = prisma as unknown as Tx;
  for (const role of ROLES) {
    const mk = async (readOnly: boolean) => (await createPersonalToken(tx, { id: users[role] }, { name: "matrix", expiresAt: null, readOnly })).text;
    columns.push({ label: role, role, token: await mk(false), readOnlyToken: await mk(true) });
  }
  // Service tokens act as their role over the organisation, or as the manager of one team: the same cells as the person.
  for (const [role, teamId] of [["MANAGER", A.team.id], ["EXECUTIVE", null], ["ADMIN", null]] as [Role, string | null][]) {
    const mk = async (readOnly: boolean) => (await createServiceToken(tx, { id: admin.id }, { name: `matrix ${role}`, role, teamId, expiresAt: null, readOnly })).text;
    columns.push({ label: `service ${role}${teamId ? " of team A" : ""}`, role, token: await mk(false), readOnlyToken: await mk(true) });
  }
});

describe("API authorization matrix (every object route × method × role × relation)", () => {
  it("lists every route that names an object (a new [id] route must be added to the matrix)", () => {
    const keys = discoverObjectRoutes().map((r) => r.key);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((k) => !(k in ROUTES))).toEqual([]);
    expect(Object.keys(ROUTES).filter((k) => !keys.includes(k))).toEqual([]);
    for (const key of Object.keys(ROUTES)) expect(!!ROUTES[key].write, key).toBe(!key.startsWith("GET "));
  });

  it("writes through the action whose matrix rule it states", () => {
    // Both deal writes run deals.update's definition (lib/api/endpoints/deals.ts), so they take its roles and rule.
    expect(updateDeal.definition.name).toBe("deals.update");
    expect(updateDeal.definition.object?.label).toBe("Deal");
    for (const key of ["PATCH /deals/{id}", "PUT /deals/external/{externalId}"]) {
      expect(ROUTES[key].write?.action).toBe("deals.update");
      const [method, docPath] = key.split(" ");
      expect(endpoint(method as HttpMethod, docPath).roles).toEqual(updateDeal.definition.roles);
    }
  });

  it("answers every cell as the browser would; a refusal is exactly a missing object's answer and writes nothing", async () => {
    const failures: string[] = [];
    let cells = 0;
    for (const { key, method, docPath } of discoverObjectRoutes()) {
      const spec = ROUTES[key];
      if (!spec) continue;
      const ep = endpoint(method, docPath);
      const write = spec.write;

      for (const { label: who, role, token, readOnlyToken } of columns) {
        const roleRefused = !!ep.roles && !ep.roles.includes(role);
        // What this token gets for an object that does not exist.
        const missing = write
          ? await call(write.missing.method, write.missing.url, `/${write.missing.url.split("/")[0]}/{id}`, { token, body: write.missing.body, headers: write.missing.headers })
          : await call(method, urlOf(docPath, "missing-object-id"), docPath, { token });
        if (!roleRefused && missing.status !== 404) failures.push(`${key} ${who}: a missing id answered ${missing.status}`);

        for (const variant of spec.objects) {
          for (const rel of variant.relations) {
            cells++;
            const cell = `${key} ${who}/${rel} (${variant.label})`;
            const id = await variant.make(rel);
            const before = write ? await write.state(id) : null;
            const answer = await call(method, urlOf(docPath, id), docPath, {
              token,
              body: write?.body(who),
              headers: write?.headers ? await write.headers(id) : undefined,
            });
            const allowed = !roleRefused && variant.allowed(role, rel);
            if (allowed) {
              if (answer.status !== 200) failures.push(`${cell}: expected allowed, got ${answer.status} ${answer.body?.detail ?? ""}`);
              else if (method === "GET" && answer.body.id !== id) failures.push(`${cell}: answered another object`);
              continue;
            }
            if (roleRefused) {
              if (answer.status !== 403 || !String(answer.body?.type).endsWith("problem-forbidden")) failures.push(`${cell}: role refusal answered ${answer.status} ${answer.body?.type}`);
            } else if (answer.status !== 404) {
              failures.push(`${cell}: expected refused like a missing object, got ${answer.status} ${answer.body?.detail ?? ""}`);
            } else if (JSON.stringify(answer.body) !== JSON.stringify(missing.body)) {
              failures.push(`${cell}: refusal ${JSON.stringify(answer.body)} differs from missing ${JSON.stringify(missing.body)}`);
            }
            if (write && JSON.stringify(await write.state(id)) !== JSON.stringify(before)) failures.push(`${cell}: wrote on refusal`);
          }
        }

        // A read-only token of the same user is refused every write, whatever the object, and writes nothing.
        if (write) {
          for (const variant of spec.objects) {
            for (const rel of variant.relations) {
              cells++;
              const cell = `${key} read-only ${who}/${rel}`;
              const id = await variant.make(rel);
              const before = await write.state(id);
              const answer = await call(method, urlOf(docPath, id), docPath, { token: readOnlyToken, body: write.body(who), headers: write.headers ? await write.headers(id) : undefined });
              if (answer.status !== 403 || !String(answer.body?.type).endsWith("problem-read-only-token")) failures.push(`${cell}: answered ${answer.status} ${answer.body?.type}`);
              if (JSON.stringify(await write.state(id)) !== JSON.stringify(before)) failures.push(`${cell}: wrote on refusal`);
            }
          }
        }
      }
    }
    console.info(`api-authorization-matrix: ${Object.keys(ROUTES).length} route methods, ${cells} cells`);
    expect(failures).toEqual([]);
  }, 600_000);

  it("lists a rep no inspection, even one holding their action item; the team's manager sees it (the list has the read's scope)", async () => {
    const id = await ROUTES["GET /inspections/{id}"].objects[0].make("own");
    const listed = async (label: string) => {
      const r = await call("GET", "inspections?limit=500", "/inspections", { token: columns.find((c) => c.label === label)!.token });
      expect(r.status, label).toBe(200);
      return (r.body.data as { id: string }[]).map((x) => x.id);
    };
    expect(await listed("REP")).toEqual([]);
    expect(await listed("MANAGER")).toContain(id);
    expect(await listed("service MANAGER of team A")).toContain(id);
  });
});
