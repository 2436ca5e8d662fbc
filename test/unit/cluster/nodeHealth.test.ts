import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { projectLease, projectNode, projectPod, type PodInfo } from '../../../src/shared/cluster/model';
import { classifyNode, kubectlNodeStatus, leaseHealth } from '../../../src/shared/cluster/nodeHealth';
import { byName, FIXTURE_NOW, loadList } from './fixtures';

const nodes = loadList('nodes.json');
const leases = loadList('leases.json');
const templatePod = byName(loadList('pods-status.json'), 'web-7d9f8b6c5d-x2x9z');

/** `count` running pods bound to `node`, cloned from a real-shaped pod. */
function podsOn(node: string, count: number, phase = 'Running'): PodInfo[] {
  return Array.from({ length: count }, (_, i) => {
    const pod = structuredClone(templatePod);
    pod.metadata.name = `web-7d9f8b6c5d-${String(i).padStart(5, '0')}`;
    pod.metadata.uid = `uid-${node}-${i}`;
    pod.spec.nodeName = node;
    pod.status.phase = phase;
    return pod;
  });
}

function leaseOf(name: string) {
  return leases.find((l) => l.metadata.name === name);
}

function classify(name: string, pods: PodInfo[] = [], opts = {}) {
  return classifyNode(byName(nodes, name), leaseOf(name), pods, FIXTURE_NOW, opts);
}

const codes = (h: { reasons: readonly { code: string }[] }) => h.reasons.map((r) => r.code);

