#!/usr/bin/python3
"""
Python's calling conventions and values through real Twisted 22.4 PB (issue 13), for the
interop tests. The same root is written here in Python and in Java (ShapesRoot.java); a Twisted
client calls both with the same arguments and compares what each answers, failures included.

    fidelity_peer.py server              PBServerFactory(ShapesRoot) on 127.0.0.1:0; prints
                                         "PORT <n>"; serves until stdin closes (or 300 s)
    fidelity_peer.py client ampdatetime PORT
                                         an AMP client: DateTime offsets up to +-23:59
                                         echoed by a Java server
    fidelity_peer.py client shapes J P   a PBClientFactory to each port; every case called on
                                         both roots; prints "ok <case> -> <answer>" or
                                         "FAIL <case>: java <x> python <y>"; exit 1 on any FAIL
    fidelity_peer.py client typed J P    the same cases, J being a typed skeleton (issue 14's
                                         remote interfaces) whose Look is a typed View
    fidelity_peer.py server elements     the same server with an Elementwise root
    fidelity_peer.py client elements J P ELEMENT_CASES on a Java Elementwise skeleton J and on
                                         Elementwise P: prints "java <case> -> <outcome>" for
                                         each, "FAIL ..." where a well-typed case differs
"""

import datetime
import sys

import peer_support
from twisted.internet import defer, protocol, reactor
from twisted.protocols import amp
from twisted.python import failure as tfailure
from twisted.spread import jelly, pb, util


class SinkError(ValueError):
    """An application error; the Java twin is @PythonName("fidelity_peer.SinkError", ValueError)."""


SinkError.__module__ = "fidelity_peer"  # run as a script it would be __main__


def describe_failure(f):
    """[type, message, whether trap(ValueError) matches] of a (Copied)Failure."""
    t = f.type
    if isinstance(t, bytes):
        t = t.decode()
    elif not isinstance(t, str):
        t = t.__module__ + "." + t.__qualname__
    return [t, f.getErrorMessage(), bool(f.check(ValueError))]


class Collector(pb.Referenceable):
    """A page collector that can be asked about what it got (issue 13, item 4)."""

    def __init__(self):
        self.pages = []
        self.ended = False

    def remote_gotPage(self, page):
        self.pages.append(page)

    def remote_endedPaging(self):
        self.ended = True

    def remote_summary(self):
        return [len(self.pages), sum(len(p) for p in self.pages), self.ended]


class Pond(pb.Copyable, pb.RemoteCopy):
    """A copy whose state is a list, not a dictionary (issue 13, item 2)."""

    def __init__(self, ducks=None):
        self.ducks = ducks

    def getTypeToCopy(self):
        return b"spindle.fidelity.Pond"

    def getStateToCopy(self):
        return self.ducks

    def setCopyableState(self, state):
        self.ducks = state


pb.setUnjellyableForClass(b"spindle.fidelity.Pond", Pond)


class BadAttrs(pb.Copyable):
    """Sent as spindle.fidelity.Attrs, whose receiver wants a dictionary, with a list as its state."""

    def getTypeToCopy(self):
        return b"spindle.fidelity.Attrs"

    def getStateToCopy(self):
        return ["not", "a", "dict"]


class Attrs(pb.RemoteCopy):
    """A plain RemoteCopy: Twisted sets its __dict__ to the state."""


pb.setUnjellyableForClass(b"spindle.fidelity.Attrs", Attrs)


class Raw(jelly.Jellyable):
    """Jellies as the s-expression it is given: input a Python program cannot build otherwise."""

    def __init__(self, sexp):
        self.sexp = sexp

    def jellyFor(self, jellier):
        return self.sexp


