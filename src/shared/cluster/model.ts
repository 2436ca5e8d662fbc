/**
 * The cluster object model of the pure core: read-only structural subsets of Kubernetes objects,
 * holding only the fields the classifier, the drain planner and the tree read.
 *
 * Shape rules, so the adapter can pass `@kubernetes/client-node` objects straight through:
 * - every field is optional where the API marks it optional (a `V1Pod` is assignable to `PodInfo`);
 * - timestamps are `Timestamp` = RFC 3339 string (as in `kubectl get -o json`) or `Date`
 *   (as client-node deserialises them); read them with `toMillis`;
 * - quantities stay strings (`"110"`, `"32Gi"`).
 *
 * `projectNode`/`projectPod`/… take plain JSON (or client-node objects) and copy only these fields,
 * so a cache of 150,000 pods does not keep managedFields, specs and env vars alive.
 */

/** RFC 3339 text as served by the API, or a `Date` as produced by client-node. */
export type Timestamp = string | Date;

export interface OwnerRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly uid: string;
  readonly controller?: boolean;
}

export interface ObjectMetaInfo {
  readonly name?: string;
  readonly namespace?: string;
  readonly uid?: string;
  readonly resourceVersion?: string;
  readonly generation?: number;
  readonly creationTimestamp?: Timestamp;
  readonly deletionTimestamp?: Timestamp;
  readonly deletionGracePeriodSeconds?: number;
  readonly labels?: { readonly [key: string]: string };
  readonly annotations?: { readonly [key: string]: string };
  readonly finalizers?: readonly string[];
  readonly ownerReferences?: readonly OwnerRef[];
}

// ---------------------------------------------------------------------------------------------
// Node

export interface NodeConditionInfo {
  readonly type: string;
  /** `True` | `False` | `Unknown` */
  readonly status: string;
  readonly reason?: string;
  readonly message?: string;
  readonly lastHeartbeatTime?: Timestamp;
  readonly lastTransitionTime?: Timestamp;
}

export interface TaintInfo {
  readonly key: string;
  readonly value?: string;
  /** `NoSchedule` | `PreferNoSchedule` | `NoExecute` */
  readonly effect: string;
  readonly timeAdded?: Timestamp;
}

export interface NodeSystemInfoSubset {
  readonly osImage?: string;
  readonly kubeletVersion?: string;
  readonly containerRuntimeVersion?: string;
  readonly kernelVersion?: string;
  readonly architecture?: string;
}

export interface NodeAddressInfo {
  readonly type: string;
  readonly address: string;
}

export interface NodeInfo {
  readonly metadata?: ObjectMetaInfo;
  readonly spec?: {
    readonly unschedulable?: boolean;
    readonly taints?: readonly TaintInfo[];
    readonly providerID?: string;
  };
  readonly status?: {
    readonly conditions?: readonly NodeConditionInfo[];
    readonly allocatable?: { readonly [resource: string]: string };
    readonly capacity?: { readonly [resource: string]: string };
    readonly nodeInfo?: NodeSystemInfoSubset;
    readonly addresses?: readonly NodeAddressInfo[];
  };
}

// ---------------------------------------------------------------------------------------------
// Pod

export interface ContainerStateInfo {
  readonly waiting?: { readonly reason?: string; readonly message?: string };
  readonly running?: { readonly startedAt?: Timestamp };
  readonly terminated?: {
    readonly exitCode: number;
    readonly signal?: number;
    readonly reason?: string;
    readonly message?: string;
    readonly startedAt?: Timestamp;
    readonly finishedAt?: Timestamp;
  };
}

export interface ContainerStatusInfo {
  readonly name: string;
  readonly ready: boolean;
  readonly started?: boolean;
  readonly restartCount: number;
  readonly image?: string;
  readonly state?: ContainerStateInfo;
  readonly lastState?: ContainerStateInfo;
}

export interface PodConditionInfo {
  readonly type: string;
  readonly status: string;
  readonly reason?: string;
  readonly message?: string;
  readonly lastTransitionTime?: Timestamp;
}

/** Only whether a volume is an emptyDir matters to drain's local-storage filter. */
export interface VolumeInfo {
  readonly name: string;
  readonly emptyDir?: object;
}

