import { useState } from 'react';
import { Button, Checkbox, Group, NativeSelect, SimpleGrid, Stack, Table, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CaseView } from '../../../../shared/contract/cases';
import { RAPID_INDICATORS } from '../../../../shared/domain/cases/screening';
import { SCREENING_OUTCOMES } from '../../../../shared/domain/cases/lifecycle';
import { EXPLOITATION_TYPES, METHODS_OF_CONTROL } from '../../../../shared/domain/cases/vocabulary';
import { ChangeError, options, Section, todayIso, useCaseChange } from '../ui';

type Answer = 'yes' | 'no' | 'unknown';

/** Rapid screening (the short checklist), then the full screening with its outcome. */
export function ScreeningSection({ v }: { v: CaseView }) {
  const { t } = useTranslation();
  const caseId = v.case.id;
  const { run, error, busy } = useCaseChange(caseId);
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [rapidOn, setRapidOn] = useState(todayIso());
  const [needed, setNeeded] = useState(false);
  const [fullOn, setFullOn] = useState(todayIso());
  const [exploitation, setExploitation] = useState<string[]>([]);
  const [control, setControl] = useState<string[]>([]);
  const [origin, setOrigin] = useState('');
  const [exploitedIn, setExploitedIn] = useState('');
  const [outcome, setOutcome] = useState('');
  const [outcomeError, setOutcomeError] = useState<string | null>(null);
  const [countryError, setCountryError] = useState<string | null>(null);
  const hasRapid = v.screenings.some((s) => s.kind === 'rapid');

  const saveRapid = () =>
    run({ method: 'screening.recordRapid', params: { caseId, screenedOn: rapidOn, answers, fullScreeningNeeded: needed, interpreterUsed: false } });

  const saveFull = () => {
    setOutcomeError(outcome ? null : t('caseFile.form.required'));
    const bad = [origin, exploitedIn].some((c) => c.trim() && !/^[A-Za-z]{3}$/.test(c.trim()));
    setCountryError(bad ? t('caseFile.form.countryCode') : null);
    if (!outcome || bad) return;
    const events = [
      ...(origin.trim() ? [{ hte_Type: 'Recruitment' as const, hte_Country: origin.trim().toUpperCase() }] : []),
      ...(exploitedIn.trim() ? [{ hte_Type: 'Exploitation' as const, hte_Country: exploitedIn.trim().toUpperCase() }] : []),
    ];
    void run({
      method: 'screening.recordFull',
      params: {
        caseId,
        screenedOn: fullOn,
        interpreterUsed: false,
        recruitmentIndicators: [],
        movementIndicators: [],
        exploitationIndicators: [],
        vic_MethodOfRecruitment: [],
        vic_RecruitmentWebsitesAndApps: [],
        vic_MethodsOfControl: control as never,
        vic_TypeOfExploitation: exploitation as never,
        vic_ForcedLabourIndustry: [],
        vic_TypeOfSexExploitation: [],
        vic_ExploitationWebsitesAndApps: [],
        recruiterRelations: [],
        events,
        outcome: outcome as never,
      },
    });
  };

  return (
    <Stack gap="sm">
      <ChangeError error={error} />
      {v.screenings.length > 0 && (
        <Table verticalSpacing={4} data-testid="screenings">
          <Table.Caption>{t('caseFile.screening.done')}</Table.Caption>
          <Table.Tbody>
            {v.screenings.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>{s.screenedOn}</Table.Td>
                <Table.Td>{t(`caseFile.screening.kinds.${s.kind}`)}</Table.Td>
                <Table.Td>{s.kind === 'full' ? t(`caseFile.outcomes.${s.outcome}`) : s.fullScreeningNeeded ? t('caseFile.screening.fullNeeded') : '—'}</Table.Td>
                <Table.Td>{s.screenedBy}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {v.permissions.write && (
        <Section id="rapid" title={t('caseFile.screening.rapidTitle')}>
          <TextInput type="date" label={t('caseFile.screening.date')} value={rapidOn} onChange={(e) => setRapidOn(e.currentTarget.value)} w={180} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
            {RAPID_INDICATORS.map((code) => (
              <NativeSelect
                key={code}
                label={t(`caseFile.rapid.${code}`)}
                value={answers[code] ?? ''}
                onChange={(e) => {
                  const value = e.currentTarget.value as Answer;
                  setAnswers((a) => ({ ...a, [code]: value }));
                }}
                data={options(t, 'answers', ['yes', 'no', 'unknown'], t('caseFile.form.notAsked'))}
              />
            ))}
          </SimpleGrid>
          <Checkbox label={t('caseFile.screening.fullNeeded')} checked={needed} onChange={(e) => setNeeded(e.currentTarget.checked)} />
          <Button w="fit-content" loading={busy} onClick={() => void saveRapid()} data-testid="rapid-submit">
            {t('caseFile.screening.saveRapid')}
          </Button>
        </Section>
      )}
      {v.permissions.write && hasRapid && (
        <Section id="full" title={t('caseFile.screening.fullTitle')}>
          <Group align="flex-end">
            <TextInput type="date" label={t('caseFile.screening.date')} value={fullOn} onChange={(e) => setFullOn(e.currentTarget.value)} w={180} />
            <TextInput label={t('caseFile.screening.origin')} description={t('caseFile.person.countryHelp')} value={origin} onChange={(e) => setOrigin(e.currentTarget.value)} error={countryError} w={200} />
            <TextInput label={t('caseFile.screening.exploitedIn')} description={t('caseFile.person.countryHelp')} value={exploitedIn} onChange={(e) => setExploitedIn(e.currentTarget.value)} w={200} />
          </Group>
          <Checkbox.Group label={t('caseFile.screening.exploitation')} value={exploitation} onChange={setExploitation}>
            <SimpleGrid cols={{ base: 2, sm: 4 }} spacing={4} mt={4}>
              {EXPLOITATION_TYPES.map((code) => (
                <Checkbox key={code} size="xs" label={t(`caseFile.exploitation.${code}`)} value={code} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <Checkbox.Group label={t('caseFile.screening.control')} value={control} onChange={setControl}>
            <SimpleGrid cols={{ base: 2, sm: 4 }} spacing={4} mt={4}>
              {METHODS_OF_CONTROL.map((code) => (
                <Checkbox key={code} size="xs" label={t(`caseFile.control.${code}`)} value={code} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <NativeSelect
            label={t('caseFile.screening.outcome')}
            required
            value={outcome}
            onChange={(e) => setOutcome(e.currentTarget.value)}
            data={options(t, 'outcomes', SCREENING_OUTCOMES, t('caseFile.form.choose'))}
            error={outcomeError}
            w={260}
          />
          <Button w="fit-content" loading={busy} onClick={saveFull} data-testid="full-submit">
            {t('caseFile.screening.saveFull')}
          </Button>
        </Section>
      )}
    </Stack>
  );
}

