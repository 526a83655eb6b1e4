import { useState } from 'react';
import { Alert, Button, Group, List, Paper, SegmentedControl, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PlanTree, ProgressView } from '../../../shared/contract/workplans';
import { PROGRESS_STATUSES, type ProgressStatus } from '../../../shared/domain/workplans';
import { formatDateTime, formatNumber } from '../../app/format';
import { FRESH, useApproveProgressMutation, useProgressFormQuery, useProgressListQuery, useReturnProgressMutation } from './api';
import { CallError, Section, StatusBadge } from './ui';

/** One report as the secretariat reads it, with Approve and Return (comments required) while submitted. */
function ReportReview({ tree, agency, period }: { tree: PlanTree; agency: string; period: string }) {
  const { t, i18n } = useTranslation();
  const { data: form, error } = useProgressFormQuery({ planId: tree.plan.id, period, agency }, FRESH);
  const [approve, approveState] = useApproveProgressMutation();
  const [giveBack, returnState] = useReturnProgressMutation();
  const [comments, setComments] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const report: ProgressView | null | undefined = form?.report;
  if (error) return <CallError error={error} />;
  if (!form || !report) return null;
  const n = (v: number | string | null | undefined) => (v === null || v === undefined ? '—' : typeof v === 'number' ? formatNumber(v, i18n.language) : v);
  const indicator = (id: string) => form.indicators.find((i) => i.id === id);
  const activity = (id: string) => form.activities.find((a) => a.id === id);
  const dimText = (row: { sex?: string; ageBand?: string; citizenship?: string }) =>
    [row.sex && t(`workplanModule.sex.${row.sex}`), row.ageBand && t(`workplanModule.ageBand.${row.ageBand}`), row.citizenship && t(`workplanModule.citizenship.${row.citizenship}`)].filter(Boolean).join(' · ');

  const decide = async (decision: 'approve' | 'return') => {
    if (decision === 'return' && comments.trim().length < 3) return setProblem(t('workplanModule.review.commentsNeeded'));
    setProblem(null);
    if (decision === 'approve') await approve({ id: report.id, comments: comments.trim() });
    else await giveBack({ id: report.id, comments: comments.trim() });
  };

  return (
    <Paper withBorder p="sm" data-testid="review-report">
      <Stack gap="sm">
        <Group gap="xs">
          <Title order={3} fz="h5">
            {t('workplanModule.review.reportOf', { agency: `${report.agency} — ${report.agencyName}`, period: report.period })}
          </Title>
          <StatusBadge status={report.status} testId="review-status" />
        </Group>
        {report.submittedAt && (
          <Text size="xs" c="dimmed">
            {t('workplanModule.review.submittedBy', { by: report.submittedBy ?? '', at: formatDateTime(report.submittedAt, i18n.language), n: formatNumber(report.revision, i18n.language) })}
          </Text>
        )}
        <Table withTableBorder data-testid="review-indicators">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('workplanModule.kinds.indicator')}</Table.Th>
              <Table.Th scope="col">{t('workplanModule.fields.target')}</Table.Th>
              <Table.Th scope="col">{t('workplanModule.progress.actual')}</Table.Th>
              <Table.Th scope="col">{t('workplanModule.progress.breakdown')}</Table.Th>
              <Table.Th scope="col">{t('workplanModule.progress.comment')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.indicatorActuals.map((a) => (
              <Table.Tr key={a.indicatorId}>
                <Table.Td>
                  {indicator(a.indicatorId)?.code} {indicator(a.indicatorId)?.title}
                </Table.Td>
                <Table.Td>{n(indicator(a.indicatorId)?.target)}</Table.Td>
                <Table.Td data-testid={`review-actual-${indicator(a.indicatorId)?.code ?? ''}`}>{n(a.value)}</Table.Td>
                <Table.Td>
                  {a.breakdown.map((b, i) => (
                    <Text size="xs" key={i}>
                      {dimText(b)}: {n(b.value)}
                    </Text>
                  ))}
                </Table.Td>
                <Table.Td>{a.comment}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {report.activityUpdates.length > 0 && (
          <List size="sm" data-testid="review-activities">
            {report.activityUpdates.map((u) => (
              <List.Item key={u.activityId}>
                {t('workplanModule.review.activityLine', {
                  code: activity(u.activityId)?.code ?? '',
                  status: t(`workplanModule.activityStatus.${u.status}`),
                  percent: formatNumber(u.percentComplete, i18n.language),
                })}
                {u.narrative ? ` — ${u.narrative}` : ''}
              </List.Item>
            ))}
          </List>
        )}
        {report.narrative && <Text size="sm">{report.narrative}</Text>}
        {report.evidence.length > 0 && (
          <List size="sm">
            {report.evidence.map((e, i) => (
              <List.Item key={i}>
                {e.title}
                {e.reference ? ` (${e.reference})` : ''}
              </List.Item>
            ))}
          </List>
        )}
        {report.reviews.length > 0 && (
          <Stack gap={2}>
            {report.reviews.map((r) => (
              <Text size="xs" c="dimmed" key={r.id}>
                {t('workplanModule.review.pastReview', { decision: t(`workplanModule.progressStatus.${r.decision}`), by: r.reviewedBy, at: formatDateTime(r.reviewedAt, i18n.language), comments: r.comments || '—' })}
              </Text>
            ))}
          </Stack>
        )}
        {report.canReview && (
          <Stack gap="xs">
            <Textarea label={t('workplanModule.review.comments')} description={t('workplanModule.review.commentsHelp')} value={comments} onChange={(e) => setComments(e.currentTarget.value)} autosize minRows={2} maxLength={5000} data-testid="review-comments" />
            {problem && (
              <Text c="red" size="sm" role="alert">
                {problem}
              </Text>
            )}
            <CallError error={approveState.error ?? returnState.error} />
            <Group>
              <Button color="green" onClick={() => void decide('approve')} loading={approveState.isLoading} data-testid="review-approve">
                {t('workplanModule.review.approve')}
              </Button>
              <Button color="orange" variant="outline" onClick={() => void decide('return')} loading={returnState.isLoading} data-testid="review-return">
                {t('workplanModule.review.return')}
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

/** The secretariat's queue: reports from the agencies, by status, and the one being read. */
export function ReviewTab({ tree }: { tree: PlanTree }) {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<ProgressStatus | 'all'>('submitted');
  const { data: reports, error } = useProgressListQuery({ planId: tree.plan.id, ...(status === 'all' ? {} : { status }) }, FRESH);
  const [open, setOpen] = useState<{ agency: string; period: string } | null>(null);
  return (
    <Section id="review" title={t('workplanModule.review.title')}>
      {!tree.plan.isHolder && (
        <Alert color="gray" variant="light">
          {t('workplanModule.review.notHolder', { org: tree.plan.ownerOrg })}
        </Alert>
      )}
      <SegmentedControl
        aria-label={t('workplanModule.fields.status')}
        data={[...PROGRESS_STATUSES.map((s) => ({ value: s, label: t(`workplanModule.progressStatus.${s}`) })), { value: 'all', label: t('workplanModule.review.all') }]}
        value={status}
        onChange={(v) => setStatus(v as ProgressStatus | 'all')}
        w="fit-content"
      />
      <CallError error={error} />
      {reports && reports.length === 0 && <Text c="dimmed">{t('workplanModule.review.none')}</Text>}
      {reports && reports.length > 0 && (
        <Table striped withTableBorder data-testid="review-list">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('workplanModule.fields.agency')}</Table.Th>
              <Table.Th scope="col">{t('workplanModule.fields.period')}</Table.Th>
              <Table.Th scope="col">{t('workplanModule.fields.status')}</Table.Th>
              <Table.Th scope="col">{t('workplanModule.calendar.due')}</Table.Th>
              <Table.Th scope="col">{t('workplanModule.review.lines')}</Table.Th>
              <Table.Th scope="col">{t('workplanModule.form.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {reports.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  {r.agency} — {r.agencyName}
                </Table.Td>
                <Table.Td>{r.period}</Table.Td>
                <Table.Td>
                  <StatusBadge status={r.status} />
                </Table.Td>
                <Table.Td>{r.dueDate}</Table.Td>
                <Table.Td>{t('workplanModule.review.lineCounts', { indicators: formatNumber(r.indicators, i18n.language), activities: formatNumber(r.activities, i18n.language) })}</Table.Td>
                <Table.Td>
                  <Button size="compact-sm" variant="light" onClick={() => setOpen({ agency: r.agency, period: r.period })} data-testid={`review-open-${r.agency}-${r.period}`}>
                    {t('workplanModule.review.open')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {open && <ReportReview key={`${open.agency}-${open.period}`} tree={tree} agency={open.agency} period={open.period} />}
    </Section>
  );
}
