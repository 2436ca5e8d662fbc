// Scenario fixtures for the loopback test cluster. Each scenario creates nodes, pods and other
// objects that reproduce one of the seed incidents; `incidents` applies all of them.
// Names are a contract with the explorer/drain/e2e tests: see test/cluster/SCENARIOS.md.
//
// Two kinds of nodes exist:
//   * sim.knd.test/agent=kwok  - kwok plays the kubelet (Lease, Ready status, pods go Running).
//   * sim.knd.test/agent=sim   - kwok ignores the node; this module writes its status once and the
//     sim-agent (sim-agent.ts) keeps it alive as its annotation sim.knd.test/heartbeat says:
//       lease  - renews the Lease (kubelet alive, reports a problem: Ready=False stays False)
//       status - refreshes the Ready condition's lastHeartbeatTime only (Lease stays stale)
//       none   - nothing (kubelet dead: the node lifecycle controller turns Ready into Unknown)
import { KubeRest, Json, paths, waitFor, condition, nowIso, microTime, KubeError, MERGE_PATCH } from './kube';

export const LABEL_AGENT = 'sim.knd.test/agent';
export const LABEL_SCENARIO = 'sim.knd.test/scenario';
export const LABEL_POOL = 'sim.knd.test/pool';
export const LABEL_DAEMONSET = 'sim.knd.test/daemonset';
export const ANNOTATION_HEARTBEAT = 'sim.knd.test/heartbeat';

export type Agent = 'kwok' | 'sim';
export type Heartbeat = 'lease' | 'status' | 'none';

export const KUBE_VERSION = 'v1.36.3';
export const MESSAGES = {
  ready: 'kubelet is posting ready status',
  pleg: 'PLEG is not healthy: pleg was last seen active 6m57.17s ago; threshold is 3m0s',
  runtimeDown: 'container runtime is down',
  networkNotReady:
    'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
  stoppedPosting: 'Kubelet stopped posting node status.',
  kernelDeadlock: 'kernel: INFO: task docker:7412 blocked for more than 120 seconds.',
  evicted:
    'The node was low on resource: memory. Threshold quantity: 100Mi, available: 81232Ki. Container app was using 1843200Ki, request is 256Mi, has larger consumption of memory. ',
} as const;

// ---------------------------------------------------------------------------------------- nodes

export interface NodeOptions {
  name: string;
  agent: Agent;
  scenario: string;
  /** sim nodes only; default 'lease'. */
  heartbeat?: Heartbeat;
  labels?: Record<string, string>;
  /** sim nodes only: conditions overriding the healthy defaults, matched by type. */
  conditions?: Json[];
  osImage?: string;
  maxPods?: number;
  /** sim nodes only: initial Lease renewTime relative to now (ms, negative = in the past). */
  leaseOffsetMs?: number;
  /** sim nodes only: lastTransitionTime of overridden conditions relative to now (ms). */
  transitionOffsetMs?: number;
  unschedulable?: boolean;
}

let ipCounter = 10;
function nodeIp(name: string): string {
  let h = 0;
  for (const c of name) {
    h = (h * 31 + c.charCodeAt(0)) >>> 0;
  }
  return `10.${(h >> 8) & 0xff}.${h & 0xff}.${(ipCounter++ % 200) + 10}`;
}

