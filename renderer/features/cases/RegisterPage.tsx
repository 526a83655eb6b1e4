import { useState } from 'react';
import { Alert, Badge, Button, Checkbox, Group, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { GENDERS } from '../../../shared/domain/cases/vocabulary';
import { IDENTIFICATION_SOURCES } from '../../../shared/domain/cases/case';
import type { DuplicateCandidate } from '../../../shared/contract/cases';
import { formatNumber } from '../../app/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { useLazyCaseDuplicatesQuery, useRegisterCaseMutation } from './api';
import { PersonFields } from './PersonFields';
import { opt, options, required, StageBadge, todayIso } from './ui';

const COUNTRY = /^[A-Z]{3}$/;
const codes = (value: string) =>
  value
    .toUpperCase()
    .split(/[\s,]+/)
    .filter(Boolean);

/**
 * Registration with search-before-create: the person's names and details are checked against the
 * cases already registered, candidates are shown, and only then can the case be registered.
 */
export function RegisterPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [f, setF] = useState({
    first: '',
    middle: '',
    last: '',
    aliases: '',
    gender: 'NonSpecifiedUnknown',
    birthdate: '',
    age: '' as string | number,
    citizenship: '',
    phone: '',
    idNumber: '',
    language: '',
    identificationDate: todayIso(),
    identificationCountry: '',
    identificationPlace: '',
    source: 'Police',
  });
  const [errors, setErrors] = useState<Record<string, string | null>>({});
  const [checked, setChecked] = useState<string | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [probe, duplicates] = useLazyCaseDuplicatesQuery();
  const [register, registration] = useRegisterCaseMutation();
  const set = (key: keyof typeof f) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setF((s) => ({ ...s, [key]: value }));
  };

  const validate = (): boolean => {
    const e: Record<string, string | null> = {
      first: required(t, f.first),
      citizenship: codes(f.citizenship).every((c) => COUNTRY.test(c)) ? null : t('caseFile.form.countryCodes'),
      identificationCountry: COUNTRY.test(f.identificationCountry.trim().toUpperCase()) ? null : t('caseFile.form.countryCode'),
      identificationDate: required(t, f.identificationDate),
      phone: !f.phone.trim() || /^\+?[0-9\s\-().]{3,20}$/.test(f.phone.trim()) ? null : t('caseFile.form.phone'),
      language: !f.language.trim() || /^[a-zA-Z]{2,3}$/.test(f.language.trim()) ? null : t('caseFile.form.language'),
    };
    setErrors(e);
    return Object.values(e).every((v) => !v);
  };

  const person = () => {
    const age = typeof f.age === 'number' ? f.age : undefined;
    return {
      prs_FirstName: f.first.trim(),
      prs_MiddleName: opt(f.middle),
      prs_SecondName: opt(f.last),
      aliases: f.aliases
        .split(/[,;]/)
        .map((a) => a.trim())
        .filter(Boolean),
      prs_Gender: f.gender as (typeof GENDERS)[number],
      prs_Birthdate: opt(f.birthdate),
      estimatedAge: f.birthdate ? undefined : age,
      estimatedAgeOn: f.birthdate || age === undefined ? undefined : todayIso(),
      prs_Citizenship: codes(f.citizenship),
      prs_MobilePhone: opt(f.phone),
      prs_IdentityNumber: opt(f.idNumber),
    };
  };

  const fingerprint = () => JSON.stringify(person());

  const check = async () => {
    if (!validate()) return;
    setConfirmed(false);
    await probe(person());
    setChecked(fingerprint());
  };

  const submit = async () => {
    if (!validate()) return;
    const result = await register({
      person: { ...person(), stateless: false, otherLanguages: [], trustedContacts: [], prs_PrimaryLanguage: opt(f.language.toLowerCase()) },
      identification: {
        identificationDate: f.identificationDate,
        identificationCountry: f.identificationCountry.trim().toUpperCase(),
        identificationPlace: opt(f.identificationPlace),
        identificationSource: f.source as (typeof IDENTIFICATION_SOURCES)[number],
      },
    });
    if ('data' in result && result.data) navigate(`/cases/${result.data.caseId}`);
  };

  const candidates: DuplicateCandidate[] = duplicates.data ?? [];
  const upToDate = checked !== null && checked === fingerprint();
  const mayRegister = upToDate && (candidates.length === 0 || confirmed);

  return (
    <Page title={t('caseFile.register.title')} description={t('caseFile.register.description')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void (upToDate ? submit() : check());
        }}
        noValidate
      >
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <PersonFields f={f} set={set} setAge={(v) => setF((s) => ({ ...s, age: v }))} errors={errors} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 4 }} spacing="sm">
            <TextInput type="date" required label={t('caseFile.register.identificationDate')} value={f.identificationDate} onChange={set('identificationDate')} error={errors.identificationDate} />
            <TextInput
              required
              label={t('caseFile.register.identificationCountry')}
              description={t('caseFile.person.countryHelp')}
              value={f.identificationCountry}
              onChange={set('identificationCountry')}
              error={errors.identificationCountry}
            />
            <TextInput label={t('caseFile.register.identificationPlace')} value={f.identificationPlace} onChange={set('identificationPlace')} />
            <NativeSelect label={t('caseFile.register.source')} value={f.source} onChange={set('source')} data={options(t, 'sources', IDENTIFICATION_SOURCES)} />
          </SimpleGrid>

          <ErrorAlert error={duplicates.error ?? registration.error} />
          {upToDate && candidates.length === 0 && (
            <Alert color="green" variant="light" data-testid="no-duplicates">
              {t('caseFile.register.noDuplicates')}
            </Alert>
          )}
          {upToDate && candidates.length > 0 && (
            <Stack gap="xs" data-testid="duplicate-candidates">
              <Alert color="orange" variant="light" role="status">
                {t('caseFile.register.duplicatesFound', { count: formatNumber(candidates.length, i18n.language) })}
              </Alert>
              <Table verticalSpacing="xs">
                <Table.Caption>{t('caseFile.register.candidates')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('caseFile.list.caseNumber')}</Table.Th>
                    <Table.Th scope="col">{t('caseFile.list.name')}</Table.Th>
                    <Table.Th scope="col">{t('caseFile.register.similarity')}</Table.Th>
                    <Table.Th scope="col">{t('caseFile.list.stage')}</Table.Th>
                    <Table.Th scope="col">{t('caseFile.list.assignee')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {candidates.map((c) => (
                    <Table.Tr key={c.caseId} data-testid="duplicate-candidate">
                      <Table.Td ff="monospace">{c.accessible ? <Link to={`/cases/${c.caseId}`}>{c.caseNumber}</Link> : c.caseNumber}</Table.Td>
                      <Table.Td>{c.displayName ?? t('caseFile.list.nameHidden')}</Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          {formatNumber(Math.round(c.score * 100), i18n.language)}
                          {c.strong && (
                            <Badge color="red" variant="light" size="sm">
                              {t('caseFile.register.strong')}
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <StageBadge stage={c.stage} />
                      </Table.Td>
                      <Table.Td>{c.assignee ?? t('caseFile.list.unassigned')}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <Checkbox label={t('caseFile.register.notTheSame')} checked={confirmed} onChange={(e) => setConfirmed(e.currentTarget.checked)} />
            </Stack>
          )}
          {!upToDate && <Text size="sm">{t('caseFile.register.checkFirst')}</Text>}
          <Group>
            <Button type="button" variant={upToDate ? 'default' : 'filled'} onClick={() => void check()} loading={duplicates.isFetching}>
              {t('caseFile.register.check')}
            </Button>
            <Button type="button" disabled={!mayRegister} onClick={() => void submit()} loading={registration.isLoading} data-testid="register-submit">
              {t('caseFile.register.submit')}
            </Button>
            <Button component={Link} to="/cases" variant="subtle">
              {t('caseFile.form.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Page>
  );
}
