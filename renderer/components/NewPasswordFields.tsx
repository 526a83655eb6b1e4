import { useId, useMemo } from 'react';
import { PasswordInput, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { MIN_PASSPHRASE_WORDS, MIN_PASSWORD_LENGTH, passwordProblem, passwordStrength } from '../../shared/domain/passwords';
import { formatNumber } from '../app/format';
import { passwordProblemMessage } from '../app/errors';

const STRENGTH_COLORS = ['red', 'red', 'yellow', 'teal', 'green'] as const;

/** What is wrong with a new password and its confirmation, as an i18n key; null when both are fine. */
export function newPasswordProblemKey(password: string, confirmation: string): string | null {
  const problem = passwordProblem(password);
  if (problem) return `password.problems.${problem}`;
  if (password !== confirmation) return 'password.mismatch';
  return null;
}

type Props = {
  password: string;
  confirmation: string;
  onPasswordChange: (value: string) => void;
  onConfirmationChange: (value: string) => void;
  /** Show the rule that is broken (after a submit attempt, or once the user left the field). */
  showErrors: boolean;
  passwordLabel?: string;
  autoFocus?: boolean;
};

/**
 * A new password with its confirmation, the rule (shared/domain/passwords — the same check the core
 * makes) and a strength meter that says in words what its colour shows.
 */
export function NewPasswordFields({ password, confirmation, onPasswordChange, onConfirmationChange, showErrors, passwordLabel, autoFocus }: Props) {
  const { t, i18n } = useTranslation();
  const meterId = useId();
  const strength = useMemo(() => passwordStrength(password), [password]);
  const problem = useMemo(() => passwordProblem(password), [password]);
  const strengthWord = t(`password.strength.${strength}`);
  const rule = t('password.rule', { length: formatNumber(MIN_PASSWORD_LENGTH, i18n.language), words: formatNumber(MIN_PASSPHRASE_WORDS, i18n.language) });

  return (
    <Stack gap="xs">
      <PasswordInput
        label={passwordLabel ?? t('password.new')}
        description={rule}
        value={password}
        onChange={(e) => onPasswordChange(e.currentTarget.value)}
        error={showErrors && problem ? passwordProblemMessage(t, problem, i18n.language) : undefined}
        autoComplete="new-password"
        required
        autoFocus={autoFocus}
        data-testid="new-password"
      />
      <div id={meterId}>
        <Progress
          value={password ? ((strength + 1) / 5) * 100 : 0}
          color={STRENGTH_COLORS[strength]}
          size="sm"
          aria-label={t('password.strengthLabel')}
          aria-valuetext={password ? strengthWord : t('password.strengthEmpty')}
        />
        <Text size="sm" c="dimmed" mt={4} aria-live="polite">
          {password ? t('password.strengthIs', { strength: strengthWord }) : t('password.strengthEmpty')}
        </Text>
      </div>
      <PasswordInput
        label={t('password.confirm')}
        value={confirmation}
        onChange={(e) => onConfirmationChange(e.currentTarget.value)}
        error={showErrors && !problem && password !== confirmation ? t('password.mismatch') : undefined}
        autoComplete="new-password"
        required
        data-testid="confirm-password"
      />
    </Stack>
  );
}