function healthyConditions(now: string, since: string): Json[] {
  const c = (type: string, status: string, reason: string, message: string) => ({
    type,
    status,
    reason,
    message,
    lastHeartbeatTime: now,
    lastTransitionTime: since,
  });
  return [
    c('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
    c('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    c('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    c('Ready', 'True', 'KubeletReady', MESSAGES.ready),
  ];
}

function nodeStatus(o: NodeOptions): Json {
  const pods = String(o.maxPods ?? 110);
  const status: Json = {
    capacity: { cpu: '8', memory: '32Gi', pods, 'ephemeral-storage': '100Gi' },
    allocatable: { cpu: '7800m', memory: '31Gi', pods, 'ephemeral-storage': '95Gi' },
    addresses: [
      { type: 'InternalIP', address: nodeIp(o.name) },
      { type: 'Hostname', address: o.name },
    ],
    nodeInfo: {
      machineID: '',
      systemUUID: '',
      bootID: '',
      kernelVersion: '6.1.0-28-amd64',
      osImage: o.osImage ?? 'Debian GNU/Linux 12 (bookworm)',
      containerRuntimeVersion: 'containerd://2.0.5',
      kubeletVersion: KUBE_VERSION,
      kubeProxyVersion: '',
      operatingSystem: 'linux',
      architecture: 'amd64',
    },
  };
  if (o.agent === 'sim') {
    const now = nowIso();
    const since = nowIso(o.transitionOffsetMs ?? -3600_000);
    const conds = healthyConditions(now, nowIso(-3600_000));
    for (const override of o.conditions ?? []) {
      const full = { lastHeartbeatTime: now, lastTransitionTime: since, ...override };
      const i = conds.findIndex((c) => c.type === override.type);
      if (i >= 0) {
        conds[i] = full;
      } else {
        conds.push(full);
      }
    }
    status.conditions = conds;
  }
  return status;
}

/**
 * Whether kube-controller-manager has computed these PDBs' status. `allowed` maps each PDB to its
 * expected disruptionsAllowed. `sharedPod` names PDBs that select the same pod: the disruption
 * controller counts that pod under one of them, chosen arbitrarily ("matches multiple
 * PodDisruptionBudgets. Chose … arbitrarily", and the choice can differ between passes), so only
 * a lower bound on the sum of their allowances is fixed.
 */
export async function pdbStatusSettled(
  rest: KubeRest,
  ns: string,
  allowed: Record<string, number>,
  sharedPod?: { names: string[]; minTotalAllowed: number },
): Promise<boolean> {
  const read = async (name: string): Promise<number | undefined> => {
    const p = await rest.get(paths.pdb(ns, name));
    return p.status?.observedGeneration === p.metadata.generation ? p.status?.disruptionsAllowed : undefined;
  };
  for (const [name, expected] of Object.entries(allowed)) {
    if ((await read(name)) !== expected) {
      return false;
    }
  }
  if (!sharedPod) {
    return true;
  }
  let total = 0;
  for (const name of sharedPod.names) {
    const value = await read(name);
    if (value === undefined) {
      return false;
    }
    total += value;
  }
  return total >= sharedPod.minTotalAllowed;
}

/** Creates (or, if it exists, re-labels) a node and writes its initial status and Lease. */
export async function ensureNode(rest: KubeRest, o: NodeOptions): Promise<Json> {
  const labels: Record<string, string> = {
    'kubernetes.io/hostname': o.name,
    'kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'node.kubernetes.io/instance-type': 'sim.large',
    [LABEL_AGENT]: o.agent,
    [LABEL_SCENARIO]: o.scenario,
    ...(o.labels ?? {}),
  };
  const annotations: Record<string, string> = {
    'node.alpha.kubernetes.io/ttl': '0',
    ...(o.agent === 'sim' ? { [ANNOTATION_HEARTBEAT]: o.heartbeat ?? 'lease' } : {}),
  };
  const existing = await rest.getOpt(paths.node(o.name));
  let node: Json;
  if (existing) {
    node = await rest.patch(paths.node(o.name), { metadata: { labels, annotations } });
    return node;
  }
  node =
    (await rest.create(paths.nodes, {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: o.name, labels, annotations },
      spec: o.unschedulable ? { unschedulable: true } : {},
    })) ?? (await rest.get(paths.node(o.name)));
  node = await rest.patch(paths.nodeStatus(o.name), { status: nodeStatus(o) });
  if (o.agent === 'sim') {
    await writeLease(rest, o.name, node.metadata.uid, o.leaseOffsetMs ?? 0);
  }
  return node;
}

export async function writeLease(
  rest: KubeRest,
  nodeName: string,
  nodeUid: string,
  offsetMs = 0,
): Promise<void> {
  const body = {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name: nodeName,
      namespace: 'kube-node-lease',
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: nodeName, uid: nodeUid }],
    },
    spec: { holderIdentity: nodeName, leaseDurationSeconds: 40, renewTime: microTime(offsetMs) },
  };
  const created = await rest.create(paths.leases, body);
  if (!created) {
    await rest.patch(
      paths.lease(nodeName),
      { spec: { holderIdentity: nodeName, renewTime: microTime(offsetMs) } },
      MERGE_PATCH,
    );
  }
}

/** Healthy kwok-managed nodes node-healthy-1..count. */
export async function ensureHealthyNodes(rest: KubeRest, count: number): Promise<string[]> {
  const names = Array.from({ length: count }, (_, i) => `node-healthy-${i + 1}`);
  await Promise.all(names.map((name) => ensureNode(rest, { name, agent: 'kwok', scenario: 'healthy' })));
  await Promise.all(names.map((n) => waitForNodeReady(rest, n)));
  return names;
}

export function waitForNodeReady(
  rest: KubeRest,
  name: string,
  status = 'True',
  timeoutMs = 60_000,
): Promise<Json> {
  return waitFor(
    `node ${name} Ready=${status}`,
    async () => {
      const n = await rest.get(paths.node(name));
      return condition(n, 'Ready')?.status === status ? n : undefined;
    },
    { timeoutMs },
  );
}

// ---------------------------------------------------------------------------------------- pods

