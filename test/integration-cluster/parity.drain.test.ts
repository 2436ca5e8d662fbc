// Parity with `kubectl drain` on identical fresh fixtures: kubectl drains one node, our code
// (planDrain + the drain runner + KubeClusterApi, no vscode) drains its twin with the same flags.
// Compared: refusals (kubectl's "cannot delete …" text vs the planner's), and per pod (by app
// label, since generated names differ) evicted / failed (and why) / skipped.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { planDrain, type DrainOptions } from '../../src/shared/cluster/drainPlanner';
import { loadDrainInputs } from '../../src/client/actions/drainInputs';
import { cluster, paths, testNamespace, testNode, waitFor } from '../cluster/harness';
import { podManifest } from '../cluster/scenarios';
import { runDrain } from '../../src/shared/cluster/drainRunner';
import {
  byApp,
  drainFixture,
  kubectl,
  kubectlOutcomes,
  kubectlRefusals,
  ourApi,
  ourOutcomeClass,
  realDeps,
  type Fixture,
  type FixtureSpec,
} from './parityFixtures';

const FULL: FixtureSpec = {
  batch: true,
  apiTwoPdbs: true,
  cacheEmptyDir: true,
  daemonSet: true,
  mirror: true,
  standalone: true,
};

function flagsOf(o: DrainOptions): string[] {
  const f: string[] = [];
  if (o.ignoreDaemonSets) {
    f.push('--ignore-daemonsets');
  }
  if (o.deleteEmptyDirData) {
    f.push('--delete-emptydir-data');
  }
  if (o.force) {
    f.push('--force');
  }
  if (o.timeoutSeconds) {
    f.push(`--timeout=${o.timeoutSeconds}s`);
  }
  if (o.disableEviction) {
    f.push('--disable-eviction');
  }
  if (o.podSelector) {
    f.push(`--pod-selector=${o.podSelector}`);
  }
  return f;
}

/** The planner's refusals in the same normalised form as kubectlRefusals. */
function ourRefusals(errors: readonly string[], fixture: Fixture): string[] {
  return errors
    .map((line) => {
      const m = /^cannot delete (.+?): (.+)$/.exec(line);
      assert.ok(m, line);
      const apps = m[2]
        .split(', ')
        .map((k) => fixture.apps.get(k.split('/')[1]) ?? k)
        .sort();
      return `${m[1]}: ${apps.join(', ')}`;
    })
    .sort();
}

describe('drain refusals: same as kubectl without the override flags', () => {
  const cases: [string, DrainOptions][] = [
    ['no flags', {}],
    ['--ignore-daemonsets', { ignoreDaemonSets: true }],
    ['--ignore-daemonsets --delete-emptydir-data', { ignoreDaemonSets: true, deleteEmptyDirData: true }],
    ['--delete-emptydir-data --force', { deleteEmptyDirData: true, force: true }],
  ];
  test('refusal text for every flag combination', async (t) => {
    const [theirs, ours] = await Promise.all([drainFixture(t, FULL), drainFixture(t, FULL)]);
    const { api } = await ourApi();
    for (const [label, options] of cases) {
      const k = await kubectl(['drain', theirs.node, ...flagsOf(options)]);
      assert.equal(k.status, 1, `${label}: kubectl refuses`);
      const inputs = await loadDrainInputs(api, ours.node, options);
      assert.ok(inputs.ok);
      const plan = planDrain(inputs.value.pods, inputs.value.pdbs, options, Date.now(), inputs.value.context);
      assert.equal(plan.canDrain, false, `${label}: we refuse`);
      assert.deepEqual(ourRefusals(plan.kubectlErrors, ours), kubectlRefusals(k, theirs), label);
      // kubectl prints the aggregate as `error: unable to drain node "<n>" due to error: <err>, continuing command...`
      const aggregate = /unable to drain node "[^"]+" due to error: (.*), continuing command\.\.\./.exec(
        k.stderr,
      )?.[1];
      assert.ok(aggregate, k.stderr);
      const norm = (s: string, f: Fixture) =>
        s.replace(new RegExp(`${f.ns}/[\\w.-]+`, 'g'), (key) => f.apps.get(key.split('/')[1]) ?? key);
      const sortedParts = (s: string) =>
        s
          .replace(/^\[|\]$/g, '')
          .split(/, (?=cannot delete)/)
          .sort();
      assert.deepEqual(
        sortedParts(norm(plan.kubectlError ?? '', ours)),
        sortedParts(norm(aggregate, theirs)),
        `${label}: aggregate error`,
      );
    }
    api.dispose();
  });
});

