import { ESLintUtils, type JSONSchema } from '@typescript-eslint/utils';
import type { RuleContext } from '@typescript-eslint/utils/ts-eslint';
import { analyzeFile, type FileAnalysis } from '../analysis';
import { getConventions, type Conventions, type SyncKind } from '../conventions';

export interface SceneSyncRuleDocs {
  /** Which shipped configs turn the rule on. */
  recommended?: boolean;
  strict?: boolean;
}

const REPO_URL = 'https://github.com/scene-sync/eslint-plugin-scene-sync';

export const createRule = ESLintUtils.RuleCreator<SceneSyncRuleDocs>((name) => `${REPO_URL}/blob/main/docs/rules/${name}.md`);

export type Mode = 'after-mutation' | 'everywhere';

export const modeSchema: JSONSchema.JSONSchema4ObjectSchema = {
  type: 'object',
  properties: {
    mode: {
      type: 'string',
      enum: ['after-mutation', 'everywhere'],
      description: '"after-mutation" reports only sites in the success path of a scene mutation; "everywhere" reports every site outside `allow`.',
    },
  },
  additionalProperties: false,
};

/** The shared analysis of the file being linted, computed once for all rules. */
export function fileAnalysis(context: Readonly<RuleContext<string, readonly unknown[]>>): { analysis: FileAnalysis; conventions: Conventions } {
  const conventions = getConventions((context.settings as Record<string, unknown>).sceneSync);
  const { sourceCode } = context;
  const analysis = analyzeFile({
    ast: sourceCode.ast,
    scopeManager: sourceCode.scopeManager!,
    visitorKeys: sourceCode.visitorKeys,
    text: sourceCode.text,
    conventions,
    allowed: conventions.isAllowedFile(context.filename, context.cwd),
  });
  return { analysis, conventions };
}

/** The helper a site should call: a store write in a restore's success path is a restore. */
export function helperKindFor(analysis: FileAnalysis, node: Parameters<FileAnalysis['regionsOf']>[0], kind: SyncKind): SyncKind {
  return analysis.regionsOf(node).some((region) => region.restore) ? 'restored' : kind;
}
