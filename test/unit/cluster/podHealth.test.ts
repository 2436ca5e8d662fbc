import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { projectNode, projectPod, type NodeInfo } from '../../../src/shared/cluster/model';
import { classifyNode } from '../../../src/shared/cluster/nodeHealth';
import { classifyPod } from '../../../src/shared/cluster/podHealth';
import { byName, FIXTURE_NOW, loadList } from './fixtures';

const nodes = loadList('nodes.json');
const leases = loadList('leases.json');
const pods = [...loadList('pods-status.json'), ...loadList('pods-health.json')];

function nodeFor(name: string | undefined): NodeInfo | undefined {
  return name ? nodes.find((n) => n.metadata.name === name) : undefined;
}

function classify(name: string, opts = {}) {
  const pod = byName(pods, name);
  return classifyPod(pod, nodeFor(pod.spec.nodeName), FIXTURE_NOW, opts);
}

const codes = (h: { reasons: readonly { code: string }[] }) => h.reasons.map((r) => r.code);

describe('classifyPod: bad pods and stuck pods', () => {
  const table: {
    pod: string;
    status: string;
    label?: string;
    level: string;
    summary: string;
    codes: string[];
  }[] = [
    { pod: 'web-7d9f8b6c5d-x2x9z', status: 'Running', level: 'ok', summary: 'Running', codes: [] },
    {
      pod: 'api-5c6b7d8e9f-crash',
      status: 'CrashLoopBackOff',
      level: 'error',
      summary: 'CrashLoopBackOff · 12 restarts',
      codes: ['crash-loop'],
    },
    {
      pod: 'api-5c6b7d8e9f-oomlp',
      status: 'CrashLoopBackOff',
      level: 'error',
      summary: 'CrashLoopBackOff · OOMKilled · 7 restarts',
      codes: ['crash-loop'],
    },
    {
      pod: 'img-6f7g8h9i0j-ipbo1',
      status: 'ImagePullBackOff',
      level: 'error',
      summary: 'ImagePullBackOff',
      codes: ['image-pull'],
    },
    {
      pod: 'img-6f7g8h9i0j-eip01',
      status: 'ErrImagePull',
      level: 'error',
      summary: 'ErrImagePull',
      codes: ['image-pull'],
    },
    {
      pod: 'web-7d9f8b6c5d-pend1',
      status: 'Pending',
      level: 'warning',
      summary: 'Pending · Unschedulable',
      codes: ['unschedulable'],
    },
    {
      pod: 'web-7d9f8b6c5d-crt01',
      status: 'ContainerCreating',
      level: 'warning',
      summary: 'ContainerCreating · ContainerCreating 14m',
      codes: ['slow-start'],
    },
    {
      pod: 'web-7d9f8b6c5d-evict',
      status: 'ContainerStatusUnknown',
      level: 'warning',
      summary: 'ContainerStatusUnknown · Evicted',
      codes: ['evicted'],
    },
    {
      pod: 'batch-job-oomkd',
      status: 'OOMKilled',
      level: 'error',
      summary: 'OOMKilled',
      codes: ['oom-killed'],
    },
    { pod: 'batch-job-done1', status: 'Completed', level: 'ok', summary: 'Completed', codes: [] },
    {
      pod: 'batch-job-error',
      status: 'Error',
      level: 'error',
      summary: 'Error',
      codes: ['container-failed'],
    },
    {
      pod: 'cfg-3k4l5m6n7o-cfger',
      status: 'CreateContainerConfigError',
      level: 'error',
      summary: 'CreateContainerConfigError',
      codes: ['container-error'],
    },
    {
      pod: 'init-8a9b0c1d2e-icrsh',
      status: 'Init:CrashLoopBackOff',
      level: 'error',
      summary: 'Init:CrashLoopBackOff · 6 restarts',
      codes: ['crash-loop'],
    },
    {
      pod: 'init-8a9b0c1d2e-ierr1',
      status: 'Init:Error',
      level: 'error',
      summary: 'Init:Error · init failed',
      codes: ['init-failed'],
    },
    {
      pod: 'web-7d9f8b6c5d-nrdy1',
      status: 'Running',
      level: 'warning',
      summary: 'Running · not ready',
      codes: ['container-not-ready'],
    },
    {
      pod: 'api-5c6b7d8e9f-oomrn',
      status: 'Running',
      level: 'warning',
      summary: 'Running · OOMKilled · 1 restart',
      codes: ['oom-killed'],
    },
    {
      pod: 'gated-1a2b3c4d5e-gatd1',
      status: 'SchedulingGated',
      level: 'ok',
      summary: 'SchedulingGated',
      codes: ['scheduling-gated'],
    },
    // NodeLost pod deleted 60 s ago on the heartbeat-lost node: kubectl says Unknown; we say why it stays.
    {
      pod: 'web-7d9f8b6c5d-nlost',
      status: 'Unknown',
      level: 'error',
      summary: 'Unknown · Terminating 60s · node lost',
      codes: ['stuck-terminating', 'node-lost'],
    },
    // stuck-terminating scenario
    {
      pod: 'orders-6d5c4b3a2-fnlz1',
      status: 'Terminating',
      label: 'Finalizing',
      level: 'error',
      summary: 'Finalizing · Finalizing 15m',
      codes: ['finalizing'],
    },
    {
      pod: 'pvc-user-0',
      status: 'Completed',
      label: 'Finalizing',
      level: 'error',
      summary: 'Finalizing · Finalizing 6m40s',
      codes: ['finalizing'],
    },
    {
      pod: 'web-7d9f8b6c5d-hblst',
      status: 'Terminating',
      level: 'error',
      summary: 'Terminating · Terminating 10m',
      codes: ['stuck-terminating'],
    },
    {
      pod: 'web-7d9f8b6c5d-plegt',
      status: 'Terminating',
      level: 'error',
      summary: 'Terminating · Terminating 3m20s',
      codes: ['stuck-terminating'],
    },
    {
      pod: 'nfs-client-7f8e9d-slow1',
      status: 'Terminating',
      level: 'error',
      summary: 'Terminating · Terminating 5m',
      codes: ['stuck-terminating'],
    },
    {
      pod: 'web-7d9f8b6c5d-gone1',
      status: 'Terminating',
      level: 'error',
      summary: 'Terminating · Terminating 30m',
      codes: ['stuck-terminating'],
    },
    {
      pod: 'web-7d9f8b6c5d-grace',
      status: 'Terminating',
      level: 'ok',
      summary: 'Terminating',
      codes: ['terminating'],
    },
    {
      pod: 'web-7d9f8b6c5d-termn',
      status: 'Terminating',
      level: 'ok',
      summary: 'Terminating',
      codes: ['terminating'],
    },
    {
      pod: 'job-worker-abc12',
      status: 'Terminating',
      level: 'error',
      summary: 'Terminating · Terminating 8m20s',
      codes: ['stuck-terminating', 'finalizers'],
    },
    {
      pod: 'web-7d9f8b6c5d-slowc',
      status: 'ContainerCreating',
      level: 'warning',
      summary: 'ContainerCreating · ContainerCreating 19m',
      codes: ['slow-start'],
    },
  ];

  for (const row of table) {
    it(`${row.pod} → ${row.level}: ${row.summary}`, () => {
      const health = classify(row.pod);
      assert.equal(health.status, row.status);
      assert.equal(health.label, row.label ?? row.status);
      assert.equal(health.level, row.level);
      assert.equal(health.summary, row.summary);
      assert.deepEqual(codes(health), row.codes);
      const raw = byName(pods, row.pod);
      const node = nodeFor(raw.spec.nodeName);
      assert.deepEqual(
        classifyPod(projectPod(raw), node && projectNode(node), new Date(FIXTURE_NOW)),
        health,
      );
    });
  }
});

