// Explorer against a real API server (the harness's scale mode), in the same run as kubectl:
//   time to the first complete tree (nodes, pods in all namespaces, node Leases and node Events
//   listed in pages of 500, projected, classified, first tree level built) versus
//   `kubectl get nodes,pods -A -o json` (output to /dev/null), alternating order, several rounds;
//   heap held by the cache and model afterwards.
// Run: npm run compile-tests && npx node --expose-gc out/bench/explorerCluster.bench.js [kubeconfig] [rounds]
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { ClusterSession } from '../src/client/explorer/clusterSession';
import { ClusterStore } from '../src/client/explorer/clusterStore';
import { ExplorerModel } from '../src/client/explorer/explorerModel';
import { KubeHttpTransport } from '../src/client/k8s/kubeTransport';

const root = path.resolve(__dirname, '..', '..');
const kubeconfig = process.argv[2] ?? path.join(root, '.kwok', 'kubeconfig');
const rounds = Number(process.argv[3] ?? 3);
const kubectl = path.join(root, '.bin', 'kubectl');

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

async function timeKubectl(): Promise<number> {
  const devNull = fs.openSync('/dev/null', 'w');
  const start = performance.now();
  const child = spawn(kubectl, ['--kubeconfig', kubeconfig, 'get', 'nodes,pods', '-A', '-o', 'json'], {
    stdio: ['ignore', devNull, 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  fs.closeSync(devNull);
  if (code !== 0) {
    throw new Error(`kubectl failed (${code}): ${stderr}`);
  }
  return performance.now() - start;
}

async function timeExplorer(
  keep: boolean,
): Promise<{ ms: number; nodes: number; pods: number; heapMb?: number }> {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const start = performance.now();
  const transport = new KubeHttpTransport(kc, 120_000);
  const store = new ClusterStore(150);
  const session = new ClusterSession({ transport, contextName: kc.getCurrentContext(), store });
  session.start();
  await store.whenComplete();
  const model = new ExplorerModel(store, kc.getCurrentContext(), { problemsOnly: false, nodeHealth: {} });
  model.update({ all: true, nodes: new Set(), pods: new Set(), unscheduled: true });
  for (const element of model.children(model.roots()[0])) {
    model.item(element);
  }
  const ms = performance.now() - start;
  const result: { ms: number; nodes: number; pods: number; heapMb?: number } = {
    ms,
    nodes: store.nodes.size,
    pods: store.pods.size,
  };
  await session.stop();
  transport.dispose();
  if (keep) {
    gc();
    result.heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
    if (model.summary().text.length === 0) {
      console.log('unreachable');
    } // keeps the model alive until measured
  }
  return result;
}

async function main(): Promise<void> {
  const ratios: number[] = [];
  let heapMb: number | undefined;
  for (let round = 0; round < rounds; round++) {
    const explorerFirst = round % 2 === 1;
    const e1 = explorerFirst ? await timeExplorer(round === rounds - 1) : undefined;
    const k = await timeKubectl();
    const e = e1 ?? (await timeExplorer(round === rounds - 1));
    heapMb = e.heapMb ?? heapMb;
    ratios.push(e.ms / k);
    console.log(
      `round ${round + 1}: ${e.nodes} nodes, ${e.pods} pods — explorer first complete tree ${e.ms.toFixed(0)} ms, kubectl get nodes,pods -A -o json ${k.toFixed(0)} ms, ratio ${(e.ms / k).toFixed(2)}×`,
    );
  }
  ratios.sort((a, b) => a - b);
  console.log(
    `median ratio explorer/kubectl: ${ratios[Math.floor(ratios.length / 2)].toFixed(2)}×  (goal ≤ 1.0×)`,
  );
  if (heapMb !== undefined) {
    console.log(
      `heap held by cache + model: ${heapMb.toFixed(0)} MB  (goal ≤ 300 MB at 5,000 nodes / 150,000 pods)`,
    );
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