export async function ensureNamespace(
  rest: KubeRest,
  ns: string,
  labels: Record<string, string> = {},
): Promise<void> {
  await rest.create(paths.namespaces, {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: ns, labels },
  });
  // A namespace is only usable once its default ServiceAccount exists (pods need it).
  await waitFor(
    `serviceaccount default in ${ns}`,
    () => rest.getOpt(`/api/v1/namespaces/${ns}/serviceaccounts/default`),
    {
      timeoutMs: 30_000,
    },
  );
}

export interface PodOptions {
  ns: string;
  name: string;
  node?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  image?: string;
  restartPolicy?: 'Always' | 'OnFailure' | 'Never';
  finalizers?: string[];
  tolerateEverything?: boolean;
  nodeSelector?: Record<string, string>;
  volumes?: Json[];
  ownerReferences?: Json[];
  gracePeriodSeconds?: number;
}

export function podManifest(o: PodOptions): Json {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: o.name,
      namespace: o.ns,
      labels: o.labels ?? { app: o.name },
      ...(o.annotations ? { annotations: o.annotations } : {}),
      ...(o.finalizers ? { finalizers: o.finalizers } : {}),
      ...(o.ownerReferences ? { ownerReferences: o.ownerReferences } : {}),
    },
    spec: {
      ...(o.node ? { nodeName: o.node } : {}),
      ...(o.nodeSelector ? { nodeSelector: o.nodeSelector } : {}),
      restartPolicy: o.restartPolicy ?? 'Always',
      terminationGracePeriodSeconds: o.gracePeriodSeconds ?? 30,
      containers: [
        {
          name: 'app',
          image: o.image ?? 'registry.example.invalid/app:1.0',
          resources: { requests: { cpu: '10m', memory: '16Mi' } },
          ...(o.volumes?.length
            ? { volumeMounts: o.volumes.map((v) => ({ name: v.name, mountPath: `/data/${v.name}` })) }
            : {}),
        },
      ],
      ...(o.volumes ? { volumes: o.volumes } : {}),
      ...(o.tolerateEverything ? { tolerations: [{ operator: 'Exists' }] } : {}),
    },
  };
}

export async function ensurePod(rest: KubeRest, o: PodOptions): Promise<Json> {
  return (await rest.create(paths.pods(o.ns), podManifest(o))) ?? (await rest.get(paths.pod(o.ns, o.name)));
}

function podIp(): string {
  return `10.244.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 2}`;
}

/** Status of a Running pod (what a kubelet would write); containerState overrides the container. */
export function podStatus(
  pod: Json,
  opts: {
    phase?: string;
    ready?: boolean;
    container?: Json;
    reason?: string;
    message?: string;
    startedAgoMs?: number;
  } = {},
): Json {
  const started = nowIso(-(opts.startedAgoMs ?? 3600_000));
  const phase = opts.phase ?? 'Running';
  const ready = opts.ready ?? phase === 'Running';
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  const cond = (type: string, status: boolean, reason?: string) => ({
    type,
    status: status ? 'True' : 'False',
    lastProbeTime: null,
    lastTransitionTime: started,
    ...(reason && !status ? { reason } : {}),
  });
  const containers = (pod.spec.containers as Json[]).map((c) => ({
    name: c.name,
    image: c.image,
    imageID: '',
    containerID: `containerd://${'0'.repeat(48)}${c.name.length}`.slice(0, 77),
    ready,
    started: phase === 'Running',
    restartCount: 0,
    state: { running: { startedAt: started } },
    ...opts.container,
  }));
  return {
    phase,
    ...(opts.reason ? { reason: opts.reason } : {}),
    ...(opts.message ? { message: opts.message } : {}),
    conditions: [
      cond('PodReadyToStartContainers', !terminal),
      cond('Initialized', true),
      cond('Ready', ready, terminal ? 'PodCompleted' : 'ContainersNotReady'),
      cond('ContainersReady', ready, terminal ? 'PodCompleted' : 'ContainersNotReady'),
      cond('PodScheduled', true),
    ],
    hostIP: '10.0.0.1',
    ...(phase === 'Running' ? { podIP: podIp() } : {}),
    startTime: started,
    qosClass: 'Burstable',
    containerStatuses: containers,
  };
}

/** Creates a pod bound to a sim node and writes its status (kwok does not touch such pods). */
export async function ensureSimPod(
  rest: KubeRest,
  o: PodOptions,
  status: Parameters<typeof podStatus>[1] = {},
): Promise<Json> {
  const pod = await ensurePod(rest, o);
  if (pod.status?.phase && pod.status.phase !== 'Pending') {
    return pod;
  }
  const node = await rest.get(paths.node(o.node!));
  const st = podStatus(pod, status);
  st.hostIP =
    (node.status?.addresses as Json[] | undefined)?.find((a) => a.type === 'InternalIP')?.address ??
    st.hostIP;
  return rest.patch(paths.podStatus(o.ns, o.name), { status: st }, MERGE_PATCH);
}

