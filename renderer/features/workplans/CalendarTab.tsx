import { useState } from 'react';
import { Badge, Checkbox, Group, Select, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PlanTree } from '../../../shared/contract/workplans';
import { formatNumber } from '../../app/format';
import { FRESH, useCalendarQuery } from './api';
import { CallError, Section, StatusBadge } from './ui';

const COUNTS = ['due', 'missing', 'draft', 'submitted', 'approved', 'returned', 'overdue'] as const;

/** What each agency owes and when: due dates from each indicator's frequency and each activity's quarters. */
export function CalendarTab({ tree }: { tree: PlanTree }) {
  const { t, i18n } = useTranslation();
  const [agency, setAgency] = useState<string | null>(null);
  const [overdueOnly, setOverdueOnly] = useState(false);
  const { data: calendar, error } = useCalendarQuery({ planId: tree.plan.id, ...(agency ? { agency } : {}) }, FRESH);
  const n = (v: number) => formatNumber(v, i18n.language);
  const items = (calendar?.items ?? []).filter((i) => !overdueOnly || i.overdue);
  return (
    <Section id="calendar" title={t('workplanModule.calendar.title')}>
      <CallError error={error} />
      {calendar && (
        <>
          <Text size="sm" c="dimmed">
            {t('workplanModule.calendar.range', { from: calendar.from, to: calendar.to, asOf: calendar.asOf })}
          </Text>
          <Table.ScrollContainer minWidth={700}>
            <Table withTableBorder striped data-testid="calendar-by-agency">
              <Table.Caption>{t('workplanModule.calendar.byAgency')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('workplanModule.fields.agency')}</Table.Th>
                  {COUNTS.map((c) => (
                    <Table.Th scope="col" key={c}>
                      {t(`workplanModule.calendar.counts.${c}`)}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {calendar.byAgency.map((a) => (
                  <Table.Tr key={a.agency} data-testid={`calendar-agency-${a.agency}`}>
                    <Table.Th scope="row">
                      {a.agency} — {a.agencyName}
                    </Table.Th>
                    {COUNTS.map((c) => (
                      <Table.Td key={c} c={c === 'overdue' && a.overdue > 0 ? 'red.8' : undefined} fw={c === 'overdue' && a.overdue > 0 ? 700 : undefined} data-testid={`calendar-${a.agency}-${c}`}>
                        {n(a[c])}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Group align="flex-end">
            <Select
              label={t('workplanModule.fields.agency')}
              data={tree.agencies.filter((a) => a.inPlan).map((a) => ({ value: a.code, label: `${a.code} — ${a.name}` }))}
              value={agency}
              onChange={setAgency}
              clearable
              placeholder={t('workplanModule.calendar.allAgencies')}
              w={320}
            />
            <Checkbox label={t('workplanModule.calendar.overdueOnly')} checked={overdueOnly} onChange={(e) => setOverdueOnly(e.currentTarget.checked)} mb={8} />
          </Group>
          <Table.ScrollContainer minWidth={800} mah={420}>
            <Table withTableBorder striped stickyHeader data-testid="calendar-items">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('workplanModule.calendar.due')}</Table.Th>
                  <Table.Th scope="col">{t('workplanModule.fields.agency')}</Table.Th>
                  <Table.Th scope="col">{t('workplanModule.fields.period')}</Table.Th>
                  <Table.Th scope="col">{t('workplanModule.fields.status')}</Table.Th>
                  <Table.Th scope="col">{t('workplanModule.calendar.what')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((i) => (
                  <Table.Tr key={`${i.agency}-${i.period}`}>
                    <Table.Td>
                      {i.dueDate}{' '}
                      {i.overdue && (
                        <Badge color="red" variant="light" size="sm">
                          {t('workplanModule.calendar.late', { days: n(i.daysLate) })}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{i.agency}</Table.Td>
                    <Table.Td>{i.period}</Table.Td>
                    <Table.Td>
                      <StatusBadge status={i.status} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs">{[...i.indicators.map((x) => x.code), ...i.activities.map((x) => x.code)].join(', ')}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {items.length === 0 && <Text c="dimmed">{t('workplanModule.calendar.nothing')}</Text>}
        </>
      )}
    </Section>
  );
}
