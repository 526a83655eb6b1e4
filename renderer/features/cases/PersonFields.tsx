import { NativeSelect, NumberInput, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { GENDERS } from '../../../shared/domain/cases/vocabulary';
import { options } from './ui';

/** The person's fields as the registration and correction forms hold them (text as typed). */
export type PersonDraft = {
  first: string;
  middle: string;
  last: string;
  aliases: string;
  gender: string;
  birthdate: string;
  age: string | number;
  citizenship: string;
  language: string;
  phone: string;
  idNumber: string;
};

type Props = {
  f: PersonDraft;
  set: (key: Exclude<keyof PersonDraft, 'age'>) => (e: { currentTarget: { value: string } }) => void;
  setAge: (value: string | number) => void;
  errors: Record<string, string | null>;
};

/** Names, gender, birth date or estimated age, citizenship, language, phone and identity document: one set of inputs for registering and for correcting a person. */
export function PersonFields({ f, set, setAge, errors }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput label={t('caseFile.person.firstName')} required value={f.first} onChange={set('first')} error={errors.first} />
      <TextInput label={t('caseFile.person.middleName')} value={f.middle} onChange={set('middle')} />
      <TextInput label={t('caseFile.person.lastName')} value={f.last} onChange={set('last')} />
      <TextInput label={t('caseFile.person.aliases')} description={t('caseFile.person.aliasesHelp')} value={f.aliases} onChange={set('aliases')} />
      <NativeSelect label={t('caseFile.person.gender')} value={f.gender} onChange={set('gender')} data={options(t, 'genders', GENDERS)} />
      <TextInput type="date" label={t('caseFile.person.birthdate')} value={f.birthdate} onChange={set('birthdate')} />
      <NumberInput
        hideControls
        label={t('caseFile.person.estimatedAge')}
        description={t('caseFile.person.estimatedAgeHelp')}
        min={0}
        max={120}
        allowDecimal={false}
        value={f.age}
        onChange={setAge}
      />
      <TextInput label={t('caseFile.person.citizenship')} description={t('caseFile.person.citizenshipHelp')} value={f.citizenship} onChange={set('citizenship')} error={errors.citizenship} />
      <TextInput label={t('caseFile.person.language')} description={t('caseFile.person.languageHelp')} value={f.language} onChange={set('language')} error={errors.language} />
      <TextInput label={t('caseFile.person.phone')} value={f.phone} onChange={set('phone')} error={errors.phone} />
      <TextInput label={t('caseFile.person.idNumber')} value={f.idNumber} onChange={set('idNumber')} />
    </>
  );
}
