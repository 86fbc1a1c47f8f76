#!/usr/bin/env python3
"""Python grpcio peer for interoperability tests and the load benchmark.

client MODE: runs every scenario against an Oversight server and prints "ok NAME" or "fail NAME: why".
server MODE: serves oversight.testing.v1.EchoService and prints "listening PORT"; stops when stdin closes.

Message classes come from the serialized FileDescriptorProto the caller passes (--descriptor), because
Debian's grpc_tools ships a protoc too old for its own protobuf runtime.
"""
import argparse
import sys
import threading
import time
from concurrent import futures

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

SERVICE = "oversight.testing.v1.EchoService"


def load_messages(descriptor_path):
    pool = descriptor_pool.DescriptorPool()
    with open(descriptor_path, "rb") as f:
        pool.Add(descriptor_pb2.FileDescriptorProto.FromString(f.read()))
    factory = message_factory.MessageFactory(pool)
    get = lambda name: factory.GetPrototype(pool.FindMessageTypeByName("oversight.testing.v1." + name))
    return get("EchoRequest"), get("EchoResponse"), get("StreamRequest")


def run_client(target, descriptor_path):
    EchoRequest, EchoResponse, StreamRequest = load_messages(descriptor_path)
    results = []

    def method(channel, name, kind):
        path = "/%s/%s" % (SERVICE, name)
        request_type = StreamRequest if name == "ServerStream" else EchoRequest
        factory = getattr(channel, kind)
        return factory(path, request_serializer=request_type.SerializeToString, response_deserializer=EchoResponse.FromString)

    def scenario(name):
        def wrap(fn):
            try:
                fn()
                results.append("ok " + name)
            except Exception as e:  # noqa: BLE001 - every failure is reported, none hidden
                results.append("fail %s: %r" % (name, e))
            return fn
        return wrap

    channel = grpc.insecure_channel(target)
    unary = method(channel, "Echo", "unary_unary")

    @scenario("unary")
    def _():
        r = unary(EchoRequest(message="法治政府建设年度报告"), timeout=10)
        assert r.message == "法治政府建设年度报告", r.message

    @scenario("server_streaming")
    def _():
        got = [r.index for r in method(channel, "ServerStream", "unary_stream")(StreamRequest(count=10), timeout=10)]
        assert got == list(range(10)), got

    @scenario("client_streaming")
    def _():
        r = method(channel, "ClientStream", "stream_unary")(iter([EchoRequest(message="m%d" % i) for i in range(5)]), timeout=10)
        assert r.message == "5:0:m4", r.message

    @scenario("duplex")
    def _():
        got = [r.message for r in method(channel, "Duplex", "stream_stream")(iter([EchoRequest(message="p%d" % i) for i in range(5)]), timeout=10)]
        assert got == ["p%d" % i for i in range(5)], got

    @scenario("error_chinese_message")
    def _():
        try:
            unary(EchoRequest(fail_with_code=3, fail_message="辖区代码格式错误: 请提供6位代码"), timeout=10)
            raise AssertionError("no error")
        except grpc.RpcError as e:
            assert e.code() == grpc.StatusCode.INVALID_ARGUMENT, e.code()
            assert e.details() == "辖区代码格式错误: 请提供6位代码", e.details()

    @scenario("deadline")
    def _():
        try:
            unary(EchoRequest(delay_ms=5000), timeout=0.3)
            raise AssertionError("no error")
        except grpc.RpcError as e:
            assert e.code() == grpc.StatusCode.DEADLINE_EXCEEDED, e.code()

    @scenario("metadata")
    def _():
        r, call = unary.with_call(EchoRequest(message="m"), timeout=10,
                                  metadata=(("x-echo-office", "1402"), ("x-echo-blob-bin", b"\x00\x01\xff")))
        initial = dict(call.initial_metadata())
        trailing = dict(call.trailing_metadata())
        assert initial.get("x-echo-office") == "1402", initial
        assert initial.get("x-echo-blob-bin") == b"\x00\x01\xff", initial
        assert trailing.get("x-trailer-office") == "1402", trailing
        assert trailing.get("x-trailer-blob-bin") == b"\x00\x01\xff", trailing
        assert "x-echo-office=1402" in r.seen_metadata, r.seen_metadata

    @scenario("gzip")
    def _():
        with grpc.insecure_channel(target, compression=grpc.Compression.Gzip) as gz:
            r = method(gz, "Echo", "unary_unary")(EchoRequest(payload=b"\x00" * 100000), timeout=10)
            assert len(r.payload) == 100000, len(r.payload)

    @scenario("large_message")
    def _():
        with grpc.insecure_channel(target, options=[("grpc.max_receive_message_length", 8 * 1024 * 1024)]) as big:
            payload = bytes(i % 251 for i in range(3 * 1024 * 1024))
            r = method(big, "Echo", "unary_unary")(EchoRequest(payload=payload), timeout=30)
            assert r.payload == payload

    @scenario("unimplemented")
    def _():
        try:
            channel.unary_unary("/%s/Nope" % SERVICE)(b"", timeout=10)
            raise AssertionError("no error")
        except grpc.RpcError as e:
            assert e.code() == grpc.StatusCode.UNIMPLEMENTED, e.code()

    @scenario("health")
    def _():
        # HealthCheckRequest{} is empty; HealthCheckResponse{status: SERVING} is field 1 = 1.
        r = channel.unary_unary("/grpc.health.v1.Health/Check")(b"", timeout=10)
        assert r == b"\x08\x01", r

    channel.close()
    for line in results:
        print(line, flush=True)
    return 0 if all(line.startswith("ok ") for line in results) else 1


