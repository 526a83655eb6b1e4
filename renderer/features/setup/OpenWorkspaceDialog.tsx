import { useState } from 'react';
import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSelectWorkspaceMutation } from '../../app/api';
import { ErrorAlert } from '../../components/ErrorAlert';

/**
 * Points the core at another workspace folder. A folder path typed by hand: the renderer has no file
 * system access, and browser mode has no native folder picker.
 */
export function OpenWorkspaceDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [path, setPath] = useState('');
  const [selectWorkspace, { isLoading, error, reset }] = useSelectWorkspaceMutation();

  const close = () => {
    reset();
    onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title={t('setup.open.title')} size="lg">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!path.trim()) return;
          selectWorkspace({ path: path.trim() })
            .unwrap()
            .then(close)
            .catch(() => undefined);
        }}
      >
        <Stack gap="sm">
          <TextInput
            label={t('setup.open.path')}
            description={t('setup.open.pathHelp')}
            value={path}
            onChange={(e) => setPath(e.currentTarget.value)}
            required
            data-autofocus
            spellCheck={false}
            data-testid="workspace-path"
          />
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={isLoading} disabled={!path.trim()}>
              {t('setup.open.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
