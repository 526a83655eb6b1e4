import { useState } from 'react';
import { Alert, Button, Checkbox, CopyButton, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

type Props = { recoveryCode: string; organisationName: string; finishing: boolean; onFinish: () => void };

/**
 * Step 3: the recovery code, shown this once. Whoever has it can reset any password, so it is meant
 * for paper in a safe, not for a file on this laptop — hence print, and a confirmation to continue.
 */
export function RecoveryCodeStep({ recoveryCode, organisationName, finishing, onFinish }: Props) {
  const { t } = useTranslation();
  const [writtenDown, setWrittenDown] = useState(false);

  return (
    <Stack gap="md" maw={720}>
      <Alert color="yellow" variant="light" title={t('setup.recovery.warningTitle')}>
        {t('setup.recovery.warning')}
      </Alert>
      <Paper withBorder p="lg" data-print-area>
        <Text size="sm" fw={600} mb="xs" className="print-only">
          {t('setup.recovery.printHeading', { organisation: organisationName })}
        </Text>
        <Text
          component="output"
          aria-label={t('setup.recovery.codeLabel')}
          ff="monospace"
          fz={28}
          fw={700}
          lh={1.5}
          style={{ letterSpacing: '0.08em', overflowWrap: 'anywhere', display: 'block', userSelect: 'all' }}
          data-testid="recovery-code"
        >
          {recoveryCode}
        </Text>
      </Paper>
      <Group gap="sm">
        <CopyButton value={recoveryCode} timeout={3000}>
          {({ copied, copy }) => (
            <Button variant="default" onClick={copy} aria-live="polite">
              {copied ? t('common.copied') : t('common.copy')}
            </Button>
          )}
        </CopyButton>
        <Button variant="default" onClick={() => window.print()}>
          {t('common.print')}
        </Button>
      </Group>
      <Checkbox
        label={t('setup.recovery.confirm')}
        checked={writtenDown}
        onChange={(e) => setWrittenDown(e.currentTarget.checked)}
        data-testid="recovery-confirm"
      />
      <Group justify="flex-end">
        <Button onClick={onFinish} disabled={!writtenDown} loading={finishing} data-testid="setup-finish">
          {t('setup.recovery.finish')}
        </Button>
      </Group>
    </Stack>
  );
}
