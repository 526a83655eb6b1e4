import { useState } from 'react';
import { Badge, Button, Group, NativeSelect, NumberInput, Stack, Table, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CaseView } from '../../../../shared/contract/cases';
import { FOLLOWUP_KINDS } from '../../../../shared/domain/cases/reintegration';
import { formatNumber } from '../../../app/format';
import { ChangeError, options, required, Section, todayIso, useCaseChange } from '../ui';
import { ReturnPlanDetails, ReturnPlanForm } from './ReturnPlanForm';

export function ReturnSection({ v }: { v: CaseView }) {
  const { t } = useTranslation();
  const { run, error, busy } = useCaseChange(v.case.id);
  return (
    <Stack gap="sm">
      <ChangeError error={error} />
      {v.returns.map((r) => {
        const handovers = v.handovers.filter((h) => h.returnId === r.id);
        return (
          <Section key={r.id} id={`return-${r.id}`} title={t('caseFile.return.planTo', { country: r.destinationCountry, date: r.plannedDate })}>
            <Group gap="xs">
              {t('caseFile.return.receiving', { name: r.receivingOrganisation.name })}
              {r.actualReturnDate && <Badge color="green">{t('caseFile.return.returnedOn', { date: r.actualReturnDate })}</Badge>}
            </Group>
            <ReturnPlanDetails v={v} plan={r} />
            {handovers.map((h) => (
              <Group key={h.id} gap="xs" data-testid="handover-row">
                <Badge variant="light">{t(`caseFile.transition.${h.status}`)}</Badge>
                {h.crossBorder && <Badge variant="outline">{t('caseFile.return.crossBorder')}</Badge>}
                {h.approval && <Badge color={h.approval.decision === 'approved' ? 'green' : h.approval.decision === 'rejected' ? 'red' : 'orange'} data-testid="handover-approval">{t(`caseFile.return.approval.${h.approval.decision}`)}</Badge>}
                {v.permissions.approve && h.approval?.decision === 'pending' && (
                  <>
                    <Button size="xs" onClick={() => void run({ method: 'returns.approveHandover', params: { id: h.id, decision: 'approve' } })} data-testid="handover-approve">
                      {t('caseFile.return.approve')}
                    </Button>
                    <Button size="xs" variant="default" onClick={() => void run({ method: 'returns.approveHandover', params: { id: h.id, decision: 'reject' } })}>
                      {t('caseFile.return.reject')}
                    </Button>
                  </>
                )}
                {v.permissions.write &&
                  (h.status === 'in_progress' ? ['accepted'] : h.status === 'accepted' ? ['done'] : []).map((s) => (
                    <Button key={s} size="xs" variant="default" onClick={() => void run({ method: 'returns.setHandoverStatus', params: { id: h.id, status: s as never } })}>
                      {t(`caseFile.transition.to.${s}`)}
                    </Button>
                  ))}
              </Group>
            ))}
            {v.permissions.write && handovers.every((h) => h.status === 'rejected' || h.status === 'revoked') && (
              <Button size="xs" w="fit-content" loading={busy} onClick={() => void run({ method: 'returns.requestHandover', params: { returnId: r.id } })} data-testid="handover-request">
                {t('caseFile.return.requestHandover')}
              </Button>
            )}
          </Section>
        );
      })}
      {v.permissions.write && <ReturnPlanForm v={v} />}
    </Stack>
  );
}