class ShapesRoot(pb.Root):
    """Every parameter shape Python has, the Java twin's signatures (ShapesRoot.java)."""

    class Look(pb.Viewable):
        def view_look(self, perspective, x, y=0):
            return [perspective is None, x, y]

    def remote_increment(self, by=1):
        return by + 1

    def remote_kwargs(self, *args, **kw):
        return [list(args), kw]

    def remote_shapes(self, a, b=2, *rest, k, j="x", **kw):
        return [a, b, list(rest), k, j, kw]

    def remote_ko(self, *, k):
        return k

    def remote_sum(self, *numbers):
        return sum(numbers)

    def remote_two(self, a, b, c):
        return [a, b, c]

    def remote_greet(self, name="guest", loud=False, punct=None):
        text = "hello " + name + (punct or "")
        return text.upper() if loud else text

    def remote_getLook(self):
        return ShapesRoot.Look()

    def remote_pond(self, ducks):
        return Pond(ducks)

    def remote_pageThenSummary(self, collector, size):
        d = defer.Deferred()
        util.StringPager(collector, b"x" * size, 100, callback=lambda: d.callback(None))
        return d.addCallback(lambda _: collector.callRemote("summary"))

    def remote_sink(self):
        raise SinkError("sink full")

    def remote_badValue(self):
        raise ValueError("bad value")

    def remote_complete(self, failure):
        return ["received as a value"] + describe_failure(failure)

    def remote_sendFailure(self, ref):
        return ref.callRemote("complete", pb.CopyableFailure(tfailure.Failure(ValueError("bad"))))

    def remote_countPond(self, pond):
        return [type(pond).__name__, len(pond.ducks)]

    def remote_takeAttrs(self, attrs):
        return len(attrs.__dict__)


class Point(pb.Copyable, pb.RemoteCopy):
    """Sent by value with its __dict__ as the state; the Java twin is the record Point.java."""

    def __init__(self, x=0, y=0, label=None, neighbours=()):
        self.x = x
        self.y = y
        self.label = label
        self.neighbours = list(neighbours)

    def getTypeToCopy(self):
        return b"spindle.fidelity.Point"

    def __eq__(self, other):
        return isinstance(other, Point) and self.__dict__ == other.__dict__

    def __repr__(self):
        return "Point(%s)" % ", ".join("%s=%r" % kv for kv in sorted(self.__dict__.items()))


pb.setUnjellyableForClass(b"spindle.fidelity.Point", Point)


class Elementwise(pb.Root):
    """Generic element types (the Java twin Elementwise.java declares List<Integer> and so on)."""

    def remote_ints(self, xs):
        return xs

    def remote_groups(self, groups):
        return groups

    def remote_names(self, names):
        return names

    def remote_maybe(self, x=None, *, label=None):
        return None if x is None else x * 2

    def remote_mirror(self, p):
        return Point(p.y, p.x, p.label and p.label.upper(), p.neighbours)


# (name, method, args, kwargs, same): the Java skeleton checks each element's type; "same" when
# both roots answer alike (a tuple comes back from Java's List<Integer> as a list).
ELEMENT_CASES = [
    ("ints([1, 2])", "ints", ([1, 2],), {}, True),
    ("ints((3, 4))", "ints", ((3, 4),), {}, False),  # a List<Integer> answers a list
    ("ints([1, 2**40])", "ints", ([1, 2**40],), {}, False),
    ("ints([1, 'x'])", "ints", ([1, "x"],), {}, False),
    ("ints(5)", "ints", (5,), {}, False),
    ("groups({'a': [1, 2]})", "groups", ({"a": [1, 2]},), {}, True),
    ("groups({'a': [1, 'x']})", "groups", ({"a": [1, "x"]},), {}, False),
    ("groups({1: [1]})", "groups", ({1: [1]},), {}, False),
    ("names({'a'})", "names", ({"a"},), {}, True),
    ("names(frozenset({'a'}))", "names", (frozenset({"a"}),), {}, True),
    ("names({2})", "names", ({2},), {}, False),
    ("maybe()", "maybe", (), {}, True),
    ("maybe(1.5)", "maybe", (1.5,), {}, True),
    ("maybe(2)", "maybe", (2,), {}, False),
    ("maybe(None, label='x')", "maybe", (None,), {"label": "x"}, True),
    ("maybe('x')", "maybe", ("x",), {}, False),
    ("maybe(label=1)", "maybe", (), {"label": 1}, False),
    ("mirror(Point(1, 2, 'a', [Point(3, 4)]))", "mirror", (Point(1, 2, "a", [Point(3, 4)]),), {}, True),
    ("mirror(Point('x', 2))", "mirror", (Point("x", 2),), {}, False),
    ("mirror(5)", "mirror", (5,), {}, False),
]


