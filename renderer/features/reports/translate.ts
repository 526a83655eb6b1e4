import { useTranslation } from 'react-i18next';
import type { Translate } from '../../../shared/domain/reports';

/** The `Translate` the report domain's label functions take, over react-i18next. */
export function useTranslate(): Translate {
  const { t } = useTranslation();
  return (key, params) => t(key, params ?? {});
}
