#!/usr/bin/python3
"""
A real Twisted 22.4 Banana + Jelly peer for Spindle's interop tests.

    jelly_peer.py server [DIALECTS]   listen on 127.0.0.1:0, print "PORT <n>"; serve until
                                      stdin closes. DIALECTS (default "pb,none") is what the
                                      server offers in the Banana handshake.

Each connection runs twisted.spread.banana.Banana as the server side of the dialect
handshake, then answers these s-expressions (all jellied with twisted.spread.jelly; the
typed description uses the conventions of shared/vectors, as JSON bytes):

    ["check", TYPED_JSON, JELLIED]   unjelly JELLIED (SecurityOptions with basic types,
                                     as PB's globalSecurity), compare it with TYPED_JSON;
                                     answer ["checked", TYPED_JSON, b"ok" or b"fail: why",
                                     jelly(the unjellied value)]
    ["generate", SEED, COUNT]        send COUNT seeded random values as
                                     ["value", TYPED_JSON, JELLIED], then ["done", COUNT]
    ["dialect"]                      answer ["dialect", the negotiated dialect]

    jelly_peer.py client PORT SEED COUNT
                                      connect to a Java Banana server (Twisted is the
                                      client side of the handshake), send COUNT seeded random
                                      values as ["echo", JELLIED], expect ["echo", JELLIED]
                                      back for each, compare; print "ok"/"FAIL" lines and a
                                      summary; exit 1 on any failure
"""

import datetime
import decimal
import json
import math
import random
import struct
import sys

import peer_support
from twisted.internet import protocol, reactor
from twisted.spread import banana, jelly


def security():
    s = jelly.SecurityOptions()
    s.allowBasicTypes()
    return s


# ---- typed JSON values (shared/vectors conventions) ------------------------------------------

_CONTAINERS = (list, tuple, dict, set, frozenset)


def fbits(x):
    return struct.pack("!d", x).hex()


def tv(value):
    counts = {}

    def count(o):
        if not isinstance(o, _CONTAINERS):
            return
        counts[id(o)] = counts.get(id(o), 0) + 1
        if counts[id(o)] > 1:
            return
        if isinstance(o, dict):
            for k, v in o.items():
                count(k)
                count(v)
        else:
            for x in o:
                count(x)

    count(value)
    labels = {}

    def emit(o):
        if isinstance(o, _CONTAINERS) and counts.get(id(o), 0) > 1:
            if id(o) in labels:
                return {"t": "same", "id": labels[id(o)]}
            labels[id(o)] = "r%d" % (len(labels) + 1)
            d = emit_plain(o)
            d["id"] = labels[id(o)]
            return d
        return emit_plain(o)

    def emit_plain(o):
        if o is None:
            return {"t": "none"}
        if isinstance(o, bool):
            return {"t": "bool", "v": o}
        if isinstance(o, int):
            return {"t": "int", "v": str(o)}
        if isinstance(o, float):
            return {"t": "float", "repr": repr(o), "bits": fbits(o)}
        if isinstance(o, bytes):
            return {"t": "bytes", "hex": o.hex()}
        if isinstance(o, str):
            return {"t": "str", "v": o}
        if isinstance(o, decimal.Decimal):
            return {"t": "decimal", "v": str(o)}
        if isinstance(o, datetime.datetime):
            return {"t": "datetime", "year": o.year, "month": o.month, "day": o.day,
                    "hour": o.hour, "minute": o.minute, "second": o.second,
                    "microsecond": o.microsecond, "utcoffset_seconds": None}
        if isinstance(o, datetime.date):
            return {"t": "date", "year": o.year, "month": o.month, "day": o.day}
        if isinstance(o, datetime.time):
            return {"t": "time", "hour": o.hour, "minute": o.minute, "second": o.second,
                    "microsecond": o.microsecond}
        if isinstance(o, datetime.timedelta):
            return {"t": "timedelta", "days": o.days, "seconds": o.seconds,
                    "microseconds": o.microseconds}
        if isinstance(o, list):
            return {"t": "list", "items": [emit(x) for x in o]}
        if isinstance(o, tuple):
            return {"t": "tuple", "items": [emit(x) for x in o]}
        if isinstance(o, frozenset):
            return {"t": "frozenset", "items": [emit(x) for x in o]}
        if isinstance(o, set):
            return {"t": "set", "items": [emit(x) for x in o]}
        if isinstance(o, dict):
            return {"t": "dict", "items": [[emit(k), emit(v)] for k, v in o.items()]}
        if isinstance(o, jelly.Unpersistable):
            return {"t": "unpersistable", "reason": o.reason}
        raise TypeError("no typed form for %r" % (o,))

    return emit(value)


