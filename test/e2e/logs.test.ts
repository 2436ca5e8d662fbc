// A kubelet log from the workspace, as a user sees it: opened as a Kubernetes node log, its
// findings in the Problems panel, and the explanation in a hover.
import { after, before, describe } from 'node:test';
import { screenshotSteps, Workbench } from './workbench';

const PLEG_LOG_TEXT = 'PLEG is not healthy';
const PLEG_RULE = 'pleg-not-healthy';

void describe('kubelog diagnostics in the workbench', () => {
  let wb: Workbench | undefined;
  before(async () => {
    wb = await Workbench.open();
  });
  after(() => wb?.close());
  const step = screenshotSteps('logs', () => wb);

  step('kubelet.log opens as a Kubernetes node log', async (w) => {
    await w.openFromExplorer('kubelet.log');
    await w.see('.view-lines', 'Skipping pod synchronization');
    await w.see('.statusbar-item', 'Kubernetes Node Log');
  });

  step('the Problems panel lists the PLEG diagnostic from kubelog', async (w) => {
    const row = await w.problem('PLEG not healthy', PLEG_RULE);
    const text = await row.innerText();
    // The row shows the message, then the source and the code (the rule id).
    if (!/\bkubelog\b/.test(text) || !text.includes(PLEG_RULE)) {
      throw new Error(`the row does not name the source kubelog and the code ${PLEG_RULE}: ${text}`);
    }
  });

  step('hovering the PLEG line shows the explanation', async (w) => {
    // The hover carries the rule's explanation, not just the diagnostic's message.
    await w.hoverEditorText(PLEG_LOG_TEXT, /Pod Lifecycle Event Generator/);
  });
});
