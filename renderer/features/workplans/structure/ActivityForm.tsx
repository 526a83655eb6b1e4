import { useState } from 'react';
import { Button, Fieldset, Group, MultiSelect, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PlanTree } from '../../../../shared/contract/workplans';
import { ACTIVITY_STATUSES, CURRENCIES, type ActivityStatus } from '../../../../shared/domain/workplans';
import { CallError, options } from '../ui';
import { savedId, useStructureChange } from './useStructureChange';

/** Agencies to pick from: this organisation, the partner directory, and those the plan already names. */
export const agencyOptions = (tree: PlanTree) => tree.agencies.map((a) => ({ value: a.code, label: `${a.code} — ${a.name}` }));

/** An activity: what, who leads and supports it, when, with what budget, and in which workplan year. */
export function ActivityForm({ tree, id, outputId, onSaved }: { tree: PlanTree; id?: string; outputId?: string; onSaved: (id: string) => void }) {
  const { t } = useTranslation();
  const { run, error, busy } = useStructureChange();
  const existing = tree.activities.find((a) => a.id === id);
  const { plan } = tree;
  const [code, setCode] = useState(existing?.code ?? '');
  const [title, setTitle] = useState(existing?.title ?? '');
  const [description, setDescription] = useState(existing?.description ?? '');
  const [lead, setLead] = useState<string | null>(existing?.leadAgency ?? null);
  const [supporting, setSupporting] = useState<string[]>(existing?.supportingAgencies ?? []);
  const [start, setStart] = useState(existing?.start ?? `${plan.startYear}-01-01`);
  const [end, setEnd] = useState(existing?.end ?? `${plan.startYear}-12-31`);
  const [budget, setBudget] = useState<number | string>(existing?.budget ?? '');
  const [currency, setCurrency] = useState<string | null>(existing?.currency ?? null);
  const [status, setStatus] = useState<ActivityStatus>(existing?.status ?? 'not_started');
  const [year, setYear] = useState<number | string>(existing?.workplanYear ?? plan.startYear);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const save = async () => {
    const parent = existing?.outputId ?? outputId;
    if (!parent || !code.trim() || !title.trim() || !lead || !start || !end || typeof year !== 'number') return setProblem(t('workplanModule.form.required'));
    if (end < start) return setProblem(t('workplanModule.activity.endBeforeStart'));
    if (typeof budget === 'number' && !currency) return setProblem(t('workplanModule.activity.currencyNeeded'));
    if (supporting.includes(lead)) return setProblem(t('workplanModule.activity.leadSupports'));
    if (year < plan.startYear || year > plan.endYear) return setProblem(t('workplanModule.activity.yearOutside', { from: plan.startYear, to: plan.endYear }));
    setProblem(null);
    setSaved(false);
    const result = await run({
      method: 'activities.save',
      params: {
        planId: plan.id,
        ...(id ? { id } : {}),
        outputId: parent,
        code: code.trim(),
        title: title.trim(),
        description,
        leadAgency: lead,
        supportingAgencies: supporting,
        start,
        end,
        budget: typeof budget === 'number' ? budget : null,
        currency: typeof budget === 'number' ? currency : null,
        status,
        workplanYear: year,
      },
    });
    const newId = savedId(result);
    if (newId) {
      setSaved(true);
      onSaved(newId);
    }
  };

  const agencies = agencyOptions(tree);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Fieldset legend={t(id ? 'workplanModule.kinds.activity' : 'workplanModule.structure.new.activity')} disabled={!plan.isHolder}>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, md: 3 }}>
            <TextInput label={t('workplanModule.fields.code')} value={code} onChange={(e) => setCode(e.currentTarget.value)} required maxLength={40} data-testid="activity-code" />
            <TextInput label={t('workplanModule.fields.title')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} required maxLength={500} style={{ gridColumn: 'span 2' }} data-testid="activity-title" />
            <Select label={t('workplanModule.fields.leadAgency')} data={agencies} value={lead} onChange={setLead} searchable required data-testid="activity-lead" />
            <MultiSelect label={t('workplanModule.fields.supportingAgencies')} data={agencies} value={supporting} onChange={setSupporting} searchable style={{ gridColumn: 'span 2' }} data-testid="activity-supporting" />
            <TextInput type="date" label={t('workplanModule.fields.start')} value={start} onChange={(e) => setStart(e.currentTarget.value)} required />
            <TextInput type="date" label={t('workplanModule.fields.end')} value={end} onChange={(e) => setEnd(e.currentTarget.value)} required />
            <NumberInput label={t('workplanModule.fields.workplanYear')} value={year} onChange={setYear} min={plan.startYear} max={plan.endYear} allowDecimal={false} required />
            <NumberInput label={t('workplanModule.fields.budget')} value={budget} onChange={setBudget} min={0} thousandSeparator=" " />
            <Select label={t('workplanModule.fields.currency')} data={[...CURRENCIES]} value={currency} onChange={setCurrency} searchable clearable />
            <Select label={t('workplanModule.fields.status')} data={options(t, 'activityStatus', ACTIVITY_STATUSES)} value={status} onChange={(v) => v && setStatus(v as ActivityStatus)} allowDeselect={false} data-testid="activity-status" />
          </SimpleGrid>
          <Textarea label={t('workplanModule.fields.description')} value={description} onChange={(e) => setDescription(e.currentTarget.value)} autosize minRows={2} maxLength={5000} />
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
              <Button type="submit" loading={busy} data-testid="activity-save">
                {t('workplanModule.form.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </Fieldset>
    </form>
  );
}
