import type { Rule } from '../types';

/** A catalog rule: keywords are mandatory here so that every built-in rule takes the prefilter fast path. */
export type CatalogRule = Rule & { keywords: string[] };

/** Identity helper that type-checks a catalog rule. */
export function defineRule(rule: CatalogRule): CatalogRule {
  return rule;
}

/** Commands shared by many rules; `<node>` is a placeholder the user fills in. */
export const CMD = {
  describeNode: 'kubectl describe node <node>',
  kubeletJournal: 'journalctl -u kubelet --since "1 hour ago" --no-pager',
  kubeletLogsViaApi: 'kubectl get --raw "/api/v1/nodes/<node>/proxy/logs/?query=kubelet&tailLines=200"',
  containerdJournal: 'journalctl -u containerd --since "1 hour ago" --no-pager',
  dockerJournal: 'journalctl -u docker --since "1 hour ago" --no-pager',
  crictlInfo: 'crictl info',
  crictlPods: 'crictl pods',
  crictlPs: 'crictl ps -a',
  runtimeStatus: 'systemctl status containerd docker crio --no-pager',
  kernelLog: 'dmesg -T | tail -n 200',
  cordon: 'kubectl cordon <node>',
  drain: 'kubectl drain <node> --ignore-daemonsets --delete-emptydir-data',
  podsOnNode: 'kubectl get pods -A -o wide --field-selector spec.nodeName=<node>',
  nodeEvents: 'kubectl get events -A --field-selector involvedObject.kind=Node,involvedObject.name=<node>',
} as const;
