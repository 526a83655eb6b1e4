import { useState } from 'react';
import { Button, Group, NativeSelect, SegmentedControl, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { STAGES } from '../../../shared/domain/cases/lifecycle';
import { CASE_STATUSES, EXPLOITATION_TYPES } from '../../../shared/domain/cases/vocabulary';
import { SORT_FIELDS, type CaseListInput } from '../../../shared/contract/cases';
import { mayCall } from '../../app/navigation';
import { selectUser, useAppSelector } from '../../app/store';
import { Page } from '../../components/Page';
import { CASE_PAGE, CaseTable } from './CaseTable';
import { DueList } from './DueList';
import { options } from './ui';

type View = 'all' | 'mine' | 'overdue';

/**
 * The case list: filters, free-text search, sort, and one scrolling table that reads pages of 50 with
 * the contract's cursor as the user scrolls (CaseTable.tsx; fast at a million cases). Names are hidden
 * on pseudonymised rows.
 */
export function CaseListPage() {
  const { t } = useTranslation();
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
  const [debouncedText] = useDebouncedValue(text, 300);
  const [debouncedCitizenship] = useDebouncedValue(citizenship, 300);
  const [debouncedAssignee] = useDebouncedValue(assignee, 300);

  const citizenshipCodes = debouncedCitizenship
    .toUpperCase()
    .split(/[\s,]+/)
    .filter((c) => /^[A-Z]{3}$/.test(c));
  const input: Omit<CaseListInput, 'cursor'> = {
    view,
    sort,
    direction,
    limit: CASE_PAGE,
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
  };
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
      <CaseTable input={input} staff={staff} />
    </Page>
  );
}
