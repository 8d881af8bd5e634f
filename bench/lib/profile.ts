// Where a rendered request's CPU goes: reads a V8 .cpuprofile (node --cpu-prof) and sums self time by component
// over a window of the run (the measured requests, not the server's start-up), plus the inclusive time under a few
// named frames (the session decode, Prisma's query compiler). Used by bench/profile.ts.
import fs from "node:fs";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  /** Milliseconds of samples inside the window, idle excluded. */
  busyMs: number;
  idleMs: number;
  samples: number;
  /** Self time by component, largest first. */
  components: { name: string; ms: number; share: number }[];
  /** Inclusive time under frames that matter to the fixed cost (a frame counted once per sample). */
  markers: { name: string; ms: number; share: number }[];
  /** The hottest functions by self time. */
  top: { fn: string; where: string; ms: number }[];
}

/** Components, first match wins: a frame's script (url) or, for built-ins, its name. */
const COMPONENTS: { name: string; test: (f: CallFrame) => boolean }[] = [
  { name: "garbage collection", test: (f) => f.functionName === "(garbage collector)" },
  { name: "idle", test: (f) => f.functionName === "(idle)" },
  { name: "V8 / native (program)", test: (f) => f.functionName === "(program)" },
  { name: "next-auth / jose / hkdf (session JWT)", test: (f) => /next-auth|jose|panva|hkdf/.test(f.url) || /hkdf|jwtDecrypt|EncryptJWT|getDerivedEncryptionKey/i.test(f.functionName) },
  { name: "Prisma (query compiler WASM + client runtime)", test: (f) => /prisma|query_compiler|wasm:\/\//i.test(f.url) || /^(wasm-function|\$\$)/.test(f.functionName) },
  { name: "pg driver", test: (f) => /node_modules\/(pg|pg-protocol|pg-pool|pg-types|postgres-)/.test(f.url) },
  { name: "React server rendering (RSC + HTML)", test: (f) => /react-server-dom|react-dom|compiled\/react|\/react\//.test(f.url) },
  { name: "Next.js runtime", test: (f) => /node_modules\/next\//.test(f.url) },
  { name: "app code (.next server chunks)", test: (f) => /\.next[^/]*\/server\//.test(f.url) },
  { name: "node core: async hooks / AsyncLocalStorage", test: (f) => /async_hooks|async_local_storage|promise_hooks/.test(f.url) },
  { name: "node core: http / net / streams", test: (f) => /node:(_http|http|net|stream|internal\/(streams|http|net|stream_base))|internal\/(streams|http|net)/.test(f.url) },
  { name: "node core: other", test: (f) => f.url.startsWith("node:") || f.url.startsWith("internal/") },
  { name: "server.ts / page cache", test: (f) => /server\.ts|lib\/http\//.test(f.url) },
  { name: "other node_modules", test: (f) => /node_modules/.test(f.url) },
  { name: "native / unattributed", test: () => true },
];

const MARKERS: { name: string; test: (f: CallFrame) => boolean }[] = [
  { name: "getServerSession (next-auth)", test: (f) => f.functionName === "getServerSession" },
  { name: "JWT decode / encode (jose)", test: (f) => /^(jwtDecrypt|compactDecrypt|flattenedDecrypt|encrypt|decrypt)$/.test(f.functionName) && /jose/.test(f.url) },
  { name: "hkdf key derivation", test: (f) => /hkdf|getDerivedEncryptionKey|deriveKey/i.test(f.functionName) },
  { name: "Prisma query compiler (WASM)", test: (f) => f.url.startsWith("wasm://") || /^(wasm-function|\$\$)/.test(f.functionName) },
  { name: "Prisma client (request → SQL → result)", test: (f) => /@prisma\/client\/runtime|generated\/prisma/.test(f.url) },
  { name: "React Flight (RSC payload)", test: (f) => /react-server-dom/.test(f.url) },
  { name: "React DOM (HTML from the payload)", test: (f) => /react-dom/.test(f.url) },
];

/**
 * `windows` are [from, to] in the profile's clock (µs, CLOCK_MONOTONIC: process.hrtime.bigint() / 1000 in any
 * process on the machine), so the caller can keep only the measured requests.
 */
export function summarizeProfile(file: string, windows: [number, number][] | null = null): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const c of node.children ?? []) parent.set(c, node.id);
  }
  const componentOf = new Map<number, string>();
  const componentName = (id: number) => {
    let name = componentOf.get(id);
    if (!name) {
      const f = byId.get(id)!.callFrame;
      name = COMPONENTS.find((c) => c.test(f))!.name;
      componentOf.set(id, name);
    }
    return name;
  };
  const markerSets = new Map<number, Set<string>>();
  const markersOf = (id: number): Set<string> => {
    let set = markerSets.get(id);
    if (set) return set;
    set = new Set<string>();
    const f = byId.get(id)!.callFrame;
    for (const m of MARKERS) if (m.test(f)) set.add(m.name);
    const p = parent.get(id);
    if (p !== undefined) for (const name of markersOf(p)) set.add(name);
    markerSets.set(id, set);
    return set;
  };

  const component = new Map<string, number>();
  const marker = new Map<string, number>();
  const self = new Map<number, number>();
  let t = profile.startTime;
  let samples = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    if (windows && !windows.some(([from, to]) => t >= from && t <= to)) continue;
    // A sample's duration: the gap to the next one.
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const id = profile.samples[i];
    samples++;
    const name = componentName(id);
    component.set(name, (component.get(name) ?? 0) + dt);
    self.set(id, (self.get(id) ?? 0) + dt);
    for (const m of markersOf(id)) marker.set(m, (marker.get(m) ?? 0) + dt);
  }
  const idleMs = component.get("idle") ?? 0;
  component.delete("idle");
  const busyMs = [...component.values()].reduce((a, b) => a + b, 0);
  const round = (v: number) => Math.round(v * 10) / 10;
  const share = (v: number) => (busyMs > 0 ? Math.round((v / busyMs) * 1000) / 10 : 0);
  const fnSelf = new Map<string, { fn: string; where: string; ms: number }>();
  for (const [id, ms] of self) {
    const f = byId.get(id)!.callFrame;
    if (f.functionName === "(idle)") continue;
    const where = f.url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*?\/(\.next[^/]*\/)/, "$1");
    const key = `${f.functionName}@${where}:${f.lineNumber}`;
    const e = fnSelf.get(key) ?? { fn: f.functionName || "(anonymous)", where: `${where}:${f.lineNumber + 1}`, ms: 0 };
    e.ms += ms;
    fnSelf.set(key, e);
  }
  return {
    busyMs: round(busyMs),
    idleMs: round(idleMs),
    samples,
    components: [...component.entries()].sort((a, b) => b[1] - a[1]).map(([name, ms]) => ({ name, ms: round(ms), share: share(ms) })),
    markers: MARKERS.map((m) => ({ name: m.name, ms: round(marker.get(m.name) ?? 0), share: share(marker.get(m.name) ?? 0) })),
    top: [...fnSelf.values()].sort((a, b) => b.ms - a.ms).slice(0, 15).map((e) => ({ ...e, ms: round(e.ms) })),
  };
}

/** The profile's clock now, in this process (µs). */
export function profileClock(): number {
  return Number(process.hrtime.bigint() / 1000n);
}
