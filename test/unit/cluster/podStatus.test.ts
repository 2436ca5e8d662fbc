import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { projectPod } from '../../../src/shared/cluster/model';
import { kubectlPodColumns, kubectlPodStatus, restartsText } from '../../../src/shared/cluster/podStatus';
import { byName, FIXTURE_NOW, loadList } from './fixtures';

const pods = loadList('pods-status.json');

// Expected columns as `kubectl get pods` prints them for these objects (printPod in
// pkg/printers/internalversion/printers.go).
const table: { name: string; status: string; ready: string; restarts: number }[] = [
  { name: 'web-7d9f8b6c5d-x2x9z', status: 'Running', ready: '1/1', restarts: 0 },
  { name: 'web-7d9f8b6c5d-pend1', status: 'Pending', ready: '0/1', restarts: 0 },
  { name: 'web-7d9f8b6c5d-crt01', status: 'ContainerCreating', ready: '0/1', restarts: 0 },
  { name: 'api-5c6b7d8e9f-crash', status: 'CrashLoopBackOff', ready: '0/1', restarts: 12 },
  { name: 'api-5c6b7d8e9f-oomlp', status: 'CrashLoopBackOff', ready: '0/1', restarts: 7 },
  { name: 'img-6f7g8h9i0j-ipbo1', status: 'ImagePullBackOff', ready: '0/1', restarts: 0 },
  { name: 'img-6f7g8h9i0j-eip01', status: 'ErrImagePull', ready: '0/1', restarts: 0 },
  { name: 'batch-job-oomkd', status: 'OOMKilled', ready: '0/1', restarts: 0 },
  { name: 'batch-job-done1', status: 'Completed', ready: '0/1', restarts: 0 },
  { name: 'batch-job-error', status: 'Error', ready: '0/1', restarts: 0 },
  // status.reason wins over the phase; the container state then overwrites it (kubectl does the same).
  { name: 'web-7d9f8b6c5d-evict', status: 'ContainerStatusUnknown', ready: '0/1', restarts: 0 },
  { name: 'init-8a9b0c1d2e-init0', status: 'Init:0/2', ready: '0/1', restarts: 0 },
  { name: 'init-8a9b0c1d2e-init1', status: 'Init:1/2', ready: '0/1', restarts: 0 },
  { name: 'init-8a9b0c1d2e-icrsh', status: 'Init:CrashLoopBackOff', ready: '0/1', restarts: 6 },
  { name: 'init-8a9b0c1d2e-ierr1', status: 'Init:Error', ready: '0/1', restarts: 0 },
  { name: 'init-8a9b0c1d2e-iexit', status: 'Init:ExitCode:2', ready: '0/1', restarts: 0 },
  { name: 'init-8a9b0c1d2e-isign', status: 'Init:Signal:9', ready: '0/1', restarts: 0 },
  { name: 'raw-signal-pod', status: 'Signal:15', ready: '0/1', restarts: 0 },
  { name: 'raw-exit-pod', status: 'ExitCode:3', ready: '0/1', restarts: 0 },
  { name: 'multi-4f5g6h7i8j-notrd', status: 'NotReady', ready: '1/2', restarts: 0 },
  { name: 'multi-4f5g6h7i8j-runng', status: 'Running', ready: '1/2', restarts: 0 },
  { name: 'web-7d9f8b6c5d-termn', status: 'Terminating', ready: '1/1', restarts: 0 },
  { name: 'web-7d9f8b6c5d-nlost', status: 'Unknown', ready: '1/1', restarts: 0 },
  { name: 'gated-1a2b3c4d5e-gatd1', status: 'SchedulingGated', ready: '0/1', restarts: 0 },
  { name: 'mesh-9z8y7x6w5v-sdcar', status: 'Running', ready: '2/2', restarts: 0 },
  { name: 'mesh-9z8y7x6w5v-sdst0', status: 'Init:0/2', ready: '0/2', restarts: 0 },
  // Terminal phase + deletionTimestamp: current kubectl keeps the terminal status.
  { name: 'batch-job-ddone', status: 'Completed', ready: '0/1', restarts: 0 },
  { name: 'cfg-3k4l5m6n7o-cfger', status: 'CreateContainerConfigError', ready: '0/1', restarts: 0 },
  { name: 'web-7d9f8b6c5d-podin', status: 'PodInitializing', ready: '0/1', restarts: 0 },
  { name: 'web-7d9f8b6c5d-nrdy1', status: 'Running', ready: '0/1', restarts: 0 },
];

