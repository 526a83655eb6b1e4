import { resources } from '../../shared/i18n/i18n';
import type { Language } from '../../shared/i18n/languages';
import type { Translate } from '../../shared/domain/reports';

/**
 * The UI's catalogues, read in the core for files written in the person's language (no i18next
 * instance needed: a key path and `{{name}}` placeholders).
 */
export function translator(language: Language): Translate {
  const root = resources[language].translation as unknown as Record<string, unknown>;
  const fallback = resources.en.translation as unknown as Record<string, unknown>;
  const find = (tree: Record<string, unknown>, key: string): string | undefined => {
    let node: unknown = tree;
    for (const part of key.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
    return typeof node === 'string' ? node : undefined;
  };
  return (key, params = {}) => (find(root, key) ?? find(fallback, key) ?? key).replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(params[name] ?? ''));
}
