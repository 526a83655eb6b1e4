import { useEffect, useState } from 'react';
import { Anchor, Badge, Button, Group, NativeSelect, SegmentedControl, Skeleton, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { STAGES } from '../../../shared/domain/cases/lifecycle';
import { CASE_STATUSES, EXPLOITATION_TYPES } from '../../../shared/domain/cases/vocabulary';
import { SORT_FIELDS, type CaseListInput } from '../../../shared/contract/cases';
import { formatDateTime, formatNumber } from '../../app/format';
import { mayCall } from '../../app/navigation';
import { selectUser, useAppSelector } from '../../app/store';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { useCaseListQuery } from './api';
import { DueList } from './DueList';
import { options, RiskBadge, StageBadge } from './ui';

type View = 'all' | 'mine' | 'overdue';
const PAGE = 50;

/**
 * The case list: filters, free-text search, sort, and pages of 50 read with the contract's cursor
 * (so it stays fast on 100 000 cases). Names are hidden on pseudonymised rows.
 */
export function CaseListPage() {
  const { t, i18n } = useTranslation();
  const user = useAppSelector(selectUser);
  const staff = !!user && mayCall(user.role, 'cases.get');
  const settings = !!user && mayCall(user.role, 'caseSettings.update');
  const [view, setView] = useState<View>('all');
  const [text, setText] = useState('');
  const [stage, setStage] = useState('');
  const [status, setStatus] = useState('');
  const [risk, setRisk] = useState('');
  const [assignee, setAssignee] = useState('');
  const [citizenship, setCitizenship] = useState('');
  const [exploitation, setExploitation] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [sort, setSort] = useState<(typeof SORT_FIELDS)[number]>('registered');
  const [direction, setDirection] = useState<'asc' | 'desc'>('desc');
  const [cursors, setCursors] = useState<string[]>([]);
  const [debouncedText] = useDebouncedValue(text, 300);
  const [debouncedCitizenship] = useDebouncedValue(citizenship, 300);
  const [debouncedAssignee] = useDebouncedValue(assignee, 300);

  const citizenshipCodes = debouncedCitizenship
    .toUpperCase()
    .split(/[\s,]+/)
    .filter((c) => /^[A-Z]{3}$/.test(c));
  const input: CaseListInput = {
    view,
    sort,
    direction,
    limit: PAGE,
    withTotal: true,
    ...(staff && debouncedText.trim() ? { text: debouncedText.trim() } : {}),
    ...(stage ? { stage: [stage as never] } : {}),
    ...(status ? { status: [status as never] } : {}),
    ...(risk ? { risk: [risk as never] } : {}),
    ...(debouncedAssignee.trim() ? { assignee: debouncedAssignee.trim() } : {}),
    ...(citizenshipCodes.length ? { citizenship: citizenshipCodes } : {}),
    ...(exploitation ? { exploitation: [exploitation as never] } : {}),
    ...(from ? { registeredFrom: from } : {}),
    ...(to ? { registeredTo: to } : {}),
    ...(cursors.length ? { cursor: cursors[cursors.length - 1] } : {}),
  };
  const list = useCaseListQuery(input);
  const filterKey = JSON.stringify({ ...input, cursor: undefined });
  // A new filter starts again at the first page.
  useEffect(() => setCursors([]), [filterKey]);

  const clear = () => {
    setText('');
    setStage('');
    setStatus('');
    setRisk('');
    setAssignee('');
    setCitizenship('');
    setExploitation('');
    setFrom('');
    setTo('');
  };

  return (
    <Page
      title={t('caseFile.list.title')}
      description={t('caseFile.list.description')}
      actions={
        <Group gap="xs">
          {settings && (
            <Button component={Link} to="/cases/settings" variant="default" data-testid="case-settings">
              {t('caseFile.settings.open')}
            </Button>
          )}
          {staff && (
            <Button component={Link} to="/cases/new" data-testid="register-case">
              {t('caseFile.register.open')}
            </Button>
          )}
        </Group>
      }
    >
      <SegmentedControl
        value={view}
        onChange={(v) => setView(v as View)}
        aria-label={t('caseFile.list.view')}
        data={[
          { value: 'all', label: t('caseFile.list.views.all') },
          { value: 'mine', label: t('caseFile.list.views.mine') },
          { value: 'overdue', label: t('caseFile.list.views.overdue') },
        ]}
        w="fit-content"
      />
      {staff && view !== 'all' && <DueList mine={view === 'mine'} overdueOnly={view === 'overdue'} />}
      <Group gap="xs" align="flex-end" wrap="wrap" role="search" aria-label={t('caseFile.list.filters')}>
        {staff && (
          <TextInput
            label={t('caseFile.list.search')}
            description={t('caseFile.list.searchHelp')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            w={260}
            data-testid="case-search"
          />
        )}
        <NativeSelect label={t('caseFile.list.stage')} value={stage} onChange={(e) => setStage(e.currentTarget.value)} data={options(t, 'stages', STAGES, t('caseFile.list.any'))} w={150} />
        <NativeSelect label={t('caseFile.list.status')} value={status} onChange={(e) => setStatus(e.currentTarget.value)} data={options(t, 'statuses', CASE_STATUSES, t('caseFile.list.any'))} w={150} />
        <NativeSelect
          label={t('caseFile.list.risk')}
          value={risk}
          onChange={(e) => setRisk(e.currentTarget.value)}
          data={options(t, 'riskLevels', ['high', 'medium', 'low', 'unassessed'], t('caseFile.list.any'))}
          w={130}
        />
        <TextInput label={t('caseFile.list.assignee')} value={assignee} onChange={(e) => setAssignee(e.currentTarget.value)} w={130} />
        <TextInput label={t('caseFile.list.citizenship')} placeholder="MMR" value={citizenship} onChange={(e) => setCitizenship(e.currentTarget.value)} w={110} />
        <NativeSelect
          label={t('caseFile.list.exploitation')}
          value={exploitation}
          onChange={(e) => setExploitation(e.currentTarget.value)}
          data={options(t, 'exploitation', EXPLOITATION_TYPES, t('caseFile.list.any'))}
          w={190}
        />
        <TextInput type="date" label={t('caseFile.list.registeredFrom')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} w={150} />
        <TextInput type="date" label={t('caseFile.list.registeredTo')} value={to} onChange={(e) => setTo(e.currentTarget.value)} w={150} />
        <NativeSelect label={t('caseFile.list.sort')} value={sort} onChange={(e) => setSort(e.currentTarget.value as typeof sort)} data={options(t, 'list.sorts', SORT_FIELDS)} w={170} />
        <NativeSelect
          label={t('caseFile.list.direction')}
          value={direction}
          onChange={(e) => setDirection(e.currentTarget.value as 'asc' | 'desc')}
          data={[
            { value: 'desc', label: t('caseFile.list.desc') },
            { value: 'asc', label: t('caseFile.list.asc') },
          ]}
          w={150}
        />
        <Button variant="default" onClick={clear}>
          {t('caseFile.list.clear')}
        </Button>
      </Group>
      <ErrorAlert error={list.error} />
      {list.isLoading && <Skeleton h={200} />}
      {list.data && (
        <>
          <Table.ScrollContainer minWidth={900}>
            <Table verticalSpacing="xs" striped highlightOnHover data-testid="case-table" aria-busy={list.isFetching}>
              <Table.Caption>{t('caseFile.list.caption', { total: formatNumber(list.data.total ?? list.data.rows.length, i18n.language) })}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('caseFile.list.caseNumber')}</Table.Th>
                  <Table.Th scope="col">{t('caseFile.list.name')}</Table.Th>
                  <Table.Th scope="col">{t('caseFile.list.age')}</Table.Th>
                  <Table.Th scope="col">{t('caseFile.list.citizenship')}</Table.Th>
                  <Table.Th scope="col">{t('caseFile.list.stage')}</Table.Th>
                  <Table.Th scope="col">{t('caseFile.list.risk')}</Table.Th>
                  <Table.Th scope="col">{t('caseFile.list.assignee')}</Table.Th>
                  <Table.Th scope="col">{t('caseFile.list.registered')}</Table.Th>
                  <Table.Th scope="col">{t('caseFile.list.flags')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.rows.map((row) => (
                  <Table.Tr key={row.caseId} data-testid="case-row" data-case-number={row.caseNumber}>
                    <Table.Td>
                      {staff ? (
                        <Anchor component={Link} to={`/cases/${row.caseId}`} ff="monospace" size="sm">
                          {row.caseNumber}
                        </Anchor>
                      ) : (
                        <Text span ff="monospace" size="sm">
                          {row.caseNumber}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {row.namesHidden || row.displayName === null ? (
                        <Text span c="dimmed" size="sm">
                          {t('caseFile.list.nameHidden')}
                        </Text>
                      ) : (
                        row.displayName
                      )}
                    </Table.Td>
                    <Table.Td>{row.age !== null ? formatNumber(row.age, i18n.language) : (row.ageBand ?? '—')}</Table.Td>
                    <Table.Td>{row.citizenships.join(', ')}</Table.Td>
                    <Table.Td>
                      <StageBadge stage={row.stage} />
                    </Table.Td>
                    <Table.Td>
                      <RiskBadge level={row.riskLevel} />
                    </Table.Td>
                    <Table.Td>{row.assignee ?? t('caseFile.list.unassigned')}</Table.Td>
                    <Table.Td>{formatDateTime(row.registeredAt, i18n.language)}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {row.overdue && (
                          <Badge color="red" variant="light" size="sm">
                            {t('caseFile.list.overdue')}
                          </Badge>
                        )}
                        {row.closurePending && (
                          <Badge color="orange" variant="light" size="sm">
                            {t('caseFile.list.closurePending')}
                          </Badge>
                        )}
                        {row.possibleDuplicate && (
                          <Badge color="yellow" variant="light" size="sm">
                            {t('caseFile.list.possibleDuplicate')}
                          </Badge>
                        )}
                        {row.demo && (
                          <Badge color="gray" variant="light" size="sm">
                            {t('caseFile.list.demo')}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {list.data.rows.length === 0 && <Text c="dimmed">{t('caseFile.list.empty')}</Text>}
          <Group gap="xs">
            <Button variant="default" size="xs" disabled={cursors.length === 0} onClick={() => setCursors((c) => c.slice(0, -1))}>
              {t('caseFile.list.previous')}
            </Button>
            <Text size="sm">{t('caseFile.list.page', { page: formatNumber(cursors.length + 1, i18n.language) })}</Text>
            <Button
              variant="default"
              size="xs"
              disabled={!list.data.nextCursor}
              onClick={() => list.data?.nextCursor && setCursors((c) => [...c, list.data!.nextCursor!])}
            >
              {t('caseFile.list.next')}
            </Button>
          </Group>
        </>
      )}
    </Page>
  );
}
