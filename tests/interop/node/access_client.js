// @grpc/grpc-js as a city office's system calling keyed Oversight services with the real contracts:
// the key as "authorization: Bearer …" metadata, refusals as standard statuses with the reason trailer.
// and server reflection on each real service host (an independent reflection client lists what each one serves).
// Usage: node access_client.js INGESTION METRICS COMPLIANCE KEY OWN_REPORT_ID OTHER_REPORT_ID SCOPE
// Prints "ok NAME" or "fail NAME: why" per scenario; exits 1 if any failed.
'use strict';
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const { GrpcReflection } = require('grpc-js-reflection-client');

const [ingestionTarget, metricsTarget, complianceTarget, key, ownId, otherId, scope] = process.argv.slice(2);
const protoRoot = path.resolve(__dirname, '../../../protos');
const load = (file) => grpc.loadPackageDefinition(protoLoader.loadSync(file, { includeDirs: [protoRoot], keepCase: true, longs: Number, defaults: true }));
const ingestion = new (load('oversight/ingestion/v1/ingestion.proto').oversight.ingestion.v1.IngestionService)(ingestionTarget, grpc.credentials.createInsecure());
const metrics = new (load('oversight/metrics/v1/metrics.proto').oversight.metrics.v1.MetricsService)(metricsTarget, grpc.credentials.createInsecure());
const compliance = new (load('oversight/compliance/v1/compliance.proto').oversight.compliance.v1.ComplianceService)(complianceTarget, grpc.credentials.createInsecure());

const results = [];
async function scenario(name, fn) {
  try {
    await fn();
    results.push(`ok ${name}`);
  } catch (e) {
    results.push(`fail ${name}: ${e && e.stack ? e.stack.split('\n')[0] : e}`);
  }
}
function assert(condition, message) {
  if (!condition) throw new Error(message);
}
const keyed = () => {
  const md = new grpc.Metadata();
  md.set('authorization', `Bearer ${key}`);
  return md;
};
const call = (client, method, request, metadata) => new Promise((resolve, reject) => {
  client[method](request, metadata, { deadline: new Date(Date.now() + 10000) }, (err, res) => (err ? reject(err) : resolve(res)));
});
const refusal = async (promise) => {
  try {
    await promise;
  } catch (e) {
    return { code: e.code, reason: (e.metadata && e.metadata.get('x-oversight-reason')[0]) || '' };
  }
  throw new Error('the call succeeded');
};

(async () => {
  await scenario('no_key_unauthenticated', async () => {
    const r = await refusal(call(ingestion, 'ListReports', {}, new grpc.Metadata()));
    assert(r.code === grpc.status.UNAUTHENTICATED && r.reason === 'KEY_MISSING', JSON.stringify(r));
  });
  await scenario('wrong_key_unauthenticated', async () => {
    const md = new grpc.Metadata();
    md.set('authorization', 'Bearer ovk_0123456789abcdef_' + 'A'.repeat(43));
    const r = await refusal(call(compliance, 'ListFindings', {}, md));
    assert(r.code === grpc.status.UNAUTHENTICATED && r.reason === 'KEY_INVALID', JSON.stringify(r));
  });
  await scenario('list_limited_to_scope', async () => {
    const res = await call(ingestion, 'ListReports', { filter: { jurisdiction_prefix: '' } }, keyed());
    assert(res.reports.length > 0, 'no reports');
    assert(res.reports.every((r) => r.metadata.jurisdiction_code.startsWith(scope)), JSON.stringify(res.reports.map((r) => r.metadata.jurisdiction_code)));
  });
  await scenario('own_report_by_id', async () => {
    const res = await call(ingestion, 'GetReport', { report_id: ownId }, keyed());
    assert(res.metadata.jurisdiction_code.startsWith(scope), res.metadata.jurisdiction_code);
  });
  await scenario('other_report_by_id_denied', async () => {
    const r = await refusal(call(ingestion, 'GetReport', { report_id: otherId }, keyed()));
    assert(r.code === grpc.status.PERMISSION_DENIED && r.reason === 'SCOPE_NOT_COVERED', JSON.stringify(r));
  });
  await scenario('admin_action_denied', async () => {
    const r = await refusal(call(compliance, 'UpsertRulePack', { yaml: 'packId: x' }, keyed()));
    assert(r.code === grpc.status.PERMISSION_DENIED && r.reason === 'ROLE_NOT_ALLOWED', JSON.stringify(r));
  });
  await scenario('metrics_indicators_with_key', async () => {
    const res = await call(metrics, 'ListIndicators', {}, keyed());
    assert(res.indicators.some((i) => i.id === 'legal_aid.cases'), JSON.stringify(res.indicators.map((i) => i.id)));
  });
  await scenario('metrics_no_key_unauthenticated', async () => {
    const r = await refusal(call(metrics, 'QueryAggregates', {}, new grpc.Metadata()));
    assert(r.code === grpc.status.UNAUTHENTICATED && r.reason === 'KEY_MISSING', JSON.stringify(r));
  });
  const hosts = [
    ['ingestion', ingestionTarget, 'oversight.ingestion.v1.IngestionService'],
    ['metrics', metricsTarget, 'oversight.metrics.v1.MetricsService'],
    ['compliance', complianceTarget, 'oversight.compliance.v1.ComplianceService'],
  ];
  for (const [name, target, service] of hosts) {
    for (const version of ['v1', 'v1alpha']) {
      await scenario(`reflection_${version}_${name}`, async () => {
        const reflection = new GrpcReflection(target, grpc.credentials.createInsecure(), {}, version);
        const services = await reflection.listServices();
        for (const expected of [service, 'grpc.health.v1.Health']) {
          assert(services.includes(expected), `${expected} not in ${JSON.stringify(services)}`);
        }
        const methods = await reflection.listMethods(service);
        assert(methods.length > 0, `no methods of ${service}`);
      });
    }
  }
  ingestion.close();
  metrics.close();
  compliance.close();
  for (const line of results) console.log(line);
  process.exit(results.every((r) => r.startsWith('ok ')) ? 0 : 1);
})();