describe('drain outcomes: same pods evicted, skipped and failed as kubectl', () => {
  async function sideBySide(t: import('node:test').TestContext, spec: FixtureSpec, options: DrainOptions) {
    const [theirs, ours] = await Promise.all([drainFixture(t, spec), drainFixture(t, spec)]);
    const { api } = await ourApi();
    const [k, r] = await Promise.all([
      kubectl(['drain', theirs.node, ...flagsOf(options)]),
      runDrain(ours.node, options, { api, ...realDeps }),
    ]);
    api.dispose();
    const kubectlView = byApp(kubectlOutcomes(k, theirs), theirs.apps);
    const ourView = byApp(
      r.outcomes.map((o) => [o.ref.name, ourOutcomeClass(o)] as [string, string]),
      ours.apps,
    );
    return { theirs, ours, k, r, kubectlView, ourView };
  }

  test('all overrides, a blocking PDB and a pod under two PDBs (timeout 20s, so the evictable pods are surely gone under load)', async (t) => {
    const options: DrainOptions = {
      ignoreDaemonSets: true,
      deleteEmptyDirData: true,
      force: true,
      timeoutSeconds: 20,
    };
    const { k, r, kubectlView, ourView } = await sideBySide(t, { ...FULL, webBlocked: true }, options);
    assert.equal(k.status, 1, 'kubectl fails');
    assert.equal(r.status, 'failed');
    assert.deepEqual(ourView, kubectlView);
    assert.deepEqual(ourView, [
      'api:failed(multiplePdbs)',
      'batch:evicted',
      'batch:evicted',
      'cache:evicted',
      'node-agent:skipped',
      'standalone:evicted',
      'static-web:skipped',
      'web:failed(timeout)',
      'web:failed(timeout)',
    ]);
    // The same warning line (kubectl orders its parts through a Go map: compare as sets).
    const kWarning = /^Warning: (.*)$/m.exec(k.stderr)?.[1] ?? '';
    const oWarning = r.lines.find((l) => l.startsWith('Warning: '))?.slice('Warning: '.length) ?? '';
    const parts = (s: string) =>
      s
        .split('; ')
        .map((p) => p.replace(/: .*/, ''))
        .sort();
    assert.deepEqual(parts(oWarning), parts(kWarning));
  });

  test('all overrides, nothing blocking: drained', async (t) => {
    const options: DrainOptions = { ignoreDaemonSets: true, deleteEmptyDirData: true, force: true };
    const { k, r, kubectlView, ourView, theirs, ours } = await sideBySide(
      t,
      { batch: true, cacheEmptyDir: true, daemonSet: true, mirror: true, standalone: true },
      options,
    );
    assert.equal(k.status, 0, k.stderr);
    assert.match(k.stdout, new RegExp(`^node/${theirs.node} drained$`, 'm'));
    assert.equal(r.status, 'drained');
    assert.equal(r.lines.at(-1), `node/${ours.node} drained`);
    assert.deepEqual(ourView, kubectlView);
  });

  test('--disable-eviction deletes past the PDBs, like kubectl', async (t) => {
    const options: DrainOptions = { ignoreDaemonSets: true, disableEviction: true, timeoutSeconds: 60 };
    const { k, r, kubectlView, ourView } = await sideBySide(
      t,
      { batch: true, webBlocked: true, apiTwoPdbs: true, daemonSet: true },
      options,
    );
    assert.equal(k.status, 0, k.stderr);
    assert.equal(r.status, 'drained');
    assert.deepEqual(ourView, kubectlView);
    assert.deepEqual(ourView, [
      'api:deleted',
      'batch:deleted',
      'batch:deleted',
      'node-agent:skipped',
      'web:deleted',
      'web:deleted',
    ]);
  });

  test('--pod-selector limits the drain to matching pods', async (t) => {
    const options: DrainOptions = { podSelector: 'app in (batch,standalone)', force: true };
    const spec: FixtureSpec = { batch: true, standalone: true, daemonSet: true, cacheEmptyDir: true };
    const { k, r, kubectlView, ourView } = await sideBySide(t, spec, options);
    assert.equal(k.status, 0, k.stderr);
    assert.equal(r.status, 'drained');
    const touched = (view: string[]) => view.filter((v) => !v.endsWith(':skipped'));
    assert.deepEqual(touched(ourView), touched(kubectlView));
    assert.deepEqual(touched(ourView), ['batch:evicted', 'batch:evicted', 'standalone:evicted']);
  });
});