describe('classifyNode: scenarios of the harness and the seeds', () => {
  const table: {
    node: string;
    pods?: number;
    level: string;
    state: string;
    kubectl: string;
    summary: string;
    codes: string[];
    opts?: object;
  }[] = [
    {
      node: 'node-healthy',
      level: 'ok',
      state: 'Ready',
      kubectl: 'Ready',
      summary: 'Ready · 12/110 pods',
      pods: 12,
      codes: [],
    },
    {
      node: 'node-heartbeat-lost',
      level: 'unknown',
      state: 'Unknown',
      kubectl: 'NotReady',
      summary: 'Unknown · heartbeat lost 2m10s · 3/110 pods',
      pods: 3,
      codes: ['heartbeat-lost', 'taint', 'taint'],
    },
    {
      // seed 001 / 004: PLEG with 84 pods — the example of issue 4
      node: 'node-pleg',
      level: 'error',
      state: 'NotReady',
      kubectl: 'NotReady',
      summary: 'NotReady · PLEG 6m57s · 84/110 pods',
      pods: 84,
      codes: ['pleg-unhealthy', 'pod-density', 'taint', 'taint'],
    },
    {
      node: 'node-pleg-never',
      level: 'error',
      state: 'NotReady',
      kubectl: 'NotReady',
      summary: 'NotReady · PLEG never ran · 0/110 pods',
      codes: ['pleg-never-succeeded', 'taint'],
    },
    {
      node: 'node-runtime-down',
      level: 'error',
      state: 'NotReady',
      kubectl: 'NotReady',
      summary: 'NotReady · runtime down · 0/110 pods',
      codes: ['runtime-down', 'taint', 'taint'],
    },
    {
      node: 'node-network-not-ready',
      level: 'error',
      state: 'NotReady',
      kubectl: 'NotReady',
      summary: 'NotReady · CNI not ready · 0/110 pods',
      codes: ['network-not-ready', 'taint', 'taint'],
    },
    {
      node: 'node-runtime-status-pending',
      level: 'error',
      state: 'NotReady',
      kubectl: 'NotReady',
      summary: 'NotReady · runtime check pending · 0/110 pods',
      codes: ['runtime-status-pending'],
    },
    {
      node: 'node-runtime-not-ready',
      level: 'error',
      state: 'NotReady',
      kubectl: 'NotReady',
      summary: 'NotReady · runtime not ready · 0/110 pods',
      codes: ['runtime-not-ready'],
    },
    {
      node: 'node-aggregate',
      level: 'error',
      state: 'NotReady',
      kubectl: 'NotReady',
      summary: 'NotReady · runtime down · PLEG 3m20s · 0/110 pods',
      codes: ['runtime-down', 'pleg-unhealthy', 'runtime-not-ready'],
    },
    {
      node: 'node-pressure',
      level: 'warning',
      state: 'Ready',
      kubectl: 'Ready',
      summary: 'Ready · MemoryPressure · DiskPressure · 0/110 pods',
      codes: ['memory-pressure', 'disk-pressure', 'pid-pressure', 'taint', 'taint', 'taint'],
    },
    {
      node: 'node-kernel-deadlock',
      level: 'error',
      state: 'Ready',
      kubectl: 'Ready',
      summary: 'Ready · KernelDeadlock · 0/110 pods',
      codes: ['node-problem'],
    },
    {
      // seed 001: a node at its 110-pod limit
      node: 'node-dense',
      level: 'warning',
      state: 'Ready',
      kubectl: 'Ready',
      summary: 'Ready · 110/110 pods',
      pods: 110,
      codes: ['pod-density'],
    },
    {
      // seed 002: Ready, osImage Unknown, Lease stale
      node: 'node-os-image-unknown',
      level: 'error',
      state: 'Ready',
      kubectl: 'Ready',
      summary: 'Ready · heartbeat lost 95s · OS image Unknown · 0/110 pods',
      codes: ['heartbeat-lost', 'os-image-unknown'],
    },
    {
      node: 'node-never-posted',
      level: 'unknown',
      state: 'NeverReported',
      kubectl: 'NotReady',
      summary: 'Unknown · never reported · 0/110 pods',
      codes: ['never-posted'],
    },
    {
      node: 'node-no-ready',
      level: 'unknown',
      state: 'NeverReported',
      kubectl: 'Unknown',
      summary: 'Unknown · never reported · 0/110 pods',
      codes: ['never-posted'],
    },
    {
      node: 'node-cordoned',
      level: 'ok',
      state: 'Ready',
      kubectl: 'Ready,SchedulingDisabled',
      summary: 'Ready · cordoned · 5/110 pods',
      pods: 5,
      codes: ['cordoned'],
    },
    {
      node: 'node-network-unavailable',
      level: 'error',
      state: 'Ready',
      kubectl: 'Ready',
      summary: 'Ready · NetworkUnavailable · 0/110 pods',
      codes: ['network-unavailable', 'taint'],
    },
    {
      node: 'node-old-kubelet',
      level: 'warning',
      state: 'Ready',
      kubectl: 'Ready',
      summary: 'Ready · version skew · 0/110 pods',
      codes: ['version-skew'],
      opts: { controlPlaneVersion: 'v1.33.2' },
    },
    {
      node: 'node-late-lease',
      level: 'warning',
      state: 'Ready',
      kubectl: 'Ready',
      summary: 'Ready · heartbeat late · 0/110 pods',
      codes: ['heartbeat-late'],
    },
    {
      node: 'node-unknown-fresh-lease',
      level: 'unknown',
      state: 'Unknown',
      kubectl: 'NotReady',
      summary: 'Unknown · status unknown · 0/110 pods',
      codes: ['status-unknown'],
    },
  ];

  it('covers every fixture node', () => {
    assert.deepEqual(table.map((r) => r.node).sort(), nodes.map((n) => n.metadata.name).sort());
  });

  for (const row of table) {
    it(`${row.node} → ${row.level}: ${row.summary}`, () => {
      const pods = podsOn(row.node, row.pods ?? 0);
      const health = classify(row.node, pods, row.opts);
      assert.equal(health.level, row.level);
      assert.equal(health.state, row.state);
      assert.equal(health.kubectlStatus, row.kubectl);
      assert.equal(health.summary, row.summary);
      assert.deepEqual(codes(health), row.codes);
      // Projections and client-node style Date timestamps give the same answer.
      const projected = classifyNode(
        projectNode(byName(nodes, row.node)),
        leaseOf(row.node) && projectLease(leaseOf(row.node)),
        pods.map(projectPod),
        new Date(FIXTURE_NOW),
        row.opts,
      );
      assert.deepEqual(projected, health);
    });
  }
});