# (name, method, args, kwargs): on the root, or on the Viewable when the method is "look".
CASES = [
    ("increment()", "increment", (), {}),
    ("increment(5)", "increment", (5,), {}),
    ("increment(by=3)", "increment", (), {"by": 3}),
    ("increment(1, 2)", "increment", (1, 2), {}),
    ("increment(x=1)", "increment", (), {"x": 1}),
    ("increment(1, by=2)", "increment", (1,), {"by": 2}),
    ("increment(1, 2, x=1)", "increment", (1, 2), {"x": 1}),
    ("kwargs()", "kwargs", (), {}),
    ("kwargs(1, 2, 3)", "kwargs", (1, 2, 3), {}),
    ("kwargs(1, a=1, z=2)", "kwargs", (1,), {"a": 1, "z": 2}),
    ("shapes(1, k='K')", "shapes", (1,), {"k": "K"}),
    ("shapes(1, 2, 3, 4, k='K', z=5)", "shapes", (1, 2, 3, 4), {"k": "K", "z": 5}),
    ("shapes(1)", "shapes", (1,), {}),
    ("shapes(k=1)", "shapes", (), {"k": 1}),
    ("shapes(1, b=3, k=1, j='y')", "shapes", (1,), {"b": 3, "k": 1, "j": "y"}),
    ("shapes(1, 2, a=0, k=1)", "shapes", (1, 2), {"a": 0, "k": 1}),
    ("shapes()", "shapes", (), {}),
    ("ko()", "ko", (), {}),
    ("ko(1)", "ko", (1,), {}),
    ("ko(1, 2, k=1)", "ko", (1, 2), {"k": 1}),
    ("ko(k=3)", "ko", (), {"k": 3}),
    ("ko(k=3, j=4)", "ko", (), {"k": 3, "j": 4}),
    ("sum()", "sum", (), {}),
    ("sum(1, 2, 3)", "sum", (1, 2, 3), {}),
    ("sum(numbers=1)", "sum", (), {"numbers": 1}),
    ("two()", "two", (), {}),
    ("two(1)", "two", (1,), {}),
    ("two(1, 2, 3, 4)", "two", (1, 2, 3, 4), {}),
    ("two(c=3, b=2, a=1)", "two", (), {"c": 3, "b": 2, "a": 1}),
    ("two(1, 2, 3, d=1)", "two", (1, 2, 3), {"d": 1}),
    ("greet()", "greet", (), {}),
    ("greet('ann', True)", "greet", ("ann", True), {}),
    ("greet(punct='!')", "greet", (), {"punct": "!"}),
    ("greet(1, 2, 3, 4)", "greet", (1, 2, 3, 4), {}),
    ("look(1)", "look", (1,), {}),
    ("look(1, 2)", "look", (1, 2), {}),
    ("look()", "look", (), {}),
    ("look(1, 2, 3)", "look", (1, 2, 3), {}),
    ("look(1, perspective=2)", "look", (1,), {"perspective": 2}),
]


def outcome(d):
    """A Deferred of ("answer", value) or ("failure", type, message)."""
    def failed(f):
        t, message, _ = describe_failure(f)
        return ("failure", t, message)
    return d.addCallbacks(lambda v: ("answer", v), failed)


class Completer(pb.Referenceable):
    """What a Buildbot master's command reference does with a failure sent as a value."""

    def remote_complete(self, failure):
        return ["completed"] + describe_failure(failure)


