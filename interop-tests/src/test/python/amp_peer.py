#!/usr/bin/python3
"""
A real Twisted 22.4 AMP peer for Spindle's interop tests.

    amp_peer.py server             listen on 127.0.0.1:0, print "PORT <n>", serve until
                                   stdin closes (or 300 s pass)
    amp_peer.py client PORT VECTORS
                                   connect to a Java server on 127.0.0.1:PORT, run every
                                   check below, print "ok <name>" or "FAIL <name>: why"
                                   per check, "skip <vector>: why" per vector it does not
                                   echo, and "summary: ok=N failed=M skipped=K"; exit 1 if
                                   any check failed

The commands mirror the ones in shared/vectors/generate.py (Sum, Divide, Explode,
Notify, Everything, Echo<Type>) plus a few for interop only (LastNotification,
Delay, CallMeBack, EchoBytes).  Run it with /usr/bin/python3 (Debian's Twisted).
"""

import datetime
import decimal
import json
import math
import os
import struct
import sys

import peer_support
from twisted.internet import defer, protocol, reactor, task
from twisted.internet.error import ConnectionDone, ConnectionLost
from twisted.protocols import amp
from twisted.python import filepath, log

MAX_LIFETIME = peer_support.MAX_LIFETIME


class FatalProblem(Exception):
    pass


class Sum(amp.Command):
    arguments = [(b"a", amp.Integer()), (b"b", amp.Integer())]
    response = [(b"total", amp.Integer())]


class Divide(amp.Command):
    arguments = [(b"numerator", amp.Integer()), (b"denominator", amp.Integer())]
    response = [(b"result", amp.Float())]
    errors = {ZeroDivisionError: b"ZERO_DIVISION"}


class Explode(amp.Command):
    arguments = [(b"how", amp.Unicode())]
    response = []
    errors = {ValueError: b"BAD_VALUE"}
    fatalErrors = {FatalProblem: b"FATAL_PROBLEM"}


class Notify(amp.Command):
    arguments = [(b"message", amp.Unicode())]
    response = []
    requiresAnswer = False


class LastNotification(amp.Command):
    arguments = []
    response = [(b"message", amp.Unicode(optional=True))]


class Unimplemented(amp.Command):
    arguments = []
    response = []


class Delay(amp.Command):
    arguments = [(b"ms", amp.Integer()), (b"id", amp.Integer())]
    response = [(b"id", amp.Integer())]


class CallMeBack(amp.Command):
    """The responder calls Sum(a, b) on the caller and answers with its total."""
    arguments = [(b"a", amp.Integer()), (b"b", amp.Integer())]
    response = [(b"total", amp.Integer())]


class AddOne(amp.Command):
    """snake_case keys, as Python code names them (Java: a SNAKE_CASE naming policy)."""
    arguments = [(b"first_value", amp.Integer()), (b"http_url_port", amp.Integer())]
    response = [(b"plus_one", amp.Integer()), (b"echoed_port", amp.Integer())]


ROW = amp.AmpList([(b"id", amp.Integer()), (b"name", amp.Unicode(optional=True))])


class Everything(amp.Command):
    arguments = [
        (b"int", amp.Integer()),
        (b"bytes", amp.String()),
        (b"text", amp.Unicode()),
        (b"flag", amp.Boolean()),
        (b"real", amp.Float()),
        (b"dec", amp.Decimal()),
        (b"when", amp.DateTime()),
        (b"ints", amp.ListOf(amp.Integer())),
        (b"rows", ROW),
        (b"path", amp.Path()),
        (b"maybe", amp.Unicode(optional=True)),
        (b"absent", amp.Unicode(optional=True)),
        (b"from", amp.Integer()),
        (b"dashed-name", amp.String()),
    ]
    response = arguments


def _echo(name, arg):
    return type(name, (amp.Command,), {
        "arguments": [(b"value", arg)],
        "response": [(b"value", arg)],
    })