export async function event(
  rest: KubeRest,
  ns: string,
  involved: Json,
  reason: string,
  message: string,
  type: 'Normal' | 'Warning' = 'Warning',
  component = 'kubelet',
  count = 1,
): Promise<void> {
  const name = `${involved.name}.${Date.now().toString(16)}${Math.floor(Math.random() * 1e6).toString(16)}`;
  await rest.create(paths.events(ns), {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: ns },
    involvedObject: involved,
    reason,
    message,
    type,
    count,
    source: { component, host: involved.kind === 'Node' ? involved.name : undefined },
    firstTimestamp: nowIso(-600_000),
    lastTimestamp: nowIso(),
    reportingComponent: component,
    reportingInstance: involved.kind === 'Node' ? involved.name : '',
  });
}

function podRef(pod: Json, fieldPath?: string): Json {
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    namespace: pod.metadata.namespace,
    name: pod.metadata.name,
    uid: pod.metadata.uid,
    ...(fieldPath ? { fieldPath } : {}),
  };
}

function nodeRef(name: string): Json {
  return { kind: 'Node', apiVersion: 'v1', name, uid: name };
}

async function waitForPodPhase(
  rest: KubeRest,
  ns: string,
  name: string,
  phase: string,
  timeoutMs = 60_000,
): Promise<Json> {
  return waitFor(
    `pod ${ns}/${name} phase ${phase}`,
    async () => {
      const p = await rest.get(paths.pod(ns, name));
      return p.status?.phase === phase ? p : undefined;
    },
    { timeoutMs },
  );
}

// ---------------------------------------------------------------------------------------- scenarios

export interface ScenarioContext {
  rest: KubeRest;
  log: (msg: string) => void;
}

type ScenarioFn = (ctx: ScenarioContext) => Promise<void>;

async function sickNode(
  ctx: ScenarioContext,
  scenario: string,
  name: string,
  conditions: Json[],
  podPrefix: string,
  pods = 3,
  extra: Partial<NodeOptions> = {},
): Promise<void> {
  const { rest } = ctx;
  await ensureNode(rest, {
    name,
    agent: 'sim',
    scenario,
    heartbeat: 'lease',
    conditions,
    transitionOffsetMs: -420_000,
    ...extra,
  });
  await ensureNamespace(rest, scenario, { [LABEL_SCENARIO]: scenario });
  for (let i = 1; i <= pods; i++) {
    // Tolerating everything keeps the fixture stable: no taint eviction after 300 s.
    await ensureSimPod(rest, {
      ns: scenario,
      name: `${podPrefix}-${i}`,
      node: name,
      labels: { app: podPrefix },
      tolerateEverything: true,
    });
  }
}

const heartbeatLost: ScenarioFn = async (ctx) => {
  const { rest } = ctx;
  const ns = 'heartbeat-lost';
  // Ready=True with a fresh Lease that is never renewed: the node lifecycle controller sets
  // Ready=Unknown "Kubelet stopped posting node status." after --node-monitor-grace-period.
  await ensureNode(rest, { name: 'node-heartbeat-lost', agent: 'sim', scenario: ns, heartbeat: 'none' });
  await ensureNamespace(rest, ns, { [LABEL_SCENARIO]: ns });
  // Default tolerations (300 s): after that the taint eviction controller deletes them and they
  // stay Terminating, as on a real unreachable node.
  for (let i = 1; i <= 2; i++) {
    await ensureSimPod(rest, {
      ns,
      name: `lost-web-${i}`,
      node: 'node-heartbeat-lost',
      labels: { app: 'lost-web' },
    });
  }
};

const pleg: ScenarioFn = (ctx) =>
  sickNode(
    ctx,
    'pleg',
    'node-pleg',
    [{ type: 'Ready', status: 'False', reason: 'KubeletNotReady', message: MESSAGES.pleg }],
    'pleg-app',
  ).then(() =>
    event(
      ctx.rest,
      'default',
      nodeRef('node-pleg'),
      'NodeNotReady',
      'Node node-pleg status is now: NodeNotReady',
      'Normal',
    ),
  );

const runtimeDown: ScenarioFn = (ctx) =>
  sickNode(
    ctx,
    'runtime-down',
    'node-runtime-down',
    [{ type: 'Ready', status: 'False', reason: 'KubeletNotReady', message: MESSAGES.runtimeDown }],
    'runtime-app',
  );

