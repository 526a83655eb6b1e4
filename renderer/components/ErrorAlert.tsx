import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { describeError } from '../app/errors';

/** A failed call, as one translated sentence, announced to screen readers (role="alert"). */
export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  return (
    <Alert color="red" variant="light" role="alert" title={title} data-testid="error-alert">
      {describeError(t, error, i18n.language)}
    </Alert>
  );
}