ECHO = {c.commandName: c for c in [
    _echo("EchoInteger", amp.Integer()),
    _echo("EchoString", amp.String()),
    _echo("EchoBytes", amp.String()),
    _echo("EchoUnicode", amp.Unicode()),
    _echo("EchoBoolean", amp.Boolean()),
    _echo("EchoFloat", amp.Float()),
    _echo("EchoDecimal", amp.Decimal()),
    _echo("EchoDateTime", amp.DateTime()),
    _echo("EchoPath", amp.Path()),
    _echo("EchoOptionalUnicode", amp.Unicode(optional=True)),
    _echo("EchoListOfInteger", amp.ListOf(amp.Integer())),
    _echo("EchoListOfUnicode", amp.ListOf(amp.Unicode())),
    _echo("EchoListOfString", amp.ListOf(amp.String())),
    _echo("EchoListOfBoolean", amp.ListOf(amp.Boolean())),
    _echo("EchoListOfFloat", amp.ListOf(amp.Float())),
    _echo("EchoListOfDecimal", amp.ListOf(amp.Decimal())),
    _echo("EchoListOfDateTime", amp.ListOf(amp.DateTime())),
    _echo("EchoListOfListOfInteger", amp.ListOf(amp.ListOf(amp.Integer()))),
    _echo("EchoAmpList", amp.AmpList([(b"a", amp.Integer()), (b"b", amp.Unicode(optional=True))])),
]}


class Peer(amp.AMP):
    """Both sides run this: it answers every command above."""

    def __init__(self):
        amp.AMP.__init__(self)
        self.notified = None
        self.lost = defer.Deferred()

    def locateResponder(self, name):
        if name in ECHO:
            return self._wrapWithSerialization(lambda **kw: kw, ECHO[name])
        return amp.AMP.locateResponder(self, name)

    def connectionLost(self, reason):
        amp.AMP.connectionLost(self, reason)
        if not self.lost.called:
            self.lost.callback(None)

    @Sum.responder
    def sum(self, a, b):
        return {"total": a + b}

    @Divide.responder
    def divide(self, numerator, denominator):
        return {"result": numerator / denominator}

    @Explode.responder
    def explode(self, how):
        if how == "declared":
            raise ValueError("a declared error")
        if how == "fatal":
            raise FatalProblem("a fatal error")
        raise RuntimeError("an undeclared error")

    @Notify.responder
    def notify(self, message):
        self.notified = message
        return {}

    @LastNotification.responder
    def lastNotification(self):
        return {"message": self.notified}

    @Delay.responder
    def delay(self, ms, id):
        return task.deferLater(reactor, ms / 1000.0, lambda: {"id": id})

    @CallMeBack.responder
    def callMeBack(self, a, b):
        return self.callRemote(Sum, a=a, b=b)

    @AddOne.responder
    def addOne(self, first_value, http_url_port):
        return {"plus_one": first_value + 1, "echoed_port": http_url_port}

    @Everything.responder
    def everything(self, **kw):
        return kw

    def amp_PING(self, box):
        return amp.AmpBox(pong=box[b"payload"])


# ---- typed values from the vectors (shared/vectors conventions) ------------------------------

def from_tv(j):
    t = j["t"]
    if t == "none":
        return None
    if t == "bool":
        return j["v"]
    if t == "int":
        return int(j["v"])
    if t == "float":
        return struct.unpack("!d", bytes.fromhex(j["bits"]))[0]
    if t == "bytes":
        return bytes.fromhex(j["hex"])
    if t == "str":
        return j["v"]
    if t == "decimal":
        return decimal.Decimal(j["v"])
    if t == "path":
        return filepath.FilePath(j["v"])
    if t == "datetime":
        tz = datetime.timezone(datetime.timedelta(seconds=j["utcoffset_seconds"]))
        return datetime.datetime(j["year"], j["month"], j["day"], j["hour"], j["minute"],
                                 j["second"], j["microsecond"], tzinfo=tz)
    if t == "list":
        return [from_tv(x) for x in j["items"]]
    if t == "dict":
        return {from_tv(k): from_tv(v) for k, v in j["items"]}
    raise ValueError("unsupported typed value %r" % (t,))