export function ReintegrationSection({ v }: { v: CaseView }) {
  const { t, i18n } = useTranslation();
  const { run, error, busy } = useCaseChange(v.case.id);
  const [objectives, setObjectives] = useState('');
  const [goals, setGoals] = useState({ economic: '', social: '', psychosocial: '' });
  const [objError, setObjError] = useState<string | null>(null);
  const [kind, setKind] = useState('home_visit');
  const [due, setDue] = useState(todayIso());
  const [scores, setScores] = useState<Record<string, { economic: number | string; social: number | string; psychosocial: number | string }>>({});
  const savePlan = () => {
    const problem = required(t, objectives);
    setObjError(problem);
    if (problem) return;
    void run({
      method: 'reintegration.savePlan',
      params: {
        caseId: v.case.id,
        plan: {
          planDate: todayIso(),
          spl_Objectives: objectives.trim(),
          goals: (['economic', 'social', 'psychosocial'] as const).filter((d) => goals[d].trim()).map((d) => ({ dimension: d, goal: goals[d].trim(), status: 'open' as const })),
          agreedWithPerson: true,
        },
      },
    });
  };
  const d = v.derived.reintegrationPlan;
  return (
    <Stack gap="sm">
      <ChangeError error={error} />
      {d.dueOn && <Badge color={d.overdue ? 'red' : 'gray'} variant="light">{d.overdue ? t('caseFile.reintegration.overdue', { date: d.dueOn }) : t('caseFile.reintegration.dueOn', { date: d.dueOn })}</Badge>}
      {v.reintegrationPlans.map((p) => (
        <Section key={p.id} id={`plan-${p.id}`} title={t('caseFile.reintegration.planOf', { date: p.planDate })}>
          {p.spl_Objectives}
          {p.goals.map((g, i) => (
            <Group key={i} gap="xs">
              <Badge variant="light">{t(`caseFile.reintegration.dimensions.${g.dimension}`)}</Badge>
              {g.goal}
            </Group>
          ))}
        </Section>
      ))}
      {v.permissions.write && v.reintegrationPlans.length === 0 && (
        <Section id="plan-new" title={t('caseFile.reintegration.title')}>
          <Textarea label={t('caseFile.reintegration.objectives')} required value={objectives} onChange={(e) => setObjectives(e.currentTarget.value)} error={objError} autosize minRows={2} />
          <Group grow gap="xs">
            {(['economic', 'social', 'psychosocial'] as const).map((dim) => (
              <TextInput key={dim} label={t('caseFile.reintegration.goalFor', { dimension: t(`caseFile.reintegration.dimensions.${dim}`) })} value={goals[dim]} onChange={(e) => setGoals({ ...goals, [dim]: e.currentTarget.value })} />
            ))}
          </Group>
          <Button w="fit-content" loading={busy} onClick={savePlan} data-testid="plan-submit">
            {t('caseFile.reintegration.save')}
          </Button>
        </Section>
      )}
      <Section id="followups" title={t('caseFile.reintegration.followups')}>
        <Table verticalSpacing={4} data-testid="followups">
          <Table.Tbody>
            {v.followups.map((f) => {
              const s = scores[f.id] ?? { economic: '', social: '', psychosocial: '' };
              const ready = [s.economic, s.social, s.psychosocial].every((x) => typeof x === 'number');
              return (
                <Table.Tr key={f.id} data-testid="followup-row">
                  <Table.Td>{t(`caseFile.reintegration.kinds.${f.kind}`)}</Table.Td>
                  <Table.Td>{f.dueDate}</Table.Td>
                  <Table.Td>
                    {f.visitDate ? (
                      t('caseFile.reintegration.scored', {
                        economic: formatNumber(f.scores?.economic ?? 0, i18n.language),
                        social: formatNumber(f.scores?.social ?? 0, i18n.language),
                        psychosocial: formatNumber(f.scores?.psychosocial ?? 0, i18n.language),
                        composite: formatNumber(f.composite ?? 0, i18n.language),
                      })
                    ) : f.cancelled ? (
                      <Badge color="gray" variant="light" data-testid="followup-cancelled">
                        {t('caseFile.reintegration.cancelled')}
                      </Badge>
                    ) : v.permissions.write ? (
                      <Group gap={4} align="flex-end">
                        {(['economic', 'social', 'psychosocial'] as const).map((dim) => (
                          <NumberInput
                            hideControls
                            key={dim}
                            size="xs"
                            w={110}
                            min={0}
                            max={1}
                            step={0.05}
                            decimalScale={2}
                            label={t(`caseFile.reintegration.dimensions.${dim}`)}
                            value={s[dim]}
                            onChange={(value) => setScores({ ...scores, [f.id]: { ...s, [dim]: value } })}
                          />
                        ))}
                        <Button
                          size="xs"
                          disabled={!ready}
                          loading={busy}
                          onClick={() =>
                            void run({
                              method: 'followups.record',
                              params: { id: f.id, visitDate: todayIso(), scores: { economic: Number(s.economic), social: Number(s.social), psychosocial: Number(s.psychosocial) } },
                            })
                          }
                          data-testid="followup-record"
                        >
                          {t('caseFile.reintegration.record')}
                        </Button>
                        <Button size="xs" variant="subtle" color="red" onClick={() => void run({ method: 'followups.cancel', params: { id: f.id } })} data-testid="followup-cancel">
                          {t('caseFile.reintegration.cancel')}
                        </Button>
                      </Group>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        {v.derived.latestComposite !== null && <Badge data-testid="latest-composite">{t('caseFile.reintegration.latest', { score: formatNumber(v.derived.latestComposite, i18n.language) })}</Badge>}
        {v.permissions.write && (
          <Group align="flex-end" gap="xs">
            <NativeSelect label={t('caseFile.reintegration.kind')} value={kind} onChange={(e) => setKind(e.currentTarget.value)} data={options(t, 'reintegration.kinds', FOLLOWUP_KINDS)} />
            <TextInput type="date" label={t('caseFile.reintegration.due')} value={due} onChange={(e) => setDue(e.currentTarget.value)} />
            <Button variant="default" loading={busy} onClick={() => void run({ method: 'followups.schedule', params: { caseId: v.case.id, kind: kind as never, dueDate: due } })} data-testid="followup-schedule">
              {t('caseFile.reintegration.schedule')}
            </Button>
          </Group>
        )}
      </Section>
    </Stack>
  );
}
