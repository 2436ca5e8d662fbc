// Drain benchmark: a 110-pod node drained by `kubectl drain` and by our drain (drainRunner +
// KubeClusterApi, no vscode) on the same cluster in the same run, alternating who goes first,
// each on its own fresh identical fixture. Reports wall times, the ratio (goal ≤ 1.0×) and checks
// that both removed the same pods.
//
// Usage: npm run bench:drain [-- --pods 110 --rounds 3]
// Needs a running harness cluster (npm run cluster:up), or KND_KUBECONFIG pointing at one.
import type { TestContext } from 'node:test';
import { runDrain } from '../src/shared/cluster/drainRunner';
import {
  byApp,
  drainFixture,
  kubectl,
  kubectlOutcomes,
  ourApi,
  ourOutcomeClass,
  realDeps,
  type Fixture,
} from '../test/integration-cluster/parityFixtures';

interface Sample {
  who: 'kubectl' | 'ours';
  ms: number;
  outcome: string[];
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/** A TestContext stand-in so the parity fixtures can be reused outside node:test. */
function benchContext(name: string, cleanups: (() => Promise<void>)[]): TestContext {
  return { name, after: (fn: () => Promise<void>) => void cleanups.push(fn) } as unknown as TestContext;
}

async function drainWithKubectl(f: Fixture): Promise<Sample> {
  const run = await kubectl(['drain', f.node, '--timeout=300s'], { timeoutMs: 400_000 });
  if (run.status !== 0) {
    throw new Error(`kubectl drain failed: ${run.stderr}`);
  }
  return { who: 'kubectl', ms: run.ms, outcome: byApp(kubectlOutcomes(run, f), f.apps) };
}

async function drainWithUs(f: Fixture): Promise<Sample> {
  const { api } = await ourApi();
  const started = Date.now();
  const r = await runDrain(f.node, { timeoutSeconds: 300 }, { api, ...realDeps });
  const ms = Date.now() - started;
  api.dispose();
  if (r.status !== 'drained') {
    throw new Error(`our drain: ${r.status} ${r.error ?? ''}`);
  }
  return {
    who: 'ours',
    ms,
    outcome: byApp(
      r.outcomes.map((o) => [o.ref.name, ourOutcomeClass(o)] as [string, string]),
      f.apps,
    ),
  };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function main(): Promise<void> {
  const pods = arg('pods', 110);
  const rounds = arg('rounds', 3);
  const samples: Sample[] = [];
  for (let round = 1; round <= rounds; round++) {
    const cleanups: (() => Promise<void>)[] = [];
    try {
      const [a, b] = await Promise.all([
        drainFixture(benchContext(`bench-drain-k${round}`, cleanups), { bulk: pods }),
        drainFixture(benchContext(`bench-drain-o${round}`, cleanups), { bulk: pods }),
      ]);
      // Alternate the order so neither side always runs on the warmer cluster.
      const pair =
        round % 2 === 1
          ? [await drainWithKubectl(a), await drainWithUs(b)]
          : [await drainWithUs(b), await drainWithKubectl(a)];
      for (const s of pair) {
        samples.push(s);
        process.stdout.write(
          `round ${round}: ${s.who.padEnd(7)} ${(s.ms / 1000).toFixed(2)} s  (${s.outcome.length} pods: ${summarize(s.outcome)})\n`,
        );
      }
      const [k, o] = [pair.find((s) => s.who === 'kubectl')!, pair.find((s) => s.who === 'ours')!];
      if (JSON.stringify(k.outcome) !== JSON.stringify(o.outcome)) {
        throw new Error(`outcomes differ: kubectl ${summarize(k.outcome)} vs ours ${summarize(o.outcome)}`);
      }
    } finally {
      for (const c of cleanups.reverse()) {
        await c().catch(() => undefined);
      }
    }
  }
  const k = median(samples.filter((s) => s.who === 'kubectl').map((s) => s.ms));
  const o = median(samples.filter((s) => s.who === 'ours').map((s) => s.ms));
  process.stdout.write(
    `\ndrain of a ${pods}-pod node, median of ${rounds}: kubectl ${(k / 1000).toFixed(2)} s, ours ${(o / 1000).toFixed(2)} s, ratio ${(o / k).toFixed(2)}× (goal ≤ 1.00×); identical outcomes in every round\n`,
  );
  process.exit(0);
}

function summarize(outcome: string[]): string {
  const counts = new Map<string, number>();
  for (const x of outcome) {
    counts.set(x, (counts.get(x) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => `${n}× ${k}`).join(', ');
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
