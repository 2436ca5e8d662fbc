import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClusterStore } from '../../../src/client/explorer/clusterStore';
import type { Timers } from '../../../src/client/explorer/coalescer';
import { ExplorerModel, parseResourceUri } from '../../../src/client/explorer/explorerModel';
import type { TreeElement } from '../../../src/client/explorer/treeTypes';
import { projectEvent, projectLease, projectNode, projectPod } from '../../../src/shared/cluster/model';

const T0 = Date.parse('2026-11-24T06:00:00Z');
const iso = (offsetMs: number) => new Date(T0 + offsetMs).toISOString();
const noTimers: Timers = { setTimeout: () => 0, clearTimeout: () => undefined };

function readyNode(name: string, extra: { unschedulable?: boolean } = {}) {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name } },
    spec: extra.unschedulable ? { unschedulable: true } : {},
    status: {
      conditions: [
        {
          type: 'MemoryPressure',
          status: 'False',
          reason: 'KubeletHasSufficientMemory',
          lastTransitionTime: iso(-86_400_000),
        },
        {
          type: 'Ready',
          status: 'True',
          reason: 'KubeletReady',
          message: 'kubelet is posting ready status',
          lastHeartbeatTime: iso(-20_000),
          lastTransitionTime: iso(-86_400_000),
        },
      ],
      allocatable: { pods: '110', cpu: '8', memory: '32Gi' },
      nodeInfo: { kubeletVersion: 'v1.36.3', osImage: 'Debian GNU/Linux 12 (bookworm)' },
    },
  };
}

function plegNode(name: string) {
  const n = readyNode(name);
  n.status.conditions[1] = {
    type: 'Ready',
    status: 'False',
    reason: 'KubeletNotReady',
    message: 'PLEG is not healthy: pleg was last seen active 6m57.17s ago; threshold is 3m0s',
    lastHeartbeatTime: iso(-5000),
    lastTransitionTime: iso(-240_000),
  };
  return n;
}

function silentNode(name: string) {
  const n = readyNode(name);
  n.status.conditions[1] = {
    type: 'Ready',
    status: 'Unknown',
    reason: 'NodeStatusUnknown',
    message: 'Kubelet stopped posting node status.',
    lastHeartbeatTime: iso(-200_000),
    lastTransitionTime: iso(-130_000),
  };
  return n;
}

function lease(name: string, renewOffsetMs: number) {
  return {
    metadata: { name, namespace: 'kube-node-lease' },
    spec: {
      holderIdentity: name,
      leaseDurationSeconds: 40,
      renewTime: new Date(T0 + renewOffsetMs).toISOString().replace('Z', '000Z'),
    },
  };
}

function runningPod(ns: string, name: string, nodeName: string) {
  return {
    metadata: { name, namespace: ns, uid: `${ns}-${name}`, creationTimestamp: iso(-3_600_000) },
    spec: { nodeName, containers: [{ name: 'app' }] },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [
        { name: 'app', ready: true, restartCount: 0, state: { running: { startedAt: iso(-3_000_000) } } },
      ],
    },
  };
}

function crashingPod(ns: string, name: string, nodeName: string) {
  return {
    metadata: { name, namespace: ns, uid: `${ns}-${name}` },
    spec: { nodeName, containers: [{ name: 'app' }] },
    status: {
      phase: 'Running',
      containerStatuses: [
        {
          name: 'app',
          ready: false,
          restartCount: 7,
          state: {
            waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s restarting failed container=app' },
          },
          lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: iso(-60_000) } },
        },
      ],
    },
  };
}