describe('classifyNode: reason texts', () => {
  it('PLEG: last active duration and threshold from the Ready message', () => {
    const pleg = classify('node-pleg').reasons[0];
    assert.equal(pleg.text, 'PLEG not healthy: last relist 6m57s ago (threshold 3m)');
    assert.match(pleg.detail ?? '', /pleg was last seen active 6m57\.17s ago/);
  });

  it('heartbeat lost: Lease age, controller message in the detail', () => {
    const reason = classify('node-heartbeat-lost').reasons[0];
    assert.equal(reason.text, 'heartbeat lost 2m10s ago');
    assert.match(reason.detail ?? '', /Kubelet stopped posting node status\./);
  });

  it('heartbeat lost without a Lease: falls back to the Ready transition age', () => {
    const health = classifyNode(byName(nodes, 'node-heartbeat-lost'), undefined, [], FIXTURE_NOW);
    assert.equal(health.reasons[0].text, 'Kubelet stopped posting node status (Unknown for 90s)');
    assert.equal(health.lease.state, 'missing');
  });

  it('never posted: the controller message', () => {
    assert.equal(classify('node-never-posted').reasons[0].text, 'Kubelet never posted node status');
  });

  it('CNI: names the plugin problem and keeps the runtime message', () => {
    const reason = classify('node-network-not-ready').reasons[0];
    assert.equal(reason.text, 'Container network not ready: CNI plugin not initialized');
    assert.match(reason.detail ?? '', /NetworkPluginNotReady/);
  });

  it('NPD condition: type, reason and message; False NPD conditions are not reported', () => {
    const health = classify('node-kernel-deadlock');
    assert.equal(health.reasons.length, 1);
    assert.equal(
      health.reasons[0].text,
      'KernelDeadlock for 25m (DockerHung): kernel: INFO: task docker:20744 blocked for more than 120 seconds.',
    );
  });

  it('a non-severe NPD condition is a warning', () => {
    const raw = structuredClone(byName(nodes, 'node-kernel-deadlock'));
    raw.status.conditions[0].type = 'FrequentContainerdRestart';
    const health = classifyNode(raw, leaseOf('node-kernel-deadlock'), [], FIXTURE_NOW);
    assert.equal(health.level, 'warning');
    assert.equal(health.reasons[0].severity, 'warning');
  });

  it('taints are listed with their age', () => {
    const taints = classify('node-heartbeat-lost')
      .reasons.filter((r) => r.code === 'taint')
      .map((r) => r.text);
    assert.deepEqual(taints, [
      'Taint node.kubernetes.io/unreachable:NoSchedule for 90s',
      'Taint node.kubernetes.io/unreachable:NoExecute for 85s',
    ]);
  });

  it('OS image Unknown explains what it usually means (seed 002)', () => {
    const reason = classify('node-os-image-unknown').reasons.find((r) => r.code === 'os-image-unknown');
    assert.equal(reason?.text, 'OS image Unknown: the kubelet could not read /etc/os-release');
  });

  it('a missing OS image (virtual kubelets) is noted without degrading a healthy node', () => {
    const node = structuredClone(byName(nodes, 'node-healthy'));
    delete node.status.nodeInfo.osImage;
    const health = classifyNode(node, leaseOf('node-healthy'), [], FIXTURE_NOW);
    assert.equal(health.level, 'ok');
    assert.equal(health.reasons.find((r) => r.code === 'os-image-unknown')?.severity, 'info');
    assert.doesNotMatch(health.summary, /OS image/);
  });
});

