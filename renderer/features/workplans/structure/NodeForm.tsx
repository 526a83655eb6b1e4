import { useState } from 'react';
import { Button, Fieldset, Group, NumberInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PlanTree } from '../../../../shared/contract/workplans';
import { CallError } from '../ui';
import { savedId, useStructureChange } from './useStructureChange';

export type NodeKind = 'pillar' | 'outcome' | 'output';

/** A pillar, outcome or output: its code and title (and a pillar's place in the order). */
export function NodeForm({
  tree,
  kind,
  id,
  parentId,
  onSaved,
}: {
  tree: PlanTree;
  kind: NodeKind;
  /** Absent for a new one. */
  id?: string;
  /** The pillar of a new outcome, the outcome of a new output. */
  parentId?: string;
  onSaved: (id: string) => void;
}) {
  const { t } = useTranslation();
  const { run, error, busy } = useStructureChange();
  const existing = kind === 'pillar' ? tree.pillars.find((p) => p.id === id) : kind === 'outcome' ? tree.outcomes.find((o) => o.id === id) : tree.outputs.find((o) => o.id === id);
  const [code, setCode] = useState(existing?.code ?? '');
  const [title, setTitle] = useState(existing?.title ?? '');
  const [order, setOrder] = useState<number | string>(existing && 'order' in existing ? existing.order : tree.pillars.length + 1);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const planId = tree.plan.id;

  const save = async () => {
    if (!code.trim() || !title.trim()) return setProblem(t('workplanModule.form.required'));
    setProblem(null);
    setSaved(false);
    const common = { planId, ...(id ? { id } : {}), code: code.trim(), title: title.trim() };
    let result: unknown = null;
    if (kind === 'pillar') result = await run({ method: 'pillars.save', params: { ...common, order: typeof order === 'number' ? order : 0 } });
    else if (kind === 'outcome') {
      const pillarId = existing && 'pillarId' in existing ? existing.pillarId : parentId;
      if (pillarId) result = await run({ method: 'outcomes.save', params: { ...common, pillarId } });
    } else {
      const outcomeId = existing && 'outcomeId' in existing ? existing.outcomeId : parentId;
      if (outcomeId) result = await run({ method: 'outputs.save', params: { ...common, outcomeId } });
    }
    const newId = savedId(result);
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
      <Fieldset legend={t(id ? `workplanModule.kinds.${kind}` : `workplanModule.structure.new.${kind}`)} disabled={!tree.plan.isHolder}>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, md: kind === 'pillar' ? 3 : 2 }}>
            <TextInput label={t('workplanModule.fields.code')} value={code} onChange={(e) => setCode(e.currentTarget.value)} required maxLength={40} data-testid="node-code" />
            <TextInput label={t('workplanModule.fields.title')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} required maxLength={500} data-testid="node-title" />
            {kind === 'pillar' && <NumberInput label={t('workplanModule.fields.order')} value={order} onChange={setOrder} min={0} max={1000} allowDecimal={false} />}
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
          {tree.plan.isHolder && (
            <Group>
              <Button type="submit" loading={busy} data-testid="node-save">
                {t('workplanModule.form.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </Fieldset>
    </form>
  );
}
