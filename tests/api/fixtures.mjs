// Shared fixtures of the API tests: the hand-made cases in the shape of the model
// report's tables (their figures are computed by hand in the tests that use them), and
// what the spreadsheet exports need: a GET that keeps the bytes, a small CSV reader and
// a small zip reader for the .xlsx answers, and `readXlsx`, which opens a workbook in an
// independent strict reader (tests/readers/xlsx_read.py: expat and openpyxl).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { checkContract } from './harness.mjs';

const XLSX_READER = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'readers', 'xlsx_read.py');

/**
 * Opens an .xlsx workbook with an independent strict reader (every XML part must be
 * well-formed; openpyxl must load it without a warning). Returns
 * `{ sheets: [{ name, rows: [[cell, ...], ...] }] }` with numbers as numbers.
 */
export function readXlsx(buf) {
  const r = spawnSync('/usr/bin/python3', [XLSX_READER, '-'], { input: buf, maxBuffer: 256 * 1024 * 1024 });
  assert.equal(r.status, 0, `the workbook does not open in a strict reader: ${r.stderr || r.error}`);
  return JSON.parse(r.stdout.toString('utf8'));
}

// Programme "Doorstroomwoningen" (start 2016-01-01), groups Woning A/B/C and cases
// without a group. Team A / B are the first two demo teams. Amounts are euro cents per
// year: [category label, payer label, description, amount].
// `create`: the status given on POST; `changes`: later PATCHes [status, status_date].
export const FIXTURE = [
  { ref: 'DW-A1', team: 'A', group: 'Woning A', start: '2016-03-01', create: ['afgerond', '2016-12-01'], changes: [],
    oud: [['maatschappelijke opvang', 'gemeente', 'Opvang voorkomen', 240000]],
    nieuw: [['inzet wijkcoach', 'gemeente', 'Inzet coach', 31100]] },
  { ref: 'DW-A2', team: 'B', group: 'Woning A', start: '2016-05-01', changes: [['zo_goed_als_afgerond', '2017-10-01']],
    oud: [['huurachterstand / ontruiming', 'woningcorporatie', 'Ontruiming voorkomen', 150000], ['uitkering', 'Rijk', 'Uitkering', 66000]],
    nieuw: [['schuldhulpverlening', 'gemeente', 'Schuldhulp', 56000]] },
  { ref: 'DW-A3', team: 'A', group: 'Woning A', start: '2017-02-01', changes: [],
    oud: [['crisisopvang', 'gemeente', '', 500000]],
    nieuw: [['maatwerkbudget', 'gemeente', '', 100000]] },
  { ref: 'DW-B1', team: 'A', group: 'Woning B', start: '2016-09-01', changes: [['afgerond', '2017-06-30']],
    oud: [['GGZ / verslavingszorg', 'zorgverzekeraar', 'Opname voorkomen', 120000]],
    nieuw: [['beschermd wonen', 'gemeente', 'Beschermd wonen', 180000], ['inzet wijkcoach', 'gemeente', 'Coach', 25050]] },
  { ref: 'DW-B2', team: 'B', group: 'Woning B', start: '2017-01-15', changes: [['afgerond', '2018-03-01']],
    oud: [['jeugdbescherming', 'gemeente', '', 900000], ['uithuisplaatsing', 'gemeente', '', 1200000]],
    nieuw: [['jeugdhulp (tweede lijn)', 'gemeente', '', 350000], ['huishoudelijke hulp', 'gemeente', '', 40000]] },
  { ref: 'DW-C1', team: 'A', group: 'Woning C', start: '2017-03-01', changes: [['zo_goed_als_afgerond', '2017-11-15']],
    oud: [['politie / justitie', 'Rijk', '', 75000], ['Wmo-begeleiding', 'gemeente', '', 48000], ['bijzondere bijstand', 'gemeente', '', 12345]],
    nieuw: [['Wmo-begeleiding', 'gemeente', '', 24000], ['overig', 'overig', '', 5000]] },
  { ref: 'DW-C2', team: 'B', group: 'Woning C', start: '2016-02-01', changes: [['zo_goed_als_afgerond', '2016-11-01'], ['afgerond', '2017-04-01']],
    oud: [['maatschappelijke opvang', 'gemeente', '', 1800000], ['huurachterstand / ontruiming', 'woningcorporatie', '', 350000]],
    nieuw: [['inzet wijkcoach', 'gemeente', '', 150000], ['maatwerkbudget', 'woningcorporatie', '', 50000]] },
  { ref: 'DW-X1', team: 'A', group: null, start: '2017-01-01', changes: [['afgerond', '2017-08-01']],
    oud: [['uitkering', 'Rijk', '', 1440000]],
    nieuw: [] },
  { ref: 'DW-X2', team: 'B', group: null, start: '2018-02-01', changes: [],
    oud: [['overig', 'gemeente', '', 10000]],
    nieuw: [] },
];

export const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** GET as bytes (fetch's text() would drop a BOM): {status, contentType, headers, buf, text}. */
export async function getBytes(client, path, timeoutMs = 30_000) {
  const res = await fetch(client.baseUrl + path, { headers: { Cookie: client.cookieHeader() }, signal: AbortSignal.timeout(timeoutMs) });
  const buf = Buffer.from(await res.arrayBuffer());
  const answer = { status: res.status, contentType: res.headers.get('content-type') || '', headers: res.headers, buf, text: buf.toString('utf8'), method: 'GET', path };
  // The files too: their status and content type are held to docs/openapi.json.
  let json;
  if (answer.contentType.includes('json')) { try { json = JSON.parse(answer.text); } catch { json = undefined; } }
  checkContract({ ...answer, json });
  return answer;
}

/** A small CSV reader (quotes, "" and line breaks inside quotes) for the exports. */
export function parseCsv(text, sep) {
  const rows = [];
  let row = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i += 1; continue; }
      field += c; i += 1; continue;
    }
    if (c === '"') { quoted = true; i += 1; continue; }
    if (c === sep) { row.push(field); field = ''; i += 1; continue; }
    if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i += 2; continue; }
    if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; i += 1; continue; }
    field += c; i += 1;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

/** A minimal reader of a zip archive (central directory), for the .xlsx files. */
export function unzip(buf) {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i -= 1) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  assert.ok(eocd >= 0, 'zip: no end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries = new Map();
  for (let k = 0; k < count; k += 1) {
    assert.equal(buf.readUInt32LE(at), 0x02014b50, 'zip: central directory entry');
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.subarray(at + 46, at + 46 + nameLen).toString('utf8');
    assert.equal(buf.readUInt32LE(local), 0x04034b50, `zip: local header of ${name}`);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + size);
    entries.set(name, method === 0 ? raw : zlib.inflateRawSync(raw));
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}