describe('PDB retries and unreachable kubelets, side by side with kubectl', () => {
  test('429 while the PDB allows 0, retried every 5 s; relaxing the PDB lets both drains finish', async (t) => {
    const c = await cluster();
    const [theirs, ours] = await Promise.all([
      drainFixture(t, { webBlocked: true }),
      drainFixture(t, { webBlocked: true }),
    ]);
    const { api } = await ourApi();
    const attempts: number[] = [];
    const ourLines: string[] = [];
    let kubectlOutput = '';
    const kRun = kubectl(['drain', theirs.node, '--timeout=120s'], {
      onOutput: (all) => (kubectlOutput = all),
    });
    const oRun = runDrain(
      ours.node,
      { timeoutSeconds: 120 },
      {
        api,
        ...realDeps,
        onLine: (line) => {
          ourLines.push(line);
          if (line.startsWith('evicting pod ')) {
            attempts.push(Date.now());
          }
        },
      },
    );
    const retryLine =
      /^error when evicting pods\/"web-[\w]+" -n "[\w-]+" \(will retry after 5s\): Cannot evict pod as it would violate the pod's disruption budget\.$/m;
    // Both must have been refused at least twice (so one full retry interval elapsed) before we relax.
    await waitFor(
      'two 429 retries from kubectl and from us',
      async () => {
        const k = kubectlOutput.match(new RegExp(retryLine.source, 'gm'))?.length ?? 0;
        const o = ourLines.filter((l) => retryLine.test(l)).length;
        return k >= 4 && o >= 4;
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    );
    for (const f of [theirs, ours]) {
      await c.rest.patch(
        paths.pdb(f.ns, 'web-pdb'),
        { spec: { minAvailable: 0 } },
        'application/merge-patch+json',
      );
    }
    const [k, r] = await Promise.all([kRun, oRun]);
    api.dispose();
    assert.equal(k.status, 0, k.stderr);
    assert.equal(r.status, 'drained', r.lines.join('\n'));
    assert.deepEqual(
      byApp(
        r.outcomes.map((o) => [o.ref.name, ourOutcomeClass(o)] as [string, string]),
        ours.apps,
      ),
      byApp(kubectlOutcomes(k, theirs), theirs.apps),
    );
    assert.deepEqual(
      byApp(
        r.outcomes.map((o) => [o.ref.name, ourOutcomeClass(o)] as [string, string]),
        ours.apps,
      ),
      ['web:evicted', 'web:evicted'],
    );
    // Our retry cadence is kubectl's: consecutive attempts of one pod at least 5 s apart.
    const byPod = new Map<string, number[]>();
    let i = 0;
    for (const line of ourLines) {
      if (!line.startsWith('evicting pod ')) {
        continue;
      }
      byPod.set(line, [...(byPod.get(line) ?? []), attempts[i++]]);
    }
    assert.equal(byPod.size, 2);
    for (const [line, times] of byPod) {
      assert.ok(times.length >= 3, `${line}: ${times.length} attempts`);
      for (let j = 1; j < times.length; j++) {
        assert.ok(times[j] - times[j - 1] >= 4900, `${line}: retried after ${times[j] - times[j - 1]} ms`);
      }
    }
  });

  test('a node whose kubelet never confirms: --skip-wait-for-delete-timeout ends the wait, like kubectl', async (t) => {
    const c = await cluster();
    const makeSide = async () => {
      const ns = await testNamespace(t);
      const node = await testNode(t, { agent: 'sim', heartbeat: 'none' });
      await Promise.all(
        ['a', 'b'].map((name) =>
          c.rest.post(paths.pods(ns), podManifest({ ns, name, node, tolerateEverything: true })),
        ),
      );
      return {
        ns,
        node,
        apps: new Map([
          ['a', 'a'],
          ['b', 'b'],
        ]),
      } satisfies Fixture;
    };
    const [theirs, ours] = await Promise.all([makeSide(), makeSide()]);
    const options: DrainOptions = {
      force: true,
      gracePeriodSeconds: 1,
      skipWaitForDeleteTimeoutSeconds: 1,
      timeoutSeconds: 60,
    };
    const { api } = await ourApi();
    const [k, r] = await Promise.all([
      kubectl([
        'drain',
        theirs.node,
        '--force',
        '--grace-period=1',
        '--skip-wait-for-delete-timeout=1',
        '--timeout=60s',
      ]),
      runDrain(ours.node, options, { api, ...realDeps }),
    ]);
    api.dispose();
    assert.equal(k.status, 0, k.stderr);
    assert.equal(r.status, 'drained', r.lines.join('\n'));
    const kSkips = [
      ...k.stdout.matchAll(/^pod "(\w+)" has DeletionTimestamp older than 1 seconds, skipping$/gm),
    ]
      .map((m) => m[1])
      .sort();
    const oSkips = r.lines
      .map((l) => /^pod "(\w+)" has DeletionTimestamp older than 1 seconds, skipping$/.exec(l)?.[1])
      .filter(Boolean)
      .sort();
    assert.deepEqual(kSkips, ['a', 'b']);
    assert.deepEqual(oSkips, kSkips);
    assert.deepEqual(r.outcomes.map((o) => `${o.ref.name}:${o.outcome}`).sort(), [
      'a:skippedWait',
      'b:skippedWait',
    ]);
    // The pods are still there, Terminating, on both nodes: nobody confirmed their deletion.
    for (const f of [theirs, ours]) {
      for (const name of ['a', 'b']) {
        assert.ok((await c.rest.get(paths.pod(f.ns, name))).metadata.deletionTimestamp);
      }
    }
  });
});