def from_tv(j, labels=None):
    if labels is None:
        labels = {}
    t = j["t"]
    if t == "same":
        return labels[j["id"]]
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
    if t == "datetime":
        return datetime.datetime(j["year"], j["month"], j["day"], j["hour"], j["minute"],
                                 j["second"], j["microsecond"])
    if t == "date":
        return datetime.date(j["year"], j["month"], j["day"])
    if t == "time":
        return datetime.time(j["hour"], j["minute"], j["second"], j["microsecond"])
    if t == "timedelta":
        return datetime.timedelta(days=j["days"], seconds=j["seconds"],
                                  microseconds=j["microseconds"])
    if t == "list":
        out = []
        if "id" in j:
            labels[j["id"]] = out
        out.extend(from_tv(x, labels) for x in j["items"])
        return out
    if t == "dict":
        out = {}
        if "id" in j:
            labels[j["id"]] = out
        for k, v in j["items"]:
            out[from_tv(k, labels)] = from_tv(v, labels)
        return out
    if t in ("tuple", "set", "frozenset"):
        items = [from_tv(x, labels) for x in j["items"]]
        v = {"tuple": tuple, "set": set, "frozenset": frozenset}[t](items)
        if "id" in j:
            labels[j["id"]] = v
        return v
    if t == "unpersistable":
        return jelly.Unpersistable(j["reason"])
    raise ValueError("unsupported typed value %r" % (t,))


def same(a, b, memo=None):
    """Structural equality: bit-exact floats (NaN equals NaN), decimals by str(), and the
    same sharing: an object seen twice on one side is seen twice on the other."""
    if memo is None:
        memo = {}
    if isinstance(a, _CONTAINERS):
        if id(a) in memo:
            return memo[id(a)] is b
        memo[id(a)] = b
    if type(a) != type(b):
        return False
    if isinstance(a, float):
        if math.isnan(a) and math.isnan(b):
            return True
        return fbits(a) == fbits(b)
    if isinstance(a, decimal.Decimal):
        return str(a) == str(b)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y, memo) for x, y in zip(a, b))
    if isinstance(a, dict):
        if len(a) != len(b) or list(a.keys()) != list(b.keys()):
            return False
        return all(same(a[k], b[k], memo) for k in a)
    if isinstance(a, jelly.Unpersistable):
        return a.reason == b.reason
    return a == b


# ---- random values ---------------------------------------------------------------------------

VOCAB = [b"None", b"list", b"tuple", b"dictionary", b"reference", b"dereference",
         b"remote", b"message", b"answer", b"error", b"uncache", b"version"]


def rand_int(r):
    return r.choice([
        0, 1, -1, 127, 128, 2 ** 31 - 1, 2 ** 31, -2 ** 31, -2 ** 31 - 1, 2 ** 63 - 1, 2 ** 63,
        -2 ** 63, -2 ** 63 - 1, 2 ** 447, -(2 ** 448 - 1), 2 ** 448 - 1,
        r.randint(-1000, 1000), r.randint(-2 ** 64, 2 ** 64), r.randint(-2 ** 440, 2 ** 440)])


def rand_float(r):
    return r.choice([0.0, -0.0, 1.5, float("inf"), float("-inf"), float("nan"), 5e-324,
                     1.7976931348623157e308, r.uniform(-1e6, 1e6),
                     struct.unpack("!d", r.getrandbits(64).to_bytes(8, "big"))[0]])


def rand_text(r):
    alphabet = "abcxyz é日本語😀\x00\n'\""
    return "".join(r.choice(alphabet) for _ in range(r.randint(0, 12)))


def rand_key(r):
    return r.choice([rand_text, lambda r: r.randint(-5, 5000), lambda r: bytes(r.getrandbits(8) for _ in range(3)),
                     lambda r: (r.randint(0, 9), rand_text(r))])(r)


def rand_atom(r):
    k = r.randrange(12)
    if k == 0:
        return None
    if k == 1:
        return r.random() < 0.5
    if k == 2:
        return rand_int(r)
    if k == 3:
        return rand_float(r)
    if k == 4:
        return bytes(r.getrandbits(8) for _ in range(r.randint(0, 20)))
    if k == 5:
        return r.choice(VOCAB)
    if k == 6:
        return rand_text(r)
    if k == 7:
        return decimal.Decimal(r.randint(-10 ** 12, 10 ** 12)).scaleb(r.randint(-20, 20))
    if k == 8:
        return datetime.datetime(r.randint(1, 9999), r.randint(1, 12), r.randint(1, 28),
                                 r.randint(0, 23), r.randint(0, 59), r.randint(0, 59),
                                 r.randint(0, 999999))
    if k == 9:
        return datetime.date(r.randint(1, 9999), r.randint(1, 12), r.randint(1, 28))
    if k == 10:
        return datetime.time(r.randint(0, 23), r.randint(0, 59), r.randint(0, 59),
                             r.randint(0, 999999))
    return datetime.timedelta(days=r.randint(-999999, 999999), seconds=r.randint(0, 86399),
                              microseconds=r.randint(0, 999999))


