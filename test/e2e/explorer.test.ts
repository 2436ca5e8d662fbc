// The Cluster Explorer against the harness's `incidents` scenario, as a user sees it: the activity
// bar icon opens the view, sick nodes carry the icon, badge and description that the classifier and
// the shared health presentation (src/shared/cluster/healthPresentation.ts) give them, a tooltip
// explains why, and expanding a node lists its pods with their statuses.
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { classifiedNodes, type ExpectedNode, withoutDurations } from './clusterOracle';
import { eventually, kubectl, kubectlJson } from './kubectl';
import type { Locator } from './playwright';
import { screenshotSteps, Workbench } from './workbench';

const VIEW_CONTAINER = 'Kube Node Doctor';
/** Nodes of the incidents scenario that must look sick: NotReady (PLEG, runtime, CNI) and Unknown. */
const SICK_NODES = ['node-pleg', 'node-runtime-down', 'node-network-not-ready', 'node-heartbeat-lost'];

// Runs in the browser: the file decoration badge is drawn by CSS (::after content).
declare const getComputedStyle: (element: unknown, pseudo: string) => { content: string };

/** The tree row whose label is exactly name. */
function rowLabelled(wb: Workbench, name: string): Locator {
  const label = wb.page.locator('.label-name', { hasText: new RegExp(`^${name}$`) });
  return wb.page.locator('.sidebar .monaco-list-row').filter({ has: label }).first();
}

async function rowLook(row: Locator): Promise<{ description: string; icon: string; badge: string }> {
  const description = await row
    .locator('.label-description')
    .first()
    .innerText()
    .catch(() => '');
  const iconClass =
    (await row.locator('.custom-view-tree-node-item-icon').first().getAttribute('class')) ?? '';
  const icon = /codicon-([\w-]+)/.exec(iconClass)?.[1] ?? '';
  const badge = await row
    .locator('.monaco-icon-label')
    .first()
    .evaluate((el) => getComputedStyle(el, '::after').content.replace(/^"|"$/g, ''), undefined);
  return { description, icon, badge: badge === 'none' ? '' : badge };
}