describe('classifyNode: options', () => {
  it('density threshold is configurable (default 70 %)', () => {
    assert.deepEqual(codes(classify('node-dense', podsOn('node-dense', 76))), []); // 69 %
    assert.deepEqual(codes(classify('node-dense', podsOn('node-dense', 77))), ['pod-density']); // 70 %
    assert.equal(
      classify('node-dense', podsOn('node-dense', 77)).reasons[0].text,
      '77/110 pods (70%, warning from 70%)',
    );
    assert.deepEqual(
      codes(classify('node-dense', podsOn('node-dense', 60), { podDensityWarningPercent: 50 })),
      ['pod-density'],
    );
  });

  it('terminal pods do not count against the pod limit', () => {
    const pods = [...podsOn('node-dense', 10), ...podsOn('node-dense', 100, 'Succeeded')];
    const health = classify('node-dense', pods);
    assert.equal(health.podCount, 10);
    assert.equal(health.summary, 'Ready · 10/110 pods');
  });

  it('grace period is configurable: a 27 s old Lease is stale with a 25 s grace', () => {
    assert.deepEqual(codes(classify('node-late-lease', [], { nodeMonitorGracePeriodSeconds: 25 })), [
      'heartbeat-lost',
    ]);
    assert.deepEqual(codes(classify('node-late-lease', [], { nodeMonitorGracePeriodSeconds: 50 })), [
      'heartbeat-late',
    ]);
  });

  it('a watch-observed renew time overrides a skewed renewTime', () => {
    const health = classify('node-os-image-unknown', [], { leaseRenewObservedAtMs: FIXTURE_NOW - 5000 });
    assert.deepEqual(codes(health), ['os-image-unknown']);
    assert.equal(health.lease.state, 'fresh');
  });

  it('kubelet skew within the supported range is informational', () => {
    const within = classify('node-old-kubelet', [], { controlPlaneVersion: 'v1.30.0' });
    assert.equal(within.level, 'ok');
    assert.equal(
      within.reasons[0].text,
      'kubelet v1.28.9, control plane v1.30.0 (within the supported skew)',
    );
    const newer = classify('node-old-kubelet', [], { controlPlaneVersion: 'v1.27.4' });
    assert.equal(
      newer.reasons[0].text,
      'kubelet v1.28.9 is newer than the control plane v1.27.4 (unsupported)',
    );
    assert.equal(classify('node-old-kubelet').reasons.length, 0, 'no control-plane version → no skew check');
  });

  it('NetworkUnavailable can be downgraded to a warning', () => {
    const health = classify('node-network-unavailable', [], { severeConditionTypes: [] });
    assert.equal(health.level, 'warning');
  });
});

describe('leaseHealth', () => {
  const lease = (ageSeconds: number, duration = 40) => ({
    spec: {
      leaseDurationSeconds: duration,
      renewTime: new Date(FIXTURE_NOW - ageSeconds * 1000).toISOString(),
    },
  });
  it('fresh below two renew intervals, late up to the grace period, stale after', () => {
    assert.equal(leaseHealth(lease(19), FIXTURE_NOW).state, 'fresh');
    assert.equal(leaseHealth(lease(20), FIXTURE_NOW).state, 'late');
    assert.equal(leaseHealth(lease(39), FIXTURE_NOW).state, 'late');
    assert.equal(leaseHealth(lease(40), FIXTURE_NOW).state, 'stale');
  });
  it('the renew interval follows leaseDurationSeconds', () => {
    assert.equal(
      leaseHealth(lease(25, 120), FIXTURE_NOW, { nodeMonitorGracePeriodSeconds: 200 }).state,
      'fresh',
    );
  });
  it('missing or unparsable Lease', () => {
    assert.equal(leaseHealth(undefined, FIXTURE_NOW).state, 'missing');
    assert.equal(leaseHealth({ spec: { renewTime: 'not a time' } }, FIXTURE_NOW).state, 'missing');
  });
  it('a renewTime in the future (clock skew) counts as fresh', () => {
    assert.equal(leaseHealth(lease(-30), FIXTURE_NOW).ageMs, 0);
  });
});

describe('kubectlNodeStatus', () => {
  it('matches printNode', () => {
    assert.equal(kubectlNodeStatus(byName(nodes, 'node-healthy')), 'Ready');
    assert.equal(kubectlNodeStatus(byName(nodes, 'node-pleg')), 'NotReady');
    assert.equal(kubectlNodeStatus(byName(nodes, 'node-heartbeat-lost')), 'NotReady');
    assert.equal(kubectlNodeStatus(byName(nodes, 'node-no-ready')), 'Unknown');
    const cordonedNotReady = structuredClone(byName(nodes, 'node-pleg'));
    cordonedNotReady.spec.unschedulable = true;
    assert.equal(kubectlNodeStatus(cordonedNotReady), 'NotReady,SchedulingDisabled');
  });
});
