import { useState } from 'react';
import { Badge, Button, Checkbox, Group, NativeSelect, SimpleGrid, Table, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CaseView } from '../../../../shared/contract/cases';
import { EXPLOITATION_INDICATORS, MOVEMENT_INDICATORS, RECRUITMENT_INDICATORS } from '../../../../shared/domain/cases/screening';
import { SCREENING_OUTCOMES, ScreeningOutcome } from '../../../../shared/domain/cases/lifecycle';
import {
  EXPLOITATION_TYPES,
  ISIC_SECTIONS,
  METHODS_OF_CONTROL,
  RECRUITER_RELATIONS,
  RelationshipToTrafficker,
  type ExploitationType,
  type IsicSection,
  type MethodOfControl,
  type RecruiterRelation,
} from '../../../../shared/domain/cases/vocabulary';
import { formatNumber } from '../../../app/format';
import { ChangeError, opt, options, Section, todayIso, useCaseChange } from '../ui';
import { emptyEvent, eventProblems, eventsOf, TraffickingEventsEditor, type EventDraft } from './TraffickingEvents';

/** A labelled group of checkboxes over codes, each shown as `caseFile.<group>.<code>`. */
function CodeChecks<C extends string>({
  label,
  group,
  codes,
  value,
  onChange,
  cols = 3,
  testId,
}: {
  label: string;
  group: string;
  codes: readonly C[];
  value: C[];
  onChange: (v: C[]) => void;
  cols?: number;
  testId?: string;
}) {
  const { t } = useTranslation();
  // The checkboxes' values are exactly `codes`.
  return (
    <Checkbox.Group label={label} value={value} onChange={(next) => onChange(codes.filter((c) => next.includes(c)))} data-testid={testId}>
      <SimpleGrid cols={{ base: 1, sm: cols }} spacing={4} mt={4}>
        {codes.map((code) => (
          <Checkbox key={code} size="xs" label={t(`caseFile.${group}.${code as string}`)} value={code} />
        ))}
      </SimpleGrid>
    </Checkbox.Group>
  );
}

/**
 * The full screening interview: indicators of recruitment, movement and exploitation, the means of
 * control, the types of exploitation (with the ISIC sector of forced labour), the relation to the
 * recruiter, the trafficking events, and the outcome.
 */
export function FullScreeningForm({ v }: { v: CaseView }) {
  const { t } = useTranslation();
  const caseId = v.case.id;
  const { run, error, busy } = useCaseChange(caseId);
  const [on, setOn] = useState(todayIso());
  const [location, setLocation] = useState('');
  const [recruitment, setRecruitment] = useState<(typeof RECRUITMENT_INDICATORS)[number][]>([]);
  const [movement, setMovement] = useState<(typeof MOVEMENT_INDICATORS)[number][]>([]);
  const [exploitationSigns, setExploitationSigns] = useState<(typeof EXPLOITATION_INDICATORS)[number][]>([]);
  const [exploitation, setExploitation] = useState<ExploitationType[]>([]);
  const [sectors, setSectors] = useState<IsicSection[]>([]);
  const [control, setControl] = useState<MethodOfControl[]>([]);
  const [relations, setRelations] = useState<RecruiterRelation[]>([]);
  const [relationship, setRelationship] = useState('');
  const [interpreter, setInterpreter] = useState(false);
  const [events, setEvents] = useState<EventDraft[]>([emptyEvent('Recruitment'), emptyEvent('Exploitation')]);
  const [outcome, setOutcome] = useState('');
  const [outcomeError, setOutcomeError] = useState<string | null>(null);
  const [problems, setProblems] = useState<(string | null)[] | null>(null);
  const forcedLabour = exploitation.includes('ForcedLabour');

  const save = async () => {
    const eventErrors = eventProblems(t, events);
    setProblems(eventErrors);
    const chosen = ScreeningOutcome.safeParse(outcome);
    setOutcomeError(chosen.success ? null : t('caseFile.form.required'));
    if (!chosen.success || eventErrors) return;
    const params = {
      caseId,
      screenedOn: on,
      location: opt(location),
      interpreterUsed: interpreter,
      recruitmentIndicators: recruitment,
      movementIndicators: movement,
      exploitationIndicators: exploitationSigns,
      vic_MethodOfRecruitment: [],
      vic_RecruitmentWebsitesAndApps: [],
      vic_MethodsOfControl: control,
      vic_TypeOfExploitation: exploitation,
      vic_ForcedLabourIndustry: forcedLabour ? sectors : [],
      vic_TypeOfSexExploitation: [],
      vic_ExploitationWebsitesAndApps: [],
      recruiterRelations: relations,
      vic_RelationshipToTrafficker: RelationshipToTrafficker.safeParse(relationship).data,
      events: eventsOf(events),
      outcome: chosen.data,
    };
    await run({ method: 'screening.recordFull', params });
  };

  return (
    <Section id="full" title={t('caseFile.screening.fullTitle')}>
      <ChangeError error={error} />
      <Group align="flex-end">
        <TextInput type="date" label={t('caseFile.screening.date')} value={on} onChange={(e) => setOn(e.currentTarget.value)} w={180} />
        <TextInput label={t('caseFile.screening.location')} value={location} onChange={(e) => setLocation(e.currentTarget.value)} w={260} />
        <Checkbox label={t('caseFile.screening.interpreter')} checked={interpreter} onChange={(e) => setInterpreter(e.currentTarget.checked)} mb={8} />
      </Group>
      <CodeChecks label={t('caseFile.screening.recruitmentTitle')} group="screening.recruitmentIndicators" codes={RECRUITMENT_INDICATORS} value={recruitment} onChange={setRecruitment} />
      <CodeChecks label={t('caseFile.screening.movementTitle')} group="screening.movementIndicators" codes={MOVEMENT_INDICATORS} value={movement} onChange={setMovement} />
      <CodeChecks label={t('caseFile.screening.exploitationIndicatorsTitle')} group="screening.exploitationIndicators" codes={EXPLOITATION_INDICATORS} value={exploitationSigns} onChange={setExploitationSigns} />
      <CodeChecks label={t('caseFile.screening.exploitation')} group="exploitation" codes={EXPLOITATION_TYPES} value={exploitation} onChange={setExploitation} cols={4} />
      {forcedLabour && <CodeChecks label={t('caseFile.screening.sectors')} group="isic" codes={ISIC_SECTIONS} value={sectors} onChange={setSectors} testId="isic-sectors" />}
      <CodeChecks label={t('caseFile.screening.control')} group="control" codes={METHODS_OF_CONTROL} value={control} onChange={setControl} cols={4} />
      <CodeChecks label={t('caseFile.screening.recruiterRelation')} group="recruiterRelations" codes={RECRUITER_RELATIONS} value={relations} onChange={setRelations} cols={4} />
      <NativeSelect
        label={t('caseFile.screening.relationshipToTrafficker')}
        value={relationship}
        onChange={(e) => setRelationship(e.currentTarget.value)}
        data={options(t, 'relationships', RelationshipToTrafficker.options, t('caseFile.form.notAsked'))}
        w={300}
      />
      <TraffickingEventsEditor rows={events} onChange={setEvents} problems={problems} citizenships={v.case.prs_Citizenship} identificationCountry={v.case.identificationCountry} />
      <NativeSelect
        label={t('caseFile.screening.outcome')}
        required
        value={outcome}
        onChange={(e) => setOutcome(e.currentTarget.value)}
        data={options(t, 'outcomes', SCREENING_OUTCOMES, t('caseFile.form.choose'))}
        error={outcomeError}
        w={260}
      />
      <Button w="fit-content" loading={busy} onClick={() => void save()} data-testid="full-submit">
        {t('caseFile.screening.saveFull')}
      </Button>
    </Section>
  );
}