function stuckFinalizingPod(ns: string, name: string, nodeName: string) {
  return {
    metadata: {
      name,
      namespace: ns,
      uid: `${ns}-${name}`,
      deletionTimestamp: iso(-600_000),
      deletionGracePeriodSeconds: 30,
      finalizers: ['example.com/hold'],
    },
    spec: { nodeName, containers: [{ name: 'app' }], terminationGracePeriodSeconds: 30 },
    status: {
      phase: 'Running',
      containerStatuses: [
        {
          name: 'app',
          ready: false,
          restartCount: 0,
          state: { terminated: { exitCode: 0, reason: 'Completed' } },
        },
      ],
    },
  };
}

function pendingPod(ns: string, name: string) {
  return {
    metadata: { name, namespace: ns, uid: `${ns}-${name}` },
    spec: { containers: [{ name: 'app' }] },
    status: {
      phase: 'Pending',
      conditions: [
        {
          type: 'PodScheduled',
          status: 'False',
          reason: 'Unschedulable',
          message: '0/4 nodes are available: 4 Insufficient cpu.',
        },
      ],
    },
  };
}

function fixture(problemsOnly = false) {
  let now = T0;
  const store = new ClusterStore(100, noTimers);
  store.replaceNodes(
    [
      readyNode('node-a'),
      plegNode('node-pleg'),
      silentNode('node-silent'),
      readyNode('node-cordoned', { unschedulable: true }),
    ].map(projectNode),
  );
  store.replaceLeases(
    [
      lease('node-a', -3000),
      lease('node-pleg', -4000),
      lease('node-silent', -130_000),
      lease('node-cordoned', -2000),
    ].map(projectLease),
  );
  const pods = [
    runningPod('web', 'ok-1', 'node-a'),
    crashingPod('web', 'crash', 'node-a'),
    runningPod('web', 'ok-2', 'node-a'),
    stuckFinalizingPod('batch', 'held', 'node-silent'),
    pendingPod('web', 'waiting'),
  ];
  for (let i = 0; i < 84; i++) {
    pods.push(runningPod('dense', `p${String(i).padStart(3, '0')}`, 'node-pleg'));
  }
  store.replacePods(pods.map(projectPod));
  store.replaceEvents([
    projectEvent({
      metadata: { name: 'node-pleg.1', namespace: 'default' },
      involvedObject: { kind: 'Node', name: 'node-pleg' },
      reason: 'NodeNotReady',
      message: 'Node node-pleg status is now: NodeNotReady',
      type: 'Normal',
      lastTimestamp: iso(-240_000),
      count: 1,
    }),
  ]);
  const model = new ExplorerModel(store, 'kind-test', { problemsOnly, nodeHealth: {} }, () => now);
  model.update({ all: true, nodes: new Set(), pods: new Set(), unscheduled: true });
  return { model, store, advance: (ms: number) => (now += ms) };
}

function cluster(model: ExplorerModel): TreeElement {
  const roots = model.roots();
  assert.equal(roots.length, 1);
  return roots[0];
}

function labels(model: ExplorerModel, elements: TreeElement[]): string[] {
  return elements.map((e) => model.item(e).label);
}

test('nodes are listed worst first, then by name; the unscheduled group follows', () => {
  const { model } = fixture();
  const children = model.children(cluster(model));
  assert.deepEqual(labels(model, children), [
    'node-pleg',
    'node-silent',
    'node-a',
    'node-cordoned',
    'Not scheduled',
  ]);
});

test('the PLEG node tells its story in the description', () => {
  const { model } = fixture();
  const pleg = model.children(cluster(model)).find((e) => e.kind === 'node' && e.name === 'node-pleg')!;
  const item = model.item(pleg);
  assert.equal(item.description, 'NotReady · PLEG 6m57s · 84/110 pods');
  assert.deepEqual(item.icon, { id: 'error', color: 'list.errorForeground' });
  assert.equal(item.resourceUri, 'knd-node:/kind-test/node-pleg');
  assert.equal(item.collapsible, 'collapsed');
});

