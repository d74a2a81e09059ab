#!/usr/bin/python3
"""
A real Twisted 22.4 Perspective Broker peer for Spindle's interop tests.

    pb_peer.py server                 PBServerFactory(PeerRoot) on 127.0.0.1:0; prints
                                      "PORT <n>"; serves until stdin closes (or 300 s)
    pb_peer.py client PORT VECTORS    PBClientFactory against a Java server whose root
                                      answers the same methods as PeerRoot; prints
                                      "ok <check>" / "FAIL <check>: why" and a summary;
                                      exit 1 if any check failed

Both sides speak the same root protocol (the Java twin is in the Java tests):

    echo(value) -> value                 add(a, b=0) -> a + b
    fail(message): raises ValueError     failPB(message): raises pb.Error
    failCopyable(code): raises PeerError (a pb.Error that is Copyable, "spindle.interop.PeerError")
    getChild() -> the Child (ping(x) -> [b"pong", x])    isChild(obj) -> obj is the Child
    newChild() -> a new Child each time
    callMeBack(ref, value) -> ref.callRemote("called", value)
    getPoint(x, y) -> Point (Copyable "spindle.interop.Point")   sumPoint(point) -> x + y
    getCounter() -> Counter (Cacheable "spindle.interop.Counter"; observe_setValue)
    increment() -> new value (observers get setValue)     stoppedCount() -> observers stopped
    exportedCount() -> how many objects this side's broker exports to the caller
    record(value) (called with pbanswer=False)           lastRecorded() -> value
    getViewable() -> a Viewable (view_whoSees(perspective, arg) -> [perspective is None, arg])
    trapFailure(ref) -> calls ref.fail("boom") and returns the Python class it trapped
    getPages(collector, size) -> pages size bytes (StringPager) to collector
    fetchPages(ref, size) -> [total length, sha1 hex] of util.getAllPages(ref, "getPages", size)
"""

import hashlib
import struct
import sys

import peer_support
from twisted.internet import defer, reactor
from twisted.spread import jelly, pb, util

MAX_LIFETIME = peer_support.MAX_LIFETIME


class Point(pb.Copyable, pb.RemoteCopy):
    def __init__(self, x=0, y=0):
        self.x = x
        self.y = y

    def getTypeToCopy(self):
        return b"spindle.interop.Point"


pb.setUnjellyableForClass(b"spindle.interop.Point", Point)


class PeerError(pb.Error, pb.Copyable, pb.RemoteCopy):
    def __init__(self, code=0):
        pb.Error.__init__(self, "peer error %d" % code)
        self.code = code

    def getTypeToCopy(self):
        return b"spindle.interop.PeerError"


pb.setUnjellyableForClass(b"spindle.interop.PeerError", PeerError)


class Counter(pb.Cacheable):
    def __init__(self):
        self.value = 0
        self.observers = []
        self.stopped = 0

    def getTypeToCopyFor(self, perspective):
        return b"spindle.interop.Counter"

    def getStateToCacheAndObserveFor(self, perspective, observer):
        self.observers.append(observer)
        return {"value": self.value}

    def stoppedObserving(self, perspective, observer):
        self.stopped += 1
        self.observers = [o for o in self.observers if o is not observer]

    def increment(self):
        self.value += 1
        for o in self.observers:
            o.callRemote("setValue", self.value)


class RemoteCounter(pb.RemoteCache):
    def observe_setValue(self, value):
        self.value = value


pb.setUnjellyableForClass(b"spindle.interop.Counter", RemoteCounter)


class Child(pb.Referenceable):
    def remote_ping(self, x):
        return [b"pong", x]


class PeerViewable(pb.Viewable):
    def view_whoSees(self, perspective, arg):
        return [perspective is None, arg]


