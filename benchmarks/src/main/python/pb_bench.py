#!/usr/bin/python3
"""
Twisted 22.4 Perspective Broker peer of Spindle's side-by-side load tool
(dev.spindle.benchmarks.SideBySide).

    pb_bench.py server [--lifetime S]
        PBServerFactory(Adder()) on 127.0.0.1:0, remote_add(a, b) -> a + b; prints "PORT <n>";
        serves until stdin closes
    pb_bench.py client PORT add [--seconds S] [--warmup S] [--rounds R] [--inflight K]
        root.callRemote("add", n, 1) against 127.0.0.1:PORT; prints one RESULT line (see
        bench_support.py)

The root matches the Java one (dev.spindle.benchmarks.Adder).
"""

import sys

import bench_support
from twisted.internet import reactor
from twisted.spread import pb


class Adder(pb.Root):
    def remote_add(self, a, b=0):
        return a + b


class _Conn:
    """The root reference, with the transport bench_support closes at the end."""

    def __init__(self, root):
        self.root = root
        self.transport = root.broker.transport


def connect(port):
    factory = pb.PBClientFactory()
    reactor.connectTCP("127.0.0.1", port, factory)
    return factory.getRootObject().addCallback(_Conn)


def call_add(conn, n):
    def check(total):
        if total != n + 1:
            raise ValueError("add(%d, 1) = %r" % (n, total))
        return total

    return conn.root.callRemote("add", n, 1).addCallback(check)


def main(argv):
    if argv[:1] == ["server"]:
        bench_support.server_main(pb.PBServerFactory(Adder()), argv[1:])
    elif argv[:1] == ["client"]:
        args = bench_support.client_args(argv[1:], ["add"])
        bench_support.client_main(args, connect, call_add)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
