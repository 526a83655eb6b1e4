import { Badge, Group, Loader, Tabs, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate, useParams } from 'react-router-dom';
import { Page } from '../../components/Page';
import { FRESH, usePlanQuery } from './api';
import { CalendarTab } from './CalendarTab';
import { DashboardTab } from './DashboardTab';
import { ProgressTab } from './ProgressTab';
import { ReviewTab } from './ReviewTab';
import { StructureTab } from './structure/StructureTab';
import { CallError } from './ui';
import { WorkplanTab } from './WorkplanTab';

const SECTIONS = ['structure', 'workplan', 'progress', 'review', 'calendar', 'dashboard'] as const;

/** One plan at /workplans/<id>/<section>: one tab per task, each with its own address. */
export function PlanPage() {
  const { t } = useTranslation();
  const { planId = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const { data: tree, error, isLoading } = usePlanQuery(planId, FRESH);
  const base = `/workplans/${planId}`;
  const current = SECTIONS.find((s) => location.pathname.startsWith(`${base}/${s}`)) ?? 'structure';
  if (isLoading) return <Loader aria-label={t('workplanModule.loading')} />;
  if (!tree) return <CallError error={error} />;
  const { plan } = tree;
  return (
    <Page
      title={plan.title}
      description={
        <Group gap="xs" component="span">
          <Text span size="sm">
            {t('workplanModule.plan.subtitle', { country: plan.country, from: plan.startYear, to: plan.endYear, version: plan.version })}
          </Text>
          <Badge size="sm" variant="light">
            {t(`workplanModule.planStatus.${plan.status}`)}
          </Badge>
          <Badge size="sm" variant="outline" color={plan.isHolder ? 'blue' : 'gray'} data-testid="plan-holder">
            {plan.isHolder ? t('workplanModule.plan.holderUs') : t('workplanModule.plan.holderThem', { org: plan.ownerOrg })}
          </Badge>
        </Group>
      }
    >
      <Tabs value={current} onChange={(value) => value && void navigate(`${base}/${value}`)} keepMounted={false}>
        <Tabs.List aria-label={t('workplanModule.sections')}>
          {SECTIONS.map((s) => (
            <Tabs.Tab key={s} value={s} data-testid={`plan-tab-${s}`}>
              {t(`workplanModule.tabs.${s}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Routes>
        <Route index element={<Navigate to="structure" replace />} />
        <Route path="structure" element={<StructureTab tree={tree} />} />
        <Route path="workplan" element={<WorkplanTab tree={tree} />} />
        <Route path="progress" element={<ProgressTab tree={tree} />} />
        <Route path="review" element={<ReviewTab tree={tree} />} />
        <Route path="calendar" element={<CalendarTab tree={tree} />} />
        <Route path="dashboard" element={<DashboardTab tree={tree} />} />
        <Route path="*" element={<Navigate to="structure" replace />} />
      </Routes>
    </Page>
  );
}