/** What the latest full screening found, with the derived scope and time in exploitation. */
export function FullScreeningSummary({ v }: { v: CaseView }) {
  const { t, i18n } = useTranslation();
  const full = v.screenings.filter((s): s is Extract<typeof s, { kind: 'full' }> => s.kind === 'full').at(-1);
  if (!full) return null;
  const words = (group: string, codes: readonly string[]) => (codes.length ? codes.map((c) => t(`caseFile.${group}.${c}`)).join(', ') : '—');
  const rows: [string, string][] = [
    [t('caseFile.screening.recruitmentTitle'), words('screening.recruitmentIndicators', full.recruitmentIndicators)],
    [t('caseFile.screening.movementTitle'), words('screening.movementIndicators', full.movementIndicators)],
    [t('caseFile.screening.exploitationIndicatorsTitle'), words('screening.exploitationIndicators', full.exploitationIndicators)],
    [t('caseFile.screening.exploitation'), words('exploitation', full.vic_TypeOfExploitation)],
    [t('caseFile.screening.sectors'), words('isic', full.vic_ForcedLabourIndustry)],
    [t('caseFile.screening.control'), words('control', full.vic_MethodsOfControl)],
    [t('caseFile.screening.recruiterRelation'), words('recruiterRelations', full.recruiterRelations)],
    [t('caseFile.screening.relationshipToTrafficker'), full.vic_RelationshipToTrafficker ? t(`caseFile.relationships.${full.vic_RelationshipToTrafficker}`) : '—'],
  ];
  const d = v.derived;
  return (
    <Section id="full-summary" title={t('caseFile.screening.summary', { date: full.screenedOn })}>
      <Table verticalSpacing={4} data-testid="full-summary">
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th scope="row" w={260}>
                {label}
              </Table.Th>
              <Table.Td>{value}</Table.Td>
            </Table.Tr>
          ))}
          {full.events.map((e, i) => (
            <Table.Tr key={`event-${i}`} data-testid="event-summary">
              <Table.Th scope="row">{t(`caseFile.eventTypes.${e.hte_Type}`)}</Table.Th>
              <Table.Td>{[e.hte_Country, e.hte_Date && e.endDate ? `${e.hte_Date} – ${e.endDate}` : (e.hte_Date ?? '')].filter(Boolean).join(' · ')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group gap="xs">
        <Badge variant="light" data-testid="case-scope">
          {t('caseFile.screening.derivedScope', { scope: t(`caseFile.scopes.${d.scope}`) })}
        </Badge>
        {d.exploitationMonths !== null && (
          <Badge variant="outline">{t('caseFile.screening.derivedMonths', { months: formatNumber(d.exploitationMonths, i18n.language) })}</Badge>
        )}
        <Text size="sm">{t(`caseFile.outcomes.${full.outcome}`)}</Text>
      </Group>
    </Section>
  );
}
