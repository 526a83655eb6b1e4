import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ROLES, Role } from '../../../shared/domain/roles';

export function RoleSelect({ value, onChange, testId }: { value: Role; onChange: (role: Role) => void; testId?: string }) {
  const { t } = useTranslation();
  return (
    <NativeSelect
      label={t('users.roleLabel')}
      description={t(`roleHelp.${value}`)}
      data={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
      value={value}
      onChange={(e) => {
        const parsed = Role.safeParse(e.currentTarget.value);
        if (parsed.success) onChange(parsed.data);
      }}
      required
      data-testid={testId}
    />
  );
}
