/** Types of scripts/build-node.mjs, for the tests and scripts written in TypeScript. */
export const repoRoot: string;
export const EXTERNAL: readonly string[];
export function buildNode(opts?: { outdir?: string; log?: (line: string) => void }): Promise<string[]>;
