// The import boundaries of DESIGN §2 are a lint error, not a convention: each case lints a
// one-line file placed in a given folder through the repository's own eslint.config.js.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ruleId = 'boundaries/import-boundaries';
const eslint = new ESLint({ cwd: repoRoot, overrideConfigFile: 'eslint.config.js' });

async function boundaryMessages(filePath: string, specifier: string): Promise<string[]> {
  const code = `import * as target from '${specifier}';\nexport const used = target;\n`;
  const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, filePath) });
  const messages = result?.messages ?? [];
  // Anything else (a parse error, an ignored file) would make a passing case meaningless.
  expect(messages.filter((m) => m.ruleId !== ruleId)).toEqual([]);
  return messages.map((m) => m.message);
}

describe('import boundaries (DESIGN §2)', () => {
  it.each([
    ['shared/domain/x.ts', '../../electron/store/database', /shared\/ imports nothing from electron\/ or renderer\/.*resolves into electron\//],
    ['shared/x.ts', 'node:fs', /shared\/ .*may not import the Node built-in 'node:fs'/],
    ['renderer/app/x.tsx', 'node:path', /renderer\/ never imports Node built-ins.*'node:path'/],
    ['renderer/app/x.tsx', 'fs', /renderer\/ never imports Node built-ins.*'fs'/],
    ['renderer/app/x.tsx', '../../electron/rpc/core', /renderer\/ never imports electron\/.*resolves into electron\//],
    ['electron/store/x.ts', 'electron', /only electron\/app\/ and electron\/preload\/ may import the 'electron' package/],
  ])('%s may not import %s', async (filePath, specifier, boundary) => {
    const messages = await boundaryMessages(filePath, specifier);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^DESIGN §2: /);
    expect(messages[0]).toMatch(boundary);
  });

  it.each([
    ['electron/app/x.ts', 'electron'],
    ['electron/preload/x.ts', 'electron'],
    ['electron/rpc/x.ts', '../../shared/contract'],
    ['renderer/app/x.tsx', '../../shared/contract'],
  ])('%s may import %s', async (filePath, specifier) => {
    expect(await boundaryMessages(filePath, specifier)).toEqual([]);
  });
});
