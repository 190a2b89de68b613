export interface NodeRun {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export declare const repoRoot: string;
export declare const exampleDir: string;
export declare const cliPath: string;
export declare const eslintBin: string;
export declare const tscBin: string;
export declare function ensureExampleDependencies(options?: { log?: (message: string) => void; stdio?: 'pipe' | 'inherit' }): boolean;
export declare function makeExampleCopy(options?: { config?: unknown; prefix?: string }): string;
export declare function commitAll(dir: string, message: string): void;
export declare function removeCopy(dir: string): void;
export declare function runNode(script: string, args: string[], cwd: string): NodeRun;