@defer.inlineCallbacks
def check_failures(roots):
    """Items 3, 6, 8: failure names both ways; CopyableFailure as a value both ways."""
    bad = 0
    checks = [
        ("sink() traps as SinkError and ValueError", lambda root: root.callRemote("sink")),
        ("badValue() is a builtins.ValueError", lambda root: root.callRemote("badValue")),
        ("complete(pb.CopyableFailure(ValueError)) is received as a failure value",
         lambda root: root.callRemote("complete", pb.CopyableFailure(tfailure.Failure(ValueError("boom"))))),
        ("sendFailure(ref) sends a CopyableFailure as an argument",
         lambda root: root.callRemote("sendFailure", Completer())),
    ]
    # item 8: a dictionary-only copy sent a list. Twisted's RemoteCopy.setCopyableState fails with
    # AttributeError ('list' object has no attribute 'items'), and so does Spindle. Printed, not
    # compared: the type names differ (the Java class name first); the Java test asserts both.
    for side, (root, look) in zip(("java", "python"), roots):
        d = root.callRemote("takeAttrs", BadAttrs())
        d.addCallbacks(lambda v: ("answer", v),
                       lambda f: ("failure", describe_failure(f)[0], bool(f.check(TypeError)),
                                  bool(f.check(AttributeError)), bool(f.check(ValueError))))
        result = yield d
        print("%s: a list as a dictionary-only state -> %r" % (side, result), flush=True)
    # KeyError and OverflowError where Twisted raises them: a cache id the receiver never gave
    # out, a timedelta beyond 999999999 days. Compared by what trap() matches: the type names
    # differ (the Java class name first).
    builtins = [
        ("cached 999999 (no such cache) fails with KeyError, not ValueError",
         Raw([b"cached", 999999]), (KeyError, LookupError, ValueError)),
        ("timedelta 1000000000 days fails with OverflowError, not ValueError",
         Raw([b"timedelta", b"1000000000 0 0"]), (OverflowError, ArithmeticError, ValueError)),
    ]
    for name, raw, types in builtins:
        results = []
        for root, look in roots:
            d = root.callRemote("kwargs", raw)
            d.addCallbacks(lambda v: ("answer", v),
                           lambda f, types=types: ("failure",) + tuple(bool(f.check(t)) for t in types))
            results.append((yield d))
        if results[0] == results[1] and results[0][0] == "failure":
            print("ok %s: %r" % (name, results[0]), flush=True)
        else:
            bad += 1
            print("FAIL %s: java %r python %r" % (name, results[0], results[1]), flush=True)
    for name, call in checks:
        results = []
        for root, look in roots:
            d = call(root)
            d.addCallbacks(lambda v: ("answer", v), lambda f: ("failure",) + tuple(describe_failure(f)))
            results.append((yield d))
        if results[0] == results[1]:
            print("ok %s: %r" % (name, results[0]), flush=True)
        else:
            bad += 1
            print("FAIL %s: java %r python %r" % (name, results[0], results[1]), flush=True)
    return bad


@defer.inlineCallbacks
def compare(java_port, python_port):
    roots = []
    for port in (java_port, python_port):
        factory = pb.PBClientFactory()
        reactor.connectTCP("127.0.0.1", port, factory)
        root = yield factory.getRootObject()
        look = yield root.callRemote("getLook")
        roots.append((root, look))
    failures = 0
    for name, method, args, kw in CASES:
        results = []
        for root, look in roots:
            target = look if method == "look" else root
            results.append((yield outcome(target.callRemote(method, *args, **kw))))
        if results[0] == results[1]:
            print("ok %s -> %r" % (name, results[0]), flush=True)
        else:
            failures += 1
            print("FAIL %s: java %r python %r" % (name, results[0], results[1]), flush=True)
    print("%d cases, %d failed" % (len(CASES), failures), flush=True)
    failures_count = yield check_failures(roots)
    failures += failures_count
    summaries = []
    for root, look in roots:
        summaries.append((yield outcome(root.callRemote("pageThenSummary", Collector(), 250))))
    if summaries[0] == summaries[1] == ("answer", [3, 250, True]):
        print("ok paged into a collector, then called its summary: %r" % (summaries[0],), flush=True)
    else:
        failures += 1
        print("FAIL paged then summary: java %r python %r" % tuple(summaries), flush=True)
    for side, (root, look) in zip(("java", "python"), roots):
        pond = yield root.callRemote("pond", ["one duck", "two duck"])
        if isinstance(pond, Pond) and pond.ducks == ["one duck", "two duck"]:
            print("ok %s sends a Pond whose state is a list" % side, flush=True)
        else:
            failures += 1
            print("FAIL %s sent %r" % (side, getattr(pond, "__dict__", pond)), flush=True)
        counted = yield root.callRemote("countPond", Pond(["a", "b", "c"]))
        if counted == ["Pond", 3]:
            print("ok %s receives a Pond whose state is a list" % side, flush=True)
        else:
            failures += 1
            print("FAIL %s counted %r" % (side, counted), flush=True)
    return failures


