/**
 * Renders the README's settings table from package.json's `contributes.configuration`, so the
 * documentation cannot drift from the manifest (a manifest test fails while README is stale).
 */

interface SettingSpec {
  default?: unknown;
  markdownDescription?: string;
  description?: string;
  scope?: string;
}

interface ConfigurationSection {
  title: string;
  properties?: Record<string, SettingSpec>;
}

const START = '<!-- settings:start -->';
const END = '<!-- settings:end -->';

/** One table per titled section: setting, default, description (first sentence). */
export function renderSettingsTable(sections: readonly ConfigurationSection[]): string {
  const parts: string[] = [];
  for (const section of sections) {
    parts.push(`### ${section.title}`, '', '| Setting | Default | Description |', '|---|---|---|');
    for (const [key, spec] of Object.entries(section.properties ?? {})) {
      const text = (spec.markdownDescription ?? spec.description ?? '').replace(/\s*\n\s*/g, ' ');
      parts.push(`| \`${key}\` | \`${JSON.stringify(spec.default)}\` | ${text.replace(/\|/g, '\\|')} |`);
    }
    parts.push('');
  }
  return parts.join('\n');
}

/** Replaces the text between the settings markers; undefined when the markers are missing. */
export function replaceSettingsTable(readme: string, table: string): string | undefined {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) {
    return undefined;
  }
  return `${readme.slice(0, start + START.length)}\n${table}${readme.slice(end)}`;
}
