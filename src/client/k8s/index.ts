/**
 * The explorer's entry into client-node, loaded lazily (see views/clusterExplorer.ts): client-node
 * 2.x and its undici 8 need Node ≥ 22.19, and an older extension host must still activate the
 * rest of the extension.
 */
export { kubeConfigForContext, loadKubeconfig, serverOf } from './kubeconfig';
export { KubeHttpTransport } from './kubeTransport';
export { KubeClusterApi } from './kubeClusterApi';
