import { useState } from 'react';
import { Badge, Button, Group, NativeSelect, Skeleton, Stack, Table, Tabs, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { CaseView } from '../../../shared/contract/cases';
import { STAGE_MOVES } from '../../../shared/domain/cases/lifecycle';
import { formatDateTime, formatNumber } from '../../app/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { useCaseGetQuery, useCaseTimelineQuery } from './api';
import { timelineDetails } from './timelineDetails';
import { ScreeningSection } from './sections/Screening';
import { ConsentSection, ReferralSection, AssistanceSection, RiskSection } from './sections/Care';
import { ReturnSection, ReintegrationSection } from './sections/Return';
import { AttachmentsSection, ClosureSection, NotesSection, TasksSection } from './sections/Around';
import { PersonEdit } from './sections/PersonEdit';
import { DuplicatesSection } from './sections/Duplicates';
import { ChangeError, RiskBadge, Section, StageBadge, useCaseChange } from './ui';

const TABS = ['person', 'screening', 'risk', 'consent', 'referrals', 'assistance', 'return', 'reintegration', 'notes', 'attachments', 'tasks', 'closure', 'timeline'] as const;

/** One case file: the person, each step of the SOPs in its tab, and the timeline of every step. */
export function CaseFilePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const view = useCaseGetQuery(id);
  const [tab, setTab] = useState<string>('person');

  if (view.error) {
    return (
      <Page title={t('caseFile.file.title')}>
        <ErrorAlert error={view.error} />
        <Button component={Link} to="/cases" variant="default" w="fit-content">
          {t('caseFile.file.back')}
        </Button>
      </Page>
    );
  }
  if (!view.data) return <Skeleton h={300} />;
  const v = view.data;
  const c = v.case;
  return (
    <Page
      title={`${c.caseNumber} · ${v.derived.displayName}`}
      description={
        <Group gap="xs" component="span">
          <StageBadge stage={c.stage} />
          <Badge variant="outline">{t(`caseFile.statuses.${c.cas_Status}`)}</Badge>
          <RiskBadge level={v.derived.riskLevel} />
          {v.derived.screeningOutcome && <Badge variant="light">{t(`caseFile.outcomes.${v.derived.screeningOutcome}`)}</Badge>}
          {v.derived.closurePending && <Badge color="orange">{t('caseFile.list.closurePending')}</Badge>}
          <Text span size="sm">
            {t('caseFile.file.assignee', { name: c.assignee ?? t('caseFile.list.unassigned') })}
          </Text>
        </Group>
      }
      actions={
        <Button component={Link} to="/cases" variant="default" size="xs">
          {t('caseFile.file.back')}
        </Button>
      }
    >
      <Tabs value={tab} onChange={(value) => setTab(value ?? 'person')} keepMounted={false}>
        <Tabs.List style={{ flexWrap: 'wrap' }}>
          {TABS.map((key) => (
            <Tabs.Tab key={key} value={key} data-testid={`tab-${key}`}>
              {t(`caseFile.tabs.${key}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="person" pt="sm">
          <PersonSection v={v} />
        </Tabs.Panel>
        <Tabs.Panel value="screening" pt="sm">
          <ScreeningSection v={v} />
        </Tabs.Panel>
        <Tabs.Panel value="risk" pt="sm">
          <RiskSection v={v} />
        </Tabs.Panel>
        <Tabs.Panel value="consent" pt="sm">
          <ConsentSection v={v} />
        </Tabs.Panel>
        <Tabs.Panel value="referrals" pt="sm">
          <ReferralSection v={v} />
        </Tabs.Panel>
        <Tabs.Panel value="assistance" pt="sm">
          <AssistanceSection v={v} />
        </Tabs.Panel>
        <Tabs.Panel value="return" pt="sm">
          <ReturnSection v={v} />
        </Tabs.Panel>
        <Tabs.Panel value="reintegration" pt="sm">
          <ReintegrationSection v={v} />
        </Tabs.Panel>
        <Tabs.Panel value="notes" pt="sm">
          <NotesSection v={v} />
        </Tabs.Panel>
        <Tabs.Panel value="attachments" pt="sm">
          <AttachmentsSection v={v} />
        </Tabs.Panel>
        <Tabs.Panel value="tasks" pt="sm">
          <TasksSection v={v} />
        </Tabs.Panel>
        <Tabs.Panel value="closure" pt="sm">
          <ClosureSection v={v} />
        </Tabs.Panel>
        <Tabs.Panel value="timeline" pt="sm">
          <TimelineSection id={c.id} />
        </Tabs.Panel>
      </Tabs>
    </Page>
  );
}

function Field({ label, value }: { label: string; value: string | null | undefined }) {
  return (
    <Table.Tr>
      <Table.Th scope="row" w={220}>
        {label}
      </Table.Th>
      <Table.Td>{value || '—'}</Table.Td>
    </Table.Tr>
  );
}

function PersonSection({ v }: { v: CaseView }) {
  const { t, i18n } = useTranslation();
  const c = v.case;
  const { run, error, busy } = useCaseChange(c.id);
  const [assignee, setAssignee] = useState(c.assignee ?? '');
  const [stage, setStage] = useState('');
  const [editing, setEditing] = useState(false);
  const moves = STAGE_MOVES[c.stage];
  if (editing) return <PersonEdit v={v} onDone={() => setEditing(false)} />;
  return (
    <Stack gap="sm">
      <Section
        id="person"
        title={t('caseFile.tabs.person')}
        actions={
          v.permissions.write && c.stage !== 'closed' ? (
            <Button variant="default" size="xs" w="fit-content" onClick={() => setEditing(true)} data-testid="person-edit">
              {t('caseFile.person.edit')}
            </Button>
          ) : undefined
        }
      >
        <Table verticalSpacing={4} data-testid="person-fields">
          <Table.Tbody>
            <Field label={t('caseFile.person.name')} value={v.derived.displayName} />
            <Field label={t('caseFile.person.aliases')} value={c.aliases.join(', ')} />
            <Field label={t('caseFile.person.gender')} value={t(`caseFile.genders.${c.prs_Gender}`)} />
            <Field label={t('caseFile.person.age')} value={v.derived.ageNow === null ? null : formatNumber(v.derived.ageNow, i18n.language)} />
            <Field label={t('caseFile.person.birthdate')} value={c.prs_Birthdate} />
            <Field label={t('caseFile.person.citizenship')} value={c.prs_Citizenship.join(', ')} />
            <Field label={t('caseFile.person.language')} value={c.prs_PrimaryLanguage} />
            <Field label={t('caseFile.person.phone')} value={c.prs_MobilePhone} />
            <Field label={t('caseFile.person.idNumber')} value={c.prs_IdentityNumber} />
            <Field label={t('caseFile.register.identificationDate')} value={c.identificationDate} />
            <Field label={t('caseFile.register.identificationCountry')} value={c.identificationCountry} />
            <Field label={t('caseFile.register.source')} value={t(`caseFile.sources.${c.identificationSource}`)} />
            <Field label={t('caseFile.file.scope')} value={t(`caseFile.scopes.${v.derived.scope}`)} />
            <Field label={t('caseFile.file.registeredAt')} value={formatDateTime(c.registeredAt, i18n.language)} />
          </Table.Tbody>
        </Table>
      </Section>
      <DuplicatesSection v={v} />
      <Section id="assignment" title={t('caseFile.file.assignment')}>
        <ChangeError error={error} />
        <Group align="flex-end" gap="xs">
          {v.permissions.assign && (
            <>
              <TextInput label={t('caseFile.file.assignTo')} value={assignee} onChange={(e) => setAssignee(e.currentTarget.value)} w={200} />
              <Button
                loading={busy}
                onClick={() => void run({ method: 'cases.assign', params: { id: c.id, assignee: assignee.trim() || null } })}
                data-testid="assign-submit"
              >
                {t('caseFile.file.assign')}
              </Button>
            </>
          )}
          {v.permissions.write && moves.length > 0 && (
            <>
              <NativeSelect
                label={t('caseFile.file.moveStage')}
                value={stage}
                onChange={(e) => setStage(e.currentTarget.value)}
                data={[{ value: '', label: t('caseFile.form.choose') }, ...moves.map((s) => ({ value: s, label: t(`caseFile.stages.${s}`) }))]}
                w={200}
              />
              <Button variant="default" disabled={!stage} loading={busy} onClick={() => void run({ method: 'cases.setStage', params: { id: c.id, stage: stage as never } })}>
                {t('caseFile.file.move')}
              </Button>
            </>
          )}
        </Group>
      </Section>
    </Stack>
  );
}

/** Every step of the case, oldest first, in words, its details too (timelineDetails.ts). */
function TimelineSection({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const timeline = useCaseTimelineQuery(id);
  return (
    <Section id="timeline" title={t('caseFile.tabs.timeline')}>
      <ErrorAlert error={timeline.error} />
      {timeline.data && (
        <Table verticalSpacing={4} data-testid="timeline">
          <Table.Caption>{t('caseFile.timeline.caption', { total: formatNumber(timeline.data.entries.length, i18n.language) })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('caseFile.timeline.when')}</Table.Th>
              <Table.Th scope="col">{t('caseFile.timeline.step')}</Table.Th>
              <Table.Th scope="col">{t('caseFile.timeline.by')}</Table.Th>
              <Table.Th scope="col">{t('caseFile.timeline.details')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {timeline.data.entries.map((e) => (
              <Table.Tr key={e.seq} data-testid="timeline-entry" data-kind={e.kind}>
                {/* A step dated by the day it happened (a screening day) has no time: shown as that day, not as midnight UTC. */}
                <Table.Td>{/^\d{4}-\d{2}-\d{2}$/.test(e.occurredAt) ? e.occurredAt : formatDateTime(e.occurredAt, i18n.language)}</Table.Td>
                <Table.Td>{t(`caseFile.timeline.kinds.${e.kind}`)}</Table.Td>
                <Table.Td>{e.by ?? '—'}</Table.Td>
                <Table.Td>
                  <Text size="xs" c="dimmed" data-testid="timeline-details">
                    {timelineDetails(t, e.kind, e.details)
                      .map((d) => `${d.label}: ${d.value}`)
                      .join(' · ')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}