export interface ContainerSpecInfo {
  readonly name: string;
  /** `Always` on an init container makes it a restartable (sidecar) container. */
  readonly restartPolicy?: string;
}

export interface PodInfo {
  readonly metadata?: ObjectMetaInfo;
  readonly spec?: {
    readonly nodeName?: string;
    readonly containers?: readonly ContainerSpecInfo[];
    readonly initContainers?: readonly ContainerSpecInfo[];
    readonly volumes?: readonly VolumeInfo[];
    readonly terminationGracePeriodSeconds?: number;
    readonly restartPolicy?: string;
    readonly priorityClassName?: string;
  };
  readonly status?: {
    readonly phase?: string;
    readonly reason?: string;
    readonly message?: string;
    readonly startTime?: Timestamp;
    readonly conditions?: readonly PodConditionInfo[];
    readonly containerStatuses?: readonly ContainerStatusInfo[];
    readonly initContainerStatuses?: readonly ContainerStatusInfo[];
  };
}

/** Identifies one pod; `uid` pins one incarnation (a recreated StatefulSet pod has a new uid). */
export interface PodRef {
  readonly namespace: string;
  readonly name: string;
  readonly uid?: string;
}

// ---------------------------------------------------------------------------------------------
// Lease, Event, PodDisruptionBudget

export interface LeaseInfo {
  readonly metadata?: ObjectMetaInfo;
  readonly spec?: {
    readonly holderIdentity?: string;
    readonly leaseDurationSeconds?: number;
    readonly renewTime?: Timestamp;
  };
}

export interface EventInfo {
  readonly metadata?: ObjectMetaInfo;
  readonly involvedObject?: {
    readonly kind?: string;
    readonly name?: string;
    readonly namespace?: string;
    readonly uid?: string;
  };
  readonly reason?: string;
  readonly message?: string;
  /** `Normal` | `Warning` */
  readonly type?: string;
  readonly count?: number;
  readonly firstTimestamp?: Timestamp;
  readonly lastTimestamp?: Timestamp;
  readonly eventTime?: Timestamp;
  readonly series?: { readonly count?: number; readonly lastObservedTime?: Timestamp };
  readonly source?: { readonly component?: string; readonly host?: string };
}

export interface LabelSelectorRequirementInfo {
  readonly key: string;
  /** `In` | `NotIn` | `Exists` | `DoesNotExist` */
  readonly operator: string;
  readonly values?: readonly string[];
}

export interface LabelSelectorInfo {
  readonly matchLabels?: { readonly [key: string]: string };
  readonly matchExpressions?: readonly LabelSelectorRequirementInfo[];
}

export interface PdbInfo {
  readonly metadata?: ObjectMetaInfo;
  readonly spec?: {
    readonly selector?: LabelSelectorInfo;
    readonly minAvailable?: number | string;
    readonly maxUnavailable?: number | string;
    readonly unhealthyPodEvictionPolicy?: string;
  };
  readonly status?: {
    readonly disruptionsAllowed?: number;
    readonly currentHealthy?: number;
    readonly desiredHealthy?: number;
    readonly expectedPods?: number;
    readonly observedGeneration?: number;
  };
}

// ---------------------------------------------------------------------------------------------
// Well-known names

export const LEASE_NAMESPACE = 'kube-node-lease';
export const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';
/** Annotations worth keeping on a projected pod; everything else is dropped to save memory. */
export const KEPT_POD_ANNOTATIONS: readonly string[] = [MIRROR_POD_ANNOTATION, 'kubernetes.io/config.source'];

// ---------------------------------------------------------------------------------------------
// Small readers

/** Milliseconds since the epoch, or undefined for a missing or unparsable timestamp. */
export function toMillis(ts: Timestamp | undefined): number | undefined {
  if (ts === undefined || ts === null) {
    return undefined;
  }
  const ms = ts instanceof Date ? ts.getTime() : Date.parse(ts);
  return Number.isNaN(ms) ? undefined : ms;
}

export function nodeName(node: NodeInfo): string {
  return node.metadata?.name ?? '';
}

export function podRef(pod: PodInfo): PodRef {
  const ref: PodRef = { namespace: pod.metadata?.namespace ?? 'default', name: pod.metadata?.name ?? '' };
  return pod.metadata?.uid ? { ...ref, uid: pod.metadata.uid } : ref;
}

