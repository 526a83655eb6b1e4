import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * Per-machine CLI memory: which user to unlock as by default, per workspace id. Kept in the user's
 * config folder, not in the workspace folder, so a copied workspace does not carry a user name.
 */
const CliConfig = z.object({ defaultUsers: z.record(z.string(), z.string()) });
type CliConfig = z.infer<typeof CliConfig>;

const configPath = (): string => join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'counterpart', 'cli.json');

function read(): CliConfig {
  try {
    return CliConfig.parse(JSON.parse(readFileSync(configPath(), 'utf8')));
  } catch {
    return { defaultUsers: {} };
  }
}

export const defaultUserFor = (workspaceId: string): string | undefined => read().defaultUsers[workspaceId];

export function rememberDefaultUser(workspaceId: string, username: string): void {
  const config = read();
  config.defaultUsers[workspaceId] = username;
  mkdirSync(join(configPath(), '..'), { recursive: true, mode: 0o700 });
  writeFileSync(configPath(), `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
}