describe('classifyPod: texts', () => {
  it('CrashLoopBackOff: restarts and the last exit with its age; back-off message as detail', () => {
    const reason = classify('api-5c6b7d8e9f-crash').reasons[0];
    assert.equal(
      reason.text,
      'container app in CrashLoopBackOff: 12 restarts; last exit Error (exit code 1) 3m10s ago',
    );
    assert.match(reason.detail ?? '', /^back-off 5m0s restarting failed container=app/);
    assert.equal(
      classify('api-5c6b7d8e9f-oomlp').reasons[0].text,
      'container app in CrashLoopBackOff: 7 restarts; last exit OOMKilled (exit code 137) 100s ago',
    );
  });

  it('image pull: the image and the registry error', () => {
    const reason = classify('img-6f7g8h9i0j-eip01').reasons[0];
    assert.equal(reason.text, 'container app: ErrImagePull for private.example.com/secret/app:2.0');
    assert.match(reason.detail ?? '', /pull access denied/);
  });

  it('Unschedulable: the scheduler message', () => {
    assert.match(
      classify('web-7d9f8b6c5d-pend1').reasons[0].text,
      /^Unschedulable: 0\/3 nodes are available: 1 node\(s\) had untolerated taint/,
    );
  });

  it('Evicted: the kubelet message', () => {
    assert.match(
      classify('web-7d9f8b6c5d-evict').reasons[0].text,
      /^Evicted: The node was low on resource: memory\./,
    );
  });

  it('Finalizing lists the finalizers', () => {
    const health = classify('pvc-user-0');
    assert.equal(
      health.reasons[0].text,
      'Finalizing for 6m40s: waiting for finalizers kubernetes.io/pvc-protection, foregroundDeletion',
    );
    assert.deepEqual(health.termination?.finalizers, ['kubernetes.io/pvc-protection', 'foregroundDeletion']);
    assert.equal(health.termination?.cause, 'finalizers');
  });

  it('stuck causes: unreachable, NotReady, gone, slow shutdown', () => {
    assert.equal(classify('web-7d9f8b6c5d-hblst').termination?.cause, 'node-unreachable');
    assert.equal(
      classify('web-7d9f8b6c5d-hblst').reasons[0].text,
      'Stuck Terminating for 10m: node node-heartbeat-lost is Unknown, its kubelet cannot confirm the deletion',
    );
    assert.equal(classify('web-7d9f8b6c5d-plegt').termination?.cause, 'node-not-ready');
    assert.equal(classify('web-7d9f8b6c5d-gone1').termination?.cause, 'node-gone');
    assert.equal(
      classify('web-7d9f8b6c5d-gone1').reasons[0].text,
      'Stuck Terminating for 30m: node node-deleted no longer exists',
    );
    assert.equal(classify('nfs-client-7f8e9d-slow1').termination?.cause, 'slow-shutdown');
    assert.equal(
      classify('job-worker-abc12').reasons[1].text,
      'Finalizers remain: batch.kubernetes.io/job-tracking',
    );
  });

  it('termination times: grace end, grace period, time since', () => {
    const t = classify('nfs-client-7f8e9d-slow1').termination!;
    assert.equal(t.gracePeriodSeconds, 60);
    assert.equal(t.sinceGraceEndMs, 300_000);
    assert.equal(t.stuck, true);
    assert.equal(classify('web-7d9f8b6c5d-grace').reasons[0].text, 'Terminating: grace period ends in 25s');
  });

  it('a node seen as Ready with a stale Lease makes its terminating pods unreachable (seed 002)', () => {
    const pod = structuredClone(byName(pods, 'nfs-client-7f8e9d-slow1'));
    pod.spec.nodeName = 'node-os-image-unknown';
    const node = byName(nodes, 'node-os-image-unknown');
    const nodeHealth = classifyNode(
      node,
      leases.find((l) => l.metadata.name === 'node-os-image-unknown'),
      [],
      FIXTURE_NOW,
    );
    assert.equal(classifyPod(pod, node, FIXTURE_NOW).termination?.cause, 'slow-shutdown');
    assert.equal(classifyPod(pod, node, FIXTURE_NOW, { nodeHealth }).termination?.cause, 'node-unreachable');
  });
});

