// Remediation from the command palette, checked against the API server with kubectl: Cordon and
// Uncordon confirmed in their modals flip spec.unschedulable; the drain preview lists the pods
// kubectl would evict, skip and refuse for the incidents scenario's node-drain; force delete and
// finalizer removal release the stuck-terminating pods; Delete node removes a node object.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe } from 'node:test';
import { eventually, kubectl } from './kubectl';
import { screenshotSteps, Workbench } from './workbench';

const CORDON_TARGET = 'node-healthy-2';
const DRAIN_TARGET = 'node-drain';
// From the stuck-terminating scenario (test/cluster/SCENARIOS.md).
const ON_LOST_NODE = 'stuck-terminating/stuck-on-lost-node';
const WITH_FINALIZER = 'stuck-terminating/stuck-finalizer';
// Created by the Delete node step itself: no scenario node is lost for the suites after this one.
const RETIRED_NODE = 'e2e-retired-node';

async function unschedulable(node: string): Promise<string> {
  return kubectl('get', 'node', node, '-o', 'jsonpath={.spec.unschedulable}');
}

/** Resolves once `kubectl get <kind> <name>` answers NotFound. */
async function gone(what: string, ...getArgs: string[]): Promise<void> {
  await eventually(
    `${what} is gone from the API server`,
    () =>
      kubectl('get', ...getArgs, '--ignore-not-found', '-o', 'name').then((out) =>
        out.trim() === '' ? true : undefined,
      ),
    30_000,
    500,
  );
}

/** `kubectl get pod` arguments for a `namespace/name` key. */
function podArgs(key: string): string[] {
  const [namespace, name] = key.split('/');
  return ['pod', name, '-n', namespace];
}

/** Pod names listed after "cannot delete …:" in kubectl drain's refusal (kubectl/pkg/drain/filters.go). */
function refusedPods(kubectlError: string): Set<string> {
  const refused = new Set<string>();
  for (const m of kubectlError.matchAll(/^cannot delete [^:]+: (.+)$/gm)) {
    for (const ref of m[1].split(/,\s*/)) {
      refused.add(ref.trim().split('/').pop()!);
    }
  }
  return refused;
}

const HEADINGS = ['Blocked', 'At risk', 'To evict', 'To delete', 'Skipped', 'Options that change this plan'];

/** The text of one "<heading> (n)" section of the preview, up to the next heading. */
function section(preview: string, heading: string): string {
  const start = preview.indexOf(`${heading} (`);
  if (start < 0) {
    return '';
  }
  const ends = HEADINGS.map((h) =>
    preview.indexOf(h === HEADINGS[5] ? h : `${h} (`, start + heading.length),
  ).filter((i) => i > start);
  return preview.slice(start, ends.length > 0 ? Math.min(...ends) : undefined);
}

