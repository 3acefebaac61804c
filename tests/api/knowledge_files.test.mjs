// Kennisbank attachments (docs/openapi.json, /api/v1/knowledge/{id}/attachments): the file is the raw body, its name a query parameter; PDF, DOCX, XLSX, PNG,
// JPEG, GIF and WebP are recognised by their content, whatever the name or Content-Type
// say (415 otherwise: SVG, HTML, an executable, a plain ZIP, a macro-enabled Word file,
// a PDF named x.exe); the download gives back the same bytes with the detected type,
// `Content-Disposition` (attachment, images inline) with an RFC 6266 `filename*`, and
// `X-Content-Type-Options: nosniff`. Editors upload and delete; who may read the item
// may download; an archived item is 409; at most 20 per item; everything audited
// (`knowledge_attachment`). Sizes: up to `--max-upload-bytes` (413 beyond, on servers of
// their own).
//
// The Office files are built here as minimal stored (uncompressed) ZIP archives with a
// central directory, which is what the server reads.
import { describe } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import {
  it, before, after, whyNot, startServer, addUser, addOrg, Client, DEMO_ORG_SLUG, expectStatus, assertProblem,
  assertValidation, show, ISO_UTC, rawRequest,
} from './harness.mjs';
import { getBytes, unzip } from './fixtures.mjs';

const MISSING_ID = 987654321;
const ATTACHMENT_KEYS = ['content_type', 'id', 'name', 'size', 'uploaded_at', 'uploaded_by'];
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// ------------------------------------------------------------------ files

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A ZIP archive of stored (uncompressed) entries: [[name, content], …]. */
function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const nameBuf = Buffer.from(name, 'utf8');
    const data = Buffer.from(content);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt32LE(0, 10); // time, date
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by
    central.writeUInt16LE(20, 6); // needed
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt32LE(0, 12);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, data);
    centrals.push(central, nameBuf);
    offset += local.length + nameBuf.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const CONTENT_TYPES = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';
const DOCX = zip([
  ['[Content_Types].xml', CONTENT_TYPES],
  ['_rels/.rels', '<?xml version="1.0"?><Relationships/>'],
  ['word/document.xml', '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Hallo</w:t></w:r></w:p></w:body></w:document>'],
]);
const XLSX = zip([
  ['[Content_Types].xml', CONTENT_TYPES],
  ['xl/workbook.xml', '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'],
  ['xl/worksheets/sheet1.xml', '<?xml version="1.0"?><worksheet/>'],
]);
const DOCM = zip([
  ['[Content_Types].xml', CONTENT_TYPES],
  ['word/document.xml', '<?xml version="1.0"?><w:document/>'],
  ['word/vbaProject.bin', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])],
]);
const XLSM = zip([
  ['[Content_Types].xml', CONTENT_TYPES],
  ['xl/workbook.xml', '<?xml version="1.0"?><workbook/>'],
  ['xl/vbaProject.bin', 'macro'],
]);
const PLAIN_ZIP = zip([['notities.txt', 'Gewoon een zip.'], ['word/document.xml', '<w:document/>']]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
// A real 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), Buffer.alloc(16, 1), Buffer.from([0xff, 0xd9])]);
const GIF = Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.from([1, 0, 1, 0, 0, 0, 0, 0x3b])]);
const WEBP = Buffer.concat([Buffer.from('RIFF', 'latin1'), Buffer.from([20, 0, 0, 0]), Buffer.from('WEBPVP8 ', 'latin1'), Buffer.alloc(12)]);
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>');
const HTML = Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>');
const EXE = Buffer.concat([Buffer.from('MZ', 'latin1'), Buffer.alloc(62), Buffer.from('PE\0\0', 'latin1')]);