/** `namespace/name`, the key kubectl prints in drain messages. */
export function podKey(ref: PodRef): string {
  return `${ref.namespace}/${ref.name}`;
}

/** `namespace/name` of a pod object. */
export function podKeyOf(pod: PodInfo): string {
  return podKey(podRef(pod));
}

export function findNodeCondition(node: NodeInfo, type: string): NodeConditionInfo | undefined {
  return node.status?.conditions?.find((c) => c.type === type);
}

export function findPodCondition(pod: PodInfo, type: string): PodConditionInfo | undefined {
  return pod.status?.conditions?.find((c) => c.type === type);
}

/** The controller owner reference (`controller: true`), as `metav1.GetControllerOf` returns it. */
export function controllerOf(meta: ObjectMetaInfo | undefined): OwnerRef | undefined {
  return meta?.ownerReferences?.find((o) => o.controller === true);
}

// ---------------------------------------------------------------------------------------------
// Projections: keep only what the core reads

type Json = Record<string, unknown>;

function obj(value: unknown): Json | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}
function arr(value: unknown): unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}
function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
function num(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}
function bool(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}
function ts(value: unknown): Timestamp | undefined {
  return typeof value === 'string' || value instanceof Date ? value : undefined;
}
function intOrString(value: unknown): number | string | undefined {
  return typeof value === 'number' || typeof value === 'string' ? value : undefined;
}
function stringMap(value: unknown, keep?: readonly string[]): Record<string, string> | undefined {
  const source = obj(value);
  if (!source) {
    return undefined;
  }
  const out: Record<string, string> = {};
  let any = false;
  for (const key of keep ?? Object.keys(source)) {
    const v = source[key];
    if (typeof v === 'string') {
      out[key] = v;
      any = true;
    }
  }
  return any ? out : undefined;
}

/** Drops undefined members so projected objects stay small and compare cleanly in tests. */
function compact<T extends object>(value: T): T {
  // Copy instead of `delete`: deleting properties switches V8 objects to slow dictionary mode,
  // which made a cache of 150,000 pods several times larger and slower (cluster explorer bench).
  const out = {} as T;
  for (const key of Object.keys(value) as (keyof T)[]) {
    if (value[key] !== undefined) {
      out[key] = value[key];
    }
  }
  return out;
}

function projectOwnerRef(raw: unknown): OwnerRef | undefined {
  const o = obj(raw);
  if (!o) {
    return undefined;
  }
  return compact({
    apiVersion: str(o.apiVersion) ?? '',
    kind: str(o.kind) ?? '',
    name: str(o.name) ?? '',
    uid: str(o.uid) ?? '',
    controller: bool(o.controller),
  });
}

function projectMeta(raw: unknown, keepAnnotations?: readonly string[], keepLabels = true): ObjectMetaInfo {
  const m = obj(raw) ?? {};
  const owners = arr(m.ownerReferences)
    ?.map(projectOwnerRef)
    .filter((o): o is OwnerRef => o !== undefined);
  const finalizers = arr(m.finalizers)?.filter((f): f is string => typeof f === 'string');
  return compact({
    name: str(m.name),
    namespace: str(m.namespace),
    uid: str(m.uid),
    resourceVersion: str(m.resourceVersion),
    generation: num(m.generation),
    creationTimestamp: ts(m.creationTimestamp),
    deletionTimestamp: ts(m.deletionTimestamp),
    deletionGracePeriodSeconds: num(m.deletionGracePeriodSeconds),
    labels: keepLabels ? stringMap(m.labels) : undefined,
    annotations: keepAnnotations ? stringMap(m.annotations, keepAnnotations) : undefined,
    finalizers: finalizers && finalizers.length > 0 ? finalizers : undefined,
    ownerReferences: owners && owners.length > 0 ? owners : undefined,
  });
}