test('node context values carry state, cordon and heartbeat tokens', () => {
  const { model } = fixture();
  const byName = new Map(
    model
      .children(cluster(model))
      .filter((e) => e.kind === 'node')
      .map((e) => [(e as { name: string }).name, model.item(e)]),
  );
  assert.equal(byName.get('node-cordoned')?.contextValue, 'node ready cordoned levelOk');
  assert.equal(byName.get('node-a')?.contextValue, 'node ready schedulable hasPods levelOk');
  assert.match(
    byName.get('node-silent')?.contextValue ?? '',
    /^node statusUnknown schedulable heartbeatLost hasPods level(Error|Unknown)$/,
  );
  assert.match(byName.get('node-silent')?.description ?? '', /heartbeat lost/);
});

test('a node tooltip lists reasons, conditions with ages, the Lease age and recent events', () => {
  const { model } = fixture();
  const pleg = model.children(cluster(model)).find((e) => e.kind === 'node' && e.name === 'node-pleg')!;
  const tooltip = model.item(pleg).tooltip ?? '';
  const lines = tooltip.split('\n');
  assert.match(tooltip, /PLEG not healthy/);
  assert.ok(lines.includes('| Ready | False | KubeletNotReady | 4m | 5s |'), tooltip);
  assert.ok(lines.includes('**Lease**: renewed 4s ago (fresh; duration 40s, holder node-pleg)'), tooltip);
  assert.ok(lines.includes('**Pods**: 84 / 110 allocatable'), tooltip);
  assert.ok(lines.includes('- 4m ago **NodeNotReady**: Node node-pleg status is now: NodeNotReady'), tooltip);
});

