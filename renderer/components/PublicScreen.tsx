import type { ReactNode } from 'react';
import { Badge, Box, Container, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LanguagePicker } from '../features/settings/LanguagePicker';

/**
 * The frame of the screens shown before anyone is signed in (first run, unlock): the product name,
 * the language picker — people must be able to read the screen before they can sign in — and a card.
 */
export function PublicScreen({ title, demo = false, children, aside }: { title: string; demo?: boolean; children: ReactNode; aside?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Box mih="100vh" bg="gray.0" py="xl">
      <Container size="md">
        <Stack gap="lg">
          <Group justify="space-between" align="flex-end">
            <div>
              <Group gap="sm">
                <Text fw={700} fz="xl">
                  {t('app.name')}
                </Text>
                {demo && (
                  <Badge color="yellow" variant="filled" autoContrast size="lg" data-testid="demo-badge">
                    {t('app.demoBadge')}
                  </Badge>
                )}
              </Group>
              <Text size="sm" c="dimmed">
                {t('app.tagline')}
              </Text>
            </div>
            <LanguagePicker compact />
          </Group>
          <Paper withBorder shadow="xs" p="xl" component="main" id="main">
            <Title order={1} fz="h2" mb="md">
              {title}
            </Title>
            {children}
          </Paper>
          {aside}
        </Stack>
      </Container>
    </Box>
  );
}
