// Remediation from the command palette, checked against the API server with kubectl: Cordon
// confirmed in its modal makes the node unschedulable; the drain preview lists the pods kubectl
// would evict, skip and refuse for the incidents scenario's node-drain.
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { eventually, kubectl } from './kubectl';
import { screenshotSteps, Workbench } from './workbench';

const CORDON_TARGET = 'node-healthy-2';
const DRAIN_TARGET = 'node-drain';

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
    assert.equal(
      await kubectl('get', 'node', CORDON_TARGET, '-o', 'jsonpath={.spec.unschedulable}'),
      '',
      'schedulable before',
    );
    await w.runCommand('Kube Node Doctor: Cordon');
    await w.pick([CORDON_TARGET], true);
    const dialog = await w.dialog(`Cordon node/${CORDON_TARGET}`);
    await w.screenshot('remediation-01a-cordon-confirmation');
    await w.pressDialogButton(dialog, 'Cordon');
    await eventually(
      `${CORDON_TARGET} spec.unschedulable=true in the API server`,
      async () =>
        (await kubectl('get', 'node', CORDON_TARGET, '-o', 'jsonpath={.spec.unschedulable}')) === 'true'
          ? true
          : undefined,
      30_000,
      500,
    );
    await w.notification(CORDON_TARGET);
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
});
