/**
 * What a V8 heap snapshot holds, summarised for comparing two processes: self size and count per
 * node type and constructor, and optionally per socket (`--per=N`) against a baseline snapshot.
 * Snapshots come from `BENCH_SERVER_NODE_OPTIONS="--heapsnapshot-signal=SIGUSR2 --diagnostic-dir=…"`
 * and `kill -USR2 <server pid>` while the connections scenario holds its sockets.
 *
 *   node --max-old-space-size=8192 --import tsx scripts/bench/heapTop.ts app.heapsnapshot [bare.heapsnapshot] [--per=2000] [--top=40]
 *   … --retainers='(closure) handle'   shows what holds a few nodes of that type and name
 */
import { readFileSync } from 'node:fs';

interface Snapshot {
  snapshot: {
    meta: { node_fields: string[]; node_types: [string[], ...unknown[]]; edge_fields: string[]; edge_types: [string[], ...unknown[]] };
  };
  nodes: number[];
  edges: number[];
  strings: string[];
}

interface Group {
  count: number;
  size: number;
}

function load(file: string): Snapshot {
  return JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
}

function groups(s: Snapshot): Map<string, Group> {
  const {
    node_fields: fields,
    node_types: [types],
  } = s.snapshot.meta;
  const width = fields.length;
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f)) as [number, number, number];
  const out = new Map<string, Group>();
  for (let i = 0; i < s.nodes.length; i += width) {
    const type = types[s.nodes[i + typeAt]!]!;
    const rawName = s.strings[s.nodes[i + nameAt]!]!;
    // Strings and code are named by their content: group them by type alone.
    const name =
      type === 'string' || type === 'concatenated string' || type === 'sliced string' || type === 'code' || type === 'number'
        ? ''
        : rawName.slice(0, 60);
    const key = `${type}\t${name}`;
    const g = out.get(key) ?? { count: 0, size: 0 };
    g.count++;
    g.size += s.nodes[i + sizeAt]!;
    out.set(key, g);
  }
  return out;
}

/** Reverse edges: for each node, who points to it and under which edge name (weak edges left out). */
function parentsOf(s: Snapshot): {
  parents: Array<Array<[number, string]>>;
  label: (n: number) => string;
  sizeOf: (n: number) => number;
  nodeCount: number;
} {
  const {
    node_fields: nf,
    node_types: [types],
    edge_fields: ef,
    edge_types: [edgeTypes],
  } = s.snapshot.meta;
  const nw = nf.length;
  const ew = ef.length;
  const [typeAt, nameAt, sizeAt, edgeCountAt] = ['type', 'name', 'self_size', 'edge_count'].map((f) => nf.indexOf(f)) as [
    number,
    number,
    number,
    number,
  ];
  const [eTypeAt, eNameAt, eToAt] = ['type', 'name_or_index', 'to_node'].map((f) => ef.indexOf(f)) as [number, number, number];
  const nodeCount = s.nodes.length / nw;
  const label = (n: number) => `${types[s.nodes[n * nw + typeAt]!]} ${s.strings[s.nodes[n * nw + nameAt]!]!.slice(0, 50)}`;
  const parents: Array<Array<[number, string]>> = Array.from({ length: nodeCount }, () => []);
  for (let n = 0, e = 0; n < nodeCount; n++) {
    const end = e + s.nodes[n * nw + edgeCountAt]! * ew;
    for (; e < end; e += ew) {
      const edgeType = edgeTypes[s.edges[e + eTypeAt]!]!;
      if (edgeType === 'weak') continue;
      const nameOrIndex = s.edges[e + eNameAt]!;
      const edgeName = edgeType === 'element' || edgeType === 'hidden' ? '[]' : s.strings[nameOrIndex]!;
      parents[s.edges[e + eToAt]! / nw]!.push([n, `${edgeType}:${edgeName}`]);
    }
  }
  return { parents, label, sizeOf: (n) => s.nodes[n * nw + sizeAt]!, nodeCount };
}

/** Nodes with this type and name, grouped by their first holder (edge and holder's label, `depth` levels up). */
function owners(s: Snapshot, wanted: string, depth = Number(option('depth') ?? 1)): Array<[string, Group]> {
  const { parents, label, sizeOf, nodeCount } = parentsOf(s);
  const out = new Map<string, Group>();
  // "string " (type and a space) takes every node of that type, whatever its name.
  const matches = wanted.endsWith(' ') ? (n: number) => label(n).startsWith(wanted) : (n: number) => label(n) === wanted;
  for (let n = 0; n < nodeCount; n++) {
    if (!matches(n)) continue;
    const path: string[] = [];
    let at = n;
    for (let d = 0; d < depth; d++) {
      const next = parents[at]![0];
      if (!next) break;
      path.push(`${next[1]} of ${label(next[0])}`);
      at = next[0];
    }
    const key = path.join(' ← ');
    const g = out.get(key) ?? { count: 0, size: 0 };
    g.count++;
    g.size += sizeOf(n);
    out.set(key, g);
  }
  return [...out].sort((a, b) => b[1].size - a[1].size);
}

