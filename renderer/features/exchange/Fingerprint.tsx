import { Code, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

type FingerprintView = { fingerprint: string; digits: string; words: string };

/**
 * A key fingerprint in the two spellings people compare out of band (docs/bundles.md): digit
 * groups and words to read aloud. The words are a fixed English list, part of the format.
 */
export function Fingerprint({ value, testId }: { value: FingerprintView; testId: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4} data-testid={testId}>
      <Text size="xs" c="dimmed">
        {t('exchangeModule.fingerprint.digits')}
      </Text>
      <Code fz="sm" data-testid={`${testId}-digits`}>
        {value.digits}
      </Code>
      <Text size="xs" c="dimmed">
        {t('exchangeModule.fingerprint.words')}
      </Text>
      <Code fz="sm" data-testid={`${testId}-words`} lang="en">
        {value.words}
      </Code>
    </Stack>
  );
}
