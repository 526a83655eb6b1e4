import { useState } from 'react';
import { Button, Code, Group, Paper, Stack, Stepper, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { Organisation } from '../../../shared/domain/organisation';
import { useCreateWorkspaceMutation, useOpenDemoMutation, useSetOwnLanguageMutation } from '../../app/api';
import { currentLanguage } from '../../app/language';
import { setupFinished } from '../../app/sessionSlice';
import { selectStatus, useAppDispatch, useAppSelector } from '../../app/store';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PublicScreen } from '../../components/PublicScreen';
import { AdministratorStep, type AdministratorDraft } from './AdministratorStep';
import { OpenWorkspaceDialog } from './OpenWorkspaceDialog';
import { OrganisationStep, emptyOrganisation } from './OrganisationStep';
import { RecoveryCodeStep } from './RecoveryCodeStep';

/**
 * First run (state `no_workspace`): organisation, first administrator, recovery code. The wizard
 * stays on screen after the workspace exists until the recovery code is confirmed (sessionSlice).
 */
export function SetupWizard() {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const status = useAppSelector(selectStatus);
  const [step, setStep] = useState(0);
  const [organisation, setOrganisation] = useState<Organisation | null>(null);
  const [recoveryCode, setRecoveryCode] = useState<string | null>(null);
  const [openDialog, { open: showOpenDialog, close: closeOpenDialog }] = useDisclosure(false);
  const [createWorkspace, creation] = useCreateWorkspaceMutation();
  const [openDemo, demo] = useOpenDemoMutation();
  const [setOwnLanguage, languageSaving] = useSetOwnLanguageMutation();

  const create = (admin: AdministratorDraft) => {
    if (!organisation) return;
    createWorkspace({ organisation, admin })
      .unwrap()
      .then((result) => {
        setRecoveryCode(result.recoveryCode);
        setStep(2);
      })
      .catch(() => undefined);
  };

  const finish = () => {
    // The administrator set the workspace up in this language; keep it as theirs.
    setOwnLanguage({ language: currentLanguage(i18n) })
      .unwrap()
      .catch(() => undefined)
      .finally(() => dispatch(setupFinished()));
  };

  const otherOptions =
    step < 2 ? (
      <Paper withBorder p="md" component="section" aria-labelledby="setup-other-title">
        <Title order={2} fz="h4" id="setup-other-title" mb="xs">
          {t('setup.other.title')}
        </Title>
        <Text size="sm" mb="sm">
          {t('setup.other.location')} <Code data-testid="workspace-location">{status?.workspacePath ?? ''}</Code>
        </Text>
        <Group gap="sm">
          <Button variant="default" onClick={showOpenDialog} data-testid="open-existing">
            {t('setup.other.openExisting')}
          </Button>
          <Button variant="default" onClick={() => void openDemo().unwrap().catch(() => undefined)} loading={demo.isLoading} data-testid="open-demo">
            {t('setup.other.openDemo')}
          </Button>
        </Group>
        {demo.error ? (
          <Stack mt="sm">
            <ErrorAlert error={demo.error} />
          </Stack>
        ) : null}
        <OpenWorkspaceDialog opened={openDialog} onClose={closeOpenDialog} />
      </Paper>
    ) : undefined;

  return (
    <PublicScreen title={t('setup.title')} aside={otherOptions}>
      <Text mb="lg">{t('setup.intro')}</Text>
      <Stepper active={step} allowNextStepsSelect={false} size="sm">
        <Stepper.Step label={t('setup.steps.organisation')} description={t('setup.steps.organisationHelp')}>
          <OrganisationStep
            initial={organisation ?? emptyOrganisation}
            onNext={(value) => {
              setOrganisation(value);
              setStep(1);
            }}
          />
        </Stepper.Step>
        <Stepper.Step label={t('setup.steps.administrator')} description={t('setup.steps.administratorHelp')}>
          <AdministratorStep busy={creation.isLoading} error={creation.error} onBack={() => setStep(0)} onCreate={create} />
        </Stepper.Step>
        <Stepper.Step label={t('setup.steps.recovery')} description={t('setup.steps.recoveryHelp')}>
          {recoveryCode && (
            <RecoveryCodeStep
              recoveryCode={recoveryCode}
              organisationName={organisation?.name ?? ''}
              finishing={languageSaving.isLoading}
              onFinish={finish}
            />
          )}
        </Stepper.Step>
      </Stepper>
    </PublicScreen>
  );
}
