// @grpc/grpc-js EchoService server, for the load benchmark. Prints "listening PORT"; exits when stdin closes.
'use strict';
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const protoRoot = path.resolve(__dirname, '../../protos');
const definition = protoLoader.loadSync('oversight/testing/v1/echo.proto', { includeDirs: [protoRoot], keepCase: true, longs: Number, defaults: true });
const EchoService = grpc.loadPackageDefinition(definition).oversight.testing.v1.EchoService;

const server = new grpc.Server();
server.addService(EchoService.service, {
  Echo: (call, callback) => callback(null, { message: call.request.message, payload: call.request.payload }),
  ServerStream: (call) => { for (let i = 0; i < call.request.count; i++) call.write({ message: call.request.message, index: i }); call.end(); },
  ClientStream: (call, callback) => { let n = 0; let last = ''; call.on('data', (r) => { n++; last = r.message; }); call.on('end', () => callback(null, { message: `${n}:0:${last}`, index: n })); },
  Duplex: (call) => { let i = 0; call.on('data', (r) => call.write({ message: r.message, payload: r.payload, index: i++ })); call.on('end', () => call.end()); },
});
server.bindAsync(`127.0.0.1:${process.argv[2] || 0}`, grpc.ServerCredentials.createInsecure(), (err, port) => {
  if (err) { console.error(err); process.exit(1); }
  console.log(`listening ${port}`);
});
process.stdin.on('end', () => server.forceShutdown());
process.stdin.resume();
