// Command line of the cluster harness (called by scripts/cluster/*.sh):
//   cli.js --kubeconfig PATH nodes --count N
//   cli.js --kubeconfig PATH scenario NAME[,NAME...]|incidents
//   cli.js --kubeconfig PATH sim-agent
//   cli.js --kubeconfig PATH scale --nodes N --pods-per-node M [--concurrency C]
//   cli.js list
import * as path from 'node:path';
import { KubeRest } from './kube';
import { applyScenario, ensureHealthyNodes, scenarioNames, SCENARIOS } from './scenarios';
import { runSimAgent } from './sim-agent';
import { seedScale } from './scale';

function arg(args: string[], name: string, def?: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) {
    return args[i + 1];
  }
  const eq = args.find((a) => a.startsWith(`${name}=`));
  return eq ? eq.slice(name.length + 1) : def;
}

async function main(argv: string[]): Promise<void> {
  const kubeconfig = arg(argv, '--kubeconfig', path.resolve(__dirname, '../../../.kwok/kubeconfig'))!;
  const rest_ = argv.filter(
    (a, i) => !(a === '--kubeconfig' || argv[i - 1] === '--kubeconfig' || a.startsWith('--kubeconfig=')),
  );
  const [cmd, ...args] = rest_;
  const log = (m: string) => console.error(`[cluster] ${m}`);
  switch (cmd) {
    case 'list':
      for (const n of scenarioNames()) {
        console.log(`${n.padEnd(20)} ${SCENARIOS[n]?.description ?? 'all scenarios at once'}`);
      }
      return;
    case 'nodes': {
      const rest = new KubeRest(kubeconfig);
      const count = Number(arg(args, '--count', '2'));
      const t0 = Date.now();
      const names = await ensureHealthyNodes(rest, count);
      log(
        `${names.length} healthy node(s) Ready in ${((Date.now() - t0) / 1000).toFixed(1)}s${names.length ? `: ${names.join(', ')}` : ''}`,
      );
      rest.close();
      return;
    }
    case 'scenario': {
      const name = args[0];
      if (!name) {
        throw new Error(`usage: scenario NAME (one of ${scenarioNames().join(', ')})`);
      }
      const rest = new KubeRest(kubeconfig);
      await applyScenario({ rest, log }, name);
      rest.close();
      return;
    }
    case 'sim-agent':
      await runSimAgent(new KubeRest(kubeconfig));
      return;
    case 'scale': {
      const rest = new KubeRest(kubeconfig);
      await seedScale(rest, {
        nodes: Number(arg(args, '--nodes', '100')),
        podsPerNode: Number(arg(args, '--pods-per-node', '0')),
        concurrency: Number(arg(args, '--concurrency', '48')),
        log,
      });
      rest.close();
      return;
    }
    default:
      throw new Error(`unknown command '${cmd ?? ''}' (nodes|scenario|sim-agent|scale|list)`);
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (e) => {
    console.error(`[cluster] ERROR: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
