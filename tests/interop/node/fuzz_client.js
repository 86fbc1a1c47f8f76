// Hostile input from an independent client (@grpc/grpc-js): generated and mutated requests, sent as raw bytes so that
// they can be anything (malformed protobuf, invalid UTF-8 in strings, nesting past any parser's limit, huge fields,
// random report bodies, wrong charsets, boundary dates, absurd page sizes and tokens), through the real RPCs of the
// three running services. Only what a service must refuse is generated: never a valid write.
// The push service (on the compliance host) is fuzzed like the rest, and then hammered with the subscriptions a careless or
// hostile caller registers (huge, malformed and non-https URLs, private and loopback targets, oversized secrets, unknown
// event types, scopes outside the caller's), each of which must be refused with its own stable reason.
// Usage: node fuzz_client.js INGESTION METRICS COMPLIANCE KEY COUNT SEED [CITY_KEY]
// (CITY_KEY: a city_office key scoped to 1402, for the scope refusals.)
// Prints one JSON line: counts by status code and reason, every response that had no clear status ("unclear"), and the
// push cases: how many were sent and every one answered otherwise than expected ("mismatched").
'use strict';
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const [ingestionTarget, metricsTarget, complianceTarget, key, countText, seedText, cityKey] = process.argv.slice(2);
const count = Number(countText);
let state = Number(seedText) >>> 0 || 1;
// xorshift32: the run is the same for the same seed.
const next = () => { state ^= state << 13; state >>>= 0; state ^= state >>> 17; state ^= state << 5; state >>>= 0; return state; };
const pick = (items) => items[next() % items.length];
const bytes = (n) => Buffer.from(Array.from({ length: n }, () => next() & 0xff));

const protoRoot = path.resolve(__dirname, '../../../protos');
const definition = protoLoader.loadSync(
  ['oversight/ingestion/v1/ingestion.proto', 'oversight/metrics/v1/metrics.proto', 'oversight/compliance/v1/compliance.proto',
    'oversight/access/v1/access.proto',
    'oversight/push/v1/push.proto'],
  { includeDirs: [protoRoot], keepCase: true, longs: Number, defaults: true });
const targets = {
  'oversight.ingestion.v1.IngestionService': ingestionTarget,
  'oversight.metrics.v1.MetricsService': metricsTarget,
  'oversight.compliance.v1.ComplianceService': complianceTarget,
  'oversight.access.v1.AccessService': complianceTarget,
  'oversight.push.v1.PushService': complianceTarget,
};
const raw = (b) => b;
const clients = {};
const methods = [];
// FUZZ_METHODS=CompareYears,ExportValues narrows a run to some RPCs (to look into one finding).
const only = (process.env.FUZZ_METHODS || '').split(',').filter((m) => m);
for (const [service, target] of Object.entries(targets)) {
  clients[service] = new grpc.Client(target, grpc.credentials.createInsecure(),
    { 'grpc.max_send_message_length': 64 * 1024 * 1024, 'grpc.max_receive_message_length': 64 * 1024 * 1024 });
  for (const method of Object.values(definition[service])) {
    if (only.length && !only.includes(method.originalName) && !only.includes(method.path.split('/')[2])) continue;
    // The RPC's name as the proto spells it (originalName is proto-loader's camelCase: 'runSweep'), which the sets below use.
    methods.push({ service, path: method.path, name: method.path.split('/')[2], requestStream: method.requestStream,
      responseStream: method.responseStream, type: method.requestType.type });
  }
}

// Wire format helpers: varint, tag, length-delimited field.
const varint = (value) => {
  const out = [];
  let v = BigInt.asUintN(64, BigInt(value));
  do { let b = Number(v & 0x7fn); v >>= 7n; if (v) b |= 0x80; out.push(b); } while (v);
  return Buffer.from(out);
};
const tag = (field, wire) => varint((field << 3) | wire);
const delimited = (field, body) => Buffer.concat([tag(field, 2), varint(body.length), body]);
const numberField = (field, value) => Buffer.concat([tag(field, 0), varint(value)]);

