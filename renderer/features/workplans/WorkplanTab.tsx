import { useState } from 'react';
import { Button, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PlanTree } from '../../../shared/contract/workplans';
import type { Milestones } from '../../../shared/domain/workplans';
import { useStructureChange } from './structure/useStructureChange';
import { CallError, Section } from './ui';

const QUARTERS = ['q1', 'q2', 'q3', 'q4'] as const;
const EMPTY: Milestones = { q1: '', q2: '', q3: '', q4: '' };

/** The annual workplan of one year: the activities planned for it, with a milestone per quarter. */
function YearWorkplan({ tree, year }: { tree: PlanTree; year: number }) {
  const { t } = useTranslation();
  const { run, error, busy } = useStructureChange();
  const workplan = tree.workplans.find((w) => w.year === year);
  const activities = tree.activities.filter((a) => a.workplanYear === year || workplan?.items.some((i) => i.activityId === a.id)).sort((a, b) => a.code.localeCompare(b.code, undefined, { numeric: true }));
  const [milestones, setMilestones] = useState<Record<string, Milestones>>(() => Object.fromEntries(activities.map((a) => [a.id, workplan?.items.find((i) => i.activityId === a.id)?.milestones ?? EMPTY])));
  const [saved, setSaved] = useState(false);
  const agencyName = (code: string) => tree.agencies.find((a) => a.code === code)?.name ?? code;

  const save = async () => {
    setSaved(false);
    const ok = await run({
      method: 'workplans.save',
      params: { planId: tree.plan.id, year, status: workplan?.status ?? 'draft', items: activities.map((a) => ({ activityId: a.id, milestones: milestones[a.id] ?? EMPTY })) },
    });
    setSaved(!!ok);
  };

  if (activities.length === 0) return <Text c="dimmed">{t('workplanModule.workplan.none')}</Text>;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Table.ScrollContainer minWidth={900}>
        <Table striped withTableBorder data-testid="workplan-table">
          <Table.Caption>{t('workplanModule.workplan.caption', { year })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('workplanModule.fields.code')}</Table.Th>
              <Table.Th scope="col">{t('workplanModule.kinds.activity')}</Table.Th>
              <Table.Th scope="col">{t('workplanModule.fields.leadAgency')}</Table.Th>
              <Table.Th scope="col">{t('workplanModule.fields.status')}</Table.Th>
              {QUARTERS.map((q) => (
                <Table.Th scope="col" key={q}>
                  {t(`workplanModule.workplan.${q}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {activities.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>{a.code}</Table.Td>
                <Table.Td>
                  <Text size="sm">{a.title}</Text>
                  <Text size="xs" c="dimmed">
                    {a.start} – {a.end}
                  </Text>
                </Table.Td>
                <Table.Td title={agencyName(a.leadAgency)}>{a.leadAgency}</Table.Td>
                <Table.Td>{t(`workplanModule.activityStatus.${a.status}`)}</Table.Td>
                {QUARTERS.map((q) => (
                  <Table.Td key={q}>
                    <TextInput
                      size="xs"
                      aria-label={t('workplanModule.workplan.milestoneLabel', { code: a.code, quarter: t(`workplanModule.workplan.${q}`) })}
                      value={milestones[a.id]?.[q] ?? ''}
                      readOnly={!tree.plan.isHolder}
                      maxLength={1000}
                      onChange={(e) => {
                        const value = e.currentTarget.value;
                        setMilestones((m) => ({ ...m, [a.id]: { ...(m[a.id] ?? EMPTY), [q]: value } }));
                      }}
                    />
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <CallError error={error} />
      {tree.plan.isHolder && (
        <Group mt="sm">
          <Button type="submit" loading={busy} data-testid="workplan-save">
            {t('workplanModule.form.save')}
          </Button>
          {saved && (
            <Text size="sm" c="green" role="status">
              {t('workplanModule.form.saved')}
            </Text>
          )}
        </Group>
      )}
    </form>
  );
}

export function WorkplanTab({ tree }: { tree: PlanTree }) {
  const { t } = useTranslation();
  const years: string[] = [];
  for (let y = tree.plan.startYear; y <= tree.plan.endYear; y += 1) years.push(String(y));
  const firstPlanned = tree.workplans.map((w) => w.year).sort()[0] ?? tree.activities.map((a) => a.workplanYear).sort()[0] ?? tree.plan.startYear;
  const [year, setYear] = useState(String(firstPlanned));
  return (
    <Section id="workplan" title={t('workplanModule.workplan.title')}>
      <Select label={t('workplanModule.workplan.year')} data={years} value={year} onChange={(v) => v && setYear(v)} allowDeselect={false} w={160} data-testid="workplan-year" />
      <YearWorkplan key={year} tree={tree} year={Number(year)} />
    </Section>
  );
}