function projectContainerState(raw: unknown): ContainerStateInfo | undefined {
  const s = obj(raw);
  if (!s) {
    return undefined;
  }
  const waiting = obj(s.waiting);
  const running = obj(s.running);
  const terminated = obj(s.terminated);
  const state = compact<ContainerStateInfo>({
    waiting: waiting ? compact({ reason: str(waiting.reason), message: str(waiting.message) }) : undefined,
    running: running ? compact({ startedAt: ts(running.startedAt) }) : undefined,
    terminated: terminated
      ? compact({
          exitCode: num(terminated.exitCode) ?? 0,
          signal: num(terminated.signal),
          reason: str(terminated.reason),
          message: str(terminated.message),
          startedAt: ts(terminated.startedAt),
          finishedAt: ts(terminated.finishedAt),
        })
      : undefined,
  });
  return Object.keys(state).length > 0 ? state : undefined;
}

function projectContainerStatus(raw: unknown): ContainerStatusInfo | undefined {
  const c = obj(raw);
  if (!c) {
    return undefined;
  }
  return compact({
    name: str(c.name) ?? '',
    ready: bool(c.ready) ?? false,
    started: bool(c.started),
    restartCount: num(c.restartCount) ?? 0,
    image: str(c.image),
    state: projectContainerState(c.state),
    lastState: projectContainerState(c.lastState),
  });
}

function projectList<T>(raw: unknown, project: (item: unknown) => T | undefined): T[] | undefined {
  const items = arr(raw)
    ?.map(project)
    .filter((x): x is T => x !== undefined);
  return items && items.length > 0 ? items : undefined;
}

function projectCondition(raw: unknown): NodeConditionInfo | undefined {
  const c = obj(raw);
  if (!c || typeof c.type !== 'string') {
    return undefined;
  }
  return compact({
    type: c.type,
    status: str(c.status) ?? 'Unknown',
    reason: str(c.reason),
    message: str(c.message),
    lastHeartbeatTime: ts(c.lastHeartbeatTime),
    lastTransitionTime: ts(c.lastTransitionTime),
  });
}

/**
 * Keeps only the node fields the core reads.
 * @example projectNode(JSON.parse(kubectlGetNodeJson)).status.conditions[0].type // 'Ready'
 */
export function projectNode(raw: unknown): NodeInfo {
  const n = obj(raw) ?? {};
  const spec = obj(n.spec) ?? {};
  const status = obj(n.status) ?? {};
  const info = obj(status.nodeInfo);
  const keptResources = ['pods', 'cpu', 'memory', 'ephemeral-storage'];
  return {
    metadata: projectMeta(n.metadata),
    spec: compact({
      unschedulable: bool(spec.unschedulable),
      taints: projectList(spec.taints, (t) => {
        const o = obj(t);
        if (!o || typeof o.key !== 'string') {
          return undefined;
        }
        return compact({
          key: o.key,
          value: str(o.value),
          effect: str(o.effect) ?? '',
          timeAdded: ts(o.timeAdded),
        });
      }),
      providerID: str(spec.providerID),
    }),
    status: compact({
      conditions: projectList(status.conditions, projectCondition),
      allocatable: stringMap(status.allocatable, keptResources),
      capacity: stringMap(status.capacity, keptResources),
      nodeInfo: info
        ? compact({
            osImage: str(info.osImage),
            kubeletVersion: str(info.kubeletVersion),
            containerRuntimeVersion: str(info.containerRuntimeVersion),
            kernelVersion: str(info.kernelVersion),
            architecture: str(info.architecture),
          })
        : undefined,
      addresses: projectList(status.addresses, (a) => {
        const o = obj(a);
        return o && typeof o.type === 'string' && typeof o.address === 'string'
          ? { type: o.type, address: o.address }
          : undefined;
      }),
    }),
  };
}

function projectContainerSpec(raw: unknown): ContainerSpecInfo | undefined {
  const c = obj(raw);
  if (!c) {
    return undefined;
  }
  return compact({ name: str(c.name) ?? '', restartPolicy: str(c.restartPolicy) });
}

/**
 * Keeps only the pod fields the core reads (labels, the mirror annotation, owners, finalizers,
 * container names and statuses, emptyDir volumes, conditions).
 */
