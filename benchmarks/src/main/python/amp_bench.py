#!/usr/bin/python3
"""
Twisted 22.4 AMP peer of Spindle's side-by-side load tool (dev.spindle.benchmarks.SideBySide).

    amp_bench.py server [--lifetime S]
        answers Sum(a, b) -> total and Echo(value) -> value on 127.0.0.1:0; prints "PORT <n>";
        serves until stdin closes
    amp_bench.py client PORT sum|echo [--seconds S] [--warmup S] [--rounds R]
                   [--connections C] [--inflight K] [--payload BYTES]
        calls the server at 127.0.0.1:PORT and prints one RESULT line (see bench_support.py)

The commands match the Java ones in dev.spindle.benchmarks (Sum, Echo).
"""

import sys

import bench_support
from twisted.internet import endpoints, protocol, reactor
from twisted.protocols import amp


class Sum(amp.Command):
    arguments = [(b"a", amp.Integer()), (b"b", amp.Integer())]
    response = [(b"total", amp.Integer())]


class Echo(amp.Command):
    arguments = [(b"value", amp.String())]
    response = [(b"value", amp.String())]


class BenchAMP(amp.AMP):
    @Sum.responder
    def sum(self, a, b):
        return {"total": a + b}

    @Echo.responder
    def echo(self, value):
        return {"value": value}


def connect(port):
    endpoint = endpoints.TCP4ClientEndpoint(reactor, "127.0.0.1", port)
    return endpoints.connectProtocol(endpoint, amp.AMP())


def call_sum(conn, n):
    def check(answer):
        if answer["total"] != n + 1:
            raise ValueError("Sum(%d, 1) = %r" % (n, answer["total"]))
        return answer

    return conn.callRemote(Sum, a=n, b=1).addCallback(check)


def echo_call(payload):
    value = b"x" * payload

    def call(conn, n):
        def check(answer):
            if len(answer["value"]) != payload:
                raise ValueError("Echo answered %d bytes" % len(answer["value"]))
            return answer

        return conn.callRemote(Echo, value=value).addCallback(check)

    return call


def main(argv):
    if argv[:1] == ["server"]:
        bench_support.server_main(protocol.Factory.forProtocol(BenchAMP), argv[1:])
    elif argv[:1] == ["client"]:
        args = bench_support.client_args(argv[1:], ["sum", "echo"])
        call = call_sum if args.scenario == "sum" else echo_call(args.payload)
        bench_support.client_main(args, connect, call)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