const networkNotReady: ScenarioFn = (ctx) =>
  sickNode(
    ctx,
    'network-not-ready',
    'node-network-not-ready',
    [{ type: 'Ready', status: 'False', reason: 'KubeletNotReady', message: MESSAGES.networkNotReady }],
    'cni-app',
    2,
  );

const pressure: ScenarioFn = async (ctx) => {
  await sickNode(
    ctx,
    'pressure',
    'node-memory-pressure',
    [
      {
        type: 'MemoryPressure',
        status: 'True',
        reason: 'KubeletHasInsufficientMemory',
        message: 'kubelet has insufficient memory available',
      },
    ],
    'mem-app',
    2,
  );
  await sickNode(
    ctx,
    'pressure',
    'node-disk-pressure',
    [
      {
        type: 'DiskPressure',
        status: 'True',
        reason: 'KubeletHasDiskPressure',
        message: 'kubelet has disk pressure',
      },
    ],
    'disk-app',
    2,
  );
  await sickNode(
    ctx,
    'pressure',
    'node-pid-pressure',
    [
      {
        type: 'PIDPressure',
        status: 'True',
        reason: 'KubeletHasInsufficientPID',
        message: 'kubelet has insufficient PID available',
      },
    ],
    'pid-app',
    2,
  );
};

const npd: ScenarioFn = (ctx) =>
  sickNode(
    ctx,
    'npd',
    'node-kernel-deadlock',
    [
      { type: 'KernelDeadlock', status: 'True', reason: 'DockerHung', message: MESSAGES.kernelDeadlock },
      {
        type: 'ReadonlyFilesystem',
        status: 'False',
        reason: 'FilesystemIsNotReadOnly',
        message: 'Filesystem is not read-only',
      },
    ],
    'npd-app',
    2,
  );

const osImageUnknown: ScenarioFn = async (ctx) => {
  const { rest } = ctx;
  const ns = 'os-image-unknown';
  // Seed 002: Ready=True (status heartbeats keep arriving) but osImage "Unknown" and a Lease
  // that stopped being renewed 15 minutes ago.
  await ensureNode(rest, {
    name: 'node-os-image-unknown',
    agent: 'sim',
    scenario: ns,
    heartbeat: 'status',
    osImage: 'Unknown',
    leaseOffsetMs: -900_000,
  });
  await ensureNamespace(rest, ns, { [LABEL_SCENARIO]: ns });
  for (let i = 1; i <= 2; i++) {
    await ensureSimPod(rest, {
      ns,
      name: `osu-app-${i}`,
      node: 'node-os-image-unknown',
      labels: { app: 'osu-app' },
      tolerateEverything: true,
    });
  }
};

const dense: ScenarioFn = async (ctx) => {
  const { rest } = ctx;
  const ns = 'dense';
  await ensureNode(rest, { name: 'node-dense', agent: 'kwok', scenario: ns, maxPods: 110 });
  await ensureNamespace(rest, ns, { [LABEL_SCENARIO]: ns });
  const names = Array.from({ length: 110 }, (_, i) => `dense-${String(i + 1).padStart(3, '0')}`);
  await runLimited(names, 16, (name) =>
    ensurePod(rest, { ns, name, node: 'node-dense', labels: { app: 'dense' } }),
  );
  await waitFor(
    'all 110 dense pods Running',
    async () => {
      const list = await rest.get(`${paths.pods(ns)}?labelSelector=app%3Ddense`);
      const running = (list.items as Json[]).filter((p) => p.status?.phase === 'Running').length;
      return running >= 110 ? running : undefined;
    },
    { timeoutMs: 120_000, intervalMs: 500 },
  );
};

const stuckTerminating: ScenarioFn = async (ctx) => {
  const { rest } = ctx;
  const ns = 'stuck-terminating';
  await heartbeatLost(ctx);
  await ensureNode(rest, { name: 'node-healthy-1', agent: 'kwok', scenario: 'healthy' });
  await waitForNodeReady(rest, 'node-healthy-1');
  await ensureNamespace(rest, ns, { [LABEL_SCENARIO]: ns });
  // 1. A pod with a finalizer on a healthy node: kwok deletes it at grace 0 but the finalizer
  //    keeps it (Finalizing) until someone removes example.com/hold.
  const fin = await ensurePod(rest, {
    ns,
    name: 'stuck-finalizer',
    node: 'node-healthy-1',
    finalizers: ['example.com/hold'],
  });
  if (!fin.metadata.deletionTimestamp) {
    await waitForPodPhase(rest, ns, 'stuck-finalizer', 'Running');
    await rest.delete(paths.pod(ns, 'stuck-finalizer'));
  }
  // 2. A pod on the heartbeat-lost node deleted gracefully: no kubelet confirms, it stays Terminating.
  const lost = await ensureSimPod(rest, {
    ns,
    name: 'stuck-on-lost-node',
    node: 'node-heartbeat-lost',
    labels: { app: 'stuck' },
  });
  if (!lost.metadata.deletionTimestamp) {
    await rest.delete(paths.pod(ns, 'stuck-on-lost-node'), { gracePeriodSeconds: 30 });
  }
};

