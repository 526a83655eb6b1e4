import { useState } from 'react';
import { Button, Checkbox, Group, Modal, Radio, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { VERIFY_METHODS, type VerifyMethod } from '../../../shared/domain/exchange';
import type { Partner } from '../../../shared/contract/exchange';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useOwnCardQuery, useVerifyPartnerMutation } from './api';
import { Fingerprint } from './Fingerprint';

/**
 * Comparing fingerprints out of band: ours (to read to the partner) beside theirs (as the card we
 * imported says; they read it to us). Only when both match is the partner marked verified.
 */
export function VerifyPartnerDialog({ partner, onClose }: { partner: Partner; onClose: () => void }) {
  const { t } = useTranslation();
  const own = useOwnCardQuery();
  const [verify, { error, isLoading }] = useVerifyPartnerMutation();
  const [how, setHow] = useState<VerifyMethod | ''>('');
  const [note, setNote] = useState('');
  const [matched, setMatched] = useState(false);
  const [howError, setHowError] = useState<string | null>(null);

  const submit = async () => {
    if (!how) {
      setHowError(t('exchangeModule.verify.howRequired'));
      return;
    }
    setHowError(null);
    const trimmed = note.trim();
    try {
      await verify({ code: partner.code, fingerprint: partner.fingerprint.fingerprint, how, ...(trimmed ? { note: trimmed } : {}) }).unwrap();
      onClose();
    } catch {
      // shown by ErrorAlert
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('exchangeModule.verify.title', { code: partner.code })} size="xl">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <Text size="sm">{t('exchangeModule.verify.explain')}</Text>
          <SimpleGrid cols={2}>
            <Stack gap={4}>
              <Title order={3} fz="h6">
                {t('exchangeModule.verify.theirs', { code: partner.code })}
              </Title>
              <Fingerprint value={partner.fingerprint} testId="verify-theirs" />
            </Stack>
            <Stack gap={4}>
              <Title order={3} fz="h6">
                {t('exchangeModule.verify.ours')}
              </Title>
              {own.data && <Fingerprint value={own.data.fingerprint} testId="verify-ours" />}
            </Stack>
          </SimpleGrid>
          <Radio.Group label={t('exchangeModule.verify.how')} value={how} onChange={(v) => setHow(v as VerifyMethod)} error={howError ?? undefined} required>
            <Group mt={4}>
              {VERIFY_METHODS.map((m) => (
                <Radio key={m} value={m} label={t(`exchangeModule.verify.methods.${m}`)} />
              ))}
            </Group>
          </Radio.Group>
          <Textarea label={t('exchangeModule.verify.note')} description={t('exchangeModule.verify.noteHelp')} value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={500} autosize minRows={2} />
          <Checkbox label={t('exchangeModule.verify.matched')} checked={matched} onChange={(e) => setMatched(e.currentTarget.checked)} data-testid="verify-matched" />
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" disabled={!matched} loading={isLoading} data-testid="verify-submit">
              {t('exchangeModule.verify.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
