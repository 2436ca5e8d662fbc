/** The oldest Node.js that @kubernetes/client-node 2.x (undici 8) runs on. */
export const MIN_NODE_FOR_CLIENT = { major: 22, minor: 19 } as const;

/**
 * @example supportsClusterClient('22.19.0') // true
 * @example supportsClusterClient('20.18.1') // false
 */
export function supportsClusterClient(nodeVersion: string): boolean {
  const [major, minor] = nodeVersion.replace(/^v/, '').split('.').map(Number);
  if (Number.isNaN(major) || Number.isNaN(minor)) {
    return false;
  }
  return (
    major > MIN_NODE_FOR_CLIENT.major ||
    (major === MIN_NODE_FOR_CLIENT.major && minor >= MIN_NODE_FOR_CLIENT.minor)
  );
}
