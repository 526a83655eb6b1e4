import { useState } from 'react';
import { Anchor, Badge, Button, Group, NumberInput, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { PLAN_STATUSES, type PlanStatus } from '../../../shared/domain/workplans';
import { isLanguage } from '../../../shared/i18n/i18n';
import { formatNumber } from '../../app/format';
import { mayCall } from '../../app/navigation';
import { selectUser, useAppSelector } from '../../app/store';
import { Page } from '../../components/Page';
import { FRESH, useCreatePlanMutation, usePlansQuery } from './api';
import { SpreadsheetPanel } from './SpreadsheetPanel';
import { CallError, Section, options } from './ui';

/** A new plan typed in: it starts with the four default pillars, titled in the user's language. */
function NewPlanForm() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [create, state] = useCreatePlanMutation();
  const year = new Date().getFullYear();
  const [country, setCountry] = useState('');
  const [title, setTitle] = useState('');
  const [startYear, setStartYear] = useState<number | string>(year);
  const [endYear, setEndYear] = useState<number | string>(year + 4);
  const [version, setVersion] = useState('1.0');
  const [status, setStatus] = useState<PlanStatus>('draft');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async () => {
    if (!/^[A-Za-z]{3}$/.test(country.trim()) || !title.trim() || typeof startYear !== 'number' || typeof endYear !== 'number' || !version.trim()) {
      setProblem(t('workplanModule.form.required'));
      return;
    }
    if (endYear < startYear) {
      setProblem(t('workplanModule.plan.endBeforeStart'));
      return;
    }
    setProblem(null);
    const language = isLanguage(i18n.language) ? i18n.language : 'en';
    const result = await create({ country: country.trim().toUpperCase(), title: title.trim(), startYear, endYear, version: version.trim(), status, description: '', language, defaultPillars: true });
    if ('data' in result && result.data) void navigate(`/workplans/${result.data.id}/structure`);
  };

  return (
    <Section id="new-plan" title={t('workplanModule.plans.newTitle')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, md: 3 }}>
            <TextInput label={t('workplanModule.fields.country')} description={t('workplanModule.plan.countryHelp')} value={country} onChange={(e) => setCountry(e.currentTarget.value)} maxLength={3} required data-testid="new-plan-country" />
            <TextInput label={t('workplanModule.fields.title')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} required maxLength={300} data-testid="new-plan-title" />
            <TextInput label={t('workplanModule.fields.version')} value={version} onChange={(e) => setVersion(e.currentTarget.value)} required maxLength={40} />
            <NumberInput label={t('workplanModule.fields.startYear')} value={startYear} onChange={setStartYear} min={1990} max={2100} allowDecimal={false} required />
            <NumberInput label={t('workplanModule.fields.endYear')} value={endYear} onChange={setEndYear} min={1990} max={2100} allowDecimal={false} required />
            <Select label={t('workplanModule.fields.status')} data={options(t, 'planStatus', PLAN_STATUSES)} value={status} onChange={(v) => v && setStatus(v as PlanStatus)} allowDeselect={false} />
          </SimpleGrid>
          {problem && (
            <Text c="red" size="sm" role="alert">
              {problem}
            </Text>
          )}
          <CallError error={state.error} />
          <Group>
            <Button type="submit" loading={state.isLoading} data-testid="new-plan-submit">
              {t('workplanModule.plans.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

/** The plans this workspace knows: its own (it holds them) and those received from a secretariat. */
export function PlansPage() {
  const { t, i18n } = useTranslation();
  const user = useAppSelector(selectUser);
  const { data: plans, error } = usePlansQuery(undefined, FRESH);
  const writer = !!user && mayCall(user.role, 'plans.create');
  const n = (v: number) => formatNumber(v, i18n.language);
  return (
    <Page title={t('workplanModule.title')} description={t('workplanModule.description')}>
      <Section id="plans" title={t('workplanModule.plans.title')}>
        <CallError error={error} />
        {plans && plans.length === 0 && <Text c="dimmed">{t('workplanModule.plans.none')}</Text>}
        {plans && plans.length > 0 && (
          <Table.ScrollContainer minWidth={700}>
            <Table striped data-testid="plans-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('workplanModule.fields.title')}</Table.Th>
                  <Table.Th scope="col">{t('workplanModule.fields.country')}</Table.Th>
                  <Table.Th scope="col">{t('workplanModule.plans.years')}</Table.Th>
                  <Table.Th scope="col">{t('workplanModule.fields.version')}</Table.Th>
                  <Table.Th scope="col">{t('workplanModule.fields.status')}</Table.Th>
                  <Table.Th scope="col">{t('workplanModule.plans.heldBy')}</Table.Th>
                  <Table.Th scope="col">{t('workplanModule.plans.contents')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {plans.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/workplans/${p.id}/structure`} data-testid={`plan-link-${p.id}`}>
                        {p.title}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{p.country}</Table.Td>
                    <Table.Td>{t('workplanModule.plans.yearRange', { from: p.startYear, to: p.endYear })}</Table.Td>
                    <Table.Td>{p.version}</Table.Td>
                    <Table.Td>{t(`workplanModule.planStatus.${p.status}`)}</Table.Td>
                    <Table.Td>
                      {p.ownerOrg}{' '}
                      {p.isHolder && (
                        <Badge size="xs" variant="light">
                          {t('workplanModule.plans.ours')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {t('workplanModule.plans.counts', { pillars: n(p.counts.pillars), activities: n(p.counts.activities), indicators: n(p.counts.indicators) })}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Section>
      {writer && <SpreadsheetPanel />}
      {writer && <NewPlanForm />}
    </Page>
  );
}