// A field of the request type, chosen at random: its number and whether it holds a string, bytes, a message or a number.
const fieldsOf = (type) => (type.field || []).map((f) => ({ number: f.number, kind: f.type }));
const invalidUtf8 = () => pick([Buffer.from([0xff, 0xfe, 0xfd]), Buffer.from([0xc3, 0x28]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xe4, 0xb8])]);
const hostileString = () => pick([
  () => invalidUtf8(),
  () => Buffer.from('x'.repeat(1 + (next() % 70000))),
  () => Buffer.from('1402'.repeat(1 + (next() % 8)) + '%_\'";--'),
  () => Buffer.from(pick(['', ' ', '\u0000', '../../etc/passwd', 'ovk_' + 'A'.repeat(80), '14022599999', '-1', '9'.repeat(40), 'GB2312',
    'ebcdic', 'utf-7', 'text/pdf', 'NaN', '\u202e'])),
  () => bytes(1 + (next() % 64)),
])();
const nested = (depth) => {
  let body = Buffer.alloc(0);
  for (let i = 0; i < depth; i++) body = delimited(1 + (next() % 3), body);
  return body;
};

function generate(method) {
  const fields = fieldsOf(method.type);
  const strategy = next() % 10;
  switch (strategy) {
    case 0: return { kind: 'random_bytes', body: bytes(next() % 2048) };
    case 1: return { kind: 'truncated', body: delimited(1, bytes(64)).subarray(0, 1 + (next() % 20)) };
    case 2: return { kind: 'deeply_nested', body: nested(100 + (next() % 3000)) };
    case 3: return { kind: 'wrong_wire_types', body: Buffer.concat(fields.map((f) => (next() % 2 ? tag(f.number, 5) : tag(f.number, 1)))).subarray(0, 40) };
    case 4: {
      // Every string field invalid UTF-8, or hostile.
      const parts = fields.filter((f) => f.kind === 'TYPE_STRING').map((f) => delimited(f.number, hostileString()));
      return { kind: 'hostile_strings', body: parts.length ? Buffer.concat(parts) : bytes(32) };
    }
    case 5: {
      // Absurd numbers in every number field: page sizes, years, revisions, months.
      const parts = fields.filter((f) => /INT|ENUM|BOOL/.test(f.kind))
        .map((f) => numberField(f.number, pick([-1, 0, 2147483647, -2147483648, 9007199254740991, 4294967295, 1, 3000])));
      return { kind: 'absurd_numbers', body: parts.length ? Buffer.concat(parts) : bytes(16) };
    }
    case 6: {
      // Timestamps and dates at and past their bounds (seconds before year 1 or after 9999, nanos out of range).
      const parts = fields.filter((f) => f.kind === 'TYPE_MESSAGE').map((f) => delimited(f.number,
        Buffer.concat([numberField(1, pick([-62135596801, 253402300800, -1, 0])), numberField(2, pick([-1, 1000000000, 999999999]))])));
      return { kind: 'boundary_dates', body: parts.length ? Buffer.concat(parts) : bytes(16) };
    }
    case 7: return { kind: 'unknown_fields', body: Buffer.concat([delimited(999, bytes(32)), numberField(536870911, 7), delimited(1000, invalidUtf8())]) };
    case 8: {
      if (method.name === 'SubmitReport') {
        // A report body that is anything but a report, with charsets and types that are wrong or absurd.
        const content = pick([bytes(next() % 4096), Buffer.alloc(0), Buffer.from('%PDF-1.7\n'), invalidUtf8(),
          Buffer.from('<html><body>' + 'a'.repeat(next() % 1000) + '</body></html>')]);
        return {
          kind: 'hostile_report',
          body: Buffer.concat([delimited(1, content),
            delimited(2, Buffer.from(pick(['text/plain', 'application/pdf', 'image/png', 'text/html; charset=ebcdic', '', 'x'.repeat(300)]))),
            delimited(3, Buffer.from(pick(['gb18030', 'utf-7', 'ebcdic', 'nonsense', '']))),
            delimited(5, Buffer.from(pick(['14022', 'abcdef', '000000', '9'.repeat(12)])))]),
        };
      }
      // Page tokens that were never issued, or tampered with.
      const tokens = fields.filter((f) => f.kind === 'TYPE_STRING').map((f) => delimited(f.number,
        Buffer.from(pick(['AAAA', '!!!!', 'eyJzZXEiOjF9', Buffer.from(bytes(48)).toString('base64'), '-'.repeat(5000)]))));
      return { kind: 'forged_tokens', body: tokens.length ? Buffer.concat(tokens) : bytes(8) };
    }
    default:
      // Over the 4 MB message limit, now and then (the traffic stays bounded).
      return next() % 20 === 0
        ? { kind: 'oversized', body: delimited(1, Buffer.alloc(5 * 1024 * 1024, 0x41)) }
        : { kind: 'random_bytes', body: bytes(next() % 256) };
  }
}

