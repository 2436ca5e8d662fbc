// The packaged .vsix installed into a real VS Code: the workbench opens the sample-log workspace
// and lists Kube Node Doctor among the installed extensions.
import { after, before, describe } from 'node:test';
import { screenshotSteps, Workbench } from './workbench';

void describe('workbench with the installed .vsix', () => {
  let wb: Workbench | undefined;
  before(async () => {
    wb = await Workbench.open();
  });
  after(() => wb?.close());
  const step = screenshotSteps('smoke', () => wb);

  step('the workbench opens the sample-log workspace', async (w) => {
    await w.see('.explorer-folders-view .monaco-list-row', 'containerd.log');
    await w.see('.explorer-folders-view .monaco-list-row', 'messages');
  });

  step('Kube Node Doctor is listed among the installed extensions', async (w) => {
    await w.runCommand('Extensions: Show Installed Extensions');
    await w.see('.extensions-list .monaco-list-row', 'Kube Node Doctor', 30_000);
  });
});