/** A few retainer chains of the nodes with this type and name, up to `depth` levels. */
function retainers(s: Snapshot, wanted: string, samples = 4, depth = 8): string[] {
  const {
    node_fields: nf,
    node_types: [types],
    edge_fields: ef,
    edge_types: [edgeTypes],
  } = s.snapshot.meta;
  const nw = nf.length;
  const ew = ef.length;
  const [typeAt, nameAt, edgeCountAt] = ['type', 'name', 'edge_count'].map((f) => nf.indexOf(f)) as [number, number, number];
  const [eTypeAt, eNameAt, eToAt] = ['type', 'name_or_index', 'to_node'].map((f) => ef.indexOf(f)) as [number, number, number];
  const nodeCount = s.nodes.length / nw;
  const label = (n: number) => `${types[s.nodes[n * nw + typeAt]!]} ${s.strings[s.nodes[n * nw + nameAt]!]!.slice(0, 50)}`;
  // Reverse edges: for each node, who points to it, and under which edge name.
  const firstEdge = new Uint32Array(nodeCount + 1);
  for (let n = 0, e = 0; n < nodeCount; n++) {
    firstEdge[n] = e;
    e += s.nodes[n * nw + edgeCountAt]! * ew;
  }
  firstEdge[nodeCount] = s.edges.length;
  const parents: Array<Array<[number, string]>> = Array.from({ length: nodeCount }, () => []);
  for (let n = 0; n < nodeCount; n++) {
    for (let e = firstEdge[n]!; e < firstEdge[n + 1]!; e += ew) {
      const edgeType = edgeTypes[s.edges[e + eTypeAt]!]!;
      if (edgeType === 'weak') continue;
      const nameOrIndex = s.edges[e + eNameAt]!;
      const edgeName = edgeType === 'element' || edgeType === 'hidden' ? `[${nameOrIndex}]` : s.strings[nameOrIndex]!;
      parents[s.edges[e + eToAt]! / nw]!.push([n, `${edgeType}:${edgeName}`]);
    }
  }
  const out: string[] = [];
  for (let n = 0; n < nodeCount && out.length < samples; n++) {
    if (label(n) !== wanted) continue;
    if ((n * 7919) % 97 !== 0) continue; // spread the samples over the heap
    const chain = [label(n)];
    let at = n;
    const seen = new Set([n]);
    for (let d = 0; d < depth; d++) {
      const next = parents[at]!.find(([p]) => !seen.has(p));
      if (!next) break;
      seen.add(next[0]);
      chain.push(`  ← ${next[1]} of ${label(next[0])}`);
      at = next[0];
    }
    out.push(chain.join('\n'));
  }
  return out;
}

const args = process.argv.slice(2);
const files = args.filter((a) => !a.startsWith('--'));
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const per = Number(option('per') ?? 1);
const top = Number(option('top') ?? 40);
const wanted = option('retainers');
const owned = option('owners');

const app = load(files[0]!);
if (owned) {
  for (const [key, g] of owners(app, owned).slice(0, top))
    process.stdout.write(`${(g.size / 1024).toFixed(1).padStart(10)} kB ${String(g.count).padStart(7)}  ${key}\n`);
  process.exit(0);
}
if (wanted) {
  for (const chain of retainers(app, wanted)) process.stdout.write(`${chain}\n\n`);
  process.exit(0);
}
const appGroups = groups(app);
const baseGroups = files[1] ? groups(load(files[1])) : new Map<string, Group>();
const rows = [...new Set([...appGroups.keys(), ...baseGroups.keys()])].map((key) => {
  const a = appGroups.get(key) ?? { count: 0, size: 0 };
  const b = baseGroups.get(key) ?? { count: 0, size: 0 };
  return { key, count: (a.count - b.count) / per, size: (a.size - b.size) / per };
});
rows.sort((x, y) => y.size - x.size);
const total = rows.reduce((sum, r) => sum + r.size, 0);
process.stdout.write(`total ${per > 1 ? 'per socket ' : ''}${(total / 1024).toFixed(1)} kB\n`);
for (const r of rows.slice(0, top)) {
  process.stdout.write(`${(r.size / 1024).toFixed(2).padStart(9)} kB ${r.count.toFixed(1).padStart(8)}  ${r.key.replace('\t', ' ')}\n`);
}