const badPods: ScenarioFn = async (ctx) => {
  const { rest } = ctx;
  const ns = 'bad-pods';
  const node = 'node-bad-pods';
  await ensureNode(rest, { name: node, agent: 'sim', scenario: ns, heartbeat: 'lease' });
  await ensureNamespace(rest, ns, { [LABEL_SCENARIO]: ns });
  const t = (ago: number) => nowIso(-ago);

  const crash = await ensureSimPod(
    rest,
    { ns, name: 'crashloop', node, labels: { app: 'crashloop' }, tolerateEverything: true },
    {
      ready: false,
      container: {
        ready: false,
        started: false,
        restartCount: 7,
        state: {
          waiting: {
            reason: 'CrashLoopBackOff',
            message: 'back-off 5m0s restarting failed container=app pod=crashloop_bad-pods',
          },
        },
        lastState: {
          terminated: { exitCode: 1, reason: 'Error', startedAt: t(330_000), finishedAt: t(320_000) },
        },
      },
    },
  );
  await event(
    rest,
    ns,
    podRef(crash, 'spec.containers{app}'),
    'BackOff',
    `Back-off restarting failed container app in pod crashloop_${ns}(${crash.metadata.uid})`,
    'Warning',
    'kubelet',
    31,
  );

  const ipb = await ensureSimPod(
    rest,
    {
      ns,
      name: 'image-pull-backoff',
      node,
      image: 'registry.example.invalid/missing:404',
      labels: { app: 'image-pull-backoff' },
      tolerateEverything: true,
    },
    {
      phase: 'Pending',
      ready: false,
      container: {
        ready: false,
        started: false,
        state: {
          waiting: {
            reason: 'ImagePullBackOff',
            message: 'Back-off pulling image "registry.example.invalid/missing:404"',
          },
        },
      },
    },
  );
  await event(
    rest,
    ns,
    podRef(ipb, 'spec.containers{app}'),
    'Failed',
    'Error: ImagePullBackOff',
    'Warning',
    'kubelet',
    12,
  );

  const eip = await ensureSimPod(
    rest,
    {
      ns,
      name: 'err-image-pull',
      node,
      image: 'registry.example.invalid/private:1.0',
      labels: { app: 'err-image-pull' },
      tolerateEverything: true,
    },
    {
      phase: 'Pending',
      ready: false,
      container: {
        ready: false,
        started: false,
        state: {
          waiting: {
            reason: 'ErrImagePull',
            message:
              'failed to pull and unpack image "registry.example.invalid/private:1.0": failed to resolve reference "registry.example.invalid/private:1.0": pull access denied, repository does not exist or may require authorization',
          },
        },
      },
    },
  );
  await event(
    rest,
    ns,
    podRef(eip, 'spec.containers{app}'),
    'Failed',
    'Error: ErrImagePull',
    'Warning',
    'kubelet',
    3,
  );

  // Pending/Unschedulable: no node matches; the real kube-scheduler writes the message.
  await ensurePod(rest, {
    ns,
    name: 'unschedulable',
    nodeSelector: { 'sim.knd.test/pool': 'does-not-exist' },
    labels: { app: 'unschedulable' },
  });

  await ensureSimPod(
    rest,
    { ns, name: 'evicted', node, labels: { app: 'evicted' } },
    {
      phase: 'Failed',
      reason: 'Evicted',
      message: MESSAGES.evicted,
      ready: false,
      container: {
        ready: false,
        started: false,
        // No terminated reason: `kubectl get pods` then shows the pod's reason, "Evicted".
        state: {},
        lastState: {
          terminated: { exitCode: 137, reason: 'Error', startedAt: t(7200_000), finishedAt: t(1800_000) },
        },
      },
    },
  );

  const oom = await ensureSimPod(
    rest,
    { ns, name: 'oom-killed', node, labels: { app: 'oom-killed' }, tolerateEverything: true },
    {
      ready: false,
      container: {
        ready: false,
        started: false,
        restartCount: 3,
        state: {
          terminated: { exitCode: 137, reason: 'OOMKilled', startedAt: t(95_000), finishedAt: t(5_000) },
        },
        lastState: {
          terminated: { exitCode: 137, reason: 'OOMKilled', startedAt: t(400_000), finishedAt: t(300_000) },
        },
      },
    },
  );
  await event(
    rest,
    'default',
    nodeRef(node),
    'SystemOOM',
    'System OOM encountered, victim process: app, pid: 48213',
    'Warning',
    'kubelet',
    4,
  );
  void oom;

  await ensureSimPod(
    rest,
    { ns, name: 'completed', node, restartPolicy: 'Never', labels: { app: 'completed' } },
    {
      phase: 'Succeeded',
      ready: false,
      container: {
        ready: false,
        started: false,
        state: {
          terminated: { exitCode: 0, reason: 'Completed', startedAt: t(600_000), finishedAt: t(540_000) },
        },
      },
    },
  );

  await waitFor(
    'scheduler marks bad-pods/unschedulable Unschedulable',
    async () => {
      const p = await rest.get(paths.pod(ns, 'unschedulable'));
      const c = condition(p, 'PodScheduled');
      return c?.status === 'False' && c.reason === 'Unschedulable' ? p : undefined;
    },
    { timeoutMs: 60_000 },
  );
};