@defer.inlineCallbacks
def compare_typed(java_port, python_port):
    """Issue 14: CASES on a Java typed skeleton (ShapesRoot_PbSkeleton, its Look a typed View) and on ShapesRoot."""
    roots = []
    for port in (java_port, python_port):
        factory = pb.PBClientFactory()
        reactor.connectTCP("127.0.0.1", port, factory)
        root = yield factory.getRootObject()
        look = yield root.callRemote("getLook")
        roots.append((root, look))
    failures = 0
    count = 0
    for name, method, args, kw in CASES:
        count += 1
        results = []
        for root, look in roots:
            target = look if method == "look" else root
            results.append((yield outcome(target.callRemote(method, *args, **kw))))
        if results[0] == results[1]:
            print("ok %s -> %r" % (name, results[0]), flush=True)
        else:
            failures += 1
            print("FAIL %s: java %r python %r" % (name, results[0], results[1]), flush=True)
    print("%d typed cases, %d failed" % (count, failures), flush=True)
    return failures


@defer.inlineCallbacks
def compare_elements(java_port, python_port):
    """Issue 14: ELEMENT_CASES on a Java Elementwise skeleton and on the Python Elementwise."""
    roots = []
    for port in (java_port, python_port):
        factory = pb.PBClientFactory()
        reactor.connectTCP("127.0.0.1", port, factory)
        roots.append((yield factory.getRootObject()))
    failures = 0
    for name, method, args, kw, typed in ELEMENT_CASES:
        results = []
        for root in roots:
            results.append((yield outcome(root.callRemote(method, *args, **kw))))
        print("java %s -> %r" % (name, results[0]), flush=True)
        if typed and results[0] != results[1]:
            failures += 1
            print("FAIL %s: java %r python %r" % (name, results[0], results[1]), flush=True)
    print("%d element cases, %d failed" % (len(ELEMENT_CASES), failures), flush=True)
    return failures


class EchoDateTime(amp.Command):
    arguments = [(b"value", amp.DateTime())]
    response = [(b"value", amp.DateTime())]


@defer.inlineCallbacks
def amp_datetimes(port):
    """Item 5: every offset Twisted accepts, through a Java AMP server and back."""
    creator = protocol.ClientCreator(reactor, amp.AMP)
    proto = yield creator.connectTCP("127.0.0.1", port)
    bad = 0
    for hours, minutes, sign in [(23, 59, 1), (23, 59, -1), (18, 1, 1), (5, 30, 1), (0, 0, 1)]:
        tz = datetime.timezone(sign * datetime.timedelta(hours=hours, minutes=minutes))
        sent = datetime.datetime(2024, 2, 29, 23, 59, 59, 123456, tzinfo=tz)
        answer = yield proto.callRemote(EchoDateTime, value=sent)
        back = answer["value"]
        if back == sent and back.utcoffset() == sent.utcoffset():
            print("ok DateTime with offset %s echoed by Java" % (amp.DateTime().toString(sent)[26:].decode(),), flush=True)
        else:
            bad += 1
            print("FAIL DateTime %r came back as %r" % (sent, back), flush=True)
    proto.transport.loseConnection()
    return bad


def main(argv):
    if argv[1] == "server":
        root = Elementwise() if argv[2:3] == ["elements"] else ShapesRoot()
        peer_support.serve(pb.PBServerFactory(root))
        return 0
    if argv[1:3] == ["client", "ampdatetime"]:
        status = []

        def run_amp():
            d = amp_datetimes(int(argv[3]))
            d.addCallbacks(status.append, lambda f: (f.printTraceback(file=sys.stdout), status.append(1)))
            d.addBoth(lambda _: reactor.stop())

        reactor.callWhenRunning(run_amp)
        reactor.callLater(peer_support.MAX_LIFETIME, reactor.stop)
        reactor.run()
        return 0 if status == [0] else 1
    if argv[1:3] in (["client", "shapes"], ["client", "typed"], ["client", "elements"]):
        status = []
        run_compare = {"shapes": compare, "typed": compare_typed, "elements": compare_elements}[argv[2]]

        def run():
            d = run_compare(int(argv[3]), int(argv[4]))
            d.addCallbacks(status.append, lambda f: (f.printTraceback(file=sys.stdout), status.append(1)))
            d.addBoth(lambda _: reactor.stop())

        reactor.callWhenRunning(run)
        reactor.callLater(peer_support.MAX_LIFETIME, reactor.stop)
        reactor.run()
        return 0 if status == [0] else 1
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
