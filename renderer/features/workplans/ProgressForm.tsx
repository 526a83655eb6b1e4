import { useState } from 'react';
import { ActionIcon, Alert, Button, Group, NativeSelect, NumberInput, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ProgressForm as Form } from '../../../shared/contract/workplans';
import { ACTIVITY_STATUSES, DISAGGREGATION_VALUES, type ActivityStatus, type BreakdownRow, type Disaggregation } from '../../../shared/domain/workplans';
import { formatNumber } from '../../app/format';
import { useSaveDraftMutation, useSubmitProgressMutation } from './api';
import { CallError, StatusBadge, options, parseValue, valueText } from './ui';

type Row = { sex?: string; ageBand?: string; citizenship?: string; value: string };
type Actual = { value: string; comment: string; breakdown: Row[] };
type Update = { status: ActivityStatus; percent: number | string; narrative: string };
type Evidence = { title: string; reference: string };
type FormIndicator = Form['indicators'][number];

/** Breakdown rows of one indicator: one select per dimension it is disaggregated by, and a number. */
function BreakdownEditor({ indicator, rows, onChange, readOnly }: { indicator: FormIndicator; rows: Row[]; onChange: (rows: Row[]) => void; readOnly: boolean }) {
  const { t, i18n } = useTranslation();
  const dims = indicator.disaggregation;
  if (dims.length === 0 || indicator.measure === 'qualitative') return null;
  const set = (i: number, patch: Partial<Row>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const total = rows.reduce((sum, r) => sum + (Number(r.value) || 0), 0);
  return (
    <Stack gap={4}>
      {rows.map((row, i) => (
        <Group key={i} gap="xs" wrap="nowrap">
          {dims.map((d: Disaggregation) => (
            <NativeSelect
              key={d}
              size="xs"
              aria-label={t(`workplanModule.dimension.${d}`)}
              data={DISAGGREGATION_VALUES[d].map((v) => ({ value: v, label: t(`workplanModule.${d}.${v}`) }))}
              value={row[d] ?? DISAGGREGATION_VALUES[d][0]}
              onChange={(e) => set(i, { [d]: e.currentTarget.value })}
              disabled={readOnly}
              data-testid={`breakdown-${indicator.code}-${i}-${d}`}
            />
          ))}
          <TextInput size="xs" w={90} aria-label={t('workplanModule.progress.breakdownValue')} value={row.value} onChange={(e) => set(i, { value: e.currentTarget.value })} readOnly={readOnly} data-testid={`breakdown-${indicator.code}-${i}-value`} />
          {!readOnly && (
            <ActionIcon variant="subtle" color="red" aria-label={t('workplanModule.progress.removeRow')} onClick={() => onChange(rows.filter((_, j) => j !== i))}>
              ×
            </ActionIcon>
          )}
        </Group>
      ))}
      <Group gap="xs">
        {!readOnly && (
          <Button
            size="compact-xs"
            variant="default"
            onClick={() => onChange([...rows, { ...Object.fromEntries(dims.map((d) => [d, DISAGGREGATION_VALUES[d][0]])), value: '' }])}
            data-testid={`breakdown-add-${indicator.code}`}
          >
            {t('workplanModule.progress.addRow')}
          </Button>
        )}
        {rows.length > 0 && (
          <Text size="xs" c="dimmed">
            {t('workplanModule.progress.breakdownTotal', { total: formatNumber(total, i18n.language) })}
          </Text>
        )}
      </Group>
    </Stack>
  );
}

/** The agency's report for one period, as a form: save a draft any time, submit when complete. */
export function ProgressForm({ form, writer, done, onDone: setDone }: { form: Form; writer: boolean; done: string | null; onDone: (message: string | null) => void }) {
  const { t, i18n } = useTranslation();
  const report = form.report;
  const [saveDraft, saveState] = useSaveDraftMutation();
  const [submit, submitState] = useSubmitProgressMutation();
  const editable = writer && (report ? report.canEdit : true);
  const [actuals, setActuals] = useState<Record<string, Actual>>(() =>
    Object.fromEntries(
      form.indicators.map((i) => {
        const a = report?.indicatorActuals.find((x) => x.indicatorId === i.id);
        return [i.id, { value: valueText(a?.value), comment: a?.comment ?? '', breakdown: (a?.breakdown ?? []).map((b) => ({ ...b, value: String(b.value) })) }];
      }),
    ),
  );
  const [updates, setUpdates] = useState<Record<string, Update>>(() =>
    Object.fromEntries(
      form.activities.map((a) => {
        const u = report?.activityUpdates.find((x) => x.activityId === a.id) ?? a.lastUpdate;
        return [a.id, { status: u?.status ?? a.plannedStatus, percent: u?.percentComplete ?? 0, narrative: report?.activityUpdates.find((x) => x.activityId === a.id)?.narrative ?? '' }];
      }),
    ),
  );
  const [narrative, setNarrative] = useState(report?.narrative ?? '');
  const [evidence, setEvidence] = useState<Evidence[]>((report?.evidence ?? []).map((e) => ({ title: e.title, reference: e.reference ?? '' })));
  const [problem, setProblem] = useState<string | null>(null);

  const setActual = (id: string, patch: Partial<Actual>) => setActuals((all) => ({ ...all, [id]: { ...(all[id] ?? { value: '', comment: '', breakdown: [] }), ...patch } }));
  const setUpdate = (id: string, patch: Partial<Update>) => setUpdates((all) => ({ ...all, [id]: { ...(all[id] ?? { status: 'not_started', percent: 0, narrative: '' }), ...patch } }));

  /** The form as the contract's draft; null (with the reason on screen) when something cannot be sent. */
  const draft = (fillComputed: boolean) => {
    const indicatorActuals = [];
    for (const i of form.indicators) {
      const a = actuals[i.id];
      if (!a) continue;
      const value = parseValue(i.measure, a.value);
      if (value !== null && typeof value === 'string' && i.measure !== 'qualitative') {
        setProblem(t('workplanModule.progress.notANumber', { code: i.code }));
        return null;
      }
      const breakdown: BreakdownRow[] = [];
      for (const row of a.breakdown) {
        const n = Number(row.value.replace(',', '.'));
        if (!row.value.trim() || !Number.isFinite(n) || n < 0) {
          setProblem(t('workplanModule.progress.notANumber', { code: i.code }));
          return null;
        }
        breakdown.push({ ...(row.sex ? { sex: row.sex } : {}), ...(row.ageBand ? { ageBand: row.ageBand } : {}), ...(row.citizenship ? { citizenship: row.citizenship } : {}), value: n } as BreakdownRow);
      }
      if (value === null && breakdown.length === 0 && !a.comment.trim()) continue;
      indicatorActuals.push({ indicatorId: i.id, value, breakdown, comment: a.comment.trim(), computed: false });
    }
    const activityUpdates = form.activities.map((a) => {
      const u = updates[a.id] ?? { status: a.plannedStatus, percent: 0, narrative: '' };
      return { activityId: a.id, status: u.status, percentComplete: typeof u.percent === 'number' ? u.percent : 0, narrative: u.narrative.trim() };
    });
    setProblem(null);
    return {
      planId: form.planId,
      period: form.period,
      indicatorActuals,
      activityUpdates,
      narrative: narrative.trim(),
      evidence: evidence.filter((e) => e.title.trim()).map((e) => ({ title: e.title.trim(), ...(e.reference.trim() ? { reference: e.reference.trim() } : {}) })),
      fillComputed,
    };
  };

  const save = async (fillComputed = false) => {
    setDone(null);
    const input = draft(fillComputed);
    if (!input) return null;
    const result = await saveDraft(input);
    if ('data' in result && result.data) {
      setDone(t('workplanModule.progress.draftSaved'));
      return result.data;
    }
    return null;
  };

  const submitReport = async () => {
    const saved = await save();
    if (!saved) return;
    const result = await submit({ id: saved.id });
    if ('data' in result && result.data) setDone(t('workplanModule.progress.submitted'));
  };

  const hasComputed = form.caseDataAvailable && form.indicators.some((i) => i.computedFrom);
  const n = (v: number | string | null) => (v === null ? '—' : typeof v === 'number' ? formatNumber(v, i18n.language) : v);

  return (
    <Stack gap="sm" data-testid="progress-form">
      <Group gap="xs">
        <Text size="sm">{t('workplanModule.progress.status')}</Text>
        <StatusBadge status={report?.status ?? 'missing'} testId="progress-status" />
        {report && report.revision > 0 && (
          <Text size="xs" c="dimmed">
            {t('workplanModule.progress.revision', { n: formatNumber(report.revision, i18n.language) })}
          </Text>
        )}
      </Group>
      {report?.returnedComments && (
        <Alert color="orange" variant="light" title={t('workplanModule.progress.returnedTitle')} data-testid="progress-returned">
          {report.returnedComments}
        </Alert>
      )}
      {form.indicators.length > 0 && (
        <Paper withBorder p="sm">
          <Title order={3} fz="h5" mb="xs">
            {t('workplanModule.progress.indicators')}
          </Title>
          <Table.ScrollContainer minWidth={900}>
            <Table verticalSpacing="xs" withRowBorders>
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
                {form.indicators.map((i) => (
                  <Table.Tr key={i.id} data-testid={`progress-indicator-${i.code}`}>
                    <Table.Td maw={260}>
                      <Text size="sm" fw={500}>
                        {i.code} {i.title}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {t(`workplanModule.measure.${i.measure}`)} · {t(`workplanModule.frequency.${i.frequency}`)}
                      </Text>
                      {i.computed && (
                        <Text size="xs" c="dimmed">
                          {t('workplanModule.progress.computedOffer', { value: n(i.computed.value) })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{n(i.target)}</Table.Td>
                    <Table.Td>
                      <TextInput
                        size="xs"
                        w={110}
                        aria-label={t('workplanModule.progress.actualFor', { code: i.code })}
                        value={actuals[i.id]?.value ?? ''}
                        onChange={(e) => setActual(i.id, { value: e.currentTarget.value })}
                        readOnly={!editable}
                        data-testid={`actual-${i.code}`}
                      />
                    </Table.Td>
                    <Table.Td>
                      <BreakdownEditor indicator={i} rows={actuals[i.id]?.breakdown ?? []} onChange={(rows) => setActual(i.id, { breakdown: rows })} readOnly={!editable} />
                    </Table.Td>
                    <Table.Td>
                      <Textarea
                        size="xs"
                        autosize
                        minRows={1}
                        aria-label={t('workplanModule.progress.commentFor', { code: i.code })}
                        value={actuals[i.id]?.comment ?? ''}
                        onChange={(e) => setActual(i.id, { comment: e.currentTarget.value })}
                        readOnly={!editable}
                        maxLength={2000}
                        data-testid={`comment-${i.code}`}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {form.activities.length > 0 && (
        <Paper withBorder p="sm">
          <Title order={3} fz="h5" mb="xs">
            {t('workplanModule.progress.activities')}
          </Title>
          <Stack gap="sm">
            {form.activities.map((a) => (
              <SimpleGrid key={a.id} cols={{ base: 1, md: 4 }} data-testid={`progress-activity-${a.code}`}>
                <div>
                  <Text size="sm" fw={500}>
                    {a.code} {a.title}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {a.milestone ? t('workplanModule.progress.milestone', { text: a.milestone }) : t('workplanModule.progress.noMilestone')}
                  </Text>
                </div>
                <Select
                  size="xs"
                  label={t('workplanModule.fields.status')}
                  data={options(t, 'activityStatus', ACTIVITY_STATUSES)}
                  value={updates[a.id]?.status ?? a.plannedStatus}
                  onChange={(v) => v && setUpdate(a.id, { status: v as ActivityStatus })}
                  allowDeselect={false}
                  readOnly={!editable}
                  data-testid={`activity-status-${a.code}`}
                />
                <NumberInput
                  size="xs"
                  label={t('workplanModule.progress.percentComplete')}
                  value={updates[a.id]?.percent ?? 0}
                  onChange={(v) => setUpdate(a.id, { percent: v })}
                  min={0}
                  max={100}
                  suffix=" %"
                  readOnly={!editable}
                  data-testid={`activity-percent-${a.code}`}
                />
                <Textarea
                  size="xs"
                  label={t('workplanModule.progress.narrative')}
                  autosize
                  minRows={1}
                  value={updates[a.id]?.narrative ?? ''}
                  onChange={(e) => setUpdate(a.id, { narrative: e.currentTarget.value })}
                  readOnly={!editable}
                  maxLength={5000}
                  data-testid={`activity-narrative-${a.code}`}
                />
              </SimpleGrid>
            ))}
          </Stack>
        </Paper>
      )}
      <Textarea label={t('workplanModule.progress.overall')} autosize minRows={2} value={narrative} onChange={(e) => setNarrative(e.currentTarget.value)} readOnly={!editable} maxLength={20000} data-testid="progress-narrative" />
      <Paper withBorder p="sm">
        <Title order={3} fz="h5" mb="xs">
          {t('workplanModule.progress.evidence')}
        </Title>
        <Stack gap={4}>
          {evidence.map((e, i) => (
            <Group key={i} gap="xs" wrap="nowrap">
              <TextInput size="xs" style={{ flex: 1 }} aria-label={t('workplanModule.progress.evidenceTitle')} placeholder={t('workplanModule.progress.evidenceTitle')} value={e.title} onChange={(ev) => { const v = ev.currentTarget.value; setEvidence((all) => all.map((x, j) => (j === i ? { ...x, title: v } : x))); }} readOnly={!editable} maxLength={300} />
              <TextInput size="xs" style={{ flex: 1 }} aria-label={t('workplanModule.progress.evidenceReference')} placeholder={t('workplanModule.progress.evidenceReference')} value={e.reference} onChange={(ev) => { const v = ev.currentTarget.value; setEvidence((all) => all.map((x, j) => (j === i ? { ...x, reference: v } : x))); }} readOnly={!editable} maxLength={1000} />
              {editable && (
                <ActionIcon variant="subtle" color="red" aria-label={t('workplanModule.progress.removeRow')} onClick={() => setEvidence((all) => all.filter((_, j) => j !== i))}>
                  ×
                </ActionIcon>
              )}
            </Group>
          ))}
          {editable && (
            <Group>
              <Button size="compact-xs" variant="default" onClick={() => setEvidence((all) => [...all, { title: '', reference: '' }])}>
                {t('workplanModule.progress.addEvidence')}
              </Button>
            </Group>
          )}
        </Stack>
      </Paper>
      {problem && (
        <Text c="red" size="sm" role="alert">
          {problem}
        </Text>
      )}
      <CallError error={saveState.error ?? submitState.error} />
      {done && (
        <Alert color="green" variant="light" role="status" data-testid="progress-done">
          {done}
        </Alert>
      )}
      {editable && (
        <Group>
          <Button variant="default" onClick={() => void save()} loading={saveState.isLoading} data-testid="progress-save">
            {t('workplanModule.progress.saveDraft')}
          </Button>
          {hasComputed && (
            <Button variant="default" onClick={() => void save(true)} loading={saveState.isLoading} data-testid="progress-fill-computed">
              {t('workplanModule.progress.fillComputed')}
            </Button>
          )}
          <Button onClick={() => void submitReport()} loading={submitState.isLoading} data-testid="progress-submit">
            {t('workplanModule.progress.submit')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
