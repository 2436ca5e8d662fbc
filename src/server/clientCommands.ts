// Client-side commands the server puts into code actions and hover links. The client registers
// them (src/client/commands); the ids are repeated there on purpose — the manifest test checks them.
export const COPY_TO_CLIPBOARD_COMMAND = 'kubeNodeDoctor.copyToClipboard';
export const SHOW_RULE_OCCURRENCES_COMMAND = 'kubeNodeDoctor.showRuleOccurrences';

/** How many locations "show all occurrences" hands to the peek view. */
export const MAX_OCCURRENCE_LOCATIONS = 2000;

/** A `command:` link for hover Markdown. */
export function commandLink(title: string, command: string, args: unknown[]): string {
  return `[${title}](command:${command}?${encodeURIComponent(JSON.stringify(args))})`;
}