const clear = new Set([
  grpc.status.INVALID_ARGUMENT, grpc.status.NOT_FOUND, grpc.status.FAILED_PRECONDITION, grpc.status.RESOURCE_EXHAUSTED,
  grpc.status.PERMISSION_DENIED, grpc.status.UNAUTHENTICATED, grpc.status.OUT_OF_RANGE, grpc.status.ALREADY_EXISTS,
  grpc.status.UNIMPLEMENTED, grpc.status.OK,
]);
const byCode = {};
const byReason = {};
const byKind = {};
const unclear = [];

function record(method, kind, error) {
  const code = error ? error.code : grpc.status.OK;
  const name = Object.keys(grpc.status).find((k) => grpc.status[k] === code) || String(code);
  const reason = error && error.metadata ? (error.metadata.get('x-oversight-reason')[0] || '') : '';
  byCode[name] = (byCode[name] || 0) + 1;
  byKind[kind] = (byKind[kind] || 0) + 1;
  if (reason) byReason[reason] = (byReason[reason] || 0) + 1;
  // Clear: a status that says what is wrong, and for a refusal of the request itself, a stable reason or a message.
  const isClear = clear.has(code) && (code === grpc.status.OK || code === grpc.status.UNIMPLEMENTED || reason || (error.details && error.details.length > 0));
  if (!isClear && unclear.length < 50) unclear.push({ method: method.name, kind, code: name, details: error ? error.details : '' });
  if (!isClear) byCode.unclear = (byCode.unclear || 0) + 1;
}

function send(method, kind, body, withKey, asKey = key, onStatus = null) {
  const metadata = new grpc.Metadata();
  if (withKey) metadata.set('authorization', `Bearer ${asKey}`);
  const options = { deadline: new Date(Date.now() + 20000) };
  const client = clients[method.service];
  return new Promise((resolve) => {
    if (method.requestStream) {
      const call = method.responseStream
        ? client.makeBidiStreamRequest(method.path, raw, raw, metadata, options)
        : client.makeClientStreamRequest(method.path, raw, raw, metadata, options, (err) => { record(method, kind, err); resolve(); });
      if (method.responseStream) {
        call.on('data', () => {});
        call.on('status', (status) => { record(method, kind, status.code === grpc.status.OK ? null : status); resolve(); });
      }
      call.on('error', () => {});
      call.write(body);
      call.end();
    } else if (method.responseStream) {
      const call = client.makeServerStreamRequest(method.path, raw, raw, body, metadata, options);
      call.on('data', () => {});
      call.on('error', () => {});
      call.on('status', (status) => { record(method, kind, status.code === grpc.status.OK ? null : status); resolve(); });
    } else {
      client.makeUnaryRequest(method.path, raw, raw, body, metadata, options, (err) => {
        record(method, kind, err);
        if (onStatus) onStatus(err);
        resolve();
      });
    }
  });
}

// Push requests written out field by field (a string may be a Buffer of invalid UTF-8). Every target is an address
// literal or is refused before any name is looked up: the run never leaves loopback.
const text = (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v));
const subscription = ({ name = '大同市司法局问题提醒', url = 'https://203.0.114.1/hook', types = ['finding.opened'], scope = '1402', format = '', secret = '' }) =>
  Buffer.concat([delimited(1, text(name)), delimited(2, text(url)), ...types.map((t) => delimited(3, text(t))), delimited(4, text(scope)),
    delimited(5, text(format)), delimited(6, text(secret))]);
