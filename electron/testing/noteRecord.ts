import { z } from 'zod';
import { RecordRegistry } from '../store/records';

/** A small record type for tests of the generic write path (real features register their own). */
export const NoteData = z.object({ title: z.string().min(1), body: z.string().default(''), tags: z.array(z.string()).default([]) });

export const testRegistry = (): RecordRegistry => new RecordRegistry().register({ type: 'note', schema: NoteData, personalData: false });
