import { Stack, Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { Page } from '../../components/Page';
import { ConflictsPanel } from './ConflictsPanel';
import { ExportPanel } from './ExportPanel';
import { ImportPanel } from './ImportPanel';
import { KeysPanel } from './KeysPanel';
import { OwnCardPanel } from './OwnCardPanel';
import { PartnersPanel } from './PartnersPanel';
import { StreamsPanel } from './StreamsPanel';

const SECTIONS = ['partners', 'export', 'import', 'streams', 'conflicts', 'keys'] as const;

/** The Exchange section at /exchange/<section>: one tab per task, each with its own address. */
export function ExchangePage() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const current = SECTIONS.find((s) => location.pathname.startsWith(`/exchange/${s}`)) ?? 'partners';
  return (
    <Page title={t('exchangeModule.title')} description={t('exchangeModule.description')}>
      <Tabs value={current} onChange={(value) => value && void navigate(`/exchange/${value}`)} keepMounted={false}>
        <Tabs.List aria-label={t('exchangeModule.sections')}>
          {SECTIONS.map((s) => (
            <Tabs.Tab key={s} value={s} data-testid={`exchange-tab-${s}`}>
              {t(`exchangeModule.tabs.${s}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Routes>
        <Route index element={<Navigate to="partners" replace />} />
        <Route
          path="partners"
          element={
            <Stack gap="md">
              <OwnCardPanel />
              <PartnersPanel />
            </Stack>
          }
        />
        <Route path="export" element={<ExportPanel />} />
        <Route path="import" element={<ImportPanel />} />
        <Route path="streams" element={<StreamsPanel />} />
        <Route path="conflicts" element={<ConflictsPanel />} />
        <Route path="keys" element={<KeysPanel />} />
        <Route path="*" element={<Navigate to="partners" replace />} />
      </Routes>
    </Page>
  );
}
