import type { AnalysisInput, FileAnalysis, SyncSite } from '../analysis';
import type { SyncKind } from '../conventions';
import { planFile, type TextEdit } from './plan';

/** What a rule needs of the planner to offer a rewrite: the helper it would call and the edits. */
export interface RewriteSuggestion {
  kind: SyncKind;
  /** The helper as called, e.g. `sceneSyncHelpers.syncSceneUpdated`. */
  helper: string;
  edits(): readonly TextEdit[];
}

const rewritesBySite = new WeakMap<FileAnalysis, ReadonlyMap<SyncSite, RewriteSuggestion>>();

/**
 * The rewrite of the run that holds `site`, or undefined when the planner would send it to review.
 * The file is planned once, however many sites and rules ask.
 */
export function suggestionFor(input: AnalysisInput, analysis: FileAnalysis, filename: string, site: SyncSite): RewriteSuggestion | undefined {
  let bySite = rewritesBySite.get(analysis);
  if (!bySite) {
    const map = new Map<SyncSite, RewriteSuggestion>();
    for (const rewrite of planFile(input, analysis, { filename, fileEdits: false }).rewrites) {
      const suggestion: RewriteSuggestion = { kind: rewrite.kind, helper: rewrite.helper, edits: rewrite.suggestion };
      for (const member of rewrite.sites) map.set(member, suggestion);
    }
    rewritesBySite.set(analysis, map);
    bySite = map;
  }
  return bySite.get(site);
}