describe('classifyPod: pods on a silent node', () => {
  it('a running pod on an Unknown node is flagged as possibly stale', () => {
    const pod = structuredClone(byName(pods, 'web-7d9f8b6c5d-x2x9z'));
    pod.spec.nodeName = 'node-heartbeat-lost';
    const health = classifyPod(pod, nodeFor('node-heartbeat-lost'), FIXTURE_NOW);
    assert.equal(health.level, 'warning');
    assert.deepEqual(codes(health), ['node-unreachable']);
    assert.equal(health.summary, 'Running · node Unknown');
    assert.equal(
      health.reasons[0].text,
      'Node node-heartbeat-lost is Unknown: this is the last status its kubelet reported',
    );
  });
  it('not on a NotReady node (its kubelet still reports), nor when the node is not known', () => {
    const pod = structuredClone(byName(pods, 'web-7d9f8b6c5d-x2x9z'));
    pod.spec.nodeName = 'node-pleg';
    assert.deepEqual(codes(classifyPod(pod, nodeFor('node-pleg'), FIXTURE_NOW)), []);
    assert.deepEqual(codes(classifyPod(pod, undefined, FIXTURE_NOW)), []);
  });
});

describe('classifyPod: options', () => {
  it('ContainerCreating threshold is configurable', () => {
    assert.deepEqual(codes(classify('web-7d9f8b6c5d-slowc', { containerCreatingWarnSeconds: 2000 })), []);
    assert.deepEqual(codes(classify('web-7d9f8b6c5d-crt01', { containerCreatingWarnSeconds: 60 })), [
      'slow-start',
    ]);
  });
  it('Terminating slack is configurable', () => {
    const health = classify('orders-6d5c4b3a2-fnlz1', { terminatingSlackSeconds: 1000 });
    assert.equal(health.termination?.stuck, false);
    assert.equal(health.level, 'ok');
    assert.equal(health.label, 'Finalizing');
  });
});
