// The built web app over HTTP: the build's brotli and gzip copies are sent to a browser
// that accepts them (Content-Encoding, Vary: Accept-Encoding) and decompress to the
// original; hashed assets are cached for a year, the page itself is revalidated; a
// compressed copy is not served under its own name.
import { describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { it, before, after, whyNot, startServer, rawRequest } from './harness.mjs';

describe('the web app, precompressed', { skip: whyNot }, () => {
  let server;
  let root;
  const js = `console.log(${JSON.stringify('Wijkkader '.repeat(500))});\n`;

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-web-'));
    fs.mkdirSync(path.join(root, 'assets'));
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Wijkkader</title>');
    fs.writeFileSync(path.join(root, 'assets', 'index-abc123.js'), js);
    fs.writeFileSync(path.join(root, 'assets', 'index-abc123.js.br'), zlib.brotliCompressSync(js));
    fs.writeFileSync(path.join(root, 'assets', 'index-abc123.js.gz'), zlib.gzipSync(js));
    server = await startServer({ args: ['--web-root', root] });
  });

  after(async () => {
    await server?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const get = (p, acceptEncoding) => rawRequest(server, {
    method: 'GET', path: p, headers: acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding },
  });

  it('brotli to a browser that accepts it, gzip to one that only takes gzip, the file itself otherwise', async () => {
    for (const [accept, coding, decode] of [
      ['gzip, deflate, br', 'br', zlib.brotliDecompressSync],
      ['gzip', 'gzip', zlib.gunzipSync],
      ['br;q=0, gzip', 'gzip', zlib.gunzipSync],
      [undefined, undefined, (b) => b],
      ['identity', undefined, (b) => b],
    ]) {
      const r = await get('/assets/index-abc123.js', accept);
      assert.equal(r.status, 200, `${accept}: ${r.status}`);
      assert.equal(r.rawHeaders['content-encoding'], coding, `Accept-Encoding ${accept}`);
      assert.equal(r.rawHeaders.vary, 'Accept-Encoding');
      assert.equal(r.rawHeaders['cache-control'], 'public, max-age=31536000, immutable');
      assert.match(r.rawHeaders['content-type'], /^text\/javascript/);
      assert.equal(decode(r.body).toString('utf8'), js, `${accept}: decompresses to the original`);
      if (coding) assert.ok(r.body.length < js.length / 5, `${coding}: ${r.body.length} of ${js.length} bytes`);
    }
  });

  it('the page is revalidated; a compressed copy is not served under its own name', async () => {
    const page = await get('/casussen', 'br');
    assert.equal(page.status, 200);
    assert.equal(page.rawHeaders['cache-control'], 'no-cache');
    assert.equal(page.rawHeaders['content-encoding'], undefined);
    assert.match(page.body.toString('utf8'), /<title>Wijkkader/);
    assert.equal((await get('/assets/index-abc123.js.br', 'br')).status, 404);
  });
});