def run_server(port, descriptor_path):
    EchoRequest, EchoResponse, StreamRequest = load_messages(descriptor_path)

    def echo_metadata(context):
        pairs = [(k, v) for k, v in context.invocation_metadata() if k.startswith("x-echo-")]
        if pairs:
            context.send_initial_metadata(pairs)
            context.set_trailing_metadata([(k.replace("x-echo-", "x-trailer-"), v) for k, v in pairs])

    def fail_if_asked(context, code, message):
        if code:
            status = next(s for s in grpc.StatusCode if s.value[0] == code)
            context.abort(status, message)

    def sleep(ms, context):
        deadline = time.monotonic() + ms / 1000.0
        while time.monotonic() < deadline and context.is_active():
            time.sleep(0.01)

    def echo(request, context):
        echo_metadata(context)
        sleep(request.delay_ms, context)
        fail_if_asked(context, request.fail_with_code, request.fail_message)
        return EchoResponse(message=request.message, payload=request.payload)

    def server_stream(request, context):
        echo_metadata(context)
        payload = b"\x00" * request.payload_size
        for i in range(request.count):
            sleep(request.delay_ms, context)
            yield EchoResponse(message=request.message, index=i, payload=payload)
        fail_if_asked(context, request.fail_with_code, request.fail_message)

    def client_stream(requests, context):
        echo_metadata(context)
        count, size, last = 0, 0, ""
        for r in requests:
            count += 1
            size += len(r.payload)
            last = r.message
            fail_if_asked(context, r.fail_with_code, r.fail_message)
        return EchoResponse(message="%d:%d:%s" % (count, size, last), index=count)

    def duplex(requests, context):
        echo_metadata(context)
        for i, r in enumerate(requests):
            fail_if_asked(context, r.fail_with_code, r.fail_message)
            yield EchoResponse(message=r.message, payload=r.payload, index=i)

    handler = grpc.method_handlers_generic_handler(SERVICE, {
        "Echo": grpc.unary_unary_rpc_method_handler(echo, EchoRequest.FromString, EchoResponse.SerializeToString),
        "ServerStream": grpc.unary_stream_rpc_method_handler(server_stream, StreamRequest.FromString, EchoResponse.SerializeToString),
        "ClientStream": grpc.stream_unary_rpc_method_handler(client_stream, EchoRequest.FromString, EchoResponse.SerializeToString),
        "Duplex": grpc.stream_stream_rpc_method_handler(duplex, EchoRequest.FromString, EchoResponse.SerializeToString),
    })
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=16), compression=grpc.Compression.Gzip,
                         options=[("grpc.max_receive_message_length", 16 * 1024 * 1024)])
    server.add_generic_rpc_handlers((handler,))
    bound = server.add_insecure_port("127.0.0.1:%d" % port)
    server.start()
    print("listening %d" % bound, flush=True)
    # Runs until the parent closes stdin (or the process is killed).
    threading.Thread(target=lambda: (sys.stdin.read(), server.stop(0)), daemon=True).start()
    server.wait_for_termination()
    return 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["client", "server"])
    parser.add_argument("--target", default="")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--descriptor", required=True)
    args = parser.parse_args()
    if args.mode == "client":
        return run_client(args.target, args.descriptor)
    return run_server(args.port, args.descriptor)


if __name__ == "__main__":
    sys.exit(main())
