import { useState } from 'react';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Partner } from '../../../shared/contract/exchange';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useRevokePartnerMutation } from './api';

/** Revoking a partner refuses its bundles both ways; it asks for a reason, and Cancel has the focus. */
export function RevokePartnerDialog({ partner, onClose }: { partner: Partner; onClose: () => void }) {
  const { t } = useTranslation();
  const [revoke, { error, isLoading }] = useRevokePartnerMutation();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);

  const submit = async () => {
    if (reason.trim().length < 3) {
      setReasonError(t('exchangeModule.revoke.reasonRequired'));
      return;
    }
    setReasonError(null);
    try {
      await revoke({ code: partner.code, reason: reason.trim() }).unwrap();
      onClose();
    } catch {
      // shown by ErrorAlert
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('exchangeModule.revoke.title', { code: partner.code })}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <Text size="sm">{t('exchangeModule.revoke.explain')}</Text>
          <Textarea label={t('exchangeModule.revoke.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={reasonError ?? undefined} required maxLength={500} />
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} data-autofocus>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={isLoading} data-testid="revoke-submit">
              {t('exchangeModule.revoke.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
