// The contract check itself (tests/api/contract.mjs), without a server: it must fail on
// an answer the document does not allow, or it proves nothing about the others.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { contract } from './contract.mjs';

const months = Array.from({ length: 12 }, (_, i) => ({ month: `2026-${String(i + 1).padStart(2, '0')}`, views: 0 }));
const views = { year: 2026, modules: [{ module: 'vertelpunt', total: 0, months }] };
const answer = (over) => ({
  method: 'GET',
  path: '/api/v1/module-views?year=2026',
  status: 200,
  contentType: 'application/json',
  json: views,
  text: JSON.stringify(views),
  ...over,
});

describe('the API contract check', () => {
  it('passes an answer the document describes', () => {
    assert.deepEqual(contract().violations(answer({})), []);
  });

  it('fails an answer with a field the schema does not allow', () => {
    const extra = { ...views, modules: [{ ...views.modules[0], extra: 1 }] };
    const v = contract().violations(answer({ json: extra, text: JSON.stringify(extra) }));
    assert.equal(v.length, 1, v.join('\n'));
    assert.match(v[0], /\/modules\/0 must NOT have additional properties 'extra'/);
  });

  it('fails a missing field, a wrong type and a null where none is allowed', () => {
    const bad = { year: '2026', modules: [{ module: null, total: 0, months }] };
    const v = contract().violations(answer({ json: bad, text: JSON.stringify(bad) }));
    assert.ok(v.some((x) => /\/year must be integer/.test(x)), v.join('\n'));
    assert.ok(v.some((x) => /\/modules\/0\/module must be string/.test(x)), v.join('\n'));
  });

  it('fails a status the operation does not list, and a body where it says none', () => {
    assert.match(contract().violations(answer({ status: 409 }))[0], /status 409 is not documented/);
    const v = contract().violations(answer({ method: 'POST', status: 204 }));
    assert.match(v[0], /the document says no body/);
  });

  it('fails an empty answer where the document describes a body', () => {
    assert.match(contract().violations(answer({ json: undefined, text: '' }))[0], /the server sent none/);
  });

  it('checks problem answers against the Problem schema, and their status', () => {
    const wrong = { type: 'urn:wijkkader:problem:forbidden', title: 'Geen toegang', status: 404, detail: 'x' };
    assert.match(
      contract().violations(
        answer({ status: 403, contentType: 'application/problem+json', json: wrong, text: JSON.stringify(wrong) }),
      )[0],
      /the problem's status is 404/,
    );
    const problem = { type: 'urn:wijkkader:problem:forbidden', title: 'Geen toegang', status: 403 };
    const v = contract().violations(
      answer({ status: 403, contentType: 'application/problem+json', json: problem, text: JSON.stringify(problem) }),
    );
    assert.match(v.join('\n'), /must have required property 'detail'/);
  });

  it('finds the template of a concrete path, literal segments first', () => {
    assert.equal(contract().templateOf('/api/v1/knowledge/search?q=x'), '/api/v1/knowledge/search');
    assert.equal(contract().templateOf('/api/v1/knowledge/12'), '/api/v1/knowledge/{id}');
    assert.equal(contract().templateOf('/api/v1/nothing'), null);
  });
});
