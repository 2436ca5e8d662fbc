import type { DocumentSymbol } from 'vscode-languageserver';
import type { DocumentAnalysis } from '../analysis';
import { incidentToSymbol, plegSymbol } from '../convert';

/** The outline: the PLEG summary first, then every incident in document order. */
export function buildDocumentSymbols(
  analysis: DocumentAnalysis,
  lineLength: (line: number) => number,
): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  if (analysis.result.pleg) {
    symbols.push(plegSymbol(analysis.result.pleg, lineLength));
  }
  const incidents = [...analysis.result.incidents].sort((a, b) => a.firstLine - b.firstLine);
  for (const incident of incidents) {
    symbols.push(incidentToSymbol(incident, lineLength));
  }
  return symbols;
}