const byId = (id) => delimited(1, text(id));
const pushCases = [
  ['CreateSubscription', 'FIELD_TOO_LONG', subscription({ url: 'https://oa.example.gov.cn/' + 'a'.repeat(100000) })],
  ['CreateSubscription', 'FIELD_TOO_LONG', subscription({ url: 'https://203.0.114.1/' + 'a'.repeat(1001) })],
  ['CreateSubscription', 'SUBSCRIPTION_URL_INVALID', subscription({ url: 'oa.example.gov.cn/hook' })],
  ['CreateSubscription', 'SUBSCRIPTION_URL_INVALID', subscription({ url: 'file:///etc/passwd' })],
  ['CreateSubscription', 'SUBSCRIPTION_URL_INVALID', subscription({ url: 'javascript:alert(1)' })],
  ['CreateSubscription', 'SUBSCRIPTION_URL_INVALID', subscription({ url: 'gopher://203.0.114.1:70/_' })],
  ['CreateSubscription', 'SUBSCRIPTION_URL_INVALID', subscription({ url: 'https://admin:pw@203.0.114.1/hook' })],
  ['CreateSubscription', 'SUBSCRIPTION_URL_INVALID', subscription({ url: '' })],
  ['CreateSubscription', 'SUBSCRIPTION_URL_NOT_HTTPS', subscription({ url: 'http://203.0.114.1/hook' })],
  ['CreateSubscription', 'PUSH_TARGET_NOT_ALLOWED', subscription({ url: 'https://127.0.0.1/hook' })],
  ['CreateSubscription', 'PUSH_TARGET_NOT_ALLOWED', subscription({ url: 'https://[::1]:8443/hook' })],
  ['CreateSubscription', 'PUSH_TARGET_NOT_ALLOWED', subscription({ url: 'https://10.1.2.3/hook' })],
  ['CreateSubscription', 'PUSH_TARGET_NOT_ALLOWED', subscription({ url: 'https://192.168.1.1/hook' })],
  ['CreateSubscription', 'PUSH_TARGET_NOT_ALLOWED', subscription({ url: 'https://169.254.169.254/latest/meta-data' })],
  ['CreateSubscription', 'PUSH_TARGET_NOT_ALLOWED', subscription({ url: 'https://[::ffff:10.0.0.1]/hook' })],
  ['CreateSubscription', 'PUSH_TARGET_NOT_ALLOWED', subscription({ url: 'https://[fd00::1]/hook' })],
  ['CreateSubscription', 'PUSH_TARGET_NOT_ALLOWED', subscription({ url: 'https://0.0.0.0/hook' })],
  ['CreateSubscription', 'SUBSCRIPTION_SECRET_INVALID', subscription({ secret: 's'.repeat(201) })],
  ['CreateSubscription', 'SUBSCRIPTION_SECRET_INVALID', subscription({ secret: 'short' })],
  ['CreateSubscription', 'SUBSCRIPTION_SECRET_INVALID', subscription({ secret: '密钥密钥密钥密钥密钥密钥密钥密钥' })],
  ['CreateSubscription', 'FIELD_TOO_LONG', subscription({ secret: 's'.repeat(1024 * 1024) })],
  ['CreateSubscription', 'REQUEST_MALFORMED', subscription({ secret: Buffer.concat([Buffer.from('s'.repeat(20)), invalidUtf8()]) })],
  ['CreateSubscription', 'EVENT_TYPES_INVALID', subscription({ types: [] })],
  ['CreateSubscription', 'EVENT_TYPES_INVALID', subscription({ types: ['report.deleted'] })],
  ['CreateSubscription', 'EVENT_TYPES_INVALID', subscription({ types: ['finding.opened', '<script>alert(1)</script>'] })],
  ['CreateSubscription', 'EVENT_TYPES_INVALID', subscription({ types: Array.from({ length: 500 }, (_, i) => `x.${i}`) })],
  ['CreateSubscription', 'PUSH_FORMAT_INVALID', subscription({ format: 'slack' })],
  ['CreateSubscription', 'SUBSCRIPTION_NAME_INVALID', subscription({ name: '' })],
  ['CreateSubscription', 'SUBSCRIPTION_NAME_INVALID', subscription({ name: '名'.repeat(101) })],
  ['CreateSubscription', 'SCOPE_INVALID', subscription({ scope: "1402' OR 1=1" })],
  ['CreateSubscription', 'REQUEST_MALFORMED', bytes(512)],
  ['DeleteSubscription', 'SUBSCRIPTION_NOT_FOUND', byId('sub_00000000000000000000')],
  ['DeleteSubscription', 'SUBSCRIPTION_ID_MISSING', byId('')],
  ['PauseSubscription', 'SUBSCRIPTION_NOT_FOUND', byId("sub_' OR 1=1 --")],
  ['ResumeSubscription', 'SUBSCRIPTION_NOT_FOUND', byId('../../etc/passwd')],
  ['ReplayDelivery', 'DELIVERY_NOT_FOUND', byId('dlv_00000000000000000000')],
  ['ReplayDelivery', 'DELIVERY_ID_MISSING', byId('')],
  ['ListDeliveries', 'DELIVERY_STATUS_INVALID', delimited(2, text('lost'))],
];
// As a city (1402): a subscription for another city's reports, or for the whole country, is outside its scope.
const cityCases = [
  ['CreateSubscription', 'SCOPE_NOT_COVERED', subscription({ scope: '5425' })],
  ['CreateSubscription', 'SCOPE_NOT_COVERED', subscription({ scope: '' })],
  ['CreateSubscription', 'SCOPE_NOT_COVERED', subscription({ scope: '14', url: 'https://127.0.0.1/hook' })],
  ['CreateSubscription', 'PUSH_TARGET_NOT_ALLOWED', subscription({ scope: '1402', url: 'https://10.1.2.3/hook' })],
  ['DeleteSubscription', 'SUBSCRIPTION_NOT_FOUND', byId('sub_00000000000000000000')],
];

