import { useState } from 'react';
import { Badge, Button, Checkbox, Group, NativeSelect, NumberInput, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CaseView } from '../../../../shared/contract/cases';
import { CONSENT_PURPOSES, SHARING_PURPOSES } from '../../../../shared/domain/cases/consent';
import { RISK_LEVELS_OF_ANALYSIS, SEVERITIES, RISK_LEVELS } from '../../../../shared/domain/cases/risk';
import { ASSISTANCE_TYPES, SERVICE_TYPES, TRANSITION_MOVES, type TransitionStatus } from '../../../../shared/domain/cases/services';
import { useProvidersQuery, useSaveProviderMutation } from '../api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ChangeError, opt, options, required, RiskBadge, Section, todayIso, useCaseChange } from '../ui';

type Factor = { level: string; kind: string; factor: string; severity: string };

export function RiskSection({ v }: { v: CaseView }) {
  const { t } = useTranslation();
  const { run, error, busy } = useCaseChange(v.case.id);
  const [factors, setFactors] = useState<Factor[]>([]);
  const [draft, setDraft] = useState<Factor>({ level: 'individual', kind: 'risk', factor: '', severity: 'medium' });
  const [overall, setOverall] = useState('');
  const [plan, setPlan] = useState('');
  const [factorError, setFactorError] = useState<string | null>(null);
  const latest = v.riskAssessments.at(-1);
  return (
    <Stack gap="sm">
      <ChangeError error={error} />
      {latest && (
        <Section id="risk-latest" title={t('caseFile.risk.latest', { date: latest.assessedOn })}>
          <Group gap="xs">
            <Text size="sm">{t('caseFile.risk.overall')}</Text>
            <RiskBadge level={latest.overallLevel} />
          </Group>
          <Table verticalSpacing={4} data-testid="risk-factors">
            <Table.Tbody>
              {latest.factors.map((f, i) => (
                <Table.Tr key={i} data-testid="risk-factor" data-level={f.level} data-kind={f.kind}>
                  <Table.Td>{t(`caseFile.risk.levels.${f.level}`)}</Table.Td>
                  <Table.Td>{t(`caseFile.risk.kinds.${f.kind}`)}</Table.Td>
                  <Table.Td>{f.factor}</Table.Td>
                  <Table.Td>{t(`caseFile.risk.severities.${f.severity}`)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {latest.safetyPlan && (
            <Stack gap={2} data-testid="safety-plan">
              <Text fw={600} size="sm">
                {t('caseFile.risk.safetyPlan')}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {latest.safetyPlan.measures}
              </Text>
            </Stack>
          )}
        </Section>
      )}
      {v.permissions.write && (
        <Section id="risk-new" title={t('caseFile.risk.title')}>
          <Group align="flex-end" gap="xs">
            <NativeSelect label={t('caseFile.risk.level')} value={draft.level} onChange={(e) => setDraft({ ...draft, level: e.currentTarget.value })} data={options(t, 'risk.levels', RISK_LEVELS_OF_ANALYSIS)} />
            <NativeSelect label={t('caseFile.risk.kind')} value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.currentTarget.value })} data={options(t, 'risk.kinds', ['risk', 'protective'])} />
            <TextInput label={t('caseFile.risk.factor')} value={draft.factor} onChange={(e) => setDraft({ ...draft, factor: e.currentTarget.value })} error={factorError} w={260} />
            <NativeSelect label={t('caseFile.risk.severity')} value={draft.severity} onChange={(e) => setDraft({ ...draft, severity: e.currentTarget.value })} data={options(t, 'risk.severities', SEVERITIES)} />
            <Button
              variant="default"
              data-testid="risk-factor-add"
              onClick={() => {
                const problem = required(t, draft.factor);
                setFactorError(problem);
                if (problem) return;
                setFactors([...factors, draft]);
                setDraft({ ...draft, factor: '' });
              }}
            >
              {t('caseFile.risk.addFactor')}
            </Button>
          </Group>
          {factors.map((f, i) => (
            <Group key={i} gap="xs">
              <Badge variant="light">{t(`caseFile.risk.levels.${f.level}`)}</Badge>
              <Badge variant="outline">{t(`caseFile.risk.kinds.${f.kind}`)}</Badge>
              {f.factor}
              <Badge>{t(`caseFile.risk.severities.${f.severity}`)}</Badge>
            </Group>
          ))}
          <NativeSelect label={t('caseFile.risk.overall')} value={overall} onChange={(e) => setOverall(e.currentTarget.value)} data={options(t, 'riskLevels', RISK_LEVELS, t('caseFile.risk.suggested'))} w={260} />
          <Textarea label={t('caseFile.risk.safetyPlan')} value={plan} onChange={(e) => setPlan(e.currentTarget.value)} autosize minRows={2} />
          <Button
            w="fit-content"
            loading={busy}
            onClick={async () => {
              const ok = await run({
                method: 'risk.assess',
                params: {
                  caseId: v.case.id,
                  assessedOn: todayIso(),
                  factors: factors as never,
                  overallLevel: (opt(overall) as never) ?? undefined,
                  safetyPlan: plan.trim() ? { measures: plan.trim() } : undefined,
                },
              });
              if (ok) setFactors([]);
            }}
            data-testid="risk-submit"
          >
            {t('caseFile.risk.save')}
          </Button>
        </Section>
      )}
    </Stack>
  );
}

export function ConsentSection({ v }: { v: CaseView }) {
  const { t } = useTranslation();
  const { run, error, busy } = useCaseChange(v.case.id);
  const providers = useProvidersQuery({ includeInactive: false });
  const [purpose, setPurpose] = useState('assistance');
  const [given, setGiven] = useState(true);
  const [method, setMethod] = useState('written');
  const [providerId, setProviderId] = useState('');
  const [orgCode, setOrgCode] = useState('');
  const [orgName, setOrgName] = useState('');
  const [purposes, setPurposes] = useState<string[]>(['referral']);
  const [takenOn, setTakenOn] = useState(todayIso());
  const [recipientError, setRecipientError] = useState<string | null>(null);

  const save = () => {
    let recipient;
    if (purpose === 'sharing') {
      const provider = providers.data?.find((p) => p.id === providerId);
      if (provider) recipient = { providerId: provider.id, name: provider.org_Name, code: provider.orgCode };
      else if (orgName.trim()) recipient = { name: orgName.trim(), code: opt(orgCode.toUpperCase()) };
      setRecipientError(recipient ? null : t('caseFile.consent.recipientNeeded'));
      if (!recipient) return;
    }
    void run({
      method: 'consent.record',
      params: {
        caseId: v.case.id,
        purpose: purpose as never,
        con_Consent: given,
        recipient,
        sharingPurposes: purpose === 'sharing' ? (purposes as never) : [],
        takenOn,
        method: method as never,
        interpreterUsed: false,
      },
    });
  };

  return (
    <Stack gap="sm">
      <ChangeError error={error} />
      <Table verticalSpacing={4} data-testid="consents">
        <Table.Caption>{t('caseFile.consent.recorded')}</Table.Caption>
        <Table.Tbody>
          {v.consents.map((c) => (
            <Table.Tr key={c.id} data-testid="consent-row">
              <Table.Td>{t(`caseFile.consent.purposes.${c.purpose}`)}</Table.Td>
              <Table.Td>{c.recipient?.name ?? '—'}</Table.Td>
              <Table.Td>{c.sharingPurposes.map((p) => t(`caseFile.consent.sharing.${p}`)).join(', ')}</Table.Td>
              <Table.Td>
                <Badge color={c.active ? 'green' : 'gray'} variant="light">
                  {c.withdrawnOn ? t('caseFile.consent.withdrawn') : c.con_Consent ? (c.active ? t('caseFile.consent.active') : t('caseFile.consent.inactive')) : t('caseFile.consent.declined')}
                </Badge>
              </Table.Td>
              <Table.Td>{c.takenOn}</Table.Td>
              <Table.Td>
                {v.permissions.write && c.active && (
                  <Button size="xs" variant="default" aria-label={t('caseFile.consent.withdrawFor', { purpose: t(`caseFile.consent.purposes.${c.purpose}`) })} onClick={() => void run({ method: 'consent.withdraw', params: { id: c.id, withdrawnOn: todayIso() } })}>
                    {t('caseFile.consent.withdraw')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {v.permissions.write && (
        <Section id="consent-new" title={t('caseFile.consent.title')}>
          <Group align="flex-end" gap="xs">
            <NativeSelect label={t('caseFile.consent.purpose')} value={purpose} onChange={(e) => setPurpose(e.currentTarget.value)} data={options(t, 'consent.purposes', CONSENT_PURPOSES)} />
            <NativeSelect label={t('caseFile.consent.method')} value={method} onChange={(e) => setMethod(e.currentTarget.value)} data={options(t, 'consent.methods', ['written', 'verbal', 'thumbprint', 'guardian'])} />
            <TextInput type="date" label={t('caseFile.consent.takenOn')} value={takenOn} onChange={(e) => setTakenOn(e.currentTarget.value)} />
            <Checkbox label={t('caseFile.consent.given')} checked={given} onChange={(e) => setGiven(e.currentTarget.checked)} mb={8} />
          </Group>
          {purpose === 'sharing' && (
            <Group align="flex-end" gap="xs">
              <NativeSelect
                label={t('caseFile.consent.provider')}
                value={providerId}
                onChange={(e) => setProviderId(e.currentTarget.value)}
                data={[{ value: '', label: t('caseFile.consent.otherOrg') }, ...(providers.data ?? []).map((p) => ({ value: p.id, label: p.org_Name }))]}
                error={recipientError}
                w={280}
              />
              {!providerId && (
                <>
                  <TextInput label={t('caseFile.consent.orgName')} value={orgName} onChange={(e) => setOrgName(e.currentTarget.value)} />
                  <TextInput label={t('caseFile.consent.orgCode')} value={orgCode} onChange={(e) => setOrgCode(e.currentTarget.value)} w={140} />
                </>
              )}
              <Checkbox.Group label={t('caseFile.consent.sharingPurposes')} value={purposes} onChange={setPurposes}>
                <Group gap="xs" mt={4}>
                  {SHARING_PURPOSES.map((p) => (
                    <Checkbox key={p} value={p} label={t(`caseFile.consent.sharing.${p}`)} />
                  ))}
                </Group>
              </Checkbox.Group>
            </Group>
          )}
          <Button w="fit-content" loading={busy} onClick={save} data-testid="consent-submit">
            {t('caseFile.consent.save')}
          </Button>
        </Section>
      )}
    </Stack>
  );
}

function ProviderForm() {
  const { t } = useTranslation();
  const [save, state] = useSaveProviderMutation();
  const [name, setName] = useState('');
  const [service, setService] = useState('shelter');
  const [country, setCountry] = useState('');
  const [errors, setErrors] = useState<Record<string, string | null>>({});
  return (
    <Section id="provider-new" title={t('caseFile.referral.addProvider')}>
      <ErrorAlert error={state.error} />
      <Group align="flex-end" gap="xs">
        <TextInput label={t('caseFile.referral.providerName')} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} />
        <NativeSelect label={t('caseFile.referral.service')} value={service} onChange={(e) => setService(e.currentTarget.value)} data={options(t, 'services', SERVICE_TYPES)} />
        <TextInput label={t('caseFile.referral.providerCountry')} description={t('caseFile.person.countryHelp')} required value={country} onChange={(e) => setCountry(e.currentTarget.value)} error={errors.country} w={160} />
        <Button
          variant="default"
          loading={state.isLoading}
          onClick={async () => {
            const e = { name: required(t, name), country: /^[A-Za-z]{3}$/.test(country.trim()) ? null : t('caseFile.form.countryCode') };
            setErrors(e);
            if (e.name || e.country) return;
            const r = await save({ provider: { org_Name: name.trim(), org_Type: 'NGO' as never, services: [service as never], org_ShippingCountry: country.trim().toUpperCase(), active: true } });
            if ('data' in r) setName('');
          }}
        >
          {t('caseFile.referral.saveProvider')}
        </Button>
      </Group>
    </Section>
  );
}

export function ReferralSection({ v }: { v: CaseView }) {
  const { t } = useTranslation();
  const { run, error, busy } = useCaseChange(v.case.id);
  const providers = useProvidersQuery({ includeInactive: false });
  const [providerId, setProviderId] = useState('');
  const [service, setService] = useState('shelter');
  const [date, setDate] = useState(todayIso());
  const [override, setOverride] = useState('');
  const [providerError, setProviderError] = useState<string | null>(null);
  const [overrideError, setOverrideError] = useState<string | null>(null);

  const refer = () => {
    setProviderError(providerId ? null : t('caseFile.form.required'));
    const reason = override.trim();
    setOverrideError(reason && reason.length < 10 ? t('caseFile.referral.overrideTooShort') : null);
    if (!providerId || (reason && reason.length < 10)) return;
    void run({
      method: 'referrals.create',
      params: {
        caseId: v.case.id,
        providerId,
        services: [service as never],
        urgency: 'routine',
        cas_ReasonForOutgoingReferral: 'AdditionalServicesRequired',
        cas_OutgoingReferralDate: date,
        ...(reason ? { consentOverride: { reason } } : {}),
      },
    });
  };

  return (
    <Stack gap="sm">
      <ChangeError error={error} />
      <Table verticalSpacing={4} data-testid="referrals">
        <Table.Caption>{t('caseFile.referral.list')}</Table.Caption>
        <Table.Tbody>
          {v.referrals.map((r) => (
            <Table.Tr key={r.id} data-testid="referral-row">
              <Table.Td>{r.cas_ReferredOrganisation.name}</Table.Td>
              <Table.Td>{r.services.map((s) => t(`caseFile.services.${s}`)).join(', ')}</Table.Td>
              <Table.Td>
                <Badge variant="light">{t(`caseFile.transition.${r.status}`)}</Badge>
              </Table.Td>
              <Table.Td>{r.consentBasis.kind === 'override' ? t('caseFile.referral.overridden', { reason: r.consentBasis.override.reason }) : t(`caseFile.referral.basis.${r.consentBasis.kind}`)}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {v.permissions.write &&
                    TRANSITION_MOVES[r.status].map((s: TransitionStatus) => (
                      <Button key={s} size="xs" variant="default" onClick={() => void run({ method: 'referrals.setStatus', params: { id: r.id, status: s } })}>
                        {t(`caseFile.transition.to.${s}`)}
                      </Button>
                    ))}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {v.permissions.write && (
        <Section id="referral-new" title={t('caseFile.referral.title')}>
          <Group align="flex-end" gap="xs">
            <NativeSelect
              label={t('caseFile.referral.provider')}
              required
              value={providerId}
              onChange={(e) => setProviderId(e.currentTarget.value)}
              data={[{ value: '', label: t('caseFile.form.choose') }, ...(providers.data ?? []).map((p) => ({ value: p.id, label: p.org_Name }))]}
              error={providerError}
              w={280}
            />
            <NativeSelect label={t('caseFile.referral.service')} value={service} onChange={(e) => setService(e.currentTarget.value)} data={options(t, 'services', SERVICE_TYPES)} />
            <TextInput type="date" label={t('caseFile.referral.date')} value={date} onChange={(e) => setDate(e.currentTarget.value)} />
          </Group>
          {v.permissions.overrideConsent && (
            <Textarea
              label={t('caseFile.referral.override')}
              description={t('caseFile.referral.overrideHelp')}
              value={override}
              onChange={(e) => setOverride(e.currentTarget.value)}
              error={overrideError}
              autosize
              minRows={2}
            />
          )}
          <Button w="fit-content" loading={busy} onClick={refer} data-testid="referral-submit">
            {t('caseFile.referral.save')}
          </Button>
        </Section>
      )}
      {v.permissions.approve && <ProviderForm />}
    </Stack>
  );
}

export function AssistanceSection({ v }: { v: CaseView }) {
  const { t, i18n } = useTranslation();
  const { run, error, busy } = useCaseChange(v.case.id);
  const [type, setType] = useState('shelter');
  const [provider, setProvider] = useState('');
  const [start, setStart] = useState(todayIso());
  const [amount, setAmount] = useState<string | number>('');
  const [currency, setCurrency] = useState('');
  const [errors, setErrors] = useState<Record<string, string | null>>({});
  const save = () => {
    const e = {
      provider: required(t, provider),
      currency: typeof amount === 'number' && !/^[A-Za-z]{3}$/.test(currency.trim()) ? t('caseFile.assistance.currencyNeeded') : null,
    };
    setErrors(e);
    if (e.provider || e.currency) return;
    void run({
      method: 'assistance.record',
      params: {
        caseId: v.case.id,
        type: type as never,
        provider: { name: provider.trim() },
        startDate: start,
        ...(typeof amount === 'number' ? { cost: { amount, currency: currency.trim().toUpperCase() } } : {}),
      },
    });
  };
  return (
    <Stack gap="sm">
      <ChangeError error={error} />
      <Table verticalSpacing={4} data-testid="assistance">
        <Table.Caption>{t('caseFile.assistance.list')}</Table.Caption>
        <Table.Tbody>
          {v.assistance.map((a) => (
            <Table.Tr key={a.id} data-testid="assistance-row">
              <Table.Td>{t(`caseFile.services.${a.type}`)}</Table.Td>
              <Table.Td>{a.provider.name}</Table.Td>
              <Table.Td>{a.startDate}</Table.Td>
              <Table.Td>{a.cost ? new Intl.NumberFormat(i18n.language === 'my' ? 'en' : i18n.language, { style: 'currency', currency: a.cost.currency }).format(a.cost.amount) : '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {v.permissions.write && (
        <Section id="assistance-new" title={t('caseFile.assistance.title')}>
          <Group align="flex-end" gap="xs">
            <NativeSelect label={t('caseFile.assistance.type')} value={type} onChange={(e) => setType(e.currentTarget.value)} data={options(t, 'services', ASSISTANCE_TYPES)} />
            <TextInput label={t('caseFile.assistance.provider')} required value={provider} onChange={(e) => setProvider(e.currentTarget.value)} error={errors.provider} />
            <TextInput type="date" label={t('caseFile.assistance.start')} value={start} onChange={(e) => setStart(e.currentTarget.value)} />
            <NumberInput hideControls label={t('caseFile.assistance.cost')} min={0} value={amount} onChange={setAmount} w={120} />
            <TextInput label={t('caseFile.assistance.currency')} placeholder="THB" value={currency} onChange={(e) => setCurrency(e.currentTarget.value)} error={errors.currency} w={100} />
          </Group>
          <Button w="fit-content" loading={busy} onClick={save} data-testid="assistance-submit">
            {t('caseFile.assistance.save')}
          </Button>
        </Section>
      )}
    </Stack>
  );
}
