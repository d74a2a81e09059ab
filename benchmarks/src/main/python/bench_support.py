"""
What the Twisted load peers of Spindle's side-by-side load tool share (amp_bench.py, pb_bench.py).

A server listens on 127.0.0.1:0, prints "PORT <n>" and serves until its stdin closes (the Java
orchestrator's signal) or --lifetime seconds pass.

A client measures itself: a warm-up round, then --rounds rounds of --seconds each, and prints
one machine-readable line that dev.spindle.benchmarks.TwistedClient parses:

    RESULT rates=<calls/s>,<calls/s>,... p50_us=<x> p99_us=<y> calls=<n>

(p50/p99 only when the scenario records latency; they are NaN otherwise). Any failure prints
"FAIL <why>" and exits 1. Run with /usr/bin/python3 (Debian's python3-twisted).
"""

import argparse
import sys
import threading
import time

from twisted.internet import defer, reactor


def server_main(factory, argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--lifetime", type=float, default=900.0)
    args = parser.parse_args(argv)
    port = reactor.listenTCP(0, factory, interface="127.0.0.1")
    print("PORT %d" % port.getHost().port, flush=True)

    def watch_stdin():
        sys.stdin.read()
        reactor.callFromThread(_stop)

    threading.Thread(target=watch_stdin, daemon=True).start()
    reactor.callLater(args.lifetime, _stop)
    reactor.run()


def _stop():
    if reactor.running:
        reactor.stop()


def client_args(argv, scenarios):
    parser = argparse.ArgumentParser()
    parser.add_argument("port", type=int)
    parser.add_argument("scenario", choices=scenarios)
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--warmup", type=float, default=2.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=1)
    parser.add_argument("--inflight", type=int, default=1)
    parser.add_argument("--payload", type=int, default=0)
    return parser.parse_args(argv)


class _Round:
    """Keeps `inflight` calls busy on each connection until the deadline, then waits for the
    answers still out. call(conn, n) returns a Deferred that fails if the answer is wrong."""

    def __init__(self, call, connections, inflight, seconds, latencies):
        self.call = call
        self.connections = connections
        self.inflight = inflight
        self.seconds = seconds
        self.latencies = latencies
        self.done = 0
        self.active = len(connections) * inflight
        self.finished = defer.Deferred()

    def start(self):
        self.start_time = time.perf_counter()
        self.end = self.start_time + self.seconds
        for conn in self.connections:
            for _ in range(self.inflight):
                self._issue(conn)
        return self.finished

    def _issue(self, conn):
        t0 = time.perf_counter()
        d = self.call(conn, self.done)
        d.addCallbacks(self._answered, self._failed, callbackArgs=(conn, t0))

    def _answered(self, _result, conn, t0):
        now = time.perf_counter()
        self.done += 1
        if self.latencies is not None:
            self.latencies.append(now - t0)
        if now < self.end:
            self._issue(conn)
        else:
            self.active -= 1
            if self.active == 0:
                self.finished.callback(self.done / (now - self.start_time))

    def _failed(self, failure):
        if not self.finished.called:
            self.finished.errback(failure)


def _percentile_us(values, fraction):
    if not values:
        return float("nan")
    values.sort()
    return values[min(len(values) - 1, int(len(values) * fraction))] * 1e6


@defer.inlineCallbacks
def _measure(connect, call, args, record_latency):
    connections = []
    for _ in range(args.connections):
        conn = yield connect(args.port)
        connections.append(conn)
    yield _Round(call, connections, args.inflight, args.warmup, None).start()
    rates = []
    latencies = [] if record_latency else None
    calls = 0
    for _ in range(args.rounds):
        r = _Round(call, connections, args.inflight, args.seconds, latencies)
        rate = yield r.start()
        rates.append(rate)
        calls += r.done
    p50 = _percentile_us(latencies, 0.50) if record_latency else float("nan")
    p99 = _percentile_us(latencies, 0.99) if record_latency else float("nan")
    print("RESULT rates=%s p50_us=%.1f p99_us=%.1f calls=%d"
          % (",".join("%.1f" % r for r in rates), p50, p99, calls), flush=True)
    for conn in connections:
        conn.transport.loseConnection()


def client_main(args, connect, call):
    """Connects args.connections times with connect(port) (a Deferred of a protocol), measures
    call(protocol, n) and prints the RESULT line; exits 1 on any failure or after a bound."""
    outcome = {"code": 1}

    def ok(_):
        outcome["code"] = 0

    def failed(failure):
        print("FAIL %s" % failure.getErrorMessage(), flush=True)
        failure.printTraceback(file=sys.stderr)

    def start():
        d = _measure(connect, call, args, args.inflight == 1 and args.connections == 1)
        d.addCallbacks(ok, failed)
        d.addBoth(lambda _: _stop())

    def too_long():
        print("FAIL still running after the bound", flush=True)
        _stop()

    bound = args.warmup + args.rounds * args.seconds + 60
    reactor.callLater(bound, too_long)
    reactor.callWhenRunning(start)
    reactor.run()
    sys.exit(outcome["code"])
