import { TextInput } from '@mantine/core';
import { FilePath } from '../../../shared/contract/exchange';

/**
 * A file or folder path on the computer running Counterpart. The core reads and writes the files
 * itself, so it needs a full path; in the desktop app this is where a file dialog's answer lands, in
 * browser mode the person types or pastes it.
 */
export function PathInput(props: { label: string; description: string; value: string; onChange: (value: string) => void; error?: string | null; testId: string; optional?: boolean }) {
  return (
    <TextInput
      label={props.label}
      description={props.description}
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value)}
      error={props.error ?? undefined}
      required={!props.optional}
      spellCheck={false}
      autoComplete="off"
      data-testid={props.testId}
      styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
    />
  );
}

export const isFullPath = (value: string): boolean => FilePath.safeParse(value.trim()).success;
