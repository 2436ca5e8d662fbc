/**
 * Which kubeconfig files to read and how to merge them, the way kubectl does
 * (k8s.io/client-go tools/clientcmd loader.go): an explicit path wins alone; otherwise every file
 * of the KUBECONFIG list that exists, merged so that the first file to define a name or the
 * current context wins; otherwise ~/.kube/config. Pure, so the rules are unit-tested; the
 * client-node side lives in src/client/k8s/kubeconfig.ts.
 */

export interface KubeconfigSearch {
  /** `kubeNodeDoctor.kubeconfig` after the workspace-trust rule was applied; empty when unset. */
  settingPath?: string;
  /** process.env.KUBECONFIG */
  kubeconfigEnv?: string;
  homeDir: string;
  /** path.delimiter: ':' on Linux/macOS, ';' on Windows. */
  delimiter: string;
  /** '/' or '\\'. */
  separator: string;
}

export interface KubeconfigPlan {
  paths: string[];
  /** Where the list came from, for messages. */
  source: 'setting' | 'env' | 'home';
  /** kubectl treats a missing explicit file as an error, a missing KUBECONFIG entry as nothing. */
  missingIsError: boolean;
}

/**
 * @example
 * planKubeconfigFiles({ kubeconfigEnv: '/a:/b::/a', homeDir: '/home/me', delimiter: ':', separator: '/' })
 * // → { paths: ['/a', '/b'], source: 'env', missingIsError: false }
 */
export function planKubeconfigFiles(search: KubeconfigSearch): KubeconfigPlan {
  const setting = search.settingPath?.trim();
  if (setting) {
    return { paths: [expandHome(setting, search)], source: 'setting', missingIsError: true };
  }
  if (search.kubeconfigEnv && search.kubeconfigEnv.length > 0) {
    const unique = [...new Set(search.kubeconfigEnv.split(search.delimiter).filter((p) => p.length > 0))];
    return { paths: unique.map((p) => expandHome(p, search)), source: 'env', missingIsError: false };
  }
  return {
    paths: [[search.homeDir, '.kube', 'config'].join(search.separator)],
    source: 'home',
    missingIsError: false,
  };
}

function expandHome(path: string, search: KubeconfigSearch): string {
  if (path === '~') {
    return search.homeDir;
  }
  if (path.startsWith('~/') || path.startsWith('~\\')) {
    return search.homeDir + search.separator + path.slice(2);
  }
  return path;
}

/** What `WorkspaceConfiguration.inspect('kubeconfig')` returns, reduced to the scopes we read. */
export interface KubeconfigSettingScopes {
  globalValue?: string;
  workspaceValue?: string;
  workspaceFolderValue?: string;
}

/**
 * The `kubeNodeDoctor.kubeconfig` value to use. In an untrusted workspace only the user's own
 * (global) value counts: a repository must not point the extension at credentials of its choosing.
 *
 * @example effectiveKubeconfigSetting({ globalValue: '/a', workspaceValue: '/evil' }, false) // '/a'
 * @example effectiveKubeconfigSetting({ globalValue: '/a', workspaceValue: '/b' }, true)     // '/b'
 */
export function effectiveKubeconfigSetting(
  scopes: KubeconfigSettingScopes | undefined,
  trusted: boolean,
): string | undefined {
  if (!scopes) {
    return undefined;
  }
  const value = trusted
    ? scopes.workspaceFolderValue || scopes.workspaceValue || scopes.globalValue
    : scopes.globalValue;
  return value?.trim() ? value : undefined;
}

interface Named {
  name: string;
}

/** The parts of a loaded kubeconfig the merge touches (client-node's KubeConfig has these). */
export interface KubeconfigParts<C extends Named, U extends Named, X extends Named> {
  clusters: C[];
  users: U[];
  contexts: X[];
  currentContext: string;
}

/**
 * Merges kubeconfig files in order; the first file to define a name (or a current context) wins,
 * as in kubectl. client-node's own merge throws on duplicate names and lets later files override
 * the current context, so we do not use it.
 *
 * @example
 * mergeKubeconfigParts([{ contexts: [{ name: 'a', v: 1 }], currentContext: '' , …},
 *                       { contexts: [{ name: 'a', v: 2 }], currentContext: 'a', …}])
 * // → contexts [{ name: 'a', v: 1 }], currentContext 'a'
 */
export function mergeKubeconfigParts<C extends Named, U extends Named, X extends Named>(
  files: KubeconfigParts<C, U, X>[],
): KubeconfigParts<C, U, X> {
  const merged: KubeconfigParts<C, U, X> = { clusters: [], users: [], contexts: [], currentContext: '' };
  for (const file of files) {
    appendNew(merged.clusters, file.clusters);
    appendNew(merged.users, file.users);
    appendNew(merged.contexts, file.contexts);
    if (!merged.currentContext && file.currentContext) {
      merged.currentContext = file.currentContext;
    }
  }
  return merged;
}

function appendNew<T extends Named>(target: T[], source: T[] | undefined): void {
  const seen = new Set(target.map((t) => t.name));
  for (const item of source ?? []) {
    if (!seen.has(item.name)) {
      target.push(item);
      seen.add(item.name);
    }
  }
}

/**
 * The context to show: the one the user picked in the explorer (kept in extension state, never
 * written to the kubeconfig) when it still exists, else the kubeconfig's current-context.
 */
export function chooseContext(
  available: readonly string[],
  picked: string | undefined,
  currentContext: string,
): string | undefined {
  if (picked && available.includes(picked)) {
    return picked;
  }
  if (currentContext && available.includes(currentContext)) {
    return currentContext;
  }
  return undefined;
}
