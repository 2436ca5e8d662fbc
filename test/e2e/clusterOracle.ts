// What the explorer must show, computed by the extension's own pure classifier and presentation
// (src/shared/cluster) from kubectl's view of the API server, independently of the extension's
// caches and watches.
import { presentNode, type Presentation } from '../../src/shared/cluster/healthPresentation';
import { classifyNode } from '../../src/shared/cluster/nodeHealth';
import {
  nodeName,
  projectLease,
  projectNode,
  projectPod,
  type NodeInfo,
  type PodInfo,
} from '../../src/shared/cluster/model';
import type { NodeHealth } from '../../src/shared/cluster/nodeHealth';
import { kubectlJson } from './kubectl';

export interface ExpectedNode {
  readonly node: NodeInfo;
  readonly health: NodeHealth;
  /** The row the explorer must draw: codicon, badge, description (healthPresentation). */
  readonly look: Presentation;
}

/** The classifier's verdict on every node and its presentation, by name. */
export async function classifiedNodes(): Promise<Map<string, ExpectedNode>> {
  const [nodes, leases, pods] = await Promise.all([
    kubectlJson('get', 'nodes'),
    kubectlJson('get', 'leases', '-n', 'kube-node-lease'),
    kubectlJson('get', 'pods', '-A'),
  ]);
  const now = Date.now();
  const podsByNode = new Map<string, PodInfo[]>();
  for (const pod of pods.items.map(projectPod)) {
    const node = pod.spec?.nodeName;
    if (node) {
      podsByNode.set(node, [...(podsByNode.get(node) ?? []), pod]);
    }
  }
  const leaseByName = new Map(leases.items.map(projectLease).map((l) => [l.metadata?.name ?? '', l]));
  const expected = new Map<string, ExpectedNode>();
  for (const node of nodes.items.map(projectNode)) {
    const name = nodeName(node);
    const health = classifyNode(node, leaseByName.get(name), podsByNode.get(name) ?? [], now);
    expected.set(name, { node, health, look: presentNode(health, node, now) });
  }
  return expected;
}

/** Durations tick while the test looks ("heartbeat lost 5m53s"): compare descriptions without them. */
export function withoutDurations(text: string): string {
  // Go-style compound durations: 58s, 2m45s, 1h0m3s, 3m0.41s.
  return text.replace(/(\d+(\.\d+)?(ms|h|m|s|d))+\b/g, '#');
}
