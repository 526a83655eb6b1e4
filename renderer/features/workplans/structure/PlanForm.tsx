import { useState } from 'react';
import { Button, Fieldset, Group, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PlanTree } from '../../../../shared/contract/workplans';
import { PLAN_STATUSES, type PlanStatus } from '../../../../shared/domain/workplans';
import { CallError, options } from '../ui';
import { useStructureChange } from './useStructureChange';

const num = (v: number | string): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The plan's own fields, the red / amber / green thresholds and the reporting deadlines. */
export function PlanForm({ tree }: { tree: PlanTree }) {
  const { t } = useTranslation();
  const { plan } = tree;
  const { run, error, busy } = useStructureChange();
  const [title, setTitle] = useState(plan.title);
  const [version, setVersion] = useState(plan.version);
  const [status, setStatus] = useState<PlanStatus>(plan.status);
  const [startYear, setStartYear] = useState<number | string>(plan.startYear);
  const [endYear, setEndYear] = useState<number | string>(plan.endYear);
  const [description, setDescription] = useState(plan.description);
  const [greenAt, setGreenAt] = useState<number | string>(plan.rag.greenAt);
  const [amberAt, setAmberAt] = useState<number | string>(plan.rag.amberAt);
  const [monthly, setMonthly] = useState<number | string>(plan.dueDays.monthly);
  const [quarterly, setQuarterly] = useState<number | string>(plan.dueDays.quarterly);
  const [yearly, setYearly] = useState<number | string>(plan.dueDays.yearly);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const save = async () => {
    const values = [num(startYear), num(endYear), num(greenAt), num(amberAt), num(monthly), num(quarterly), num(yearly)];
    const [sy, ey, g, a, m, q, y] = values;
    if (!title.trim() || !version.trim() || values.some((v) => v === null)) return setProblem(t('workplanModule.form.required'));
    if ((ey ?? 0) < (sy ?? 0)) return setProblem(t('workplanModule.plan.endBeforeStart'));
    if ((a ?? 0) > (g ?? 0)) return setProblem(t('workplanModule.plan.amberAboveGreen'));
    setProblem(null);
    setSaved(false);
    const ok = await run({
      method: 'plans.update',
      params: {
        planId: plan.id,
        patch: { title: title.trim(), version: version.trim(), status, startYear: sy ?? 0, endYear: ey ?? 0, description, rag: { greenAt: g ?? 0, amberAt: a ?? 0 }, dueDays: { monthly: m ?? 0, quarterly: q ?? 0, yearly: y ?? 0 } },
      },
    });
    setSaved(!!ok);
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Fieldset legend={t('workplanModule.plan.legend')} disabled={!plan.isHolder}>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <TextInput label={t('workplanModule.fields.title')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} required maxLength={300} />
            <TextInput label={t('workplanModule.fields.country')} value={plan.country} readOnly />
            <NumberInput label={t('workplanModule.fields.startYear')} value={startYear} onChange={setStartYear} min={1990} max={2100} allowDecimal={false} required />
            <NumberInput label={t('workplanModule.fields.endYear')} value={endYear} onChange={setEndYear} min={1990} max={2100} allowDecimal={false} required />
            <TextInput label={t('workplanModule.fields.version')} value={version} onChange={(e) => setVersion(e.currentTarget.value)} required maxLength={40} />
            <Select label={t('workplanModule.fields.status')} data={options(t, 'planStatus', PLAN_STATUSES)} value={status} onChange={(v) => v && setStatus(v as PlanStatus)} allowDeselect={false} />
          </SimpleGrid>
          <Textarea label={t('workplanModule.fields.description')} value={description} onChange={(e) => setDescription(e.currentTarget.value)} autosize minRows={2} maxLength={5000} />
          <SimpleGrid cols={{ base: 2, md: 5 }}>
            <NumberInput label={t('workplanModule.fields.greenAt')} value={greenAt} onChange={setGreenAt} min={0} max={1000} suffix=" %" />
            <NumberInput label={t('workplanModule.fields.amberAt')} value={amberAt} onChange={setAmberAt} min={0} max={1000} suffix=" %" />
            <NumberInput label={t('workplanModule.fields.dueMonthly')} value={monthly} onChange={setMonthly} min={0} max={366} allowDecimal={false} />
            <NumberInput label={t('workplanModule.fields.dueQuarterly')} value={quarterly} onChange={setQuarterly} min={0} max={366} allowDecimal={false} />
            <NumberInput label={t('workplanModule.fields.dueYearly')} value={yearly} onChange={setYearly} min={0} max={366} allowDecimal={false} />
          </SimpleGrid>
          {problem && (
            <Text c="red" size="sm" role="alert">
              {problem}
            </Text>
          )}
          <CallError error={error} />
          {saved && (
            <Text size="sm" c="green" role="status">
              {t('workplanModule.form.saved')}
            </Text>
          )}
          {plan.isHolder && (
            <Group>
              <Button type="submit" loading={busy} data-testid="plan-save">
                {t('workplanModule.form.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </Fieldset>
    </form>
  );
}