/** A ReplicaSet whose pods the scheduler places on the nodes of `pool` (label `sim.knd.test/pool`). */
export function replicaSetManifest(
  ns: string,
  name: string,
  replicas: number,
  labels: Record<string, string>,
  pool: string,
  volumes?: Json[],
): Json {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: ns, labels },
    spec: {
      replicas,
      selector: { matchLabels: { app: labels.app } },
      template: {
        metadata: { labels },
        spec: podManifest({ ns, name, nodeSelector: { [LABEL_POOL]: pool }, volumes }).spec,
      },
    },
  };
}

export function pdbManifest(ns: string, name: string, selector: Record<string, string>, budget: Json): Json {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name, namespace: ns },
    spec: { selector: { matchLabels: selector }, ...budget },
  };
}

const drain: ScenarioFn = async (ctx) => {
  const { rest } = ctx;
  const ns = 'drain';
  const node = 'node-drain';
  await ensureNode(rest, {
    name: node,
    agent: 'kwok',
    scenario: ns,
    labels: { [LABEL_POOL]: 'drain', [LABEL_DAEMONSET]: 'true' },
  });
  await waitForNodeReady(rest, node);
  await ensureNamespace(rest, ns, { [LABEL_SCENARIO]: ns });

  // ReplicaSets (pods land on node-drain through nodeSelector sim.knd.test/pool=drain).
  await rest.create(
    paths.replicaSets(ns),
    replicaSetManifest(ns, 'web', 2, { app: 'web', tier: 'frontend' }, 'drain'),
  );
  await rest.create(
    paths.replicaSets(ns),
    replicaSetManifest(ns, 'api', 1, { app: 'api', tier: 'backend' }, 'drain'),
  );
  await rest.create(
    paths.replicaSets(ns),
    replicaSetManifest(ns, 'worker', 2, { app: 'worker', tier: 'batch' }, 'drain'),
  );
  await rest.create(
    paths.replicaSets(ns),
    replicaSetManifest(ns, 'cache', 1, { app: 'cache', tier: 'cache' }, 'drain', [
      { name: 'scratch', emptyDir: {} },
    ]),
  );
  // PDBs: web-pdb allows 0 disruptions; the api pod is selected by api-pdb AND backend-pdb.
  await rest.create(paths.pdbs(ns), pdbManifest(ns, 'web-pdb', { app: 'web' }, { minAvailable: 2 }));
  await rest.create(paths.pdbs(ns), pdbManifest(ns, 'api-pdb', { app: 'api' }, { maxUnavailable: 1 }));
  await rest.create(
    paths.pdbs(ns),
    pdbManifest(ns, 'backend-pdb', { tier: 'backend' }, { maxUnavailable: 1 }),
  );
  await rest.create(paths.pdbs(ns), pdbManifest(ns, 'worker-pdb', { app: 'worker' }, { maxUnavailable: 1 }));

  // DaemonSet pod.
  await rest.create(paths.daemonSets(ns), {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'node-agent', namespace: ns },
    spec: {
      selector: { matchLabels: { app: 'node-agent' } },
      template: {
        metadata: { labels: { app: 'node-agent' } },
        spec: podManifest({ ns, name: 'node-agent', nodeSelector: { [LABEL_DAEMONSET]: 'true' } }).spec,
      },
    },
  });

  // Mirror pod of a static pod, as the kubelet creates it.
  const nodeObj = await rest.get(paths.node(node));
  await ensurePod(rest, {
    ns,
    name: `static-web-${node}`,
    node,
    labels: { app: 'static-web' },
    annotations: {
      'kubernetes.io/config.mirror': '4b5a8a2c3f0d6e1b9c7a8d5e2f1a0b3c',
      'kubernetes.io/config.hash': '4b5a8a2c3f0d6e1b9c7a8d5e2f1a0b3c',
      'kubernetes.io/config.source': 'file',
      'kubernetes.io/config.seen': nowIso(-3600_000),
    },
    ownerReferences: [
      { apiVersion: 'v1', kind: 'Node', name: node, uid: nodeObj.metadata.uid, controller: true },
    ],
    tolerateEverything: true,
  });
  // Unmanaged pod (no controller): kubectl drain needs --force.
  await ensurePod(rest, { ns, name: 'standalone', node, labels: { app: 'standalone' } });

  // Wait until every pod runs on node-drain and the disruption controller has computed the PDBs.
  await waitFor(
    'drain pods Running on node-drain (web 2, api 1, worker 2, cache 1, node-agent 1, static-web, standalone)',
    async () => {
      const list = await rest.get(`${paths.pods(ns)}?fieldSelector=spec.nodeName%3D${node}`);
      const running = (list.items as Json[]).filter(
        (p) => p.status?.phase === 'Running' && !p.metadata.deletionTimestamp,
      );
      return running.length >= 9 ? running : undefined;
    },
    { timeoutMs: 90_000, intervalMs: 500 },
  );
  await waitFor(
    'PDB status computed by kube-controller-manager',
    async () =>
      (await pdbStatusSettled(
        rest,
        ns,
        { 'web-pdb': 0, 'worker-pdb': 1 },
        {
          names: ['api-pdb', 'backend-pdb'],
          minTotalAllowed: 1,
        },
      )) || undefined,
    { timeoutMs: 90_000, intervalMs: 500 },
  );
};

