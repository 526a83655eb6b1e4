import { useMemo } from 'react';
import { Button, Group, NativeSelect, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { ALPHA3_CODES, alpha3ToAlpha2 } from '../../../shared/domain/countries';
import { ORG_TYPES, OrgCode, type Organisation } from '../../../shared/domain/organisation';
import { regionName } from '../../app/format';

export type OrganisationDraft = { name: string; code: string; country: string; type: Organisation['type'] | '' };

export const emptyOrganisation: OrganisationDraft = { name: '', code: '', country: '', type: '' };

/** Countries by their name in the UI's language, each with its ISO code so people can type either. */
export function useCountryOptions(): { value: string; label: string }[] {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(() => {
    const collator = new Intl.Collator(language);
    return ALPHA3_CODES.map((code) => {
      const alpha2 = alpha3ToAlpha2(code);
      const name = alpha2 ? regionName(alpha2, language) : code;
      return { value: code, label: `${name} (${code})` };
    }).sort((a, b) => collator.compare(a.label, b.label));
  }, [language]);
}

type Props = { initial: OrganisationDraft; onNext: (organisation: Organisation) => void };

/** Step 1 of the first run: the organisation this workspace belongs to (HTCDS org_Type). */
export function OrganisationStep({ initial, onNext }: Props) {
  const { t } = useTranslation();
  const countries = useCountryOptions();
  const form = useForm<OrganisationDraft>({
    initialValues: initial,
    validate: {
      name: (value) => (value.trim().length >= 2 && value.trim().length <= 200 ? null : t('setup.organisation.nameRule')),
      code: (value) => (OrgCode.safeParse(value).success ? null : t('setup.organisation.codeRule')),
      country: (value) => (value ? null : t('setup.organisation.countryRequired')),
      type: (value) => (value ? null : t('setup.organisation.typeRequired')),
    },
  });

  const typeOptions = [
    { value: '', label: t('setup.organisation.typePlaceholder'), disabled: true },
    ...ORG_TYPES.map((type) => ({ value: type, label: t(`orgTypes.${type}`) })),
  ];

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        if (values.type) onNext({ name: values.name.trim(), code: values.code.trim(), country: values.country, type: values.type });
      })}
    >
      <Stack gap="sm" maw={560}>
        <TextInput label={t('setup.organisation.name')} description={t('setup.organisation.nameHelp')} required autoFocus {...form.getInputProps('name')} data-testid="org-name" />
        <TextInput
          label={t('setup.organisation.code')}
          description={t('setup.organisation.codeHelp')}
          required
          {...form.getInputProps('code')}
          onChange={(e) => form.setFieldValue('code', e.currentTarget.value.toUpperCase())}
          data-testid="org-code"
        />
        <Select
          label={t('setup.organisation.country')}
          placeholder={t('setup.organisation.countryPlaceholder')}
          data={countries}
          searchable
          required
          nothingFoundMessage={t('setup.organisation.countryNotFound')}
          {...form.getInputProps('country')}
          onChange={(value) => form.setFieldValue('country', value ?? '')}
          data-testid="org-country"
        />
        <NativeSelect label={t('setup.organisation.type')} required data={typeOptions} {...form.getInputProps('type')} data-testid="org-type" />
        <Group justify="flex-end" mt="sm">
          <Button type="submit" data-testid="setup-next">
            {t('common.next')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
