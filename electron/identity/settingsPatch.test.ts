import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract, type MethodName } from '../../shared/contract';
import { patchOf } from '../../shared/domain/cases/common';
import { newWorkspace, unwrap } from '../testing/fixtures';

/** zod 4's `.partial()` keeps `.default()`s: a patch parsed with it would name (and reset) fields it never sent. */
const patchInputs = (): [string, z.ZodObject][] => {
  const found: [string, z.ZodObject][] = [];
  for (const m of Object.keys(contract) as MethodName[]) {
    const input = contract[m].input;
    if (!(input instanceof z.ZodObject)) continue;
    if (m === 'settings.update') found.push([m, input]);
    const patch = (input.shape as Record<string, z.ZodType>).patch;
    let inner: unknown = patch;
    while (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable) inner = inner.unwrap();
    if (inner instanceof z.ZodObject) found.push([`${m}.patch`, inner]);
  }
  return found;
};

/** A field of a patch that, left out, still comes out with a value. */
const fillsIn = (field: z.ZodType): boolean => {
  const parsed = field.safeParse(undefined);
  return !(parsed.success && parsed.data === undefined);
};

describe('partial changes name only what they change', () => {
  it('the check catches `.partial()` over a default (the zod 4 trap) and passes patchOf', () => {
    const WithDefault = z.object({ idleMinutes: z.number().int(), language: z.string().default('en') });
    expect(fillsIn(WithDefault.partial().shape.language)).toBe(true);
    expect(WithDefault.partial().parse({ idleMinutes: 5 })).toEqual({ idleMinutes: 5, language: 'en' });
    expect(fillsIn(patchOf(WithDefault).shape.language)).toBe(false);
    expect(patchOf(WithDefault).parse({ idleMinutes: 5 })).toEqual({ idleMinutes: 5 });
  });

  it('no patch schema of the contract fills in a default for a field the change leaves out', () => {
    const patches = patchInputs();
    expect(patches.map(([name]) => name)).toContain('settings.update');
    for (const [name, schema] of patches) {
      for (const [field, fieldSchema] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
        expect(fillsIn(fieldSchema), `${name}.${field} fills in a value when left out`).toBe(false);
      }
    }
  });

  it('an administrator changing no setting leaves the idle minutes set before', async () => {
    const { core } = await newWorkspace();
    unwrap(await core.dispatcher.dispatch('settings.update', { idleMinutes: 42 }));
    expect(unwrap(await core.dispatcher.dispatch('settings.update', {}))).toEqual({ idleMinutes: 42 });
    expect(unwrap(await core.dispatcher.dispatch('settings.get', {}))).toEqual({ idleMinutes: 42 });
    expect(await core.dispatcher.dispatch('settings.update', { idleMinutes: 0 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});
