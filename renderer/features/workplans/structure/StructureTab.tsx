import { useState, type ReactNode } from 'react';
import { Button, Grid, Group, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PlanTree } from '../../../../shared/contract/workplans';
import type { ResultLevel } from '../../../../shared/domain/workplans';
import { CallError, Section } from '../ui';
import { ActivityForm } from './ActivityForm';
import { IndicatorForm } from './IndicatorForm';
import { NodeForm } from './NodeForm';
import { PlanForm } from './PlanForm';
import { useStructureChange } from './useStructureChange';

type Kind = 'plan' | 'pillar' | 'outcome' | 'output' | 'activity' | 'indicator';
type Selection = { kind: Kind; id?: string; parentId?: string; level?: ResultLevel };

const REMOVE = { pillar: 'pillars.remove', outcome: 'outcomes.remove', output: 'outputs.remove', activity: 'activities.remove', indicator: 'indicators.remove' } as const;

/**
 * The plan as an outline (pillar › outcome › output › activity, indicators under the result they
 * measure) beside the form of the selected node. Every node is a link in the tab order.
 */
export function StructureTab({ tree }: { tree: PlanTree }) {
  const { t } = useTranslation();
  const [selected, setSelected] = useState<Selection>({ kind: 'plan' });
  const { run, error, busy } = useStructureChange();
  const holder = tree.plan.isHolder;

  const isSelected = (kind: Kind, id?: string) => selected.kind === kind && selected.id === id;
  const node = (kind: Kind, id: string, label: string, depth: number, children?: ReactNode) => (
    <NavLink
      key={id}
      component="button"
      type="button"
      label={label}
      description={t(`workplanModule.kinds.${kind}`)}
      active={isSelected(kind, id)}
      onClick={() => setSelected({ kind, id })}
      pl={8 + depth * 14}
      py={2}
      data-testid={`tree-${kind}-${id}`}
      childrenOffset={0}
      opened
      // Always unfolded: no chevron that would suggest folding.
      rightSection={<span />}
    >
      {children}
    </NavLink>
  );
  const indicatorsOf = (level: ResultLevel, resultId: string, depth: number) =>
    tree.indicators.filter((i) => i.resultLevel === level && i.resultId === resultId).map((i) => node('indicator', i.id, `◆ ${i.code} ${i.title}`, depth));

  const pillars = [...tree.pillars].sort((a, b) => a.order - b.order || a.code.localeCompare(b.code));
  const byCode = <T extends { code: string }>(list: T[]) => [...list].sort((a, b) => a.code.localeCompare(b.code, undefined, { numeric: true }));

  const remove = async () => {
    if (selected.kind === 'plan' || !selected.id) return;
    const ok = await run({ method: REMOVE[selected.kind], params: { id: selected.id } });
    if (ok) setSelected({ kind: 'plan' });
  };

  const add = (kind: Kind, parentId: string, level?: ResultLevel) => (
    <Button key={`${kind}-${level ?? ''}`} size="xs" variant="light" onClick={() => setSelected({ kind, parentId, level })} data-testid={`add-${kind}`}>
      {t(`workplanModule.structure.add.${kind}`)}
    </Button>
  );

  const select = (kind: Kind) => (id: string) => setSelected({ kind, id });
  const detail = () => {
    const key = `${selected.kind}-${selected.id ?? `new-${selected.parentId ?? ''}`}`;
    switch (selected.kind) {
      case 'plan':
        return <PlanForm key={key} tree={tree} />;
      case 'pillar':
      case 'outcome':
      case 'output':
        return <NodeForm key={key} tree={tree} kind={selected.kind} id={selected.id} parentId={selected.parentId} onSaved={select(selected.kind)} />;
      case 'activity':
        return <ActivityForm key={key} tree={tree} id={selected.id} outputId={selected.parentId} onSaved={select('activity')} />;
      case 'indicator':
        return (
          <IndicatorForm key={key} tree={tree} id={selected.id} result={selected.parentId && selected.level ? { level: selected.level, id: selected.parentId } : undefined} onSaved={select('indicator')} />
        );
    }
  };
  const childActions = () => {
    if (!holder || !selected.id) return null;
    const id = selected.id;
    const list: ReactNode[] = [];
    if (selected.kind === 'pillar') list.push(add('outcome', id));
    if (selected.kind === 'outcome') list.push(add('output', id), add('indicator', id, 'outcome'));
    if (selected.kind === 'output') list.push(add('activity', id), add('indicator', id, 'output'));
    if (selected.kind === 'activity') list.push(add('indicator', id, 'activity'));
    return list;
  };

  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Section id="outline" title={t('workplanModule.structure.outline')}>
          <ScrollArea.Autosize mah={520} type="auto">
            <nav aria-label={t('workplanModule.structure.outline')} data-testid="plan-outline">
              <NavLink component="button" type="button" label={tree.plan.title} description={t('workplanModule.kinds.plan')} active={selected.kind === 'plan'} onClick={() => setSelected({ kind: 'plan' })} py={2} />
              {pillars.map((p) =>
                node(
                  'pillar',
                  p.id,
                  `${p.code} ${p.title}`,
                  0,
                  byCode(tree.outcomes.filter((o) => o.pillarId === p.id)).map((o) =>
                    node('outcome', o.id, `${o.code} ${o.title}`, 1, [
                      ...indicatorsOf('outcome', o.id, 2),
                      ...byCode(tree.outputs.filter((x) => x.outcomeId === o.id)).map((x) =>
                        node('output', x.id, `${x.code} ${x.title}`, 2, [
                          ...indicatorsOf('output', x.id, 3),
                          ...byCode(tree.activities.filter((a) => a.outputId === x.id)).map((a) => node('activity', a.id, `${a.code} ${a.title}`, 3, indicatorsOf('activity', a.id, 4))),
                        ]),
                      ),
                    ]),
                  ),
                ),
              )}
            </nav>
          </ScrollArea.Autosize>
          {holder && (
            <Group>
              <Button size="xs" variant="light" onClick={() => setSelected({ kind: 'pillar' })} data-testid="add-pillar">
                {t('workplanModule.structure.add.pillar')}
              </Button>
            </Group>
          )}
          {!holder && (
            <Text size="sm" c="dimmed">
              {t('workplanModule.structure.readOnly', { org: tree.plan.ownerOrg })}
            </Text>
          )}
        </Section>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 8 }}>
        <Stack gap="sm">
          {detail()}
          <Group gap="xs">
            {childActions()}
            {holder && selected.kind !== 'plan' && selected.id && (
              <Button size="xs" color="red" variant="outline" onClick={() => void remove()} loading={busy} data-testid="node-remove">
                {t('workplanModule.structure.remove')}
              </Button>
            )}
          </Group>
          <CallError error={error} />
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
