// The access-matrix row check itself (harness.mjs accessRowViolations), without a server:
// a refused request that changed something must be reported, and a change that only
// midnight made (a date the answers derive from, such as "due in N days") must not.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { accessRowViolations } from './harness.mjs';

const problem = (status) => ({ status, contentType: 'application/problem+json', json: { type: 'urn:wijkkader:problem:forbidden' } });

/** One caller refused with 403; `during` runs while the request is served. */
function matrix({ during, today }) {
  let state = 1;
  const client = { request: async () => { during({ set: (v) => { state = v; } }); return problem(403); } };
  return {
    row: { ep: 'POST /x', target: 't', req: () => ['POST', '/x', {}], expect: () => 403 },
    ctx: { keys: ['coach'], clients: { coach: client }, label: (k) => k, snapshot: async () => ({ state }), today, missing: (p) => p },
  };
}

describe('an access-matrix row', () => {
  it('reports a refused request that changed something within one day', async () => {
    const { row, ctx } = matrix({ during: (s) => s.set(2), today: () => '2026-12-07' });
    const v = await accessRowViolations(row, ctx);
    assert.deepEqual(v, ['POST /x as coach on t: the refused request (403) changed something']);
  });

  it('does not compare snapshots taken on both sides of midnight', async () => {
    let day = '2026-12-07';
    const { row, ctx } = matrix({ during: (s) => { s.set(2); day = '2026-12-08'; }, today: () => day });
    assert.deepEqual(await accessRowViolations(row, ctx), []);
  });

  it('passes a refused request that changed nothing', async () => {
    const { row, ctx } = matrix({ during: () => {}, today: () => '2026-12-07' });
    assert.deepEqual(await accessRowViolations(row, ctx), []);
  });
});
