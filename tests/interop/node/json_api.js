// A city office's system in another language calling Oversight's HTTP/JSON API with nothing but Node's fetch
// (HTTP/1.1). It checks each host's OpenAPI document with an independent validator (@apidevtools/swagger-parser),
// checks every response it gets, and every response a test recorded, against the document's schemas (ajv), and
// drives a full tour: submit a report, read it and its findings, run a sweep, page through the findings.
//
//   node json_api.js --ingestion URL --metrics URL --compliance URL --key KEY --sample FILE [--recorded FILE]
//
// Prints one JSON line with what it did; exits 1 with the reason on the first thing that is not as documented.
'use strict';

const fs = require('fs');
const SwaggerParser = require('@apidevtools/swagger-parser');
const Ajv = require('ajv');

const args = {};
for (let i = 2; i < process.argv.length; i += 2) {
  args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
}
const hosts = { ingestion: args.ingestion, metrics: args.metrics, compliance: args.compliance };
const documents = {};
const validators = {};
let checked = 0;

function fail(message) {
  throw new Error(message);
}

// The path template of the document that a concrete path matches ({reportId}, and custom verbs such as :check).
function operationFor(host, method, path) {
  const doc = documents[host];
  for (const [template, item] of Object.entries(doc.paths)) {
    const pattern = new RegExp('^' + template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/:]+') + '$');
    if (pattern.test(path) && item[method.toLowerCase()]) {
      return { template, operation: item[method.toLowerCase()] };
    }
  }
  return fail(`${method} ${path} is not in ${host}'s OpenAPI document`);
}

// Validates one JSON body (or each line of a streamed answer) against the documented response for its status.
function check(host, method, path, status, text) {
  const { template, operation } = operationFor(host, method, path);
  const response = operation.responses[String(status)] ?? operation.responses.default
    ?? fail(`${method} ${template} documents no response for ${status}`);
  const schema = response.content?.['application/json']?.schema ?? fail(`${method} ${template} ${status}: no JSON schema`);
  const key = `${host} ${JSON.stringify(schema)}`;
  validators[key] ??= validators[host].compile(schema);
  const bodies = status === 200 && text.includes('\n') ? text.trim().split('\n') : [text];
  for (const body of bodies) {
    if (!validators[key](JSON.parse(body))) {
      fail(`${method} ${path} ${status} does not match ${template}: ${JSON.stringify(validators[key].errors)} in ${body.slice(0, 300)}`);
    }
    checked++;
  }
  return template;
}

async function call(host, method, path, body) {
  const response = await fetch(hosts[host] + path, {
    method,
    headers: { Authorization: `Bearer ${args.key}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(60_000),
  });
  const text = await response.text();
  check(host, method, path.split('?')[0], response.status, text);
  if (response.status !== 200) {
    fail(`${method} ${path}: ${response.status} ${text}`);
  }
  return text.trim().includes('\n') ? text.trim().split('\n').map((line) => JSON.parse(line)) : JSON.parse(text);
}

async function main() {
  for (const [host, base] of Object.entries(hosts)) {
    const text = await (await fetch(base + '/openapi/v1.json', { signal: AbortSignal.timeout(30_000) })).text();
    // The validator dereferences what it is given: it gets its own copy.
    await SwaggerParser.validate(JSON.parse(text));
    documents[host] = JSON.parse(text);
    const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
    ajv.addSchema({ $id: 'openapi.json', components: documents[host].components });
    validators[host] = { compile: (schema) => ajv.compile(rebase(schema)) };
  }
  const methods = new Set(['get', 'put', 'post', 'delete', 'patch']);
  const operations = Object.values(documents)
    .reduce((n, doc) => n + Object.values(doc.paths).reduce((m, item) => m + Object.keys(item).filter((k) => methods.has(k)).length, 0), 0);

  let recorded = 0;
  const tour = Boolean(args.sample);
  if (args.recorded) {
    for (const line of fs.readFileSync(args.recorded, 'utf8').split('\n').filter(Boolean)) {
      const r = JSON.parse(line);
      check(r.host, r.method, r.path, r.status, r.body);
      recorded++;
    }
  }

  if (!tour) {
    const paths = Object.fromEntries(Object.entries(documents).map(([host, doc]) => [host, Object.keys(doc.paths)]));
    console.log(JSON.stringify({ documents: Object.keys(documents).length, operations, recorded, checked, paths }));
    return;
  }
  // The tour: submit, read back, findings, a sweep, then every finding of the year a page of two at a time.
  const content = fs.readFileSync(args.sample).toString('base64');
  const submitted = await call('ingestion', 'POST', '/v1/reports', { content, contentType: 'text/plain', sourceUrl: 'http://www.example.gov.cn/report.html' });
  const report = await call('ingestion', 'GET', `/v1/reports/${submitted.reportId}`);
  if (report.metadata.jurisdictionCode !== submitted.metadata.jurisdictionCode) {
    fail(`GET /v1/reports/${submitted.reportId} gives another report`);
  }
  const code = report.metadata.jurisdictionCode;
  const year = report.metadata.reportYear;
  // Checked (and analysed) at once, as an administrator may ask, instead of waiting for the outbox to get there.
  const checkedReport = await call('compliance', 'POST', `/v1/reports/${submitted.reportId}:check`, {});
  const own = await call('compliance', 'GET', `/v1/findings?report_id=${submitted.reportId}`);
  if ((own.findings ?? []).length !== (checkedReport.findings ?? []).length) {
    fail(`GET /v1/findings?report_id= lists ${own.findings?.length} findings, the check gave ${checkedReport.findings?.length}`);
  }
  const sweepRequest = { reportYear: year, scopePrefix: code.slice(0, 4), asOf: { year: year + 1, month: 4, day: 2 } };
  const events = await call('compliance', 'POST', '/v1/sweeps', sweepRequest);
  const completed = (Array.isArray(events) ? events : [events]).find((e) => e.completed)?.completed ?? fail('the sweep sent no completion');
  const sweep = await call('compliance', 'GET', `/v1/sweeps/${completed.sweepId}`);
  const pages = [];
  const seen = new Set();
  let token = '';
  do {
    const query = `jurisdiction_prefix=${code.slice(0, 4)}&report_year=${year}&page_size=2${token ? `&page_token=${encodeURIComponent(token)}` : ''}`;
    const page = await call('compliance', 'GET', `/v1/findings?${query}`);
    pages.push((page.findings ?? []).length);
    for (const finding of page.findings ?? []) {
      if (seen.has(finding.findingId)) {
        fail(`finding ${finding.findingId} came twice while paging`);
      }
      seen.add(finding.findingId);
    }
    token = page.nextPageToken ?? '';
  } while (token && pages.length < 500);
  await call('metrics', 'POST', `/v1/reports/${submitted.reportId}:analyze`, {});
  const metrics = await call('metrics', 'GET', `/v1/reports/${submitted.reportId}/metrics`);

  console.log(JSON.stringify({
    documents: Object.keys(documents).length,
    operations,
    recorded,
    checked,
    tour: {
      reportId: submitted.reportId,
      outcome: submitted.outcome,
      jurisdiction: code,
      findings: (own.findings ?? []).length,
      sweep: sweep.status,
      bodiesWithoutReport: Number(sweep.summary?.bodiesWithoutReport ?? 0),
      pages,
      values: metrics.values?.length ?? 0,
    },
  }));
}

// Refs in the document point into its own components; in a schema compiled alone they point into openapi.json.
function rebase(schema) {
  return JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, '"openapi.json#/components/'));
}

main().catch((error) => {
  console.error(error.stack ?? String(error));
  process.exit(1);
});
