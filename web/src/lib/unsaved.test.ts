import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isChanged, sameValues } from './unsaved';

describe('sameValues / isChanged: what counts as unsaved work', () => {
  it('compares a form state by value, not by identity', () => {
    const saved = { title: 'Schulden in Noord', ids: [1, 2], filter: { from: '01-01-2025', q: '' }, signed: false };
    expect(sameValues(saved, { ...saved, ids: [1, 2], filter: { ...saved.filter } })).toBe(true);
    expect(isChanged(saved, structuredClone(saved))).toBe(false);
  });

  it('typing and undoing back to the saved value is no change', () => {
    const saved = { title: 'Huurachterstand', plan: 'Afspraken' };
    let now = { ...saved, plan: 'Afspraken met de corporatie' };
    expect(isChanged(saved, now)).toBe(true);
    now = { ...now, plan: 'Afspraken' };
    expect(isChanged(saved, now)).toBe(false);
  });

  it('sees every difference: text, a number for a string, a longer list, another order, a nested field', () => {
    expect(isChanged({ a: 'x' }, { a: 'x ' })).toBe(true);
    expect(isChanged({ a: 1 }, { a: '1' })).toBe(true);
    expect(isChanged({ ids: [1] }, { ids: [1, 2] })).toBe(true);
    expect(isChanged({ ids: [1, 2] }, { ids: [2, 1] })).toBe(true);
    expect(isChanged({ f: { q: '' } }, { f: { q: 'woning' } })).toBe(true);
    expect(isChanged({ a: null }, { a: '' })).toBe(true);
    expect(isChanged({ a: [] }, { a: {} })).toBe(true);
  });

  it('counts a key whose value is undefined as absent', () => {
    expect(sameValues({ a: 1, b: undefined }, { a: 1 })).toBe(true);
  });
});

/**
 * A browser's history and location, as far as the router uses them: entries with
 * their state, pushState/replaceState, go() firing popstate a moment later.
 */
function fakeWindow(start: string) {
  const entries: { url: string; state: unknown }[] = [{ url: start, state: null }];
  let pos = 0;
  const popListeners: ((e: { state: unknown }) => void)[] = [];
  const url = () => new URL(entries[pos]!.url, 'http://wijkkader.test');
  const win = {
    location: {
      get pathname() {
        return url().pathname;
      },
      get search() {
        return url().search;
      },
    },
    history: {
      get state() {
        return entries[pos]!.state;
      },
      pushState(state: unknown, _title: string, to: string) {
        entries.splice(pos + 1);
        entries.push({ url: to, state });
        pos += 1;
      },
      replaceState(state: unknown, _title: string, to?: string) {
        entries[pos] = { url: to ?? entries[pos]!.url, state };
      },
      go: vi.fn((delta: number) => {
        pos += delta;
        setTimeout(() => popListeners.forEach((l) => l({ state: entries[pos]!.state })), 0);
      }),
    },
    addEventListener(type: string, l: (e: { state: unknown }) => void) {
      if (type === 'popstate') popListeners.push(l);
    },
    /** The user presses the browser's back (-1) or forward (+1) button. */
    press(delta: number) {
      pos += delta;
      popListeners.forEach((l) => l({ state: entries[pos]!.state }));
    },
    /** The user follows an in-page link (#…): a new entry without state. */
    fragment(hash: string) {
      entries.splice(pos + 1);
      entries.push({ url: url().pathname + url().search + hash, state: null });
      pos += 1;
      popListeners.forEach((l) => l({ state: null }));
    },
    path: () => url().pathname + url().search,
  };
  return win;
}

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('the router with unsaved work', () => {
  let win: ReturnType<typeof fakeWindow>;
  let router: typeof import('./router');
  let dirty: boolean;
  let remove: () => void;

  beforeEach(async () => {
    vi.resetModules();
    win = fakeWindow('/casussen/7');
    vi.stubGlobal('window', win);
    router = await import('./router');
    dirty = false;
    remove = router.addLeaveBlocker(() => dirty);
  });

  afterEach(() => {
    remove();
    vi.unstubAllGlobals();
  });

  it('goes without asking while nothing is changed', () => {
    router.navigate('/casussen');
    expect(win.path()).toBe('/casussen');
    expect(router.askingToLeave()).toBe(false);
  });

  it('asks before leaving with unsaved work; "Blijven" stays, "Verlaten zonder opslaan" goes', () => {
    dirty = true;
    router.navigate('/casussen');
    expect(router.askingToLeave()).toBe(true);
    expect(win.path()).toBe('/casussen/7');
    router.answerLeave(false);
    expect(router.askingToLeave()).toBe(false);
    expect(win.path()).toBe('/casussen/7');

    router.navigate('/casussen');
    router.answerLeave(true);
    expect(win.path()).toBe('/casussen');
  });

  it('after a save the page is clean again: the next navigation goes without asking', () => {
    dirty = true;
    router.navigate('/casussen');
    router.answerLeave(false);
    dirty = false; // what the page says once its save came back
    router.navigate('/casussen');
    expect(router.askingToLeave()).toBe(false);
    expect(win.path()).toBe('/casussen');
  });

  it('does not ask when the page has just saved (ask: false), for a redirect, or for the same address', () => {
    dirty = true;
    router.navigate('/casussen/7');
    expect(router.askingToLeave()).toBe(false);
    router.navigate('/verhalen/3', { ask: false });
    expect(win.path()).toBe('/verhalen/3');
    router.navigate('/inloggen', { replace: true });
    expect(win.path()).toBe('/inloggen');
    expect(router.askingToLeave()).toBe(false);
  });

  it('asks before logging out (whenLeaving) and logs out only after "Verlaten zonder opslaan"', () => {
    const logout = vi.fn();
    dirty = true;
    router.whenLeaving(logout);
    expect(logout).not.toHaveBeenCalled();
    router.answerLeave(true);
    expect(logout).toHaveBeenCalledOnce();
  });

  it('undoes the browser\'s back button while asking, and goes back after "Verlaten zonder opslaan"', async () => {
    router.navigate('/casussen/8');
    const shown = router.navigationCount();
    dirty = true;
    win.press(-1);
    expect(router.askingToLeave()).toBe(true);
    expect(win.history.go).toHaveBeenLastCalledWith(1);
    await tick();
    expect(win.path()).toBe('/casussen/8');
    expect(router.navigationCount()).toBe(shown);

    router.answerLeave(false);
    expect(win.path()).toBe('/casussen/8');

    win.press(-1);
    await tick();
    router.answerLeave(true);
    expect(win.history.go).toHaveBeenLastCalledWith(-1);
    await tick();
    expect(win.path()).toBe('/casussen/7');
    expect(router.navigationCount()).toBe(shown + 1);
    expect(router.askingToLeave()).toBe(false);
  });

  it('an in-page link (#…) does not leave the page', () => {
    dirty = true;
    win.fragment('#kassabon');
    expect(router.askingToLeave()).toBe(false);
    expect(win.history.go).not.toHaveBeenCalled();
  });
});
