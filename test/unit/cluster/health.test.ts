import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  classifyNode,
  classifyPod,
  rankNodes,
  rankPods,
  summarizeCluster,
} from '../../../src/shared/cluster/health';
import { FIXTURE_NOW, loadList } from './fixtures';

const nodes = loadList('nodes.json');
const leases = loadList('leases.json');
const pods = [...loadList('pods-status.json'), ...loadList('pods-health.json')];

const nodeHealths = nodes.map((n) =>
  classifyNode(
    n,
    leases.find((l) => l.metadata.name === n.metadata.name),
    [],
    FIXTURE_NOW,
  ),
);
const podHealths = pods.map((p) =>
  classifyPod(
    p,
    nodes.find((n) => n.metadata.name === p.spec.nodeName),
    FIXTURE_NOW,
  ),
);

describe('ranking', () => {
  it('nodes: worst first (error, unknown, warning, ok), then by name', () => {
    const ranked = rankNodes(nodeHealths).map((h) => `${h.level} ${h.name}`);
    assert.deepEqual(ranked, [
      'error node-aggregate',
      'error node-kernel-deadlock',
      'error node-network-not-ready',
      'error node-network-unavailable',
      'error node-os-image-unknown',
      'error node-pleg',
      'error node-pleg-never',
      'error node-runtime-down',
      'error node-runtime-not-ready',
      'error node-runtime-status-pending',
      'unknown node-heartbeat-lost',
      'unknown node-never-posted',
      'unknown node-no-ready',
      'unknown node-unknown-fresh-lease',
      'warning node-late-lease',
      'warning node-pressure',
      'ok node-cordoned',
      'ok node-dense',
      'ok node-healthy',
      'ok node-old-kubelet',
    ]);
  });

  it('pods: worst first, then namespace and name', () => {
    const ranked = rankPods([
      { level: 'ok', namespace: 'a', name: 'z' },
      { level: 'warning', namespace: 'b', name: 'a' },
      { level: 'error', namespace: 'b', name: 'b' },
      { level: 'error', namespace: 'a', name: 'c' },
      { level: 'unknown', namespace: 'a', name: 'a' },
    ] as const);
    assert.deepEqual(
      ranked.map((p) => `${p.namespace}/${p.name}`),
      ['a/c', 'b/b', 'a/a', 'b/a', 'a/z'],
    );
  });
});

describe('summarizeCluster', () => {
  it('counts NotReady, Unknown, degraded nodes and stuck pods', () => {
    const summary = summarizeCluster(nodeHealths, podHealths);
    assert.equal(summary.nodes, 20);
    assert.equal(summary.notReadyNodes, 7);
    assert.equal(summary.unknownNodes, 4);
    assert.equal(summary.readyNodes, 9);
    assert.equal(summary.degradedNodes, 5);
    assert.equal(summary.cordonedNodes, 1);
    assert.equal(summary.stuckPods, 8);
    assert.equal(summary.level, 'error');
    assert.equal(summary.text, '7 NotReady · 4 Unknown · 5 degraded · 8 stuck pods · 13 failing pods');
  });

  it('a healthy cluster says so', () => {
    const healthy = nodeHealths.filter((h) => h.level === 'ok');
    assert.equal(summarizeCluster(healthy, []).text, '4 nodes Ready');
    assert.equal(summarizeCluster(healthy.slice(0, 1), []).text, '1 node Ready');
    assert.equal(summarizeCluster(healthy, []).level, 'ok');
  });

  it('the example of issue 4: 2 NotReady · 5 stuck pods', () => {
    const two = nodeHealths.filter((h) => h.name === 'node-pleg' || h.name === 'node-runtime-down');
    const stuck = podHealths.filter((p) => p.termination?.stuck).slice(0, 5);
    assert.equal(summarizeCluster(two, stuck).text, '2 NotReady · 5 stuck pods');
  });
});
