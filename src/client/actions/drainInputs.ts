/**
 * Reads what `planDrain` needs, fresh from the API server (not the explorer cache, which holds
 * projections that may lag): the node's pods (field selector + pod selector, paged), the PDBs of
 * their namespaces, and whether each DaemonSet owning a pod still exists (kubectl GETs them too).
 * vscode-free: the command and the parity suite both use it.
 */
import type { ClusterApi } from '../../shared/cluster/clusterApi';
import type { DrainOptions, DrainPlanContext } from '../../shared/cluster/drainPlanner';
import { controllerOf, type NodeInfo, type PdbInfo, type PodInfo } from '../../shared/cluster/model';
import { type Result, err, ok } from '../../shared/result';

export interface DrainInputs {
  readonly node: NodeInfo;
  readonly pods: readonly PodInfo[];
  readonly pdbs: readonly PdbInfo[];
  readonly context: DrainPlanContext;
}

export async function loadDrainInputs(
  api: ClusterApi,
  nodeName: string,
  options: Pick<DrainOptions, 'podSelector'>,
  signal?: AbortSignal,
): Promise<Result<DrainInputs>> {
  const [node, pods] = await Promise.all([
    api.getNode(nodeName, signal),
    api.listPodsOnNode(nodeName, { labelSelector: options.podSelector, signal }),
  ]);
  if (!node.ok) {
    return node;
  }
  if (!pods.ok) {
    return pods;
  }
  const namespaces = [...new Set(pods.value.map((p) => p.metadata?.namespace ?? ''))];
  // Per-namespace lists need only namespaced RBAC; fall back to nothing if PDBs are unreadable
  // (the plan then cannot show PDB risks, and says so through an empty list).
  const pdbLists = await Promise.all(namespaces.map((namespace) => api.listPdbs({ namespace, signal })));
  const pdbs: PdbInfo[] = [];
  for (const r of pdbLists) {
    if (r.ok) {
      pdbs.push(...r.value);
    } else if (r.error.kind !== 'forbidden') {
      return err(r.error);
    }
  }
  const daemonSets = new Set<string>();
  for (const p of pods.value) {
    const c = controllerOf(p.metadata);
    if (c?.kind === 'DaemonSet' && c.apiVersion === 'apps/v1') {
      daemonSets.add(`${p.metadata?.namespace ?? ''}/${c.name}`);
    }
  }
  const missingDaemonSets = new Set<string>();
  const daemonSetLookupErrors = new Map<string, string>();
  await Promise.all(
    [...daemonSets].map(async (key) => {
      const [namespace, name] = key.split('/');
      const r = await api.daemonSetExists(namespace, name, signal);
      if (!r.ok) {
        daemonSetLookupErrors.set(key, r.error.message);
      } else if (!r.value) {
        missingDaemonSets.add(key);
      }
    }),
  );
  return ok({
    node: node.value,
    pods: pods.value,
    pdbs,
    context: { missingDaemonSets, daemonSetLookupErrors },
  });
}
