// The API contract, checked on every answer the API tests receive: the body must
// validate against docs/openapi.json's schema for its path, method, status and content
// type, and the status must be one the document lists for that operation.
//
// The document's object schemas are closed here (additionalProperties: false where it
// says nothing), so that a field the server sends and the document does not describe is
// a failure: the document cannot fall behind the server. OpenAPI 3.0's `nullable` is
// rewritten as "null or the schema".
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
// ajv is a development package of the web app (web/package.json).
const require = createRequire(path.join(root, 'web', 'package.json'));
const Ajv = require('ajv').default;
const addFormats = require('ajv-formats').default;

/** The document with its schemas closed and `nullable` made explicit. */
export function strictDocument(doc) {
  const copy = structuredClone(doc);
  const visit = (node) => {
    if (Array.isArray(node)) return node.map(visit);
    if (node === null || typeof node !== 'object') return node;
    for (const key of Object.keys(node)) {
      // `example(s)` hold sample data, not schemas.
      if (key === 'example' || key === 'examples') continue;
      node[key] = visit(node[key]);
    }
    if (node.properties && typeof node.properties === 'object' && node.additionalProperties === undefined)
      node.additionalProperties = false;
    if (node.nullable === true) {
      const { nullable, description, ...rest } = node;
      const out = { anyOf: [{ type: 'null' }, rest] };
      if (description !== undefined) out.description = description;
      return out;
    }
    return node;
  };
  copy.components = visit(copy.components);
  copy.paths = visit(copy.paths);
  return copy;
}

function escapePointer(s) {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

export class Contract {
  constructor(doc) {
    this.doc = strictDocument(doc);
    // multipleOf 0.1 on a share such as 28.6 needs a tolerance: 0.1 has no exact binary form.
    this.ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true, multipleOfPrecision: 9 });
    addFormats(this.ajv);
    this.ajv.addSchema(this.doc, 'openapi');
    this.validators = new Map();
    // Templates with fewer parameters first, so /knowledge/search wins over /knowledge/{id}.
    this.templates = Object.keys(this.doc.paths)
      .map((t) => ({ template: t, segments: t.split('/') }))
      .sort((a, b) => paramCount(a.segments) - paramCount(b.segments));
  }

  /** The path template of a concrete path (without its query), or null. */
  templateOf(urlPath) {
    const segments = urlPath.split('?')[0].split('/');
    for (const t of this.templates) {
      if (t.segments.length !== segments.length) continue;
      if (t.segments.every((s, i) => s.startsWith('{') || s === segments[i])) return t.template;
    }
    return null;
  }

  resolve(node) {
    while (node && node.$ref) {
      const parts = node.$ref.replace(/^#\//, '').split('/');
      node = parts.reduce((n, p) => n?.[p.replace(/~1/g, '/').replace(/~0/g, '~')], this.doc);
    }
    return node;
  }

  /**
   * The contract's violations by one answer: [] when it conforms. `r` is the harness's
   * answer: {method, path, status, contentType, json, text}.
   */
  violations(r) {
    // The web app's files and the health checks outside /api are not part of the API.
    if (!r.path.startsWith('/api/')) return [];
    const template = this.templateOf(r.path);
    if (!template) {
      // An unknown address is answered 404 with a problem.
      if (r.status === 404 && (r.contentType || '').startsWith('application/problem+json')) return [];
      return [`${r.path} is not in docs/openapi.json`];
    }
    const method = r.method.toLowerCase() === 'head' ? 'get' : r.method.toLowerCase();
    const operation = this.doc.paths[template][method];
    if (!operation) {
      // 405 is the router's answer for a known path with another method.
      return r.status === 405 ? [] : [`${r.method} ${template} is not in docs/openapi.json`];
    }
    const responses = operation.responses || {};
    let key = String(r.status);
    if (!responses[key]) key = `${String(r.status)[0]}XX`;
    if (!responses[key]) key = 'default';
    const response = this.resolve(responses[key]);
    if (!response) return [`${r.method} ${template}: status ${r.status} is not documented (${r.path})`];
    const mediaType = (r.contentType || '').split(';')[0].trim();
    const content = response.content || {};
    if (!r.text) {
      // HEAD answers carry no body; otherwise a documented body must come.
      if (r.method === 'HEAD' || Object.keys(content).length === 0) return [];
      return [`${r.method} ${template} ${r.status}: the document describes a body, the server sent none`];
    }
    if (Object.keys(content).length === 0)
      return [`${r.method} ${template} ${r.status}: the document says no body, the server sent one`];
    if (!content[mediaType])
      return [
        `${r.method} ${template} ${r.status}: content type ${mediaType || '(none)'} is not documented (${Object.keys(content).join(', ')})`,
      ];
    if (!mediaType.endsWith('json')) return [];
    // A problem says the status it came with (RFC 9457 §3.1.2).
    if (mediaType === 'application/problem+json' && r.json?.status !== r.status)
      return [`${r.method} ${template} ${r.status}: the problem's status is ${r.json?.status}`];
    if (!content[mediaType].schema) return [];
    const pointer =
      `openapi#/paths/${escapePointer(template)}/${method}/responses/` +
      `${escapePointer(String(responses[String(r.status)] ? r.status : key))}`;
    const id = `${pointer}|${mediaType}`;
    let validate = this.validators.get(id);
    if (!validate) {
      // The response may itself be a $ref into components/responses.
      const ref = responses[key].$ref
        ? `openapi${responses[key].$ref}/content/${escapePointer(mediaType)}/schema`
        : `${pointer}/content/${escapePointer(mediaType)}/schema`;
      validate = this.ajv.compile({ $ref: ref });
      this.validators.set(id, validate);
    }
    if (validate(r.json)) return [];
    return validate.errors.map(
      (e) =>
        `${r.method} ${template} ${r.status}: ${e.instancePath || '(body)'} ${e.message}` +
        (e.params?.additionalProperty ? ` '${e.params.additionalProperty}'` : ''),
    );
  }
}

function paramCount(segments) {
  return segments.filter((s) => s.startsWith('{')).length;
}

let shared;
/** The contract of docs/openapi.json, loaded once per test process. */
export function contract() {
  if (!shared) shared = new Contract(JSON.parse(fs.readFileSync(path.join(root, 'docs', 'openapi.json'), 'utf8')));
  return shared;
}