describe('kubectlPodColumns (kubectl printPod)', () => {
  it('covers every fixture pod', () => {
    assert.deepEqual(table.map((row) => row.name).sort(), pods.map((p) => p.metadata.name).sort());
  });

  for (const row of table) {
    it(`${row.name} → ${row.status} ${row.ready} restarts=${row.restarts}`, () => {
      const raw = byName(pods, row.name);
      const columns = kubectlPodColumns(raw);
      assert.equal(columns.status, row.status);
      assert.equal(columns.ready, row.ready);
      assert.equal(columns.restarts, row.restarts);
      // The projection keeps every field the algorithm reads.
      assert.deepEqual(kubectlPodColumns(projectPod(raw)), columns);
    });
  }

  it('pods with status.reason Evicted and no container statuses print Evicted', () => {
    const raw = structuredClone(byName(pods, 'web-7d9f8b6c5d-evict'));
    delete raw.status.containerStatuses;
    assert.equal(kubectlPodStatus(raw), 'Evicted');
  });

  it('v1.36: a Completed first container with a failed sibling shows the failure', () => {
    const raw = structuredClone(byName(pods, 'multi-4f5g6h7i8j-notrd'));
    raw.status.containerStatuses[1].ready = false;
    raw.status.containerStatuses[1].state = { terminated: { exitCode: 1, reason: 'Error' } };
    assert.equal(kubectlPodStatus(raw), 'Error');
    raw.status.containerStatuses[1].state = { terminated: { exitCode: 137, signal: 9 } };
    assert.equal(kubectlPodStatus(raw), 'Signal:9');
    raw.status.containerStatuses[1].state = { terminated: { exitCode: 0, reason: 'Completed' } };
    assert.equal(kubectlPodStatus(raw), 'Completed');
  });

  it('first container wins when several are waiting', () => {
    const pod = {
      spec: { containers: [{ name: 'a' }, { name: 'b' }] },
      status: {
        phase: 'Running',
        containerStatuses: [
          { name: 'a', ready: false, restartCount: 0, state: { waiting: { reason: 'ImagePullBackOff' } } },
          { name: 'b', ready: false, restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff' } } },
        ],
      },
    };
    assert.equal(kubectlPodStatus(pod), 'ImagePullBackOff');
    assert.equal(kubectlPodColumns(pod).restarts, 4);
  });

  it('an older kubectl quirk is not copied: Failed + deletionTimestamp stays Failed-like', () => {
    const raw = structuredClone(byName(pods, 'batch-job-error'));
    raw.metadata.deletionTimestamp = '2026-11-24T05:59:00Z';
    assert.equal(kubectlPodStatus(raw), 'Error');
  });

  it('an empty object prints an empty phase, like kubectl', () => {
    assert.equal(kubectlPodStatus({}), '');
  });
});

describe('restartsText', () => {
  it('appends the age of the last restart like kubectl', () => {
    const columns = kubectlPodColumns(byName(pods, 'api-5c6b7d8e9f-crash'));
    // last termination finished 190 s before FIXTURE_NOW → "3m10s"
    assert.equal(restartsText(columns, FIXTURE_NOW), '12 (3m10s ago)');
  });
  it('prints the bare count without restarts', () => {
    assert.equal(restartsText(kubectlPodColumns(byName(pods, 'web-7d9f8b6c5d-x2x9z')), FIXTURE_NOW), '0');
  });
});
