/**
 * Loads kubeconfig files with client-node the way kubectl does (file choice and merge rules in
 * ../explorer/kubeconfigSources.ts) and builds a KubeConfig for one context. Read-only: nothing
 * here ever writes a kubeconfig; the chosen context lives in extension state.
 */
import { existsSync } from 'node:fs';
import { KubeConfig } from '@kubernetes/client-node';
import {
  type KubeconfigSearch,
  chooseContext,
  mergeKubeconfigParts,
  planKubeconfigFiles,
} from '../explorer/kubeconfigSources';

export type KubeconfigLoad =
  | {
      ok: true;
      merged: KubeConfig;
      contexts: string[];
      /** current-context of the merged files (not the explorer's choice). */
      currentContext: string;
      files: string[];
    }
  | { ok: false; state: 'noKubeconfig' | 'badKubeconfig'; message: string; files: string[] };

export function loadKubeconfig(
  search: KubeconfigSearch,
  exists: (path: string) => boolean = existsSync,
): KubeconfigLoad {
  const plan = planKubeconfigFiles(search);
  const present = plan.paths.filter((p) => exists(p));
  if (plan.missingIsError && present.length < plan.paths.length) {
    return {
      ok: false,
      state: 'noKubeconfig',
      message: `The kubeconfig ${plan.paths[0]} does not exist.`,
      files: plan.paths,
    };
  }
  if (present.length === 0) {
    return {
      ok: false,
      state: 'noKubeconfig',
      message:
        plan.source === 'env'
          ? `None of the files in KUBECONFIG exist (${plan.paths.join(', ')}).`
          : `No kubeconfig at ${plan.paths[0]}.`,
      files: plan.paths,
    };
  }
  const loaded: KubeConfig[] = [];
  for (const file of present) {
    const kc = new KubeConfig();
    try {
      kc.loadFromFile(file);
    } catch (error) {
      // The parser's message can quote the file; keep only its first line (no secrets in it).
      const first = (error instanceof Error ? error.message : String(error)).split('\n')[0];
      return {
        ok: false,
        state: 'badKubeconfig',
        message: `${file} cannot be read: ${first}`,
        files: present,
      };
    }
    loaded.push(kc);
  }
  const parts = mergeKubeconfigParts(
    loaded.map((kc) => ({
      clusters: kc.getClusters(),
      users: kc.getUsers(),
      contexts: kc.getContexts(),
      currentContext: kc.getCurrentContext() ?? '',
    })),
  );
  const merged = new KubeConfig();
  merged.loadFromOptions({ ...parts });
  if (parts.contexts.length === 0) {
    return {
      ok: false,
      state: 'noKubeconfig',
      message: `No contexts in ${present.join(', ')}.`,
      files: present,
    };
  }
  return {
    ok: true,
    merged,
    contexts: parts.contexts.map((c) => c.name),
    currentContext: parts.currentContext,
    files: present,
  };
}

/** A KubeConfig bound to one context; the merged config and the files stay untouched. */
export function kubeConfigForContext(
  load: Extract<KubeconfigLoad, { ok: true }>,
  picked?: string,
): KubeConfig | undefined {
  const name = chooseContext(load.contexts, picked, load.currentContext);
  if (!name) {
    return undefined;
  }
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: load.merged.getClusters(),
    users: load.merged.getUsers(),
    contexts: load.merged.getContexts(),
    currentContext: name,
  });
  return kc;
}

/** The server URL of a context, for the tree's root description (never credentials). */
export function serverOf(kc: KubeConfig): string | undefined {
  return kc.getCurrentCluster()?.server;
}
