import { useState } from 'react';
import { useStructureChangeMutation, type StructureChange } from '../api';

/** One change to the plan structure, with its failure kept for the form to show. */
export function useStructureChange() {
  const [change, state] = useStructureChangeMutation();
  const [error, setError] = useState<unknown>(null);
  const run = async (call: StructureChange): Promise<unknown> => {
    setError(null);
    const result = await change(call);
    if ('error' in result) {
      setError(result.error);
      return null;
    }
    return result.data ?? true;
  };
  return { run, error, busy: state.isLoading };
}

/** The id of a record a save returned. */
export const savedId = (value: unknown): string | null => (value && typeof value === 'object' && 'id' in value && typeof value.id === 'string' ? value.id : null);
