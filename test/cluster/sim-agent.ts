// The sim-agent plays a (sick) kubelet for nodes labelled sim.knd.test/agent=sim, following each
// node's annotation sim.knd.test/heartbeat:
//   lease  -> renew the node's Lease in kube-node-lease (status is left as the scenario wrote it)
//   status -> refresh the Ready condition's lastHeartbeatTime (the Lease stays stale)
//   none   -> do nothing (the node lifecycle controller will mark it Unknown)
// Started in the background by scripts/cluster/sim-agent.sh (cluster:up) and by the test harness.
import { KubeRest, Json, paths, microTime, nowIso, MERGE_PATCH, STRATEGIC_MERGE_PATCH } from './kube';
import { LABEL_AGENT, ANNOTATION_HEARTBEAT, writeLease } from './scenarios';

export async function simTick(rest: KubeRest): Promise<{ leases: number; statuses: number }> {
  const list = await rest.get(`${paths.nodes}?labelSelector=${encodeURIComponent(`${LABEL_AGENT}=sim`)}`);
  let leases = 0;
  let statuses = 0;
  await Promise.all(
    (list.items as Json[]).map(async (node) => {
      const name = node.metadata.name as string;
      const mode = node.metadata.annotations?.[ANNOTATION_HEARTBEAT] ?? 'lease';
      try {
        if (mode === 'lease') {
          const r = await rest.raw(
            'PATCH',
            paths.lease(name),
            { spec: { holderIdentity: name, renewTime: microTime() } },
            MERGE_PATCH,
          );
          if (r.status === 404) {
            await writeLease(rest, name, node.metadata.uid);
          }
          leases++;
        } else if (mode === 'status') {
          await rest.patch(
            paths.nodeStatus(name),
            { status: { conditions: [{ type: 'Ready', lastHeartbeatTime: nowIso() }] } },
            STRATEGIC_MERGE_PATCH,
          );
          statuses++;
        }
      } catch (e) {
        console.error(`[sim-agent] ${name}: ${(e as Error).message}`);
      }
    }),
  );
  return { leases, statuses };
}

export async function runSimAgent(
  rest: KubeRest,
  intervalMs = Number(process.env.KND_SIM_INTERVAL_MS ?? 5000),
): Promise<void> {
  let stop = false;
  let wake: (() => void) | undefined;
  const onSignal = () => {
    stop = true;
    wake?.();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  console.error(
    `[sim-agent] pid ${process.pid} started ${nowIso()}, interval ${intervalMs} ms, server ${rest.serverUrl}`,
  );
  let failures = 0;
  while (!stop) {
    try {
      await simTick(rest);
      failures = 0;
    } catch (e) {
      failures++;
      console.error(`[sim-agent] tick failed (${failures}): ${(e as Error).message}`);
      // The cluster is gone: exit instead of spinning forever.
      if (failures * intervalMs >= 120_000) {
        console.error('[sim-agent] API unreachable for 2 minutes; exiting');
        break;
      }
    }
    if (stop) {
      break;
    }
    // Heartbeat period (like the kubelet's lease renew interval), cut short by a signal.
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, intervalMs);
      wake = () => {
        clearTimeout(t);
        resolve();
      };
    });
  }
  rest.close();
  console.error(`[sim-agent] stopped ${nowIso()}`);
}
