import { useState } from 'react';
import { Button, Group, NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CaseView } from '../../../../shared/contract/cases';
import { IDENTIFICATION_SOURCES } from '../../../../shared/domain/cases/case';
import { GENDERS } from '../../../../shared/domain/cases/vocabulary';
import { PersonFields } from '../PersonFields';
import { ChangeError, options, required, Section, todayIso, useCaseChange } from '../ui';

const COUNTRY = /^[A-Z]{3}$/;
const codes = (value: string) =>
  value
    .toUpperCase()
    .split(/[\s,]+/)
    .filter(Boolean);
/** Blank becomes null: `cases.update` clears an optional field given null. */
const orNull = (value: string): string | null => (value.trim() ? value.trim() : null);

/**
 * Corrects the person and the identification after registration (`cases.update`). Only what changed
 * is written; the timeline names the fields, never their values.
 */
export function PersonEdit({ v, onDone }: { v: CaseView; onDone: () => void }) {
  const { t } = useTranslation();
  const c = v.case;
  const { run, error, busy } = useCaseChange(c.id);
  const [f, setF] = useState({
    first: c.prs_FirstName,
    middle: c.prs_MiddleName ?? '',
    last: c.prs_SecondName ?? '',
    aliases: c.aliases.join(', '),
    gender: c.prs_Gender as string,
    birthdate: c.prs_Birthdate ?? '',
    age: (c.estimatedAge ?? '') as string | number,
    citizenship: c.prs_Citizenship.join(', '),
    language: c.prs_PrimaryLanguage ?? '',
    phone: c.prs_MobilePhone ?? '',
    idNumber: c.prs_IdentityNumber ?? '',
    identificationDate: c.identificationDate,
    identificationCountry: c.identificationCountry,
    identificationPlace: c.identificationPlace ?? '',
    source: c.identificationSource as string,
  });
  const [errors, setErrors] = useState<Record<string, string | null>>({});
  const set = (key: keyof typeof f) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setF((s) => ({ ...s, [key]: value }));
  };

  const save = async () => {
    const e: Record<string, string | null> = {
      first: required(t, f.first),
      citizenship: codes(f.citizenship).every((x) => COUNTRY.test(x)) ? null : t('caseFile.form.countryCodes'),
      identificationCountry: COUNTRY.test(f.identificationCountry.trim().toUpperCase()) ? null : t('caseFile.form.countryCode'),
      identificationDate: required(t, f.identificationDate),
      phone: !f.phone.trim() || /^\+?[0-9\s\-().]{3,20}$/.test(f.phone.trim()) ? null : t('caseFile.form.phone'),
      language: !f.language.trim() || /^[a-zA-Z]{2,3}$/.test(f.language.trim()) ? null : t('caseFile.form.language'),
    };
    setErrors(e);
    if (Object.values(e).some(Boolean)) return;
    const gender = GENDERS.find((g) => g === f.gender) ?? c.prs_Gender;
    const source = IDENTIFICATION_SOURCES.find((s) => s === f.source) ?? c.identificationSource;
    const age = typeof f.age === 'number' ? f.age : null;
    // A birth date wins over an estimate; an estimate changed today is dated today.
    const ageFields = f.birthdate
      ? { prs_Birthdate: f.birthdate, estimatedAge: null, estimatedAgeOn: null }
      : age !== null
        ? { prs_Birthdate: null, estimatedAge: age, estimatedAgeOn: age === c.estimatedAge && c.estimatedAgeOn ? c.estimatedAgeOn : todayIso() }
        : { prs_Birthdate: null, estimatedAge: null, estimatedAgeOn: null };
    const done = await run({
      method: 'cases.update',
      params: {
        id: c.id,
        person: {
          prs_FirstName: f.first.trim(),
          prs_MiddleName: orNull(f.middle),
          prs_SecondName: orNull(f.last),
          aliases: f.aliases
            .split(/[,;]/)
            .map((a) => a.trim())
            .filter(Boolean),
          prs_Gender: gender,
          ...ageFields,
          prs_Citizenship: codes(f.citizenship),
          prs_PrimaryLanguage: orNull(f.language.toLowerCase()),
          prs_MobilePhone: orNull(f.phone),
          prs_IdentityNumber: orNull(f.idNumber),
        },
        identification: {
          identificationDate: f.identificationDate,
          identificationCountry: f.identificationCountry.trim().toUpperCase(),
          identificationPlace: orNull(f.identificationPlace),
          identificationSource: source,
        },
      },
    });
    if (done) onDone();
  };

  return (
    <Section id="person-edit" title={t('caseFile.person.editTitle')}>
      <ChangeError error={error} />
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <PersonFields f={f} set={set} setAge={(value) => setF((s) => ({ ...s, age: value }))} errors={errors} />
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
      <Group gap="xs">
        <Button loading={busy} onClick={() => void save()} data-testid="person-save">
          {t('caseFile.person.save')}
        </Button>
        <Button variant="default" onClick={onDone}>
          {t('caseFile.form.cancel')}
        </Button>
      </Group>
    </Section>
  );
}
