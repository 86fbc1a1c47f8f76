// @grpc/grpc-js as a client of an Oversight server: every call kind, errors, deadlines, metadata, gzip,
// and server reflection through an independent reflection client (grpc-js-reflection-client).
// Prints "ok NAME" or "fail NAME: why" per scenario; exits 1 if any failed.
'use strict';
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const { GrpcReflection } = require('grpc-js-reflection-client');

const target = process.argv[2];
const protoRoot = path.resolve(__dirname, '../../protos');
const definition = protoLoader.loadSync('oversight/testing/v1/echo.proto', { includeDirs: [protoRoot], keepCase: true, longs: Number, defaults: true });
const EchoService = grpc.loadPackageDefinition(definition).oversight.testing.v1.EchoService;

const deadline = (ms) => new Date(Date.now() + ms);
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
const unary = (client, method, request, metadata = new grpc.Metadata(), ms = 10000) =>
  new Promise((resolve, reject) => {
    const call = client[method](request, metadata, { deadline: deadline(ms) }, (err, res) => (err ? reject(err) : resolve({ res, call })));
    call.on('metadata', (md) => { call.initial = md; });
    call.on('status', (st) => { call.trailers = st.metadata; });
  });
const collect = (call) => new Promise((resolve, reject) => {
  const items = [];
  call.on('data', (d) => items.push(d));
  call.on('error', reject);
  call.on('end', () => resolve(items));
});

(async () => {
  const client = new EchoService(target, grpc.credentials.createInsecure(), { 'grpc.max_receive_message_length': 16 * 1024 * 1024 });

  await scenario('unary', async () => {
    const { res } = await unary(client, 'Echo', { message: '法治政府建设年度报告' });
    assert(res.message === '法治政府建设年度报告', res.message);
  });
  await scenario('server_streaming', async () => {
    const items = await collect(client.ServerStream({ count: 10 }, { deadline: deadline(10000) }));
    assert(JSON.stringify(items.map((i) => i.index)) === JSON.stringify([...Array(10).keys()]), JSON.stringify(items));
  });
  await scenario('client_streaming', async () => {
    const res = await new Promise((resolve, reject) => {
      const call = client.ClientStream({ deadline: deadline(10000) }, (err, r) => (err ? reject(err) : resolve(r)));
      for (let i = 0; i < 5; i++) call.write({ message: `m${i}` });
      call.end();
    });
    assert(res.message === '5:0:m4', res.message);
  });
  await scenario('duplex', async () => {
    const call = client.Duplex({ deadline: deadline(10000) });
    const done = collect(call);
    for (let i = 0; i < 5; i++) call.write({ message: `p${i}` });
    call.end();
    const items = await done;
    assert(items.map((i) => i.message).join(',') === 'p0,p1,p2,p3,p4', JSON.stringify(items));
  });
  await scenario('error_chinese_message', async () => {
    try {
      await unary(client, 'Echo', { fail_with_code: 3, fail_message: '辖区代码格式错误: 请提供6位代码' });
      throw new Error('no error');
    } catch (e) {
      assert(e.code === grpc.status.INVALID_ARGUMENT, `code ${e.code}`);
      assert(e.details === '辖区代码格式错误: 请提供6位代码', e.details);
    }
  });
  await scenario('deadline', async () => {
    try {
      await unary(client, 'Echo', { delay_ms: 5000 }, new grpc.Metadata(), 300);
      throw new Error('no error');
    } catch (e) {
      assert(e.code === grpc.status.DEADLINE_EXCEEDED, `code ${e.code}`);
    }
  });
  await scenario('metadata', async () => {
    const md = new grpc.Metadata();
    md.set('x-echo-office', '1402');
    md.set('x-echo-blob-bin', Buffer.from([0, 1, 255]));
    const { res, call } = await unary(client, 'Echo', { message: 'm' }, md);
    await new Promise((r) => setTimeout(r, 50));
    assert(res.seen_metadata.includes('x-echo-office=1402'), JSON.stringify(res.seen_metadata));
    assert(call.initial.get('x-echo-office')[0] === '1402', 'initial text');
    assert(Buffer.compare(call.initial.get('x-echo-blob-bin')[0], Buffer.from([0, 1, 255])) === 0, 'initial binary');
    assert(call.trailers.get('x-trailer-office')[0] === '1402', 'trailer text');
    assert(Buffer.compare(call.trailers.get('x-trailer-blob-bin')[0], Buffer.from([0, 1, 255])) === 0, 'trailer binary');
  });
  await scenario('gzip', async () => {
    const gz = new EchoService(target, grpc.credentials.createInsecure(), { 'grpc.default_compression_algorithm': 2 });
    const { res } = await unary(gz, 'Echo', { payload: Buffer.alloc(100000) });
    assert(res.payload.length === 100000, `${res.payload.length}`);
    gz.close();
  });
  await scenario('large_message', async () => {
    const payload = Buffer.alloc(3 * 1024 * 1024, 7);
    const { res } = await unary(client, 'Echo', { payload }, new grpc.Metadata(), 30000);
    assert(Buffer.compare(res.payload, payload) === 0, 'payload differs');
  });
  for (const version of ['v1', 'v1alpha']) {
    await scenario(`reflection_${version}`, async () => {
      const reflection = new GrpcReflection(target, grpc.credentials.createInsecure(), {}, version);
      const services = await reflection.listServices();
      for (const expected of ['oversight.testing.v1.EchoService', 'grpc.health.v1.Health', 'grpc.reflection.v1.ServerReflection']) {
        assert(services.includes(expected), `missing ${expected} in ${services}`);
      }
      const methods = (await reflection.listMethods('oversight.testing.v1.EchoService')).map((m) => m.name).sort();
      assert(methods.join(',') === 'ClientStream,Duplex,Echo,ServerStream', methods.join(','));
      // Discover and call, as grpcurl would: no local .proto involved.
      const descriptor = await reflection.getDescriptorBySymbol('oversight.testing.v1.EchoService');
      const Discovered = descriptor.getPackageObject({ keepCase: true, defaults: true }).oversight.testing.v1.EchoService;
      const discovered = new Discovered(target, grpc.credentials.createInsecure());
      const { res } = await unary(discovered, 'Echo', { message: 'via reflection' });
      assert(res.message === 'via reflection', res.message);
      discovered.close();
    });
  }
  client.close();
  for (const line of results) console.log(line);
  process.exit(results.every((l) => l.startsWith('ok ')) ? 0 : 1);
})();
