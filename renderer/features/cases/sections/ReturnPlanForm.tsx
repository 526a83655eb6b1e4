import { useState } from 'react';
import { ActionIcon, Button, Checkbox, Group, NativeSelect, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CaseView } from '../../../../shared/contract/cases';
import { TRAVEL_DOCUMENT_TYPES, type ReturnPlan } from '../../../../shared/domain/cases/returns';
import { formatNumber } from '../../../app/format';
import { ChangeError, opt, options, required, Section, useCaseChange } from '../ui';

export const TRAVEL_MODES = ['road', 'air', 'boat', 'rail', 'foot', 'other'] as const;
export const DOCUMENT_STATUSES = ['needed', 'applied', 'issued', 'not_needed'] as const;

type Leg = { from: string; to: string; mode: (typeof TRAVEL_MODES)[number]; date: string; border: string };
type Doc = { type: (typeof TRAVEL_DOCUMENT_TYPES)[number]; number: string; status: (typeof DOCUMENT_STATUSES)[number] };
const newLeg = (): Leg => ({ from: '', to: '', mode: 'road', date: '', border: '' });
const newDoc = (): Doc => ({ type: 'CertificateOfIdentity', number: '', status: 'needed' });

/**
 * A new return plan: destination, date, the receiving organisation, the route leg by leg (with the
 * border crossing point), the escort and the travel documents. Case-conference notes are added to a
 * saved plan (CaseConferences).
 */
