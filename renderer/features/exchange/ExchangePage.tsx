import { Stack, Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { Page } from '../../components/Page';
import { selectUser, useAppSelector } from '../../app/store';
import { ConflictsPanel } from './ConflictsPanel';
import { ExportPanel } from './ExportPanel';
import { ImportPanel } from './ImportPanel';
import { KeysPanel } from './KeysPanel';
import { OwnCardPanel } from './OwnCardPanel';
import { PartnersPanel } from './PartnersPanel';
import { StreamsPanel } from './StreamsPanel';

const SECTIONS = ['partners', 'export', 'import', 'streams', 'conflicts', 'keys'] as const;
/** An M&E officer sends and receives NPA bundles only (the core checks it; docs/bundles.md §Who sends what). */
const ME_SECTIONS: readonly (typeof SECTIONS)[number][] = ['export', 'import', 'streams'];

/** The Exchange section at /exchange/<section>: one tab per task, each with its own address. */
export function ExchangePage() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const user = useAppSelector(selectUser);
  const sections = user?.role === 'me_officer' ? ME_SECTIONS : SECTIONS;
  const current = sections.find((s) => location.pathname.startsWith(`/exchange/${s}`)) ?? sections[0]!;
  return (
    <Page title={t('exchangeModule.title')} description={t('exchangeModule.description')}>
      <Tabs value={current} onChange={(value) => value && void navigate(`/exchange/${value}`)} keepMounted={false}>
        <Tabs.List aria-label={t('exchangeModule.sections')}>
          {sections.map((s) => (
            <Tabs.Tab key={s} value={s} data-testid={`exchange-tab-${s}`}>
              {t(`exchangeModule.tabs.${s}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Routes>
        <Route index element={<Navigate to={sections[0]!} replace />} />
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
        <Route path="*" element={<Navigate to={sections[0]!} replace />} />
      </Routes>
    </Page>
  );
}