def rand_value(r, depth=0):
    if depth > 4 or r.random() < 0.35:
        return rand_atom(r)
    k = r.randrange(6)
    n = r.randint(0, 5)
    if k == 0:
        return [rand_value(r, depth + 1) for _ in range(n)]
    if k == 1:
        return tuple(rand_value(r, depth + 1) for _ in range(n))
    if k == 2:
        return {rand_key(r): rand_value(r, depth + 1) for _ in range(n)}
    if k == 3:
        return set(rand_key(r) for _ in range(n))
    if k == 4:
        return frozenset(rand_key(r) for _ in range(n))
    shared = [rand_atom(r)]
    return [shared, rand_value(r, depth + 1), shared]


# ---- protocol --------------------------------------------------------------------------------

class Peer(banana.Banana):
    def expressionReceived(self, sexp):
        head = sexp[0]
        if head == b"check":
            typed, jellied = sexp[1], sexp[2]
            try:
                expected = from_tv(json.loads(typed.decode("utf-8")))
                got = jelly.unjelly(jellied, taster=security())
                status = b"ok" if same(expected, got) else (
                    "fail: got %r, expected %r" % (got, expected)).encode("utf-8", "replace")
                echo = jelly.jelly(got)
            except Exception as e:
                status = ("fail: %s: %s" % (type(e).__name__, e)).encode("utf-8", "replace")
                echo = jelly.jelly(None)
            self.sendEncoded([b"checked", typed, status, echo])
        elif head == b"generate":
            seed, count = sexp[1], sexp[2]
            r = random.Random(seed)
            for _ in range(count):
                v = rand_value(r)
                self.sendEncoded([b"value", json.dumps(tv(v)).encode("utf-8"), jelly.jelly(v)])
            self.sendEncoded([b"done", count])
        elif head == b"dialect":
            self.sendEncoded([b"dialect", self.currentDialect])
        else:
            self.transport.loseConnection()


class EchoClient(banana.Banana):
    def __init__(self, seed, count, done):
        banana.Banana.__init__(self, isClient=1)
        self.r = random.Random(seed)
        self.count = count
        self.sent = []
        self.failed = 0
        self.done = done

    def connectionReady(self):
        for _ in range(self.count):
            v = rand_value(self.r)
            self.sent.append(v)
            self.sendEncoded([b"echo", jelly.jelly(v)])

    def expressionReceived(self, sexp):
        v = self.sent.pop(0)
        try:
            got = jelly.unjelly(sexp[1], taster=security())
            if not same(v, got):
                self.failed += 1
                print("FAIL echo: sent %r, got %r" % (v, got), flush=True)
        except Exception as e:
            self.failed += 1
            print("FAIL echo: %r: %s: %s" % (v, type(e).__name__, e), flush=True)
        if not self.sent:
            print("summary: ok=%d failed=%d" % (self.count - self.failed, self.failed), flush=True)
            self.transport.loseConnection()
            self.done.append(self.failed == 0)
            reactor.stop()

    def connectionLost(self, reason):
        banana.Banana.connectionLost(self, reason)
        if self.sent and reactor.running:
            print("FAIL connection lost with %d echoes missing" % len(self.sent), flush=True)
            self.done.append(False)
            reactor.stop()


def run_client(port, seed, count):
    done = []
    factory = protocol.ClientFactory()
    factory.buildProtocol = lambda addr: EchoClient(seed, count, done)
    reactor.connectTCP("127.0.0.1", port, factory)
    reactor.callLater(120, reactor.stop)
    reactor.run()
    sys.exit(0 if done and done[0] else 1)


def run_server(dialects):
    class Factory(protocol.ServerFactory):
        def buildProtocol(self, addr):
            p = Peer(isClient=0)
            p.knownDialects = dialects
            p.factory = self
            return p

    peer_support.serve(Factory())


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "server":
        d = sys.argv[2].split(",") if len(sys.argv) > 2 else ["pb", "none"]
        run_server([x.encode("ascii") for x in d])
    elif len(sys.argv) == 5 and sys.argv[1] == "client":
        run_client(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
    else:
        sys.stderr.write(__doc__)
        sys.exit(2)