void describe('remediation from the command palette', () => {
  let wb: Workbench | undefined;
  before(async () => {
    wb = await Workbench.open();
    // Commands need the explorer's connection: opening the view activates and connects it.
    await wb.openViewContainer('Kube Node Doctor');
    await wb.see('.sidebar .monaco-list-row', CORDON_TARGET, 60_000);
  });
  after(() => wb?.close());
  const step = screenshotSteps('remediation', () => wb);

  step(`Cordon from the palette, confirmed, makes ${CORDON_TARGET} unschedulable`, async (w) => {
    assert.equal(await unschedulable(CORDON_TARGET), '', 'schedulable before');
    await w.runCommand('Kube Node Doctor: Cordon');
    await w.pick([CORDON_TARGET], true);
    const dialog = await w.dialog(`Cordon node/${CORDON_TARGET}`);
    await w.screenshot('remediation-01a-cordon-confirmation');
    await w.pressDialogButton(dialog, 'Cordon');
    await eventually(
      `${CORDON_TARGET} spec.unschedulable=true in the API server`,
      async () => ((await unschedulable(CORDON_TARGET)) === 'true' ? true : undefined),
      30_000,
      500,
    );
    await w.notification(CORDON_TARGET);
  });

  step(`Uncordon from the palette, confirmed, makes ${CORDON_TARGET} schedulable again`, async (w) => {
    assert.equal(await unschedulable(CORDON_TARGET), 'true', 'cordoned by the step before');
    await w.runCommand('Kube Node Doctor: Uncordon');
    await w.pick([CORDON_TARGET], true);
    const dialog = await w.dialog(`Uncordon node/${CORDON_TARGET}`);
    assert.match(await dialog.innerText(), /kwok-knd/, 'the confirmation names the context');
    await w.pressDialogButton(dialog, 'Uncordon');
    await eventually(
      `${CORDON_TARGET} schedulable in the API server`,
      async () => ((await unschedulable(CORDON_TARGET)) === '' ? true : undefined),
      30_000,
      500,
    );
  });

  step(`the drain preview of ${DRAIN_TARGET} lists the pods to evict, skipped and blocked`, async (w) => {
    // kubectl's own verdicts: the refusal without override flags names the blocked pods; a client
    // dry run with the overrides lists every pod it would evict.
    const refusal = await kubectl('drain', DRAIN_TARGET, '--dry-run=client').then(
      () => '',
      (error: { stderr?: string }) => error.stderr ?? '',
    );
    const blocked = refusedPods(refusal);
    assert.ok(blocked.size > 0, `kubectl refuses to drain ${DRAIN_TARGET} without overrides: ${refusal}`);
    const dryRun = await kubectl(
      'drain',
      DRAIN_TARGET,
      '--dry-run=client',
      '--ignore-daemonsets',
      '--delete-emptydir-data',
      '--force',
    );
    const evictedWithOverrides = new Set(
      [...dryRun.matchAll(/evicting pod [\w-]+\/([\w.-]+)/g)].map((m) => m[1]),
    );
    const onNode = (
      await kubectl(
        'get',
        'pods',
        '-A',
        '--no-headers',
        '-o',
        'custom-columns=NAME:.metadata.name',
        '--field-selector',
        `spec.nodeName=${DRAIN_TARGET}`,
      )
    )
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    const toEvict = [...evictedWithOverrides].filter((p) => !blocked.has(p));
    // What kubectl leaves alone without saying so (mirror pods): neither evicted nor refused.
    const skipped = onNode.filter((p) => !evictedWithOverrides.has(p) && !blocked.has(p));
    assert.ok(
      toEvict.length > 0 && skipped.length > 0,
      `kubectl evicts ${toEvict.join(', ')} and skips ${skipped.join(', ')}`,
    );

    await w.runCommand('Kube Node Doctor: Drain…');
    await w.pick([DRAIN_TARGET], true);
    await w.see('.quick-input-widget .quick-input-title', `Drain ${DRAIN_TARGET}`, 20_000);
    await w.page.keyboard.press('Enter'); // kubectl's defaults: no override flags
    const preview = await w.markdownPreview(/To evict/);
    for (const section of ['To evict', 'Skipped', 'Blocked']) {
      assert.match(preview, new RegExp(`${section} \\(\\d+\\)`), section);
    }
    const expected = { Blocked: [...blocked], 'To evict': toEvict, Skipped: skipped };
    for (const [heading, pods] of Object.entries(expected)) {
      const text = section(preview, heading);
      for (const pod of pods) {
        assert.ok(
          text.includes(pod),
          `the preview's ${heading} section lists ${pod} (as kubectl does): ${text}`,
        );
      }
    }
    console.log(preview.slice(0, 1200));
    // kubectl would refuse without --force etc.: the extension says so in a modal; nothing changes.
    const refusedDialog = await w.dialog('kubectl would refuse to drain');
    await w.screenshot('remediation-02a-drain-refusal');
    await w.page.keyboard.press('Escape');
    await refusedDialog.waitFor({ state: 'hidden', timeout: 10_000 });
  });

  step(
    `Force delete from the palette removes ${ON_LOST_NODE}, which its lost node never confirms`,
    async (w) => {
      const before = await kubectl(
        'get',
        ...podArgs(ON_LOST_NODE),
        '-o',
        'jsonpath={.metadata.deletionTimestamp}',
      );
      assert.notEqual(before, '', `${ON_LOST_NODE} is Terminating before`);
      await w.runCommand('Kube Node Doctor: Force Delete Pod');
      await w.pick([ON_LOST_NODE], false);
      const dialog = await w.dialog('Force delete');
      const text = await dialog.innerText();
      assert.match(text, /kwok-knd/, 'the confirmation names the context');
      assert.match(text, /may continue to run on the cluster indefinitely/, "kubectl's warning");
      assert.match(text, /node-heartbeat-lost/, 'the confirmation names the node whose kubelet is gone');
      await w.screenshot('remediation-04a-force-delete-confirmation');
      await w.pressDialogButton(dialog, 'Force delete');
      await gone(ON_LOST_NODE, ...podArgs(ON_LOST_NODE));
    },
  );

  step(`Remove finalizers from the palette releases ${WITH_FINALIZER}`, async (w) => {
    const finalizers = await kubectl(
      'get',
      ...podArgs(WITH_FINALIZER),
      '-o',
      'jsonpath={.metadata.finalizers}',
    );
    assert.match(finalizers, /example\.com\/hold/, 'the scenario pod holds its finalizer');
    await w.runCommand('Kube Node Doctor: Remove Finalizers');
    await w.pick([WITH_FINALIZER], false);
    // The finalizer list, every entry preselected: accept it as it is.
    await w.see('.quick-input-list .monaco-list-row', 'example.com/hold', 20_000);
    await w.page.keyboard.press('Enter');
    const dialog = await w.dialog('Remove finalizer example.com/hold');
    assert.match(await dialog.innerText(), /kwok-knd/, 'the confirmation names the context');
    await w.screenshot('remediation-05a-finalizer-confirmation');
    await w.pressDialogButton(dialog, 'Remove finalizers');
    await gone(WITH_FINALIZER, ...podArgs(WITH_FINALIZER));
  });

  step('Delete node from the palette removes the node object', async (w) => {
    const manifest = path.join(mkdtempSync(path.join(tmpdir(), 'knd-e2e-')), 'node.json');
    writeFileSync(
      manifest,
      JSON.stringify({ apiVersion: 'v1', kind: 'Node', metadata: { name: RETIRED_NODE } }),
    );
    await kubectl('apply', '-f', manifest);
    // The picker lists the explorer's cache: reopen it until the watch has delivered the new node.
    await eventually(
      `${RETIRED_NODE} is offered by Delete Node…`,
      async () => {
        await w.runCommand('Kube Node Doctor: Delete Node');
        const input = await w.see('.quick-input-widget input', undefined, 10_000);
        await input.fill(RETIRED_NODE);
        const row = w.page.locator('.quick-input-list .monaco-list-row', { hasText: RETIRED_NODE }).first();
        if (
          await row.waitFor({ timeout: 2_000 }).then(
            () => true,
            () => false,
          )
        ) {
          await row.click();
          return true;
        }
        await w.page.keyboard.press('Escape');
        return undefined;
      },
      60_000,
      1_000,
    );
    const dialog = await w.dialog(`Delete node/${RETIRED_NODE}`);
    const text = await dialog.innerText();
    assert.match(text, /kwok-knd/, 'the confirmation names the context');
    assert.match(text, /re-registers the node/, 'it says what happens when the kubelet comes back');
    await w.screenshot('remediation-06a-delete-node-confirmation');
    await w.pressDialogButton(dialog, 'Delete node');
    await gone(RETIRED_NODE, 'node', RETIRED_NODE);
  });
});
