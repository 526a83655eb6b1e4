import { Alert, Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAuditVerifyMutation } from '../../app/api';
import { formatNumber } from '../../app/format';
import { ErrorAlert } from '../../components/ErrorAlert';

/**
 * Walks the whole hash chain (audit.verify) and says in words whether any entry was changed,
 * removed or reordered since it was written — and which one first.
 */
export function VerifyChain() {
  const { t, i18n } = useTranslation();
  const [verify, { data, error, isLoading }] = useAuditVerifyMutation();
  return (
    <Stack gap="xs">
      <div>
        <Button variant="default" onClick={() => void verify()} loading={isLoading} data-testid="audit-verify">
          {t('audit.verify.button')}
        </Button>
      </div>
      <ErrorAlert error={error} />
      {data?.ok === true && (
        <Alert color="green" variant="light" role="status" title={t('audit.verify.okTitle')} data-testid="audit-verify-result">
          {t('audit.verify.ok', { entries: formatNumber(data.entries, i18n.language) })}
        </Alert>
      )}
      {data?.ok === false && (
        <Alert color="red" variant="light" role="alert" title={t('audit.verify.brokenTitle')} data-testid="audit-verify-result">
          <Text size="sm">{t('audit.verify.broken', { seq: formatNumber(data.firstBadSeq, i18n.language) })}</Text>
          <Text size="xs" c="dimmed" mt={4}>
            {t('audit.verify.technical')} {data.reason}
          </Text>
        </Alert>
      )}
    </Stack>
  );
}
