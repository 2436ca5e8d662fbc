// Server settings: the `kubeNodeDoctor` configuration section as the language server uses it.
// Pulled per document URI and cached until the client says the configuration changed.
import { DEFAULT_ENGINE_SETTINGS, validateEngineSettings, type EngineSettings } from '../shared/logs/engine';

export const DEFAULT_MAX_DIAGNOSTICS = 1000;

export interface ServerSettings {
  engine: EngineSettings;
  /** At most this many diagnostics per document (`kubeNodeDoctor.diagnostics.maxPerDocument`). */
  maxDiagnostics: number;
}

export const DEFAULT_SERVER_SETTINGS: ServerSettings = {
  engine: DEFAULT_ENGINE_SETTINGS,
  maxDiagnostics: DEFAULT_MAX_DIAGNOSTICS,
};

/**
 * Turns the raw `kubeNodeDoctor` section (as `workspace/configuration` returns it) into usable
 * settings plus human-readable problems. Never throws: a bad value falls back to its default.
 *
 * @example
 * readServerSettings({ rules: { disabled: ['no-such-rule'] }, diagnostics: { maxPerDocument: 0 } })
 * // → { settings: { engine: DEFAULT_ENGINE_SETTINGS, maxDiagnostics: 1000 },
 * //     problems: ['…unknown rule id "no-such-rule"…', 'kubeNodeDoctor.diagnostics.maxPerDocument must be …'] }
 */
export function readServerSettings(raw: unknown): { settings: ServerSettings; problems: string[] } {
  const problems: string[] = [];
  const section = isRecord(raw) ? raw : {};
  const rules = isRecord(section.rules) ? section.rules : {};
  const diagnostics = isRecord(section.diagnostics) ? section.diagnostics : {};
  const incidents = isRecord(section.incidents) ? section.incidents : {};

  const engineRaw: Record<string, unknown> = {};
  if (rules.disabled !== undefined) {
    engineRaw.disabledRules = rules.disabled;
  }
  if (rules.severityOverrides !== undefined) {
    engineRaw.severityOverrides = rules.severityOverrides;
  }
  if (incidents.gapSeconds !== undefined) {
    engineRaw.incidentGapSeconds = incidents.gapSeconds;
  }
  const engine = validateEngineSettings(engineRaw);
  problems.push(...engine.problems);

  let maxDiagnostics = DEFAULT_MAX_DIAGNOSTICS;
  const max = diagnostics.maxPerDocument;
  if (max !== undefined && max !== null) {
    if (typeof max === 'number' && Number.isInteger(max) && max >= 1) {
      maxDiagnostics = max;
    } else {
      problems.push(
        `kubeNodeDoctor.diagnostics.maxPerDocument must be a whole number of at least 1 (got ${JSON.stringify(max)}); using ${DEFAULT_MAX_DIAGNOSTICS}.`,
      );
    }
  }
  return { settings: { engine: engine.settings, maxDiagnostics }, problems };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
