// Leaves a brotli (.br) and a gzip (.gz) copy beside every text asset of the build, so
// that the server sends a phone on a weak connection a fraction of the bytes without
// compressing on every request (src/http/static_files.cpp). A copy that saves less
// than a tenth is not kept. Usage: node scripts/precompress.mjs dist
import { readdirSync, readFileSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { join, extname } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const TEXT = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.txt', '.map']);

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

const root = process.argv[2] ?? 'dist';
let before = 0;
let after = 0;
for (const path of [...files(root)]) {
  if (path.endsWith('.br') || path.endsWith('.gz')) {
    rmSync(path); // from an earlier build: made again below
    continue;
  }
  if (!TEXT.has(extname(path))) continue;
  const data = readFileSync(path);
  if (data.length < 1024) continue;
  const br = brotliCompressSync(data, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
  });
  const gz = gzipSync(data, { level: 9 });
  before += data.length;
  after += Math.min(br.length, data.length);
  if (br.length < data.length * 0.9) writeFileSync(`${path}.br`, br);
  if (gz.length < data.length * 0.9) writeFileSync(`${path}.gz`, gz);
}
console.log(`precompress: ${(before / 1024).toFixed(0)} KiB of text → ${(after / 1024).toFixed(0)} KiB with brotli`);
