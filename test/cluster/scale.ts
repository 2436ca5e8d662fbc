// Scale mode (benchmarks): many kwok-managed nodes with pods pre-bound through spec.nodeName, so
// neither kube-scheduler nor the sim-agent is involved. Reports seeding time and throughput.
import { KubeRest, Json, paths } from './kube';
import { ensureNamespace, podManifest, LABEL_AGENT, LABEL_SCENARIO, runLimited } from './scenarios';

export interface ScaleOptions {
  nodes: number;
  podsPerNode: number;
  concurrency: number;
  log: (m: string) => void;
}

export function scaleNodeName(i: number): string {
  return `node-scale-${String(i).padStart(5, '0')}`;
}

function scaleNode(name: string, maxPods: number): Json {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        [LABEL_AGENT]: 'kwok',
        [LABEL_SCENARIO]: 'scale',
      },
      annotations: { 'node.alpha.kubernetes.io/ttl': '0' },
    },
    spec: {},
    status: {
      capacity: { cpu: '32', memory: '128Gi', pods: String(maxPods) },
      allocatable: { cpu: '31', memory: '126Gi', pods: String(maxPods) },
      nodeInfo: {
        kubeletVersion: 'v1.36.3',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        operatingSystem: 'linux',
        architecture: 'amd64',
        containerRuntimeVersion: 'containerd://2.0.5',
        kernelVersion: '6.1.0-28-amd64',
        machineID: '',
        systemUUID: '',
        bootID: '',
        kubeProxyVersion: '',
      },
    },
  };
}

/**
 * Pods of the namespace not yet Running, counted from a metadata-only list filtered by the server
 * (cheap: the seeding progress poll must not compete with kwok for the API server).
 */
async function countNotRunning(rest: KubeRest, ns: string): Promise<number> {
  let n = 0;
  let cont = '';
  do {
    const r = await rest.raw(
      'GET',
      `${paths.pods(ns)}?limit=10000&fieldSelector=${encodeURIComponent('status.phase!=Running')}${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`,
      undefined,
      undefined,
      120_000,
      'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1',
    );
    if (r.status !== 200) {
      throw new Error(`listing pods: HTTP ${r.status}`);
    }
    n += (r.body.items as Json[] | null)?.length ?? 0;
    cont = (r.body.metadata?.continue as string | undefined) ?? '';
  } while (cont);
  return n;
}

export async function seedScale(rest: KubeRest, o: ScaleOptions): Promise<void> {
  const t0 = Date.now();
  const secs = () => ((Date.now() - t0) / 1000).toFixed(1);
  const names = Array.from({ length: o.nodes }, (_, i) => scaleNodeName(i + 1));
  const maxPods = Math.max(110, o.podsPerNode);
  await runLimited(names, o.concurrency, (n) => rest.create(paths.nodes, scaleNode(n, maxPods)));
  o.log(`scale: ${o.nodes} nodes created in ${secs()}s`);
  // Wait for kwok to report them Ready (paginated list).
  for (;;) {
    let ready = 0;
    let cont = '';
    do {
      const list = await rest.get(
        `${paths.nodes}?limit=2000&labelSelector=${encodeURIComponent(`${LABEL_SCENARIO}=scale`)}${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`,
      );
      ready += (list.items as Json[]).filter((n) =>
        (n.status?.conditions as Json[] | undefined)?.some((c) => c.type === 'Ready' && c.status === 'True'),
      ).length;
      cont = list.metadata?.continue ?? '';
    } while (cont);
    if (ready >= o.nodes) {
      break;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  o.log(`scale: ${o.nodes} nodes Ready after ${secs()}s`);
  if (o.podsPerNode <= 0) {
    return;
  }
  const ns = 'scale';
  await ensureNamespace(rest, ns, { [LABEL_SCENARIO]: 'scale' });
  const total = o.nodes * o.podsPerNode;
  const tp = Date.now();
  let created = 0;
  const jobs = Array.from({ length: total }, (_, i) => i);
  let lastLog = Date.now();
  await runLimited(jobs, o.concurrency, async (i) => {
    const node = names[i % o.nodes];
    const name = `scale-${String(i + 1).padStart(6, '0')}`;
    await rest.create(
      paths.pods(ns),
      podManifest({ ns, name, node, labels: { app: 'scale' }, gracePeriodSeconds: 0 }),
    );
    created++;
    if (Date.now() - lastLog > 10_000) {
      lastLog = Date.now();
      o.log(
        `scale: ${created}/${total} pods created (${(created / ((Date.now() - tp) / 1000)).toFixed(0)}/s)`,
      );
    }
  });
  const createSecs = (Date.now() - tp) / 1000;
  o.log(
    `scale: ${total} pods created in ${createSecs.toFixed(1)}s (${(total / createSecs).toFixed(0)} pods/s)`,
  );
  for (;;) {
    const pending = await countNotRunning(rest, ns);
    if (pending === 0) {
      break;
    }
    o.log(`scale: ${total - pending}/${total} pods Running after ${secs()}s`);
    await new Promise((r) => setTimeout(r, 15_000));
  }
  o.log(`scale: all ${total} pods Running; total seeding ${secs()}s`);
}
