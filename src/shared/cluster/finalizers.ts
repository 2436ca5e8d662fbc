/**
 * Finalizers: who usually owns them, and the guarded JSON patch that removes them.
 * Facts: kubernetes-facts.md §4.3 (finalizers can only be removed once deleting; removing one by
 * hand skips its controller's cleanup; prefer a JSON patch with a `test`). Pure.
 */
import type { JsonPatchOperation } from './clusterApi';
import type { ObjectMetaInfo } from './model';

export interface FinalizerInfo {
  readonly name: string;
  /** Who normally removes it, e.g. `the PVC protection controller (kube-controller-manager)`. */
  readonly owner: string;
  /** What it protects and what removing it by hand skips. */
  readonly explanation: string;
  /** True for finalizers of Kubernetes itself (as opposed to a third-party controller). */
  readonly builtIn: boolean;
}

const KNOWN: Readonly<Record<string, Omit<FinalizerInfo, 'name'>>> = {
  'kubernetes.io/pvc-protection': {
    owner: 'the PVC protection controller (kube-controller-manager)',
    explanation:
      'Keeps a PersistentVolumeClaim while a pod still uses it. Removed once no pod references the claim.',
    builtIn: true,
  },
  'kubernetes.io/pv-protection': {
    owner: 'the PV protection controller (kube-controller-manager)',
    explanation: 'Keeps a PersistentVolume while a claim is bound to it.',
    builtIn: true,
  },
  foregroundDeletion: {
    owner: 'the garbage collector (kube-controller-manager)',
    explanation:
      'Foreground cascading deletion: the object stays until its dependents with blockOwnerDeletion are gone.',
    builtIn: true,
  },
  orphan: {
    owner: 'the garbage collector (kube-controller-manager)',
    explanation: 'Orphan deletion: the garbage collector first removes this owner from its dependents.',
    builtIn: true,
  },
  'batch.kubernetes.io/job-tracking': {
    owner: 'the Job controller (kube-controller-manager)',
    explanation:
      "Lets the Job controller count the pod's completion or failure before it disappears. Removing it may miscount the Job.",
    builtIn: true,
  },
  kubernetes: {
    owner: 'the namespace controller (kube-controller-manager)',
    explanation: 'Namespace finalizer: removed once every object in the namespace is deleted.',
    builtIn: true,
  },
  'service.kubernetes.io/load-balancer-cleanup': {
    owner: 'the cloud provider’s service controller',
    explanation: 'Keeps a LoadBalancer Service until its cloud load balancer is deleted.',
    builtIn: true,
  },
  'resource.kubernetes.io/delete-protection': {
    owner: 'the resource claim controller (dynamic resource allocation)',
    explanation: 'Keeps a ResourceClaim while it is allocated or reserved for a pod.',
    builtIn: true,
  },
};

const PREFIXES: readonly [string, Omit<FinalizerInfo, 'name'>][] = [
  [
    'external-attacher/',
    {
      owner: 'the CSI external-attacher of the volume driver',
      explanation: 'Keeps the VolumeAttachment until the volume is detached from the node.',
      builtIn: false,
    },
  ],
  [
    'snapshot.storage.kubernetes.io/',
    {
      owner: 'the CSI snapshot controller',
      explanation: 'Protects a VolumeSnapshot or its content while in use.',
      builtIn: false,
    },
  ],
];

/**
 * What usually owns a finalizer.
 * @example describeFinalizer('kubernetes.io/pvc-protection').owner // 'the PVC protection controller (kube-controller-manager)'
 * @example describeFinalizer('example.com/backup-hold').owner      // 'a controller of example.com'
 */
export function describeFinalizer(name: string): FinalizerInfo {
  const known = KNOWN[name];
  if (known) {
    return { name, ...known };
  }
  for (const [prefix, info] of PREFIXES) {
    if (name.startsWith(prefix)) {
      return { name, ...info };
    }
  }
  const slash = name.indexOf('/');
  if (slash > 0) {
    const domain = name.slice(0, slash);
    return {
      name,
      owner: `a controller of ${domain}`,
      explanation: `Set by a controller or operator from ${domain}; it removes the finalizer after its own cleanup. Check that controller's logs before removing it by hand.`,
      builtIn: false,
    };
  }
  return {
    name,
    owner: 'an unknown controller (the name has no domain)',
    explanation: 'Find the controller that adds this name before removing it by hand.',
    builtIn: false,
  };
}

/** The blunt merge patch `kubectl patch … --type=merge` sends to clear all finalizers (no concurrency check). */
export const CLEAR_FINALIZERS_MERGE_PATCH = { metadata: { finalizers: null } } as const;

export interface FinalizerPatchOptions {
  /** Also `test` the resourceVersion, so any concurrent change (not just to finalizers) aborts the patch. */
  readonly guardResourceVersion?: boolean;
}

/**
 * A JSON patch that removes `names` (all finalizers when omitted), guarded by a `test` of the
 * current finalizer list (and optionally the resourceVersion): if anything changed since `meta`
 * was read, the server answers 422 and nothing is removed.
 * @example finalizerRemovalPatch({ finalizers: ['a/x', 'b/y'], resourceVersion: '42' }, ['a/x'])
 *   // [{op:'test',path:'/metadata/finalizers',value:['a/x','b/y']},
 *   //  {op:'replace',path:'/metadata/finalizers',value:['b/y']}]
 */
export function finalizerRemovalPatch(
  meta: Pick<ObjectMetaInfo, 'finalizers' | 'resourceVersion'>,
  names?: readonly string[],
  opts: FinalizerPatchOptions = {},
): JsonPatchOperation[] {
  const current = [...(meta.finalizers ?? [])];
  const removing = new Set(names ?? current);
  const missing = [...removing].filter((n) => !current.includes(n));
  if (missing.length > 0) {
    throw new Error(`finalizer${missing.length > 1 ? 's' : ''} not present: ${missing.join(', ')}`);
  }
  const kept = current.filter((f) => !removing.has(f));
  const ops: JsonPatchOperation[] = [];
  if (opts.guardResourceVersion) {
    if (!meta.resourceVersion) {
      throw new Error('no resourceVersion to guard on');
    }
    ops.push({ op: 'test', path: '/metadata/resourceVersion', value: meta.resourceVersion });
  }
  ops.push({ op: 'test', path: '/metadata/finalizers', value: current });
  ops.push(
    kept.length > 0
      ? { op: 'replace', path: '/metadata/finalizers', value: kept }
      : { op: 'remove', path: '/metadata/finalizers' },
  );
  return ops;
}

/**
 * The one-at-a-time form of kubernetes-facts.md §4.3: test the entry at its index, then remove it.
 * @example singleFinalizerRemovalPatch({ finalizers: ['a/x', 'b/y'] }, 'b/y')
 *   // [{op:'test',path:'/metadata/finalizers/1',value:'b/y'},{op:'remove',path:'/metadata/finalizers/1'}]
 */
export function singleFinalizerRemovalPatch(
  meta: Pick<ObjectMetaInfo, 'finalizers'>,
  name: string,
): JsonPatchOperation[] {
  const index = (meta.finalizers ?? []).indexOf(name);
  if (index < 0) {
    throw new Error(`finalizer not present: ${name}`);
  }
  return [
    { op: 'test', path: `/metadata/finalizers/${index}`, value: name },
    { op: 'remove', path: `/metadata/finalizers/${index}` },
  ];
}
