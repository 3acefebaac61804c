import { describe, expect, it } from 'vitest';
import { placeProblem, startLoad, unlessStale } from './hooks';

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('unlessStale', () => {
  it('hands on the answer, then says it is done', async () => {
    const seen: string[] = [];
    unlessStale(Promise.resolve(7), { ok: (v) => seen.push(`ok ${v}`), done: () => seen.push('done') });
    await tick();
    expect(seen).toEqual(['ok 7', 'done']);
  });

  it('hands on a failure', async () => {
    const seen: unknown[] = [];
    unlessStale(Promise.reject(new Error('weg')), {
      ok: () => seen.push('ok'),
      fail: (e) => seen.push((e as Error).message),
    });
    await tick();
    expect(seen).toEqual(['weg']);
  });

  it('drops the answer to a question asked again before it came', async () => {
    const seen: string[] = [];
    let answer!: (v: string) => void;
    const cancel = unlessStale(new Promise<string>((r) => (answer = r)), {
      ok: (v) => seen.push(v),
      fail: () => seen.push('fail'),
      done: () => seen.push('done'),
    });
    unlessStale(Promise.resolve('new'), { ok: (v) => seen.push(v) });
    cancel();
    answer('old');
    await tick();
    expect(seen).toEqual(['new']);
  });

  it('drops a late failure too, without an unhandled rejection', async () => {
    const seen: string[] = [];
    const cancel = unlessStale(Promise.reject(new Error('late')), {
      ok: () => seen.push('ok'),
      fail: () => seen.push('fail'),
    });
    cancel();
    await tick();
    expect(seen).toEqual([]);
  });
});

describe('startLoad (the effect of useLoad)', () => {
  it('is busy while the request runs, and not after its answer', async () => {
    const busy: boolean[] = [];
    const seen: number[] = [];
    startLoad(
      () => Promise.resolve(3),
      { ok: (v) => seen.push(v) },
      (b) => busy.push(b),
    );
    expect(busy).toEqual([true]);
    await tick();
    expect(seen).toEqual([3]);
    expect(busy).toEqual([true, false]);
  });

  it('is not busy when the question changed to nothing while a request ran', async () => {
    const busy: boolean[] = [];
    const cleanUp = startLoad(
      () => new Promise<number>(() => {}),
      { ok: () => {} },
      (b) => busy.push(b),
    );
    cleanUp?.();
    expect(
      startLoad(
        () => null,
        { ok: () => {} },
        (b) => busy.push(b),
      ),
    ).toBeUndefined();
    await tick();
    expect(busy.at(-1)).toBe(false);
  });
});

describe('placeProblem', () => {
  const shown = {
    message: 'De invoer is niet geldig.',
    fields: { name: 'Verplicht.', start_date: 'Geen datum.', x: 'Onbekend.' },
  };

  it('puts the server field messages under the form names, the rest in the message', () => {
    expect(placeProblem(shown, { name: 'name', start_date: 'startDate' })).toEqual({
      message: 'De invoer is niet geldig. x: Onbekend.',
      fields: { name: 'Verplicht.', startDate: 'Geen datum.' },
    });
  });

  it('keeps the names when the form uses the API names', () => {
    expect(placeProblem(shown, ['name', 'start_date', 'x'])).toEqual({ message: shown.message, fields: shown.fields });
  });

  it('says all in the message when the form has no fields for it', () => {
    expect(placeProblem({ message: null, fields: { a: 'A.' } }, [])).toEqual({ message: 'a: A.', fields: {} });
  });
});
