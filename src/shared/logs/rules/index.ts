/**
 * The rule registry. ORDER IS PRIORITY: the engine tries rules top to bottom and a line gets the first
 * rule that matches, so specific rules (inotify's ENOSPC, PLEG inside a "Skipping pod synchronization"
 * line, PID exhaustion inside an `OCI runtime create failed`) come before the generic ones.
 */
import type { Rule } from '../types';
import { leaseUpdateFailed, nodeStatusUnknown, nodeStatusUpdateFailed } from './nodeStatus';
import { plegNeverRan, plegNotHealthy, plegRelistFailed } from './plegUnhealthy';
import {
  dockerDaemonUnreachable,
  runtimeDown,
  runtimeNotReady,
  runtimeSanityCheckFailed,
  runtimeServiceFailed,
  runtimeSocketUnreachable,
  runtimeStatusPending,
} from './runtimeDown';
import { runtimeTimeout } from './runtimeTimeout';

export const RULES: readonly Rule[] = Object.freeze([
  plegNeverRan,
  plegNotHealthy,
  runtimeDown,
  runtimeNotReady,
  runtimeStatusPending,
  nodeStatusUnknown,
  nodeStatusUpdateFailed,
  leaseUpdateFailed,
  dockerDaemonUnreachable,
  runtimeSocketUnreachable,
  runtimeServiceFailed,
  runtimeTimeout,
  runtimeSanityCheckFailed,
  plegRelistFailed,
]);

const BY_ID = new Map(RULES.map((rule) => [rule.id, rule]));

/** The catalog rule with this id. */
export function getRule(id: string): Rule | undefined {
  return BY_ID.get(id);
}