def same(a, b):
    """Equality that tells -0.0 from 0.0, keeps NaN equal to NaN and Decimal('1.50') apart
    from Decimal('1.5')."""
    if isinstance(a, float) and isinstance(b, float):
        if math.isnan(a) and math.isnan(b):
            return True
        return struct.pack("!d", a) == struct.pack("!d", b)
    if isinstance(a, decimal.Decimal) and isinstance(b, decimal.Decimal):
        return str(a) == str(b)
    if isinstance(a, filepath.FilePath) and isinstance(b, filepath.FilePath):
        return a.path == b.path
    if isinstance(a, datetime.datetime) and isinstance(b, datetime.datetime):
        return a == b and a.utcoffset() == b.utcoffset()
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        keys = {k for k, v in a.items() if v is not None} | {k for k, v in b.items() if v is not None}
        return all(same(a.get(k), b.get(k)) for k in keys)
    return type(a) == type(b) and a == b


# ---- server ------------------------------------------------------------------------------------

def run_server():
    factory = protocol.Factory.forProtocol(Peer)
    peer_support.serve(factory)


# ---- client ------------------------------------------------------------------------------------

class Checks:
    def __init__(self):
        self.ok = 0
        self.failed = 0
        self.skips = 0

    def passed(self, name):
        self.ok += 1
        print("ok %s" % name, flush=True)

    def fail(self, name, why):
        self.failed += 1
        print("FAIL %s: %s" % (name, why), flush=True)

    def skipped(self, name, why):
        # Not a check: printed so that the Java side can name every vector it expects skipped.
        self.skips += 1
        print("skip %s: %s" % (name, why), flush=True)

    def expect(self, name, cond, why=""):
        if cond:
            self.passed(name)
        else:
            self.fail(name, why)


def connect(port):
    return protocol.ClientCreator(reactor, Peer).connectTCP("127.0.0.1", port)


@defer.inlineCallbacks
def expect_error(checks, name, d, errorType, message=None):
    try:
        yield d
    except errorType as e:
        if message is not None and str(e) != message:
            checks.fail(name, "message %r, expected %r" % (str(e), message))
        else:
            checks.passed(name)
    except Exception as e:
        checks.fail(name, "got %r, expected %s" % (e, errorType.__name__))
    else:
        checks.fail(name, "no error, expected %s" % errorType.__name__)


@defer.inlineCallbacks
def expect_close(checks, name, proto):
    timeout = reactor.callLater(5, lambda: proto.lost.called or proto.lost.errback(
        defer.TimeoutError("still open after 5 s")))
    try:
        yield proto.lost
        checks.passed(name)
    except Exception as e:
        checks.fail(name, repr(e))
    finally:
        if timeout.active():
            timeout.cancel()


