import { useState } from 'react';
import { ActionIcon, Button, Checkbox, Fieldset, Group, NumberInput, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PlanTree } from '../../../../shared/contract/workplans';
import { CASE_SOURCES, DISAGGREGATIONS, FREQUENCIES, MEASURES, isPeriod, type Disaggregation, type Frequency, type Measure, type ResultLevel } from '../../../../shared/domain/workplans';
import { CallError, options, parseValue, valueText } from '../ui';
import { agencyOptions } from './ActivityForm';
import { savedId, useStructureChange } from './useStructureChange';

type TargetRow = { period: string; value: string };

/**
 * An indicator: what it measures and how, its baseline and targets per period, how it is
 * disaggregated, who reports it how often, and where its figures come from (case data included).
 */
export function IndicatorForm({ tree, id, result, onSaved }: { tree: PlanTree; id?: string; result?: { level: ResultLevel; id: string }; onSaved: (id: string) => void }) {
  const { t } = useTranslation();
  const { run, error, busy } = useStructureChange();
  const existing = tree.indicators.find((i) => i.id === id);
  const { plan } = tree;
  const [code, setCode] = useState(existing?.code ?? '');
  const [title, setTitle] = useState(existing?.title ?? '');
  const [definition, setDefinition] = useState(existing?.definition ?? '');
  const [measure, setMeasure] = useState<Measure>(existing?.measure ?? 'unit');
  const [ascending, setAscending] = useState(existing?.ascending ?? true);
  const [baseline, setBaseline] = useState(valueText(existing?.baseline));
  const [baselineYear, setBaselineYear] = useState<number | string>(existing?.baselineYear ?? '');
  const [targets, setTargets] = useState<TargetRow[]>((existing?.targets ?? []).map((x) => ({ period: x.period, value: valueText(x.value) })));
  const [disaggregation, setDisaggregation] = useState<string[]>(existing?.disaggregation ?? []);
  const [responsible, setResponsible] = useState<string | null>(existing?.responsibleAgency ?? null);
  const [frequency, setFrequency] = useState<Frequency>(existing?.frequency ?? 'quarterly');
  const [dataSource, setDataSource] = useState(existing?.dataSource ?? '');
  const [computed, setComputed] = useState<string>(existing?.computedFrom?.source ?? 'none');
  const [days, setDays] = useState<number | string>(existing?.computedFrom?.source === 'shareReferredWithinDays' ? existing.computedFrom.days : 7);
  const [dhis2, setDhis2] = useState(existing?.dhis2DataElement ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const setTarget = (i: number, patch: Partial<TargetRow>) => setTargets((rows) => rows.map((row, j) => (j === i ? { ...row, ...patch } : row)));

  const save = async () => {
    const level = existing?.resultLevel ?? result?.level;
    const resultId = existing?.resultId ?? result?.id;
    if (!level || !resultId || !code.trim() || !title.trim() || !responsible) return setProblem(t('workplanModule.form.required'));
    const rows = targets.filter((row) => row.period.trim() || row.value.trim());
    if (rows.some((row) => !isPeriod(row.period.trim()) || parseValue(measure, row.value) === null)) return setProblem(t('workplanModule.indicator.targetInvalid'));
    if (computed === 'shareReferredWithinDays' && typeof days !== 'number') return setProblem(t('workplanModule.form.required'));
    setProblem(null);
    setSaved(false);
    const answer = await run({
      method: 'indicators.save',
      params: {
        planId: plan.id,
        ...(id ? { id } : {}),
        resultLevel: level,
        resultId,
        code: code.trim(),
        title: title.trim(),
        definition,
        measure,
        ascending,
        baseline: parseValue(measure, baseline),
        baselineYear: typeof baselineYear === 'number' ? baselineYear : null,
        targets: rows.map((row) => ({ period: row.period.trim(), value: parseValue(measure, row.value) ?? '' })),
        disaggregation: disaggregation as Disaggregation[],
        responsibleAgency: responsible,
        frequency,
        dataSource,
        computedFrom:
          computed === 'victimsIdentified' ? { source: 'victimsIdentified' } : computed === 'shareReferredWithinDays' ? { source: 'shareReferredWithinDays', days: typeof days === 'number' ? days : 7 } : null,
        dhis2DataElement: dhis2.trim() || null,
      },
    });
    const newId = savedId(answer);
    if (newId) {
      setSaved(true);
      onSaved(newId);
    }
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Fieldset legend={t(id ? 'workplanModule.kinds.indicator' : 'workplanModule.structure.new.indicator')} disabled={!plan.isHolder}>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, md: 3 }}>
            <TextInput label={t('workplanModule.fields.code')} value={code} onChange={(e) => setCode(e.currentTarget.value)} required maxLength={40} data-testid="indicator-code" />
            <TextInput label={t('workplanModule.fields.title')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} required maxLength={500} style={{ gridColumn: 'span 2' }} data-testid="indicator-title" />
            <Select label={t('workplanModule.fields.measure')} data={options(t, 'measure', MEASURES)} value={measure} onChange={(v) => v && setMeasure(v as Measure)} allowDeselect={false} />
            <Select label={t('workplanModule.fields.frequency')} data={options(t, 'frequency', FREQUENCIES)} value={frequency} onChange={(v) => v && setFrequency(v as Frequency)} allowDeselect={false} />
            <Select label={t('workplanModule.fields.responsibleAgency')} data={agencyOptions(tree)} value={responsible} onChange={setResponsible} searchable required data-testid="indicator-responsible" />
            <TextInput label={t('workplanModule.fields.baseline')} value={baseline} onChange={(e) => setBaseline(e.currentTarget.value)} />
            <NumberInput label={t('workplanModule.fields.baselineYear')} value={baselineYear} onChange={setBaselineYear} min={1990} max={2100} allowDecimal={false} />
            <Checkbox label={t('workplanModule.fields.ascending')} checked={ascending} onChange={(e) => setAscending(e.currentTarget.checked)} mt="lg" />
          </SimpleGrid>
          <Checkbox.Group label={t('workplanModule.fields.disaggregation')} value={disaggregation} onChange={setDisaggregation}>
            <Group mt={4}>
              {DISAGGREGATIONS.map((d) => (
                <Checkbox key={d} value={d} label={t(`workplanModule.dimension.${d}`)} />
              ))}
            </Group>
          </Checkbox.Group>
          <SimpleGrid cols={{ base: 1, md: 3 }}>
            <TextInput label={t('workplanModule.fields.dataSource')} value={dataSource} onChange={(e) => setDataSource(e.currentTarget.value)} maxLength={500} />
            <Select
              label={t('workplanModule.fields.computedFrom')}
              data={[{ value: 'none', label: t('workplanModule.computed.none') }, ...options(t, 'computed', CASE_SOURCES)]}
              value={computed}
              onChange={(v) => v && setComputed(v)}
              allowDeselect={false}
            />
            {computed === 'shareReferredWithinDays' ? (
              <NumberInput label={t('workplanModule.fields.days')} value={days} onChange={setDays} min={0} max={365} allowDecimal={false} />
            ) : (
              <TextInput label={t('workplanModule.fields.dhis2DataElement')} value={dhis2} onChange={(e) => setDhis2(e.currentTarget.value)} maxLength={50} />
            )}
          </SimpleGrid>
          <Textarea label={t('workplanModule.fields.definition')} value={definition} onChange={(e) => setDefinition(e.currentTarget.value)} autosize minRows={2} maxLength={5000} />
          <Table withTableBorder verticalSpacing={4} data-testid="indicator-targets">
            <Table.Caption>{t('workplanModule.indicator.targetsCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('workplanModule.fields.period')}</Table.Th>
                <Table.Th scope="col">{t('workplanModule.fields.target')}</Table.Th>
                <Table.Th scope="col">{t('workplanModule.form.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {targets.map((row, i) => (
                <Table.Tr key={i}>
                  <Table.Td>
                    <TextInput aria-label={t('workplanModule.fields.period')} placeholder="2025Q1" value={row.period} onChange={(e) => setTarget(i, { period: e.currentTarget.value })} size="xs" />
                  </Table.Td>
                  <Table.Td>
                    <TextInput aria-label={t('workplanModule.fields.target')} value={row.value} onChange={(e) => setTarget(i, { value: e.currentTarget.value })} size="xs" />
                  </Table.Td>
                  <Table.Td>
                    <ActionIcon variant="subtle" color="red" aria-label={t('workplanModule.indicator.removeTarget')} onClick={() => setTargets((rows) => rows.filter((_, j) => j !== i))}>
                      ×
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group>
            <Button variant="default" size="xs" onClick={() => setTargets((rows) => [...rows, { period: '', value: '' }])}>
              {t('workplanModule.indicator.addTarget')}
            </Button>
          </Group>
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
              <Button type="submit" loading={busy} data-testid="indicator-save">
                {t('workplanModule.form.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </Fieldset>
    </form>
  );
}