test('a node tooltip shows taints verbatim inside code spans', () => {
  const { model, store } = fixture();
  const tainted = plegNode('node-pleg');
  store.upsertNode(
    projectNode({
      ...tainted,
      spec: {
        taints: [
          { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' },
          { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute', timeAdded: iso(-200_000) },
        ],
      },
    }),
  );
  model.update({ all: false, nodes: new Set(['node-pleg']), pods: new Set(), unscheduled: false });
  const pleg = model.children(cluster(model)).find((e) => e.kind === 'node' && e.name === 'node-pleg')!;
  const tooltip = model.item(pleg).tooltip ?? '';
  assert.ok(
    tooltip
      .split('\n')
      .includes(
        '**Taints**: `node.kubernetes.io/not-ready:NoSchedule`, `node.kubernetes.io/not-ready:NoExecute`',
      ),
    tooltip,
  );
  assert.doesNotMatch(tooltip, /not\\-ready|kubernetes\\\./);
});

test('a node tooltip says when Leases cannot be read instead of calling the Lease missing', () => {
  const store = new ClusterStore(100, noTimers);
  store.replaceNodes([readyNode('node-a')].map(projectNode));
  store.markUnavailable('leases');
  const model = new ExplorerModel(store, 'kind-test', { problemsOnly: false, nodeHealth: {} }, () => T0);
  model.update({ all: true, nodes: new Set(), pods: new Set(), unscheduled: true });
  const nodeA = model.children(cluster(model)).find((e) => e.kind === 'node' && e.name === 'node-a')!;
  assert.ok((model.item(nodeA).tooltip ?? '').split('\n').includes('**Lease**: not readable (forbidden)'));
});

test('rows and decorations follow the shared health presentation', () => {
  const { model } = fixture();
  const nodes = new Map(
    model
      .children(cluster(model))
      .filter((e) => e.kind === 'node')
      .map((e) => [(e as { name: string }).name, model.item(e)]),
  );
  assert.deepEqual(nodes.get('node-a')?.icon, { id: 'pass', color: 'testing.iconPassed' });
  assert.deepEqual(nodes.get('node-silent')?.icon, { id: 'debug-disconnect', color: 'list.errorForeground' });
  assert.deepEqual(nodes.get('node-cordoned')?.icon, {
    id: 'circle-slash',
    color: 'list.deemphasizedForeground',
  });
  assert.deepEqual(model.decoration('knd-node:/kind-test/node-silent'), {
    badge: '?',
    color: 'list.errorForeground',
    tooltip: model.nodeHealth('node-silent')?.reasons[0]?.text,
  });
  assert.deepEqual(model.decoration('knd-node:/kind-test/node-cordoned')?.badge, 'C');

  const silent = model.children(cluster(model)).find((e) => e.kind === 'node' && e.name === 'node-silent')!;
  const held = model.item(model.children(silent)[0]);
  assert.deepEqual(held.icon, { id: 'lock', color: 'list.errorForeground' });
  assert.equal(model.decoration('knd-pod:/kind-test/batch/held')?.badge, 'F');
  const nodeA = model.children(cluster(model)).find((e) => e.kind === 'node' && e.name === 'node-a')!;
  const crash = model.item(model.children(nodeA)[0]);
  assert.deepEqual(crash.icon, { id: 'error', color: 'list.errorForeground' });
  assert.deepEqual(model.item(model.children(nodeA)[1]).icon, { id: 'pass', color: 'testing.iconPassed' });
});

test("a node's pods are listed worst first with kubectl's STATUS", () => {
  const { model } = fixture();
  const nodeA = model.children(cluster(model)).find((e) => e.kind === 'node' && e.name === 'node-a')!;
  const pods = model.children(nodeA);
  assert.deepEqual(labels(model, pods), ['crash', 'ok-1', 'ok-2']);
  const crash = model.item(pods[0]);
  assert.match(crash.description ?? '', /^web · CrashLoopBackOff/);
  assert.match(crash.contextValue, /\bcrashLoop\b/);
  assert.match(crash.contextValue, /\blevelError\b/);
  assert.equal(crash.resourceUri, 'knd-pod:/kind-test/web/crash');
});

test('a pod stuck terminating because of a finalizer gets the finalizer tokens', () => {
  const { model } = fixture();
  const silent = model.children(cluster(model)).find((e) => e.kind === 'node' && e.name === 'node-silent')!;
  const [held] = model.children(silent);
  const item = model.item(held);
  for (const token of ['pod', 'terminating', 'finalizing', 'stuck', 'finalizers', 'nodeNotReady']) {
    assert.match(item.contextValue, new RegExp(`\\b${token}\\b`), `token ${token} in "${item.contextValue}"`);
  }
  const lines = (item.tooltip ?? '').split('\n');
  assert.ok(lines.includes('**Finalizers**: `example.com/hold`'), item.tooltip);
  assert.ok(
    lines.includes('**Node**: node-silent — Unknown · heartbeat lost 2m10s · 1/110 pods'),
    item.tooltip,
  );
});

test('problems-only hides healthy nodes and healthy pods', () => {
  const { model } = fixture(true);
  const children = model.children(cluster(model));
  assert.deepEqual(labels(model, children), ['node-pleg', 'node-silent', 'node-a', 'Not scheduled']);
  const nodeA = children.find((e) => e.kind === 'node' && e.name === 'node-a')!;
  assert.deepEqual(labels(model, model.children(nodeA)), ['crash']);
  const pleg = children.find((e) => e.kind === 'node' && e.name === 'node-pleg')!;
  assert.deepEqual(model.children(pleg), [], 'the 84 running pods are hidden');
});

test('decorations: badge and colour for sick nodes and pods, nothing for healthy ones', () => {
  const { model } = fixture();
  assert.deepEqual(model.decoration('knd-node:/kind-test/node-pleg'), {
    badge: 'NR',
    color: 'list.errorForeground',
    tooltip: 'PLEG not healthy: last relist 6m57s ago (threshold 3m)',
  });
  assert.equal(model.decoration('knd-node:/kind-test/node-a'), undefined);
  assert.equal(model.decoration('knd-pod:/kind-test/web/ok-1'), undefined);
  assert.equal(model.decoration('knd-pod:/kind-test/web/crash')?.badge, 'CL');
  assert.equal(model.decoration('knd-node:/other-context/node-pleg'), undefined);
});

test('the cluster summary counts NotReady nodes and stuck pods', () => {
  const { model } = fixture();
  const summary = model.summary();
  assert.match(summary.text, /^1 NotReady · 1 Unknown/);
  assert.match(summary.text, /1 stuck pod/);
  assert.equal(summary.level, 'error');
  assert.match(model.item(cluster(model)).description ?? '', /1 NotReady/);
});

test('a pod change refreshes only its node, and only its decoration changes', () => {
  const { model, store } = fixture();
  const children = model.children(cluster(model));
  const nodeA = children.find((e) => e.kind === 'node' && e.name === 'node-a')!;
  model.children(nodeA);
  store.upsertPod(projectPod(crashingPod('web', 'ok-1', 'node-a')));
  const delta = model.update({
    all: false,
    nodes: new Set(['node-a']),
    pods: new Set(['web/ok-1']),
    unscheduled: false,
  });
  assert.equal(delta.whole, false);
  assert.ok(delta.elements.includes(nodeA), 'the node element (same object as the tree holds) is refreshed');
  assert.deepEqual(delta.decorations, ['knd-pod:/kind-test/web/ok-1']);
});

test('a Lease that stops being renewed turns into "heartbeat lost" on a clock tick, without events', () => {
  const { model, advance } = fixture();
  const nodeA = () => model.children(cluster(model)).find((e) => e.kind === 'node' && e.name === 'node-a')!;
  assert.doesNotMatch(model.item(nodeA()).description ?? '', /heartbeat/);
  advance(60_000);
  const delta = model.update('tick');
  assert.match(model.item(nodeA()).description ?? '', /heartbeat lost 63s/);
  assert.match(model.item(nodeA()).contextValue, /\bheartbeatLost\b/);
  assert.ok(delta.decorations.includes('knd-node:/kind-test/node-a'));
});

test('a renewal seen through the watch counts from when we saw it, not from the node clock', () => {
  const { model, store, advance } = fixture();
  advance(60_000);
  // The node's clock is 2 minutes behind: its renewTime looks old, but it just changed.
  store.upsertLease(projectLease(lease('node-a', -60_000)));
  model.update({ all: false, nodes: new Set(['node-a']), pods: new Set(), unscheduled: false });
  assert.equal(model.nodeHealth('node-a')?.lease.state, 'fresh');
});

test('resource URIs round-trip, including context names with slashes and colons', () => {
  const store = new ClusterStore(100, noTimers);
  const model = new ExplorerModel(store, 'arn:aws:eks:eu-west-1:1:cluster/prod', {
    problemsOnly: false,
    nodeHealth: {},
  });
  assert.deepEqual(parseResourceUri(model.podUri('kube-system/coredns-1')), {
    kind: 'pod',
    context: 'arn:aws:eks:eu-west-1:1:cluster/prod',
    namespace: 'kube-system',
    name: 'coredns-1',
    key: 'kube-system/coredns-1',
  });
  assert.deepEqual(parseResourceUri(model.nodeUri('ip-10-0-0-1')), {
    kind: 'node',
    context: 'arn:aws:eks:eu-west-1:1:cluster/prod',
    name: 'ip-10-0-0-1',
  });
});

test('pods on a deleted node appear under "Deleted nodes"', () => {
  const { model, store } = fixture();
  store.upsertPod(projectPod(runningPod('web', 'orphan', 'node-gone')));
  model.update({
    all: false,
    nodes: new Set(['node-gone']),
    pods: new Set(['web/orphan']),
    unscheduled: false,
  });
  const group = model.children(cluster(model)).find((e) => e.kind === 'group' && e.group === 'orphans')!;
  const [ghost] = model.children(group);
  assert.equal(model.item(ghost).label, 'node-gone');
  assert.deepEqual(labels(model, model.children(ghost)), ['orphan']);
});
