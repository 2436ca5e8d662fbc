/**
 * Label selectors: the structured form (PDB `spec.selector`) and the string form
 * (`kubectl drain --pod-selector`, `-l`). Semantics of k8s.io/apimachinery `labels` and
 * `metav1.LabelSelectorAsSelector`. Pure.
 */
import type { LabelSelectorInfo, LabelSelectorRequirementInfo } from './model';

type Labels = { readonly [key: string]: string } | undefined;

function requirementMatches(labels: Labels, r: LabelSelectorRequirementInfo): boolean {
  const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
  const value = has ? labels[r.key] : undefined;
  switch (r.operator) {
    case 'In':
      return has && (r.values ?? []).includes(value!);
    case 'NotIn':
      return !has || !(r.values ?? []).includes(value!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      // An unknown operator makes the selector invalid; an invalid selector matches nothing.
      return false;
  }
}

/**
 * Whether a structured selector matches. `undefined` (a nil selector) matches nothing; `{}`
 * matches everything (policy/v1 PDB semantics).
 * @example selectorMatches({ app: 'web' }, { matchLabels: { app: 'web' } }) // true
 */
export function selectorMatches(labels: Labels, selector: LabelSelectorInfo | undefined): boolean {
  if (!selector) {
    return false;
  }
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels?.[key] !== value) {
      return false;
    }
  }
  return (selector.matchExpressions ?? []).every((r) => requirementMatches(labels, r));
}

export type ParsedSelector =
  | { readonly ok: true; readonly requirements: readonly LabelSelectorRequirementInfo[] }
  | { readonly ok: false; readonly error: string };

/** Splits on commas outside parentheses. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') {
      depth++;
    }
    if (ch === ')') {
      depth--;
    }
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts;
}

const KEY = String.raw`[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?`;
const VALUE = String.raw`([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?`;

/**
 * Parses the string form of a selector: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`,
 * `a`, `!a`, joined by commas.
 * @example parseLabelSelector('app=web,tier!=db') // ok, [{key:'app',operator:'In',values:['web']}, {key:'tier',operator:'NotIn',values:['db']}]
 */
export function parseLabelSelector(text: string): ParsedSelector {
  const trimmed = text.trim();
  if (trimmed === '') {
    return { ok: true, requirements: [] };
  }
  const requirements: LabelSelectorRequirementInfo[] = [];
  for (const raw of splitTopLevel(trimmed)) {
    const part = raw.trim();
    let m: RegExpExecArray | null;
    if ((m = new RegExp(`^(${KEY})\\s+(in|notin)\\s*\\(([^()]*)\\)$`).exec(part))) {
      const values = m[4].split(',').map((v) => v.trim());
      if (values.some((v) => !new RegExp(`^${VALUE}$`).test(v))) {
        return { ok: false, error: `invalid value in "${part}"` };
      }
      requirements.push({ key: m[1], operator: m[3] === 'in' ? 'In' : 'NotIn', values });
    } else if ((m = new RegExp(`^(${KEY})\\s*(==|=|!=)\\s*(${VALUE})$`).exec(part))) {
      requirements.push({ key: m[1], operator: m[3] === '!=' ? 'NotIn' : 'In', values: [m[4]] });
    } else if ((m = new RegExp(`^!\\s*(${KEY})$`).exec(part))) {
      requirements.push({ key: m[1], operator: 'DoesNotExist' });
    } else if ((m = new RegExp(`^(${KEY})$`).exec(part))) {
      requirements.push({ key: m[1], operator: 'Exists' });
    } else {
      return { ok: false, error: `unable to parse requirement: "${part}"` };
    }
  }
  return { ok: true, requirements };
}

/** Whether labels satisfy every requirement of a parsed string selector. */
export function requirementsMatch(
  labels: Labels,
  requirements: readonly LabelSelectorRequirementInfo[],
): boolean {
  return requirements.every((r) => requirementMatches(labels, r));
}