@defer.inlineCallbacks
def run_checks(port, vectors):
    checks = Checks()
    p = yield connect(port)

    # Every value of every Echo vector goes through the Java server and back.
    with open(os.path.join(vectors, "amp-boxes.json")) as f:
        boxes = json.load(f)
    for v in boxes["roundtrip"]:
        name = v.get("command", {}).get("commandName", "").encode("ascii")
        if name not in ECHO:
            checks.skipped(v["description"], "not an Echo command (%r)" % (name,))
            continue
        if not isinstance(v.get("values"), dict):
            checks.skipped(v["description"], "no single value to echo")
            continue
        sent = from_tv(v["values"]["value"])
        want = from_tv(v["received_value"]) if "received_value" in v else sent
        label = "echo %s" % v["description"]
        try:
            kw = {} if sent is None else {"value": sent}
            got = (yield p.callRemote(ECHO[name], **kw)).get("value")
            checks.expect(label, same(got, want), "got %r, expected %r" % (got, want))
        except Exception as e:
            checks.fail(label, repr(e))

    # Everything in one box.
    ev = next(v for v in boxes["roundtrip"] if v.get("command", {}).get("commandName") == "Everything")
    kw = {k: from_tv(x) for k, x in ev["values"].items()}
    got = yield p.callRemote(Everything, **kw)
    checks.expect("everything", same({k: v for k, v in got.items()}, kw), "got %r" % (got,))

    got = yield p.callRemote(Sum, a=13, b=81)
    checks.expect("sum", got["total"] == 94, repr(got))
    got = yield p.callRemote(Divide, numerator=10, denominator=4)
    checks.expect("divide", got["result"] == 2.5, repr(got))
    yield expect_error(checks, "declared error ZERO_DIVISION",
                       p.callRemote(Divide, numerator=1, denominator=0), ZeroDivisionError)
    yield expect_error(checks, "declared error BAD_VALUE",
                       p.callRemote(Explode, how="declared"), ValueError, "a declared error")
    yield expect_error(checks, "unhandled command", p.callRemote(Unimplemented),
                       amp.UnhandledCommand)
    got = yield p.callRemoteString(b"PING", payload=b"abc")
    checks.expect("box-level responder", got.get(b"pong") == b"abc", repr(got))

    r = p.callRemote(Notify, message="fire and forget")
    checks.expect("requiresAnswer=False returns nothing", r is None, repr(r))
    got = yield p.callRemote(LastNotification)
    checks.expect("requiresAnswer=False delivered", got["message"] == "fire and forget", repr(got))

    got = yield p.callRemote(CallMeBack, a=20, b=22)
    checks.expect("server calls back into the client", got["total"] == 42, repr(got))

    order = []
    d1 = p.callRemote(Delay, ms=300, id=1).addCallback(lambda r: order.append(r["id"]))
    d2 = p.callRemote(Delay, ms=0, id=2).addCallback(lambda r: order.append(r["id"]))
    yield defer.gatherResults([d1, d2])
    checks.expect("answers out of order", order == [2, 1], repr(order))

    ds = [p.callRemote(Sum, a=i, b=i) for i in range(1000)]
    results = yield defer.gatherResults(ds)
    checks.expect("1000 pipelined calls", [r["total"] for r in results] == [2 * i for i in range(1000)])

    big = bytes(range(256)) * 255 + bytes(range(255))
    got = yield p.callRemote(ECHO[b"EchoBytes"], value=big)
    checks.expect("65535-byte value", got["value"] == big, "length %d" % len(got["value"]))
    p.transport.loseConnection()

    # Error paths that close the connection: one connection each.
    p = yield connect(port)
    yield expect_error(checks, "fatal error FATAL_PROBLEM", p.callRemote(Explode, how="fatal"),
                       FatalProblem, "a fatal error")
    yield expect_close(checks, "fatal error closes", p)

    p = yield connect(port)
    yield expect_error(checks, "undeclared error is UNKNOWN", p.callRemote(Explode, how="other"),
                       amp.UnknownRemoteError)
    yield expect_close(checks, "undeclared error closes", p)

    p = yield connect(port)
    yield expect_error(checks, "bad argument is UNKNOWN",
                       p.callRemoteString(b"Sum", a=b"x", b=b"1"), amp.RemoteAmpError)
    yield expect_close(checks, "bad argument closes", p)

    p = yield connect(port)
    yield expect_error(checks, "missing argument is UNKNOWN",
                       p.callRemoteString(b"Sum", a=b"1"), amp.RemoteAmpError)
    yield expect_close(checks, "missing argument closes", p)

    p = yield connect(port)
    p.callRemoteString(b"NoSuchCommand", requiresAnswer=False)
    yield expect_close(checks, "unknown command without _ask closes", p)

    p = yield connect(port)
    p.transport.write(b"\x00\x00")
    yield expect_close(checks, "empty box closes", p)

    print("summary: ok=%d failed=%d skipped=%d" % (checks.ok, checks.failed, checks.skips),
          flush=True)
    defer.returnValue(checks.failed == 0)


def run_client(port, vectors):
    result = []

    def done(ok):
        result.append(ok)
        reactor.stop()

    def crashed(f):
        print("FAIL client crashed: %s" % f.getTraceback(), flush=True)
        result.append(False)
        reactor.stop()

    reactor.callWhenRunning(lambda: run_checks(port, vectors).addCallbacks(done, crashed))
    reactor.callLater(MAX_LIFETIME, reactor.stop)
    reactor.run()
    sys.exit(0 if result and result[0] else 1)


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "server":
        run_server()
    elif len(sys.argv) == 4 and sys.argv[1] == "client":
        run_client(int(sys.argv[2]), sys.argv[3])
    else:
        sys.stderr.write(__doc__)
        sys.exit(2)