const sha256 = (buf) => crypto.createHash('sha256').update(buf).digest('hex');
/** The RFC 8187 encoding the server uses for filename*: unreserved letters, digits, . - _ kept. */
const rfc8187 = (name) => [...Buffer.from(name, 'utf8')].map((b) => (/[A-Za-z0-9._-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');

function keys(obj, expected, where) {
  assert.ok(obj && typeof obj === 'object', `${where}: an object`);
  assert.deepEqual(Object.keys(obj).sort(), [...expected].sort(), `${where}: keys`);
}

describe('Kennisbank attachments', { skip: whyNot }, () => {
  let server;
  const c = {};
  const id = {};
  const name = {};

  const upload = (itemId, client, body, fileName, options = {}) => {
    const q = fileName === undefined ? '' : `?name=${encodeURIComponent(fileName)}`;
    return client.request('POST', `/api/v1/knowledge/${itemId}/attachments${q}`, body, {
      raw: true, contentType: options.contentType === undefined ? 'application/octet-stream' : options.contentType, ...options,
    });
  };
  const uploadOk = async (itemId, client, body, fileName, options) => {
    const a = expectStatus(await upload(itemId, client, body, fileName, options), 201, `upload ${fileName}`);
    keys(a, ATTACHMENT_KEYS, 'Attachment');
    keys(a.uploaded_by, ['id', 'name'], 'Attachment.uploaded_by');
    assert.match(a.uploaded_at, ISO_UTC);
    return a;
  };
  const download = (itemId, attachmentId, client) => getBytes(client, `/api/v1/knowledge/${itemId}/attachments/${attachmentId}`);
  const getItem = async (itemId, client = c.q1) => expectStatus(await client.get(`/api/v1/knowledge/${itemId}`), 200, `GET ${itemId}`);
  const create = async (body = {}, client = c.q1) => expectStatus(await client.post('/api/v1/knowledge', { category: 'document', title: 'Met bijlagen', ...body }), 201);
  const published = async (body) => {
    const item = await create(body);
    expectStatus(await c.q1.post(`/api/v1/knowledge/${item.id}/submit`), 200);
    return expectStatus(await c.q2.post(`/api/v1/knowledge/${item.id}/publish`), 200);
  };
  const auditOf = async (entityId) => expectStatus(
    await c.admin.get(`/api/v1/audit?entity=knowledge_attachment&entity_id=${entityId}&limit=50`), 200).items;
  const auditHead = async () => expectStatus(await c.admin.get('/api/v1/audit?limit=1'), 200).items[0]?.id ?? 0;

  before(async () => {
    server = await startServer({ demo: true });
    const db = server.databaseUrl;
    addUser(db, { org: DEMO_ORG_SLUG, email: 'kbf-admin@example.org', name: 'Beheer Bijlagen', roles: ['admin'] });
    c.admin = await new Client(server).loginOk('kbf-admin@example.org');
    id.admin = c.admin.me.id;
    for (const [key, n, roles, teams] of [
      ['q1', 'Kwaliteit Een', ['quality'], []],
      ['q2', 'Kwaliteit Twee', ['quality'], []],
      ['coach', 'Carla Coach', ['coach'], ['Wijkteam Centrum']],
      ['coach2', 'Cees Collega', ['coach'], ['Wijkteam Centrum']],
      ['tm', 'Teun Teammanager', ['team_manager'], ['Wijkteam Centrum']],
      ['director', 'Dirk Directeur', ['director'], []],
      ['funder', 'Financier Gemeente', ['funder'], []],
      ['hr', 'Personeelszaken', ['hr'], []],
    ]) {
      id[key] = addUser(db, { org: DEMO_ORG_SLUG, email: `kbf-${key}@example.org`, name: n, roles, teams });
      name[key] = n;
      c[key] = await new Client(server).loginOk(`kbf-${key}@example.org`);
    }
    c.anon = new Client(server);
    addOrg(db, { name: 'Org B', slug: 'kbf-orgb' });
    addUser(db, { org: 'kbf-orgb', email: 'kbf-ob@orgb.example', name: 'Org B kwaliteit', roles: ['quality'] });
    c.ob = await new Client(server).loginOk('kbf-ob@orgb.example');
  });

  after(async () => {
    await server?.stop();
  });

  it('the test files are what they claim: the ZIPs read back, the PNG is a PNG', () => {
    assert.deepEqual([...unzip(DOCX).keys()], ['[Content_Types].xml', '_rels/.rels', 'word/document.xml']);
    assert.deepEqual([...unzip(XLSX).keys()], ['[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']);
    assert.ok(unzip(DOCM).has('word/vbaProject.bin'));
    assert.equal(PNG.subarray(1, 4).toString('latin1'), 'PNG');
  });

  it('PDF, PNG, DOCX, XLSX, JPEG, GIF and WebP are taken, recognised by content; the item lists them; the same bytes come back with type, disposition and nosniff; audited', async () => {
    const item = await published({ title: 'Alle soorten', owner_id: id.coach });
    const files = [
      [PDF, 'Verslag week 3.pdf', 'application/pdf', 'attachment', 'text/plain'],
      [PNG, 'foto.png', 'image/png', 'inline', 'application/pdf'],
      [DOCX, 'Werkinstructie.docx', DOCX_TYPE, 'attachment', 'application/zip'],
      [XLSX, 'Overzicht.xlsx', XLSX_TYPE, 'attachment', null],
      [JPEG, 'foto.jpeg', 'image/jpeg', 'inline', 'image/png'],
      [GIF, 'plaatje.gif', 'image/gif', 'inline', 'text/html'],
      [WEBP, 'plaatje.webp', 'image/webp', 'inline', 'application/octet-stream'],
    ];
    const made = [];
    for (const [bytes, fileName, type, disposition, sentType] of files) {
      const head = await auditHead();
      const a = await uploadOk(item.id, c.q1, bytes, fileName, { contentType: sentType });
      assert.equal(a.name, fileName);
      assert.equal(a.content_type, type, `${fileName}: the type by content, not the Content-Type sent (${sentType})`);
      assert.equal(a.size, bytes.length);
      assert.deepEqual(a.uploaded_by, { id: id.q1, name: name.q1 });
      made.push(a);
      const d = await download(item.id, a.id, c.coach2);
      assert.equal(d.status, 200, show(d));
      assert.ok(d.buf.equals(bytes), `${fileName}: the same bytes`);
      assert.equal(d.contentType, type);
      assert.equal(d.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(d.headers.get('content-disposition'), `${disposition}; filename="${fileName}"; filename*=UTF-8''${rfc8187(fileName)}`);
      assert.match(d.headers.get('cache-control') || '', /no-store/);
      assert.equal(d.headers.get('content-length'), String(bytes.length));
      const audit = await auditOf(a.id);
      assert.equal(audit.length, 1, JSON.stringify(audit));
      assert.ok(audit[0].id > head);
      assert.equal(audit[0].action, 'create');
      assert.deepEqual(audit[0].actor, { id: id.q1, name: name.q1 });
      assert.equal(audit[0].before, null);
      assert.deepEqual(audit[0].after, { item_id: item.id, file: { id: a.id, name: fileName, content_type: type, size: bytes.length, sha256: sha256(bytes) } });
    }
    const listed = (await getItem(item.id, c.tm)).attachments;
    assert.deepEqual(listed, made, 'the item lists its attachments, oldest first');
  });

  it('refused with 415 whatever the name or Content-Type say (SVG, HTML, EXE, plain ZIP, docm, xlsm, text, a PDF named .exe or .txt, a PNG named .pdf); nothing stored or audited', async () => {
    const item = await published({ title: 'Geweigerd' });
    const head = await auditHead();
    const cases = [
      [SVG, 'logo.svg', 'image/svg+xml'],
      [SVG, 'logo.png', 'image/png'],
      [HTML, 'pagina.html', 'text/html'],
      [HTML, 'verslag.pdf', 'application/pdf'],
      [EXE, 'setup.exe', 'application/octet-stream'],
      [EXE, 'verslag.pdf', 'application/pdf'],
      [PLAIN_ZIP, 'archief.zip', 'application/zip'],
      [PLAIN_ZIP, 'archief.docx', DOCX_TYPE],
      [DOCM, 'macro.docm', 'application/vnd.ms-word.document.macroEnabled.12'],
      [DOCM, 'macro.docx', DOCX_TYPE],
      [XLSM, 'macro.xlsx', XLSX_TYPE],
      [Buffer.from('Gewone tekst.\n'), 'notities.txt', 'text/plain'],
      [Buffer.from('PK\x03\x04kapot', 'latin1'), 'kapot.docx', DOCX_TYPE],
      [PDF, 'x.exe', 'application/pdf'],
      [PDF, 'notities.txt', 'application/pdf'],
      [PDF, 'verslag.docx', 'application/pdf'],
      [PNG, 'foto.pdf', 'image/png'],
      [DOCX, 'lijst.xlsx', XLSX_TYPE],
    ];
    for (const [bytes, fileName, type] of cases) {
      assertProblem(await upload(item.id, c.q1, bytes, fileName, { contentType: type }), 415, 'unsupported-media-type', `${fileName} (${bytes.subarray(0, 8).toString('latin1')}…)`);
    }
    assert.deepEqual((await getItem(item.id)).attachments, [], 'nothing stored');
    assert.equal(await auditHead(), head, 'nothing audited');
  });

  it('file names: the last path part, quotes and control characters dropped, the extension added when missing; UTF-8 in filename*', async () => {
    const item = await published({ title: 'Namen' });
    const cases = [
      [PDF, '../../etc/Verslag.pdf', 'Verslag.pdf'],
      [PDF, 'C:\\Users\\coach\\Notulen.PDF', 'Notulen.pdf'],
      [PDF, 'Verslag', 'Verslag.pdf'],
      [PDF, 'Verslag v2.1', 'Verslag v2.1.pdf'],
      [PDF, 'rapport "definitief".pdf', 'rapport definitief.pdf'],
      [PDF, 'tab\there\u0001.pdf', 'tabhere.pdf'],
      [PDF, '.pdf', 'bijlage.pdf'],
      [JPEG, 'foto', 'foto.jpg'],
      [JPEG, 'foto.JPG', 'foto.jpg'],
      [PDF, `${'a'.repeat(200)}.pdf`, `${'a'.repeat(116)}.pdf`],
      [PDF, `${'é'.repeat(100)}.pdf`, `${'é'.repeat(58)}.pdf`],
    ];
    for (const [bytes, sent, want] of cases) {
      const a = await uploadOk(item.id, c.q1, bytes, sent);
      assert.equal(a.name, want, JSON.stringify(sent));
    }
    const week = 'Week 3 – verslag.pdf';
    const a = await uploadOk(item.id, c.q1, PDF, week);
    assert.equal(a.name, week);
    const d = await download(item.id, a.id, c.coach);
    assert.equal(d.headers.get('content-disposition'), 'attachment; filename="Week 3 _ verslag.pdf"; filename*=UTF-8\'\'Week%203%20%E2%80%93%20verslag.pdf');
    const encoded = /filename\*=UTF-8''(.*)$/.exec(d.headers.get('content-disposition'))[1];
    assert.equal(decodeURIComponent(encoded), week, 'filename* decodes to the name');
  });

  it('an empty body 422, no or an overlong name 400, a missing item 404; nothing stored', async () => {
    const item = await published({ title: 'Leeg' });
    const head = await auditHead();
    assertValidation(await upload(item.id, c.q1, Buffer.alloc(0), 'leeg.pdf'), ['file'], 'empty body');
    assertProblem(await upload(item.id, c.q1, PDF, undefined), 400, 'bad-request', 'no name');
    assertProblem(await upload(item.id, c.q1, PDF, ''), 400, 'bad-request', 'an empty name');
    assertProblem(await upload(item.id, c.q1, PDF, `${'n'.repeat(252)}.pdf`), 400, 'bad-request', 'a name of 256 bytes');
    assertProblem(await upload(MISSING_ID, c.q1, PDF, 'x.pdf'), 404, 'not-found', 'missing item');
    assertProblem(await upload(item.id, c.q1, PDF, 'x.pdf', { csrf: false }), 403, 'csrf', 'no CSRF token');
    assert.deepEqual((await getItem(item.id)).attachments, []);
    assert.equal(await auditHead(), head);
    const ok = await uploadOk(item.id, c.q1, PDF, `${'n'.repeat(251)}.pdf`);
    assert.equal(ok.name.length, 120, 'a name of 255 bytes is taken, kept to 120 characters');
  });

  it('who: editors (quality, the owner) upload and delete; readers download but get 403 on upload and delete; unseen items 404; the funder 403; no session 401', async () => {
    const pub = await published({ title: 'Van de coach', owner_id: id.coach });
    const concept = await create({ title: 'Concept met bijlage' });
    const byOwner = await uploadOk(pub.id, c.coach, PNG, 'door-eigenaar.png');
    assert.deepEqual(byOwner.uploaded_by, { id: id.coach, name: name.coach });
    const inConcept = await uploadOk(concept.id, c.q1, PDF, 'concept.pdf');
    const head = await auditHead();
    for (const key of ['coach2', 'tm', 'director', 'hr', 'admin']) {
      const d = await download(pub.id, byOwner.id, c[key]);
      assert.equal(d.status, 200, `${key} downloads from a published item`);
      assertProblem(await upload(pub.id, c[key], PDF, 'lezer.pdf'), 403, 'forbidden', `${key} uploads`);
      assertProblem(await c[key].del(`/api/v1/knowledge/${pub.id}/attachments/${byOwner.id}`), 403, 'forbidden', `${key} deletes`);
      for (const [what, r] of [
        ['download', await c[key].get(`/api/v1/knowledge/${concept.id}/attachments/${inConcept.id}`)],
        ['upload', await upload(concept.id, c[key], PDF, 'lezer.pdf')],
        ['delete', await c[key].del(`/api/v1/knowledge/${concept.id}/attachments/${inConcept.id}`)],
      ]) assertProblem(r, 404, 'not-found', `${key} ${what}: a concept they cannot see`);
    }
    assertProblem(await c.funder.get(`/api/v1/knowledge/${pub.id}/attachments/${byOwner.id}`), 403, 'forbidden', 'funder download');
    assertProblem(await upload(pub.id, c.funder, PDF, 'f.pdf'), 403, 'forbidden', 'funder upload');
    assertProblem(await c.funder.del(`/api/v1/knowledge/${pub.id}/attachments/${byOwner.id}`), 403, 'forbidden', 'funder delete');
    assertProblem(await c.anon.get(`/api/v1/knowledge/${pub.id}/attachments/${byOwner.id}`), 401, 'unauthenticated', 'no session download');
    assertProblem(await upload(pub.id, c.anon, PDF, 'a.pdf'), 401, 'unauthenticated', 'no session upload');
    // another organisation's item and attachment look missing
    for (const [what, r, missing] of [
      ['download', await c.ob.get(`/api/v1/knowledge/${pub.id}/attachments/${byOwner.id}`), await c.ob.get(`/api/v1/knowledge/${MISSING_ID}/attachments/${MISSING_ID}`)],
      ['upload', await upload(pub.id, c.ob, PDF, 'b.pdf'), await upload(MISSING_ID, c.ob, PDF, 'b.pdf')],
      ['delete', await c.ob.del(`/api/v1/knowledge/${pub.id}/attachments/${byOwner.id}`), await c.ob.del(`/api/v1/knowledge/${MISSING_ID}/attachments/${MISSING_ID}`)],
    ]) {
      assertProblem(r, 404, 'not-found', `another organisation: ${what}`);
      assert.deepEqual([r.json.type, r.json.title, r.json.detail], [missing.json.type, missing.json.title, missing.json.detail], `${what}: looks missing`);
    }
    assert.equal(await auditHead(), head, 'nothing audited');
    assert.deepEqual((await getItem(pub.id)).attachments.map((a) => a.id), [byOwner.id]);
    assert.deepEqual((await getItem(concept.id)).attachments.map((a) => a.id), [inConcept.id]);
    // the owner and quality delete
    assert.equal((await c.coach.del(`/api/v1/knowledge/${pub.id}/attachments/${byOwner.id}`)).status, 204, 'the owner deletes');
    const again = await uploadOk(pub.id, c.q2, PDF, 'door-kwaliteit.pdf');
    assert.equal((await c.coach.del(`/api/v1/knowledge/${pub.id}/attachments/${again.id}`)).status, 204, 'the owner deletes quality\'s file');
    assert.equal((await c.q1.del(`/api/v1/knowledge/${concept.id}/attachments/${inConcept.id}`)).status, 204, 'quality deletes');
  });

  it('delete: 204 with no body, then 404 for download and delete; gone from the item; audited with what was deleted', async () => {
    const item = await published({ title: 'Weg ermee' });
    const keep = await uploadOk(item.id, c.q1, PNG, 'blijft.png');
    const gone = await uploadOk(item.id, c.q1, PDF, 'gaat.pdf');
    const r = await c.q2.del(`/api/v1/knowledge/${item.id}/attachments/${gone.id}`);
    assert.equal(r.status, 204, show(r));
    assert.equal(r.text, '');
    assertProblem(await c.q2.get(`/api/v1/knowledge/${item.id}/attachments/${gone.id}`), 404, 'not-found', 'download after delete');
    assertProblem(await c.q2.del(`/api/v1/knowledge/${item.id}/attachments/${gone.id}`), 404, 'not-found', 'delete twice');
    assert.deepEqual((await getItem(item.id)).attachments.map((a) => a.id), [keep.id]);
    // (this attachment's entries: an id given again after a delete is the next test's matter)
    const audit = (await auditOf(gone.id)).filter((e) => (e.after ?? e.before).item_id === item.id);
    assert.deepEqual(audit.map((e) => e.action), ['delete', 'create']);
    assert.deepEqual(audit[0].actor, { id: id.q2, name: name.q2 });
    assert.deepEqual(audit[0].before, { item_id: item.id, file: { id: gone.id, name: 'gaat.pdf', content_type: 'application/pdf', size: PDF.length, sha256: sha256(PDF) } });
    assert.equal(audit[0].after, null);
    assert.ok((await download(item.id, keep.id, c.coach)).buf.equals(PNG), 'the other one stays');
  });

  it('an attachment id is never given again after a delete (the audit trail and old links name one file)', async () => {
    const item = await published({ title: 'Nieuwe nummers' });
    const first = await uploadOk(item.id, c.q1, PDF, 'eerste.pdf');
    assert.equal((await c.q1.del(`/api/v1/knowledge/${item.id}/attachments/${first.id}`)).status, 204);
    const second = await uploadOk(item.id, c.q1, PNG, 'tweede.png');
    assert.ok(second.id > first.id, `the new attachment got id ${second.id}, the deleted one had ${first.id}`);
    assertProblem(await c.q1.get(`/api/v1/knowledge/${item.id}/attachments/${first.id}`), 404, 'not-found', 'the old link');
    const audit = await auditOf(first.id);
    assert.deepEqual(audit.map((e) => e.action), ['delete', 'create'], `entity_id ${first.id} names one attachment: ${JSON.stringify(audit)}`);
  });

  it('an attachment belongs to its item: another item\'s id is 404; odd ids 404', async () => {
    const one = await published({ title: 'Een' });
    const two = await published({ title: 'Twee' });
    const a = await uploadOk(one.id, c.q1, PDF, 'een.pdf');
    assertProblem(await c.q1.get(`/api/v1/knowledge/${two.id}/attachments/${a.id}`), 404, 'not-found', 'download via another item');
    assertProblem(await c.q1.del(`/api/v1/knowledge/${two.id}/attachments/${a.id}`), 404, 'not-found', 'delete via another item');
    for (const odd of ['0', '-1', 'abc', '99999999999999999999']) {
      assertProblem(await c.q1.get(`/api/v1/knowledge/${one.id}/attachments/${odd}`), 404, 'not-found', `attachment id ${odd}`);
    }
    assert.equal((await download(one.id, a.id, c.q1)).status, 200, 'still there');
  });

  it('an archived item: upload and delete 409; quality still downloads, readers no longer (404)', async () => {
    const item = await published({ title: 'Archief' });
    const a = await uploadOk(item.id, c.q1, PDF, 'archief.pdf');
    expectStatus(await c.q1.post(`/api/v1/knowledge/${item.id}/archive`), 200);
    const head = await auditHead();
    assertProblem(await upload(item.id, c.q2, PDF, 'nog een.pdf'), 409, 'conflict', 'upload to archived');
    assertProblem(await c.q2.del(`/api/v1/knowledge/${item.id}/attachments/${a.id}`), 409, 'conflict', 'delete from archived');
    assert.equal(await auditHead(), head);
    assert.ok((await download(item.id, a.id, c.q2)).buf.equals(PDF), 'quality downloads');
    assertProblem(await c.coach.get(`/api/v1/knowledge/${item.id}/attachments/${a.id}`), 404, 'not-found', 'a reader no longer sees it');
    assert.deepEqual((await getItem(item.id)).attachments.map((x) => x.id), [a.id]);
  });

  it('a draft beside a published item: attachments belong to the item, not a version', async () => {
    const item = await published({ title: 'Met concept', body: 'Versie een.' });
    const a = await uploadOk(item.id, c.q1, PDF, 'blijft bij het item.pdf');
    expectStatus(await c.q1.patch(`/api/v1/knowledge/${item.id}`, { body: 'Versie twee.' }), 200);
    expectStatus(await c.q1.post(`/api/v1/knowledge/${item.id}/submit`), 200);
    expectStatus(await c.q2.post(`/api/v1/knowledge/${item.id}/publish`), 200);
    assert.deepEqual((await getItem(item.id, c.coach)).attachments.map((x) => x.id), [a.id]);
  });

  it('at most 20 per item: the 21st is 409 and not stored', async () => {
    const item = await published({ title: 'Twintig' });
    for (let i = 1; i <= 20; i += 1) await uploadOk(item.id, c.q1, PNG, `foto ${i}.png`);
    assertProblem(await upload(item.id, c.q1, PNG, 'foto 21.png'), 409, 'conflict', 'the 21st');
    assert.equal((await getItem(item.id)).attachments.length, 20);
    const first = (await getItem(item.id)).attachments[0];
    assert.equal((await c.q1.del(`/api/v1/knowledge/${item.id}/attachments/${first.id}`)).status, 204);
    await uploadOk(item.id, c.q1, PNG, 'foto 21.png');
  });

  it('beyond the default 10 MiB (--max-upload-bytes) 413, with Content-Length and chunked; a file above the 1 MiB JSON limit is taken', async () => {
    const item = await published({ title: 'Groot' });
    const head = await auditHead();
    const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024 + 1 - PDF.length, 0x20)]);
    for (const chunked of [false, true]) {
      const headers = { 'Content-Type': 'application/pdf', Cookie: c.q1.cookieHeader(), 'X-CSRF-Token': c.q1.csrf };
      if (!chunked) headers['Content-Length'] = String(big.length);
      let r;
      for (let attempt = 0; attempt < 3; attempt += 1) {
        r = await rawRequest(server, { method: 'POST', path: `/api/v1/knowledge/${item.id}/attachments?name=groot.pdf`, headers, body: big });
        if (!r.error) break;
      }
      assert.ok(!r.error, `no answer: ${r.error}`);
      assertProblem(r, 413, 'payload-too-large', chunked ? 'chunked' : 'Content-Length');
    }
    expectStatus(await c.q1.get('/api/v1/me'), 200, 'alive after 413');
    assert.deepEqual((await getItem(item.id)).attachments, []);
    assert.equal(await auditHead(), head);
    const twoMiB = Buffer.concat([PDF, Buffer.alloc(2 * 1024 * 1024 - PDF.length, 0x20)]);
    const a = await uploadOk(item.id, c.q1, twoMiB, 'twee MiB.pdf');
    assert.equal(a.size, 2 * 1024 * 1024);
    assert.ok((await download(item.id, a.id, c.coach)).buf.equals(twoMiB), 'the same 2 MiB back');
  });
});

describe('Kennisbank attachments: --max-upload-bytes', { skip: whyNot }, () => {
  // A server of its own with a small upload limit.
  let server;
  let q1;
  let itemId;
  const LIMIT = 4096;

  before(async () => {
    server = await startServer({ demo: true, args: ['--max-upload-bytes', String(LIMIT)] });
    for (const key of ['q1', 'q2']) addUser(server.databaseUrl, { org: DEMO_ORG_SLUG, email: `kbl-${key}@example.org`, name: `Kwaliteit ${key}`, roles: ['quality'] });
    q1 = await new Client(server).loginOk('kbl-q1@example.org');
    const q2 = await new Client(server).loginOk('kbl-q2@example.org');
    itemId = expectStatus(await q1.post('/api/v1/knowledge', { category: 'document', title: 'Klein' }), 201).id;
    expectStatus(await q1.post(`/api/v1/knowledge/${itemId}/submit`), 200);
    expectStatus(await q2.post(`/api/v1/knowledge/${itemId}/publish`), 200);
  });

  after(async () => {
    await server?.stop();
  });

  it('a file of exactly the limit is taken; one byte more is 413 (also below the JSON body limit of 1 MiB)', async () => {
    const pdf = (n) => Buffer.concat([PDF, Buffer.alloc(n - PDF.length, 0x20)]);
    const post = (body) => q1.request('POST', `/api/v1/knowledge/${itemId}/attachments?name=klein.pdf`, body, { raw: true, contentType: 'application/pdf' });
    const ok = await post(pdf(LIMIT));
    assert.equal(ok.status, 201, `exactly ${LIMIT} bytes: ${show(ok)}`);
    const over = await post(pdf(LIMIT + 1));
    assertProblem(over, 413, 'payload-too-large', `${LIMIT + 1} bytes with --max-upload-bytes ${LIMIT}`);
    const list = expectStatus(await q1.get(`/api/v1/knowledge/${itemId}`), 200).attachments;
    assert.deepEqual(list.map((a) => a.size), [LIMIT], 'only the one within the limit');
  });
});