export function projectPod(raw: unknown): PodInfo {
  const p = obj(raw) ?? {};
  const spec = obj(p.spec) ?? {};
  const status = obj(p.status) ?? {};
  return {
    metadata: projectMeta(p.metadata, KEPT_POD_ANNOTATIONS),
    spec: compact({
      nodeName: str(spec.nodeName),
      containers: projectList(spec.containers, projectContainerSpec),
      initContainers: projectList(spec.initContainers, projectContainerSpec),
      // Only emptyDir volumes matter to drain; other volume sources are dropped.
      volumes: projectList(spec.volumes, (v) => {
        const o = obj(v);
        return o && obj(o.emptyDir) ? { name: str(o.name) ?? '', emptyDir: {} } : undefined;
      }),
      terminationGracePeriodSeconds: num(spec.terminationGracePeriodSeconds),
      restartPolicy: str(spec.restartPolicy),
      priorityClassName: str(spec.priorityClassName),
    }),
    status: compact({
      phase: str(status.phase),
      reason: str(status.reason),
      message: str(status.message),
      startTime: ts(status.startTime),
      conditions: projectList(status.conditions, (c) => {
        const o = obj(c);
        if (!o || typeof o.type !== 'string') {
          return undefined;
        }
        return compact({
          type: o.type,
          status: str(o.status) ?? 'Unknown',
          reason: str(o.reason),
          message: str(o.message),
          lastTransitionTime: ts(o.lastTransitionTime),
        });
      }),
      containerStatuses: projectList(status.containerStatuses, projectContainerStatus),
      initContainerStatuses: projectList(status.initContainerStatuses, projectContainerStatus),
    }),
  };
}

/** Keeps holder, duration and renew time of a node Lease. */
export function projectLease(raw: unknown): LeaseInfo {
  const l = obj(raw) ?? {};
  const spec = obj(l.spec) ?? {};
  return {
    metadata: projectMeta(l.metadata, undefined, false),
    spec: compact({
      holderIdentity: str(spec.holderIdentity),
      leaseDurationSeconds: num(spec.leaseDurationSeconds),
      renewTime: ts(spec.renewTime),
    }),
  };
}

/** Keeps a core/v1 Event's subject, reason, message, type, count and times. */
export function projectEvent(raw: unknown): EventInfo {
  const e = obj(raw) ?? {};
  const involved = obj(e.involvedObject);
  const series = obj(e.series);
  const source = obj(e.source);
  return compact({
    metadata: projectMeta(e.metadata, undefined, false),
    involvedObject: involved
      ? compact({
          kind: str(involved.kind),
          name: str(involved.name),
          namespace: str(involved.namespace),
          uid: str(involved.uid),
        })
      : undefined,
    reason: str(e.reason),
    message: str(e.message),
    type: str(e.type),
    count: num(e.count),
    firstTimestamp: ts(e.firstTimestamp),
    lastTimestamp: ts(e.lastTimestamp),
    eventTime: ts(e.eventTime),
    series: series
      ? compact({ count: num(series.count), lastObservedTime: ts(series.lastObservedTime) })
      : undefined,
    source: source ? compact({ component: str(source.component), host: str(source.host) }) : undefined,
  });
}

function projectSelector(raw: unknown): LabelSelectorInfo | undefined {
  const s = obj(raw);
  if (!s) {
    return undefined;
  }
  return compact({
    matchLabels: stringMap(s.matchLabels),
    matchExpressions: projectList(s.matchExpressions, (r) => {
      const o = obj(r);
      if (!o || typeof o.key !== 'string') {
        return undefined;
      }
      const values = arr(o.values)?.filter((v): v is string => typeof v === 'string');
      return compact({ key: o.key, operator: str(o.operator) ?? '', values });
    }),
  });
}

/** Keeps a PodDisruptionBudget's selector, budget and status. */
export function projectPdb(raw: unknown): PdbInfo {
  const b = obj(raw) ?? {};
  const spec = obj(b.spec) ?? {};
  const status = obj(b.status) ?? {};
  return {
    metadata: projectMeta(b.metadata, undefined, false),
    spec: compact({
      selector: projectSelector(spec.selector),
      minAvailable: intOrString(spec.minAvailable),
      maxUnavailable: intOrString(spec.maxUnavailable),
      unhealthyPodEvictionPolicy: str(spec.unhealthyPodEvictionPolicy),
    }),
    status: compact({
      disruptionsAllowed: num(status.disruptionsAllowed),
      currentHealthy: num(status.currentHealthy),
      desiredHealthy: num(status.desiredHealthy),
      expectedPods: num(status.expectedPods),
      observedGeneration: num(status.observedGeneration),
    }),
  };
}
