// Parity with `kubectl drain` on identical fresh fixtures: kubectl drains one node, our code
// (planDrain + the drain runner + KubeClusterApi, no vscode) drains its twin with the same flags.
// Compared: refusals (kubectl's "cannot delete …" text vs the planner's), and per pod (by app
// label, since generated names differ) evicted / failed (and why) / skipped.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { planDrain, type DrainOptions } from '../../src/shared/cluster/drainPlanner';
import { loadDrainInputs } from '../../src/client/actions/drainInputs';
import { drainFixture, kubectl, kubectlRefusals, ourApi, type Fixture, type FixtureSpec } from './parityFixtures';

const FULL: FixtureSpec = { batch: true, apiTwoPdbs: true, cacheEmptyDir: true, daemonSet: true, mirror: true, standalone: true };

function flagsOf(o: DrainOptions): string[] {
  const f: string[] = [];
  if (o.ignoreDaemonSets) f.push('--ignore-daemonsets');
  if (o.deleteEmptyDirData) f.push('--delete-emptydir-data');
  if (o.force) f.push('--force');
  if (o.timeoutSeconds) f.push(`--timeout=${o.timeoutSeconds}s`);
  if (o.disableEviction) f.push('--disable-eviction');
  if (o.podSelector) f.push(`--pod-selector=${o.podSelector}`);
  return f;
}

/** The planner's refusals in the same normalised form as kubectlRefusals. */
function ourRefusals(errors: readonly string[], fixture: Fixture): string[] {
  return errors
    .map((line) => {
      const m = /^cannot delete (.+?): (.+)$/.exec(line);
      assert.ok(m, line);
      const apps = m[2].split(', ').map((k) => fixture.apps.get(k.split('/')[1]) ?? k).sort();
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
      const aggregate = /unable to drain node "[^"]+" due to error: (.*), continuing command\.\.\./.exec(k.stderr)?.[1];
      assert.ok(aggregate, k.stderr);
      const norm = (s: string, f: Fixture) => s.replace(new RegExp(`${f.ns}/[\\w.-]+`, 'g'), (key) => f.apps.get(key.split('/')[1]) ?? key);
      const sortedParts = (s: string) => s.replace(/^\[|\]$/g, '').split(/, (?=cannot delete)/).sort();
      assert.deepEqual(sortedParts(norm(plan.kubectlError ?? '', ours)), sortedParts(norm(aggregate, theirs)), `${label}: aggregate error`);
    }
    api.dispose();
  });
});