// Each case twenty times, sixteen at once: a refusal with the expected code's reason every time.
async function hammerPush() {
  const pushMethods = Object.fromEntries(methods.filter((m) => m.service === 'oversight.push.v1.PushService').map((m) => [m.name, m]));
  const runs = [...pushCases.map((c) => [...c, key]), ...(cityKey ? cityCases.map((c) => [...c, cityKey]) : [])];
  const mismatched = [];
  let pushSent = 0;
  const inFlight = new Set();
  for (let round = 0; round < 20; round++) {
    for (const [name, expected, body, asKey] of runs) {
      const onStatus = (err) => {
        const reason = err && err.metadata ? (err.metadata.get('x-oversight-reason')[0] || '') : '';
        if (reason !== expected && mismatched.length < 50) {
          mismatched.push({ method: name, expected, reason, code: err ? err.code : 0, details: err ? String(err.details).slice(0, 200) : '' });
        }
      };
      const p = send(pushMethods[name], 'push_' + expected.toLowerCase(), body, true, asKey, onStatus).then(() => inFlight.delete(p));
      inFlight.add(p);
      pushSent++;
      if (inFlight.size >= 16) await Promise.race(inFlight);
    }
  }
  await Promise.all(inFlight);
  return { sent: pushSent, cases: runs.length, mismatched };
}

// Write RPCs whose request is valid when nearly empty are sent only malformed, so that nothing is ever stored.
const writesOnlyMalformed = new Set(['RunSweep', 'CreateKey', 'UpsertRulePack', 'ImportRegistry', 'WaiveFinding', 'ReopenFinding', 'RevokeKey',
  'CheckReport', 'AnalyzeReport', 'IngestReports', 'CreateSubscription']);

(async () => {
  const started = Date.now();
  let sent = 0;
  const inFlight = new Set();
  while (sent < count) {
    const method = pick(methods);
    let { kind, body } = generate(method);
    if (writesOnlyMalformed.has(method.name) && !['random_bytes', 'truncated', 'deeply_nested', 'wrong_wire_types', 'oversized'].includes(kind)) {
      kind = 'wrong_wire_types';
      body = Buffer.concat([tag(1, 5), Buffer.from([1])]);
    }
    // A very few without a key: the access check is part of what hostile callers meet, but ten failures from one address
    // block it for every key not already verified, and the run would only measure that block.
    const p = send(method, kind, body, next() % 1000 !== 0).then(() => inFlight.delete(p));
    inFlight.add(p);
    sent++;
    if (inFlight.size >= 16) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  const push = await hammerPush();
  console.log(JSON.stringify({ sent, seconds: (Date.now() - started) / 1000, byCode, byReason, byKind, unclear, push }));
  process.exit(0);
})();
