import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

/**
 * electron-builder.yml, checked with electron-builder's own schema validator (packaging itself needs
 * the Electron binary, which this environment cannot download), plus the settings DESIGN §5 requires.
 */

const repo = resolve(import.meta.dirname, '..');
const require = createRequire(join(repo, 'package.json'));
const yaml = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as { validateConfiguration(config: unknown, logger: unknown): Promise<void> };
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

type BuilderConfig = {
  appId: string;
  productName: string;
  files: string[];
  asarUnpack: string[];
  publish: unknown;
  electronFuses: Record<string, boolean>;
  nsis: Record<string, unknown>;
  linux: { target: { target: string }[]; icon: string };
  win: { target: { target: string }[] };
  directories: { output: string };
};

const config = yaml.load(readFileSync(join(repo, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

describe('packaging (electron-builder.yml)', () => {
  it('is a valid electron-builder 26 configuration', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('sets every fuse DESIGN §5 asks for', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('has no update feed, installs per machine on Windows, and builds AppImage and deb on Linux', () => {
    expect(config.publish).toBeNull();
    expect(config).toMatchObject({ appId: 'org.counterpart.app', productName: 'Counterpart' });
    expect(config.nsis).toMatchObject({ perMachine: true, oneClick: false, allowToChangeInstallationDirectory: true, deleteAppDataOnUninstall: false });
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis']);
    expect(config.linux.target.map((t) => t.target)).toEqual(['AppImage', 'deb']);
    expect(existsSync(join(repo, config.linux.icon))).toBe(true);
  });

  it('ships the bundles, unpacks the native SQLCipher module, and does not write into dist/', () => {
    expect(config.files).toEqual(expect.arrayContaining(['package.json', 'dist/renderer/**', 'dist/node/**']));
    expect(config.asarUnpack).toEqual(['node_modules/better-sqlite3-multiple-ciphers/**']);
    expect(config.directories.output.startsWith('dist')).toBe(false);
    expect((JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { main: string }).main).toBe('dist/node/main.mjs');
  });
});
