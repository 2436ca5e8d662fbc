// Explorer benchmarks that need no cluster (synthetic kubectl-shaped JSON through the real code):
//   1. time to the first complete model for N nodes / M pods (JSON.parse of 500-object pages,
//      projection, store, health of every node and pod, first tree level);
//   2. heap held by the cache at that size;
//   3. watch events processed per second by store + model (MODIFIED pod events, coalesced);
//   4. time to build the children (tree items) of a node with 110 pods.
// Run: npm run compile-tests && npx node --expose-gc out/bench/explorerModel.bench.js [nodes] [podsPerNode]
import { ClusterStore } from '../src/client/explorer/clusterStore';
import { ExplorerModel } from '../src/client/explorer/explorerModel';
import { ClusterSession, RESOURCE_SPECS } from '../src/client/explorer/clusterSession';
import type { KubeTransport, ListPage, ResourceSpec, WatchStream } from '../src/client/explorer/transport';
import { projectNode, projectPod } from '../src/shared/cluster/model';
import { rawLease, rawNode, rawPod } from './explorerFixtures';

const nodes = Number(process.argv[2] ?? 5000);
const podsPerNode = Number(process.argv[3] ?? 30);
const NOW = Date.parse('2026-11-24T06:00:00Z');

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Serves pre-serialised pages, so JSON.parse is part of the measured work (as with a real server). */
class SerializedTransport implements KubeTransport {
  constructor(private readonly pages: Map<string, string[]>) {}
  async listPage(spec: ResourceSpec, page: { continueToken?: string }): Promise<ListPage> {
    const pages = this.pages.get(spec.path) ?? ['{"items":[],"metadata":{"resourceVersion":"1"}}'];
    const index = Number(page.continueToken ?? 0);
    const body = JSON.parse(pages[index]) as { items: unknown[]; metadata: { resourceVersion: string } };
    return {
      items: body.items,
      resourceVersion: body.metadata.resourceVersion,
      continueToken: index + 1 < pages.length ? String(index + 1) : undefined,
    };
  }
  watch(): WatchStream {
    let stop = () => undefined as void;
    const done = new Promise<void>((resolve) => (stop = resolve));
    return { done, stop: () => stop() };
  }
  async getObject(): Promise<unknown> {
    return {};
  }
}

function paginate(items: unknown[], limit = 500): string[] {
  const pages: string[] = [];
  for (let i = 0; i < items.length || i === 0; i += limit) {
    pages.push(
      JSON.stringify({
        items: items.slice(i, i + limit),
        metadata: { resourceVersion: '100', continue: i + limit < items.length ? 'x' : '' },
      }),
    );
  }
  return pages;
}

async function main(): Promise<void> {
  const renew = new Date(NOW - 3000).toISOString();
  const rawNodes = Array.from({ length: nodes }, (_, i) => rawNode(i));
  const rawPods: unknown[] = [];
  for (let i = 0; i < nodes; i++) {
    for (let j = 0; j < podsPerNode; j++) {
      rawPods.push(rawPod(i, j));
    }
  }
  const pages = new Map<string, string[]>([
    [RESOURCE_SPECS.nodes.path, paginate(rawNodes)],
    [RESOURCE_SPECS.pods.path, paginate(rawPods)],
    [RESOURCE_SPECS.leases.path, paginate(Array.from({ length: nodes }, (_, i) => rawLease(i, renew)))],
  ]);
  const jsonBytes = [...pages.values()].flat().reduce((n, p) => n + p.length, 0);
  rawPods.length = 0;
  rawNodes.length = 0;
  console.log(
    `synthetic cluster: ${nodes} nodes, ${nodes * podsPerNode} pods, ${(jsonBytes / 1e6).toFixed(0)} MB of list JSON`,
  );

  // 1 + 2. first complete model, heap
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const store = new ClusterStore(150);
  const session = new ClusterSession({
    transport: new SerializedTransport(pages),
    contextName: 'bench',
    store,
  });
  session.start();
  await store.whenComplete();
  // The clock advances with real time (from the synthetic NOW), so time-based work (the summary at
  // most once a second) happens as often as in the extension.
  const benchStart = performance.now();
  const model = new ExplorerModel(
    store,
    'bench',
    { problemsOnly: false, nodeHealth: {} },
    () => NOW + (performance.now() - benchStart),
  );
  model.update({ all: true, nodes: new Set(), pods: new Set(), unscheduled: true });
  const top = model.children(model.roots()[0]);
  for (const e of top) {
    model.item(e);
  }
  const firstModelMs = performance.now() - t0;
  await session.stop();
  pages.clear();
  gc();
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
  console.log(
    `first complete model (list JSON → projected cache → health → ${top.length} top-level items): ${firstModelMs.toFixed(0)} ms`,
  );
  console.log(
    `heap held by cache + model: ${heapMb.toFixed(0)} MB (${((heapMb * 1e6) / (nodes * (podsPerNode + 1))).toFixed(0)} bytes per object)  goal ≤ 300 MB`,
  );

  // 3. watch events per second: MODIFIED pods projected, stored and coalesced into model updates.
  //    Measured twice: from parsed objects (what the model does), and including JSON.parse of
  //    each event line (what the whole client does).
  store.onDidChange((change) => model.update(change));
  const events = 100_000;
  const eventLines = Array.from({ length: 2000 }, (_, k) =>
    JSON.stringify(rawPod(k % nodes, k % podsPerNode, 10_000 + k)),
  );
  const eventObjects = eventLines.map((l) => JSON.parse(l) as unknown);
  const run = (next: (k: number) => unknown): number => {
    const start = performance.now();
    for (let k = 0; k < events; k++) {
      store.upsertPod(projectPod(next(k)));
      if (k % 1000 === 999) {
        store.flush();
      } // a 150 ms window holds ~1,000+ events at these rates
    }
    store.flush();
    return events / ((performance.now() - start) / 1000);
  };
  const modelRate = run((k) => eventObjects[k % eventObjects.length]);
  const clientRate = run((k) => JSON.parse(eventLines[k % eventLines.length]) as unknown);
  console.log(
    `watch events processed by the model: ${Math.round(modelRate).toLocaleString('en-US')} events/s (project + store + coalesced model update)  goal ≥ 10,000/s`,
  );
  console.log(
    `  including JSON.parse of each event line: ${Math.round(clientRate).toLocaleString('en-US')} events/s`,
  );

  // 4. expanding a node with 110 pods
  const dense = new ClusterStore(150);
  dense.replaceNodes([projectNode(rawNode(0))]);
  dense.replacePods(Array.from({ length: 110 }, (_, j) => projectPod(rawPod(0, j))));
  dense.replaceLeases([]);
  dense.replaceEvents([]);
  const denseModel = new ExplorerModel(dense, 'bench', { problemsOnly: false, nodeHealth: {} }, () => NOW);
  denseModel.update({ all: true, nodes: new Set(), pods: new Set(), unscheduled: true });
  const nodeElement = denseModel.children(denseModel.roots()[0]).find((e) => e.kind === 'node')!;
  const samples: number[] = [];
  for (let r = 0; r < 50; r++) {
    const t = performance.now();
    const children = denseModel.children(nodeElement);
    for (const child of children) {
      denseModel.item(child);
    }
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  console.log(
    `expand a node with 110 pods (children + items): median ${samples[25].toFixed(2)} ms, max ${samples[49].toFixed(2)} ms  goal < 50 ms`,
  );
  dense.dispose();
  store.dispose();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