const healthy: ScenarioFn = async (ctx) => {
  await ensureHealthyNodes(ctx.rest, 2);
};

export const SCENARIOS: Record<string, { description: string; apply: ScenarioFn }> = {
  healthy: { description: 'node-healthy-1..2, kwok-managed and Ready', apply: healthy },
  'heartbeat-lost': {
    description: 'node-heartbeat-lost: Lease never renewed -> Ready=Unknown by the controller',
    apply: heartbeatLost,
  },
  pleg: { description: 'node-pleg: Ready=False "PLEG is not healthy ..." (Lease renewed)', apply: pleg },
  'runtime-down': {
    description: 'node-runtime-down: Ready=False "container runtime is down"',
    apply: runtimeDown,
  },
  'network-not-ready': {
    description: 'node-network-not-ready: Ready=False "... cni plugin not initialized"',
    apply: networkNotReady,
  },
  pressure: { description: 'node-memory-pressure, node-disk-pressure, node-pid-pressure', apply: pressure },
  npd: { description: 'node-kernel-deadlock: NPD condition KernelDeadlock=True', apply: npd },
  dense: { description: 'node-dense: 110 Running pods', apply: dense },
  'os-image-unknown': {
    description: 'node-os-image-unknown: Ready, osImage Unknown, Lease stale',
    apply: osImageUnknown,
  },
  'stuck-terminating': {
    description: 'stuck-finalizer (finalizer) and stuck-on-lost-node (Terminating)',
    apply: stuckTerminating,
  },
  'bad-pods': {
    description:
      'node-bad-pods: CrashLoopBackOff, ImagePullBackOff, ErrImagePull, Unschedulable, Evicted, OOMKilled, Completed',
    apply: badPods,
  },
  drain: {
    description: 'node-drain: ReplicaSets under PDBs, DaemonSet, mirror, emptyDir and unmanaged pods',
    apply: drain,
  },
};

export const INCIDENTS = [
  'healthy',
  'heartbeat-lost',
  'pleg',
  'runtime-down',
  'network-not-ready',
  'pressure',
  'npd',
  'os-image-unknown',
  'stuck-terminating',
  'bad-pods',
  'drain',
  'dense',
];

export function scenarioNames(): string[] {
  return [...Object.keys(SCENARIOS), 'incidents'];
}

/** Applies a scenario (idempotent: existing objects are kept). */
export async function applyScenario(ctx: ScenarioContext, name: string): Promise<void> {
  const names = name === 'incidents' ? INCIDENTS : name.split(',');
  for (const n of names) {
    const s = SCENARIOS[n];
    if (!s) {
      throw new Error(`unknown scenario '${n}'; known: ${scenarioNames().join(', ')}`);
    }
    const t0 = Date.now();
    try {
      await s.apply(ctx);
    } catch (e) {
      if (e instanceof KubeError) {
        throw new Error(`scenario ${n}: ${e.message}`);
      }
      throw e;
    }
    ctx.log(`scenario ${n} applied in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  }
}

export async function runLimited<T>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++];
      await fn(item);
    }
  });
  await Promise.all(workers);
}