class PeerRoot(pb.Root):
    """One per connection (rootObject), so it can see its broker."""

    def __init__(self, broker=None):
        self.broker = broker
        self.child = Child()
        self.counter = Counter()
        self.viewable = PeerViewable()
        self.recorded = None

    def rootObject(self, broker):
        return PeerRoot(broker)

    def remote_echo(self, value):
        return value

    def remote_add(self, a, b=0):
        return a + b

    def remote_fail(self, message):
        raise ValueError(message)

    def remote_failPB(self, message):
        raise pb.Error(message)

    def remote_failCopyable(self, code):
        raise PeerError(code)

    def remote_getChild(self):
        return self.child

    def remote_newChild(self):
        return Child()

    def remote_isChild(self, obj):
        return obj is self.child

    def remote_callMeBack(self, ref, value):
        return ref.callRemote("called", value)

    def remote_getPoint(self, x, y):
        return Point(x, y)

    def remote_sumPoint(self, point):
        return point.x + point.y

    def remote_getCounter(self):
        return self.counter

    def remote_increment(self):
        self.counter.increment()
        return self.counter.value

    def remote_stoppedCount(self):
        return self.counter.stopped

    def remote_exportedCount(self):
        # everything this broker exports, minus the root itself
        return len(self.broker.localObjects) - 1

    def remote_record(self, value):
        self.recorded = value

    def remote_lastRecorded(self):
        return self.recorded

    def remote_getViewable(self):
        return self.viewable

    def remote_trapFailure(self, ref):
        d = ref.callRemote("fail", "boom")

        def trapped(f):
            return f.trap(ValueError, KeyError, pb.Error).__name__

        d.addCallbacks(lambda r: "no failure: %r" % (r,), trapped)
        return d

    def remote_getPages(self, collector, size):
        data = bytes(i % 251 for i in range(size))
        util.StringPager(collector, data)

    def remote_fetchPages(self, ref, size):
        d = util.getAllPages(ref, "getPages", size)
        d.addCallback(lambda pages: [sum(len(p) for p in pages),
                                     hashlib.sha1(b"".join(pages)).hexdigest()])
        return d


# ---- server ------------------------------------------------------------------------------------

def run_server():
    factory = pb.PBServerFactory(PeerRoot())
    peer_support.serve(factory)


# ---- client ------------------------------------------------------------------------------------

class Callback(pb.Referenceable):
    def remote_called(self, value):
        return value * 2

    def remote_fail(self, message):
        raise ValueError(message)

    def remote_getPages(self, collector, size):
        data = bytes(i % 251 for i in range(size))
        util.StringPager(collector, data)


class Checks:
    def __init__(self):
        self.ok = 0
        self.failed = 0

    def expect(self, name, cond, why=""):
        if cond:
            self.ok += 1
            print("ok %s" % name, flush=True)
        else:
            self.failed += 1
            print("FAIL %s: %s" % (name, why), flush=True)


def expect_failure(checks, name, d, *types):
    """Errback style, so the Failure (with its parents) is what we check, as trap() does."""

    def succeeded(r):
        checks.expect(name, False, "no failure: %r" % (r,))

    def failed(f):
        checks.expect(name, f.check(*types) is not None,
                      "type %r parents %r" % (f.type, getattr(f, "parents", None)))

    return d.addCallbacks(succeeded, failed)


