/** Types of scripts/start.mjs, for its test. */
export function electronBinary(root?: string): string | null;
export function defaultWorkspaceDir(env?: Record<string, string | undefined>, platform?: string, home?: string): string;