void describe('cluster explorer against the incidents scenario', () => {
  let wb: Workbench | undefined;
  let expected = new Map<string, ExpectedNode>();
  before(async () => {
    // The controller turns node-heartbeat-lost Ready=Unknown only after the 40 s grace period.
    await eventually(
      'node-heartbeat-lost Ready=Unknown in the API server',
      async () => {
        const node = await kubectlJson<{ status: { conditions: { type: string; status: string }[] } }>(
          'get',
          'node',
          'node-heartbeat-lost',
        );
        return node.status.conditions.find((c) => c.type === 'Ready')?.status === 'Unknown'
          ? true
          : undefined;
      },
      120_000,
      2_000,
    );
    expected = await classifiedNodes();
    wb = await Workbench.open();
  });
  after(() => wb?.close());
  const step = screenshotSteps('explorer', () => wb);

  step('the Kube Node Doctor view lists the nodes', async (w) => {
    const clicked = Date.now();
    await w.openViewContainer(VIEW_CONTAINER);
    await rowLabelled(w, SICK_NODES[0]).waitFor({ timeout: 60_000 });
    console.log(`METRIC first_tree_ms=${Date.now() - clicked}`);
    await w.widenSideBar();
    for (const name of ['node-healthy-1', 'node-drain', ...SICK_NODES]) {
      await rowLabelled(w, name).waitFor({ timeout: 20_000 });
    }
  });

  step('NotReady, Unknown and PLEG nodes are decorated as the classifier says', async (w) => {
    for (const name of SICK_NODES) {
      assert.ok(expected.has(name), `kubectl lists ${name}`);
      const { health, look } = expected.get(name)!;
      assert.ok(
        ['NotReady', 'Unknown'].includes(health.state),
        `the classifier calls ${name} NotReady/Unknown: ${health.state}`,
      );
      // The rendering contract is the shared presentation: codicon, badge (NR, ?, …) and description.
      const want = {
        description: withoutDurations(look.description),
        icon: look.icon,
        badge: look.badge,
      };
      // Descriptions, icons and decorations arrive separately: wait until all three agree.
      let seen = { description: '', icon: '', badge: '' };
      await eventually(
        `${name} to show ${JSON.stringify(want)}`,
        async () => {
          seen = await rowLook(rowLabelled(w, name));
          const agree =
            withoutDurations(seen.description) === want.description &&
            seen.icon === want.icon &&
            seen.badge === want.badge;
          return agree ? seen : undefined;
        },
        30_000,
        500,
      ).catch((error: Error) => {
        throw new Error(`${error.message}; the tree shows ${JSON.stringify(seen)}`);
      });
      console.log(
        `${name}: ${seen.description} [${seen.icon}, badge ${seen.badge}] (classifier: ${health.state}, ${health.level}, ${health.summary})`,
      );
    }
    const pleg = await rowLook(rowLabelled(w, 'node-pleg'));
    assert.match(pleg.description, /PLEG/);
  });

  step('a node tooltip shows its reasons', async (w) => {
    // The tree re-renders as watch events arrive; hover the label again until node-pleg's own tooltip shows.
    const hover = await eventually(
      'the tooltip of node-pleg',
      async () => {
        await w.page.mouse.move(1000, 700);
        await rowLabelled(w, 'node-pleg').locator('.label-name').hover();
        const tooltip = w.locate('.monaco-hover, .workbench-hover', 'node-pleg —');
        await tooltip.waitFor({ timeout: 5_000 });
        return tooltip;
      },
      30_000,
      0,
    );
    const text = await hover.innerText();
    const pleg = expected.get('node-pleg')!;
    for (const reason of pleg.health.reasons.filter((r) => r.severity !== 'info')) {
      assert.ok(text.includes(reason.text), `tooltip lists "${reason.text}"; got: ${text.slice(0, 400)}`);
    }
    // Taints are code spans: their text must appear verbatim, not as `node\.kubernetes\.io/not\-ready`.
    for (const taint of pleg.node.spec?.taints ?? []) {
      const shown = `${taint.key}${taint.value ? `=${taint.value}` : ''}:${taint.effect}`;
      assert.ok(text.includes(shown), `tooltip shows the taint ${shown}; got: ${text.slice(0, 800)}`);
    }
    assert.match(text, /PLEG/);
  });

  step('expanding a node lists its pods with their statuses', async (w) => {
    await w.page.keyboard.press('Escape');
    const row = rowLabelled(w, 'node-bad-pods');
    await row.click();
    await w.page.keyboard.press('ArrowRight');
    // kubectl's STATUS column is the oracle: the explorer promises the same string.
    const table = await kubectl(
      'get',
      'pods',
      '-A',
      '--no-headers',
      '--field-selector',
      'spec.nodeName=node-bad-pods',
    );
    const pods = table
      .trim()
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .map(([namespace, name, , status]) => ({ namespace, name, status }));
    assert.ok(pods.length >= 4, `kubectl lists the pods on node-bad-pods: ${table}`);
    for (const pod of pods) {
      // A pod row: label = pod name, description = "<namespace> · <STATUS> · …".
      const podRow = rowLabelled(w, pod.name);
      await podRow.waitFor({ timeout: 20_000 });
      const description = await podRow.locator('.label-description').first().innerText();
      assert.ok(
        description.startsWith(`${pod.namespace} · `),
        `${pod.name} is in ${pod.namespace}: "${description}"`,
      );
      assert.ok(
        description.includes(pod.status),
        `${pod.namespace}/${pod.name}: kubectl says ${pod.status}, the tree says "${description}"`,
      );
      console.log(`${pod.namespace}/${pod.name}: ${description}`);
    }
  });
});