@defer.inlineCallbacks
def run_checks(port):
    import datetime
    import decimal
    checks = Checks()
    factory = pb.PBClientFactory()
    reactor.connectTCP("127.0.0.1", port, factory)
    root = yield factory.getRootObject()

    values = [0, -7, 2 ** 40, -2 ** 447, 1.5, -0.0, float("inf"), "héllo 😀", b"bytes", b"list",
              None, True, False, [1, [2, [3]]], (1, b"t"), {"k": [None], 3: b"v"}, {1, 2},
              frozenset([b"x"]), decimal.Decimal("-1.50"), datetime.datetime(2022, 4, 1, 12, 30, 45, 123456),
              datetime.date(1999, 12, 31), datetime.time(23, 59, 59, 999999),
              datetime.timedelta(days=-1, seconds=5, microseconds=7)]
    for v in values:
        got = yield root.callRemote("echo", v)
        same = (type(got) == type(v) and (got == v or (isinstance(v, float) and struct.pack("!d", v) == struct.pack("!d", got))))
        checks.expect("echo %r" % (v,), same, "got %r" % (got,))
    shared = [1]
    got = yield root.callRemote("echo", [shared, shared])
    checks.expect("echo keeps sharing", got == [[1], [1]] and got[0] is got[1], repr(got))

    got = yield root.callRemote("add", 1, b=2)
    checks.expect("keyword arguments", got == 3, repr(got))

    yield expect_failure(checks, "trap ValueError from Java", root.callRemote("fail", "boom"),
                         ValueError)
    yield expect_failure(checks, "trap pb.Error from Java", root.callRemote("failPB", "nope"),
                         pb.Error)
    yield expect_failure(checks, "unknown method", root.callRemote("noSuchMethod"),
                         "twisted.spread.flavors.NoSuchMethod")
    def copyable_error(f):
        checks.expect("copyable error", isinstance(f.value, PeerError) and f.value.code == 42,
                      "%r %r" % (f.type, getattr(f.value, "__dict__", f.value)))

    yield root.callRemote("failCopyable", 42).addCallbacks(
        lambda r: checks.expect("copyable error", False, "no failure: %r" % (r,)), copyable_error)

    child = yield root.callRemote("getChild")
    got = yield child.callRemote("ping", 5)
    checks.expect("referenceable", got == [b"pong", 5], repr(got))
    got = yield root.callRemote("isChild", child)
    checks.expect("reference sent back is the original", got is True, repr(got))

    cb = Callback()
    got = yield root.callRemote("callMeBack", cb, 21)
    checks.expect("Java calls the Python callback", got == 42, repr(got))

    got = yield root.callRemote("trapFailure", cb)
    checks.expect("Java traps a Python failure by type name", got == "ValueError", repr(got))

    point = yield root.callRemote("getPoint", 3, 4)
    checks.expect("copyable from Java", isinstance(point, Point) and (point.x, point.y) == (3, 4),
                  repr(getattr(point, "__dict__", point)))
    got = yield root.callRemote("sumPoint", Point(5, 6))
    checks.expect("copyable to Java", got == 11, repr(got))

    counter = yield root.callRemote("getCounter")
    checks.expect("cacheable first state", isinstance(counter, RemoteCounter) and counter.value == 0,
                  repr(getattr(counter, "__dict__", counter)))
    for i in range(1, 4):
        got = yield root.callRemote("increment")
        checks.expect("cache update %d" % i, got == i and counter.value == i,
                      "answer %r, cache %r" % (got, counter.value))
    del counter
    import gc
    gc.collect()
    # decache goes out when the RemoteCache copy is collected; ask until Java saw it
    stopped = 0
    for _ in range(50):
        stopped = yield root.callRemote("stoppedCount")
        if stopped:
            break
        yield task_sleep(0.05)
    checks.expect("stoppedObserving after decache", stopped == 1, repr(stopped))

    viewable = yield root.callRemote("getViewable")
    got = yield viewable.callRemote("whoSees", 7)
    checks.expect("viewable", got == [True, 7], repr(got))

    root.callRemote("record", b"no answer", pbanswer=False)
    got = yield root.callRemote("lastRecorded")
    checks.expect("answerRequired=0", got == b"no answer", repr(got))

    before = yield root.callRemote("exportedCount")
    ch = yield root.callRemote("newChild")
    during = yield root.callRemote("exportedCount")
    del ch
    gc.collect()
    after = during
    for _ in range(50):
        after = yield root.callRemote("exportedCount")
        if after == before:
            break
        yield task_sleep(0.05)
    checks.expect("decref seen by Java", during == before + 1 and after == before,
                  "before %r during %r after %r" % (before, during, after))

    ds = [root.callRemote("add", i, b=i) for i in range(1000)]
    results = yield defer.gatherResults(ds)
    checks.expect("1000 calls in flight", results == [2 * i for i in range(1000)])

    size = 1024 * 1024
    try:
        # getAllPages never fires if the call itself fails: bound it.
        pages = yield util.getAllPages(root, "getPages", size).addTimeout(30, reactor)
        data = b"".join(pages)
        checks.expect("1 MiB paged from Java", data == bytes(i % 251 for i in range(size)),
                      "%d bytes in %d pages" % (len(data), len(pages)))
    except Exception as e:
        checks.expect("1 MiB paged from Java", False, repr(e))
    try:
        got = yield root.callRemote("fetchPages", cb, size)
        want = [size, hashlib.sha1(bytes(i % 251 for i in range(size))).hexdigest()]
        checks.expect("1 MiB paged to Java", got == want, repr(got))
    except Exception as e:
        checks.expect("1 MiB paged to Java", False, repr(e))

    print("summary: ok=%d failed=%d" % (checks.ok, checks.failed), flush=True)
    return checks.failed == 0


def task_sleep(seconds):
    d = defer.Deferred()
    reactor.callLater(seconds, d.callback, None)
    return d


def run_client(port):
    result = []

    def done(ok):
        result.append(ok)
        reactor.stop()

    def crashed(f):
        print("FAIL client crashed: %s" % f.getTraceback(), flush=True)
        result.append(False)
        reactor.stop()

    reactor.callWhenRunning(lambda: run_checks(port).addCallbacks(done, crashed))
    reactor.callLater(MAX_LIFETIME, reactor.stop)
    reactor.run()
    sys.exit(0 if result and result[0] else 1)


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "server":
        run_server()
    elif len(sys.argv) >= 3 and sys.argv[1] == "client":
        run_client(int(sys.argv[2]))
    else:
        sys.stderr.write(__doc__)
        sys.exit(2)