export function ReturnPlanForm({ v }: { v: CaseView }) {
  const { t, i18n } = useTranslation();
  const { run, error, busy } = useCaseChange(v.case.id);
  const [country, setCountry] = useState('');
  const [area, setArea] = useState('');
  const [date, setDate] = useState('');
  const [orgName, setOrgName] = useState('');
  const [orgCode, setOrgCode] = useState('');
  const [legs, setLegs] = useState<Leg[]>([]);
  const [escort, setEscort] = useState(false);
  const [escortName, setEscortName] = useState('');
  const [escortOrg, setEscortOrg] = useState('');
  const [docs, setDocs] = useState<Doc[]>([]);
  const [errors, setErrors] = useState<Record<string, string | null>>({});
  const n = (i: number) => formatNumber(i + 1, i18n.language);
  const setLeg = (i: number, patch: Partial<Leg>) => setLegs(legs.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  const setDoc = (i: number, patch: Partial<Doc>) => setDocs(docs.map((d, j) => (j === i ? { ...d, ...patch } : d)));

  const save = async () => {
    const e: Record<string, string | null> = {
      country: /^[A-Za-z]{3}$/.test(country.trim()) ? null : t('caseFile.form.countryCode'),
      date: required(t, date),
      orgName: required(t, orgName),
      escort: escort && !escortName.trim() && !escortOrg.trim() ? t('caseFile.return.escortNeeded') : null,
      ...Object.fromEntries(legs.map((l, i) => [`leg${i}`, l.from.trim() && l.to.trim() ? null : t('caseFile.return.legNeeded')])),
    };
    setErrors(e);
    if (Object.values(e).some(Boolean)) return;
    const plan: Omit<ReturnPlan, 'caseId'> = {
      destinationCountry: country.trim().toUpperCase(),
      destinationArea: opt(area),
      plannedDate: date,
      route: legs.map((l) => ({ from: l.from.trim(), to: l.to.trim(), mode: l.mode, date: l.date || undefined, borderCrossing: opt(l.border) })),
      escortRequired: escort,
      escortName: escort ? opt(escortName) : undefined,
      escortOrganisation: escort ? opt(escortOrg) : undefined,
      travelDocuments: docs.map((d) => ({ type: d.type, number: opt(d.number), status: d.status })),
      receivingOrganisation: { name: orgName.trim(), code: opt(orgCode.toUpperCase()) },
      familyAssessmentDone: false,
      caseConferences: [],
      cancelled: false,
    };
    if (await run({ method: 'returns.save', params: { caseId: v.case.id, plan } })) {
      setLegs([]);
      setDocs([]);
    }
  };

  return (
    <Section id="return-new" title={t('caseFile.return.title')}>
      <ChangeError error={error} />
      <Group align="flex-start" gap="xs" wrap="wrap">
        <TextInput label={t('caseFile.return.country')} description={t('caseFile.person.countryHelp')} required value={country} onChange={(e) => setCountry(e.currentTarget.value)} error={errors.country} w={170} />
        <TextInput label={t('caseFile.return.area')} value={area} onChange={(e) => setArea(e.currentTarget.value)} w={180} />
        <TextInput type="date" label={t('caseFile.return.date')} required value={date} onChange={(e) => setDate(e.currentTarget.value)} error={errors.date} w={160} />
        <TextInput label={t('caseFile.return.orgName')} required value={orgName} onChange={(e) => setOrgName(e.currentTarget.value)} error={errors.orgName} w={260} />
        <TextInput label={t('caseFile.consent.orgCode')} value={orgCode} onChange={(e) => setOrgCode(e.currentTarget.value)} w={130} />
      </Group>

      <Stack gap={6} role="group" aria-labelledby="route-title">
        <Text fw={600} size="sm" id="route-title">
          {t('caseFile.return.route')}
        </Text>
        {legs.map((l, i) => (
          <Group key={i} align="flex-start" gap="xs" wrap="wrap" data-testid="route-leg">
            <TextInput label={t('caseFile.return.legFrom')} value={l.from} onChange={(e) => setLeg(i, { from: e.currentTarget.value })} error={errors[`leg${i}`]} w={170} />
            <TextInput label={t('caseFile.return.legTo')} value={l.to} onChange={(e) => setLeg(i, { to: e.currentTarget.value })} w={170} />
            <NativeSelect label={t('caseFile.return.legMode')} value={l.mode} onChange={(e) => setLeg(i, { mode: e.currentTarget.value as Leg['mode'] })} data={options(t, 'return.modes', TRAVEL_MODES)} w={130} />
            <TextInput type="date" label={t('caseFile.return.legDate')} value={l.date} onChange={(e) => setLeg(i, { date: e.currentTarget.value })} w={160} />
            <TextInput label={t('caseFile.return.border')} value={l.border} onChange={(e) => setLeg(i, { border: e.currentTarget.value })} w={200} />
            <ActionIcon variant="subtle" color="red" mt={26} aria-label={t('caseFile.return.removeLeg', { n: n(i) })} onClick={() => setLegs(legs.filter((_, j) => j !== i))}>
              ×
            </ActionIcon>
          </Group>
        ))}
        <Button size="xs" variant="default" w="fit-content" onClick={() => setLegs([...legs, newLeg()])} data-testid="leg-add">
          {t('caseFile.return.addLeg')}
        </Button>
      </Stack>

      <Checkbox label={t('caseFile.return.escortRequired')} checked={escort} onChange={(e) => setEscort(e.currentTarget.checked)} />
      {escort && (
        <Group gap="xs" align="flex-start">
          <TextInput label={t('caseFile.return.escortName')} value={escortName} onChange={(e) => setEscortName(e.currentTarget.value)} error={errors.escort} w={220} />
          <TextInput label={t('caseFile.return.escortOrg')} value={escortOrg} onChange={(e) => setEscortOrg(e.currentTarget.value)} w={260} />
        </Group>
      )}

      <Stack gap={6} role="group" aria-labelledby="documents-title">
        <Text fw={600} size="sm" id="documents-title">
          {t('caseFile.return.documents')}
        </Text>
        {docs.map((d, i) => (
          <Group key={i} align="flex-start" gap="xs" data-testid="travel-document">
            <NativeSelect label={t('caseFile.return.documentType')} value={d.type} onChange={(e) => setDoc(i, { type: e.currentTarget.value as Doc['type'] })} data={options(t, 'return.documentTypes', TRAVEL_DOCUMENT_TYPES)} w={230} />
            <TextInput label={t('caseFile.return.documentNumber')} value={d.number} onChange={(e) => setDoc(i, { number: e.currentTarget.value })} w={160} />
            <NativeSelect label={t('caseFile.return.documentStatus')} value={d.status} onChange={(e) => setDoc(i, { status: e.currentTarget.value as Doc['status'] })} data={options(t, 'return.documentStatuses', DOCUMENT_STATUSES)} w={160} />
            <ActionIcon variant="subtle" color="red" mt={26} aria-label={t('caseFile.return.removeDocument', { n: n(i) })} onClick={() => setDocs(docs.filter((_, j) => j !== i))}>
              ×
            </ActionIcon>
          </Group>
        ))}
        <Button size="xs" variant="default" w="fit-content" onClick={() => setDocs([...docs, newDoc()])} data-testid="document-add">
          {t('caseFile.return.addDocument')}
        </Button>
      </Stack>

      <Button w="fit-content" loading={busy} onClick={() => void save()} data-testid="return-submit">
        {t('caseFile.return.save')}
      </Button>
    </Section>
  );
}

type StoredReturn = CaseView['returns'][number];

/** The plan's route, escort and documents as saved, and its case conferences with a form to add one. */
export function ReturnPlanDetails({ v, plan }: { v: CaseView; plan: StoredReturn }) {
  const { t } = useTranslation();
  const { run, error, busy } = useCaseChange(v.case.id);
  const [date, setDate] = useState('');
  const [participants, setParticipants] = useState('');
  const [notes, setNotes] = useState('');
  const [errors, setErrors] = useState<Record<string, string | null>>({});

  const addConference = async () => {
    const e = { date: required(t, date), participants: required(t, participants), notes: required(t, notes) };
    setErrors(e);
    if (Object.values(e).some(Boolean)) return;
    // returns.save replaces the whole plan: send it back as it is, with one more conference.
    const { id, caseId, ownerOrg: _o, updatedAt: _u, updatedBy: _b, ...rest } = plan;
    const next = { ...rest, caseConferences: [...plan.caseConferences, { date, participants: participants.trim(), notes: notes.trim() }] };
    if (await run({ method: 'returns.save', params: { caseId, id, plan: next } })) {
      setParticipants('');
      setNotes('');
    }
  };

  return (
    <Stack gap={6}>
      <ChangeError error={error} />
      {plan.route.length > 0 && (
        <Stack gap={2} data-testid="route-saved">
          <Text fw={600} size="sm">
            {t('caseFile.return.route')}
          </Text>
          {plan.route.map((l, i) => (
            <Text key={i} size="sm">
              {t('caseFile.return.legLine', { from: l.from, to: l.to, mode: t(`caseFile.return.modes.${l.mode}`) })}
              {l.date ? ` · ${l.date}` : ''}
              {l.borderCrossing ? ` · ${t('caseFile.return.borderAt', { place: l.borderCrossing })}` : ''}
            </Text>
          ))}
        </Stack>
      )}
      <Text size="sm" data-testid="escort-saved">
        {plan.escortRequired ? t('caseFile.return.escortBy', { name: [plan.escortName, plan.escortOrganisation].filter(Boolean).join(', ') }) : t('caseFile.return.noEscort')}
      </Text>
      {plan.travelDocuments.length > 0 && (
        <Stack gap={2} data-testid="documents-saved">
          <Text fw={600} size="sm">
            {t('caseFile.return.documents')}
          </Text>
          {plan.travelDocuments.map((d, i) => (
            <Text key={i} size="sm">
              {[t(`caseFile.return.documentTypes.${d.type}`), d.number, t(`caseFile.return.documentStatuses.${d.status}`)].filter(Boolean).join(' · ')}
            </Text>
          ))}
        </Stack>
      )}
      <Text fw={600} size="sm">
        {t('caseFile.return.conferences')}
      </Text>
      {plan.caseConferences.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('caseFile.return.noConferences')}
        </Text>
      )}
      {plan.caseConferences.map((c, i) => (
        <Stack key={i} gap={0} data-testid="conference-saved">
          <Text size="sm" fw={500}>
            {t('caseFile.return.conferenceOf', { date: c.date, participants: c.participants })}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {c.notes}
          </Text>
        </Stack>
      ))}
      {v.permissions.write && (
        <Group align="flex-start" gap="xs" wrap="wrap">
          <TextInput type="date" label={t('caseFile.return.conferenceDate')} value={date} onChange={(e) => setDate(e.currentTarget.value)} error={errors.date} w={170} />
          <TextInput label={t('caseFile.return.participants')} value={participants} onChange={(e) => setParticipants(e.currentTarget.value)} error={errors.participants} w={260} />
          <Textarea label={t('caseFile.return.conferenceNotes')} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} error={errors.notes} autosize minRows={1} w={360} />
          <Button mt={25} variant="default" loading={busy} onClick={() => void addConference()} data-testid="conference-submit">
            {t('caseFile.return.addConference')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
