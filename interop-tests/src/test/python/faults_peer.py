#!/usr/bin/python3
"""
A real Twisted 22.4 peer for Spindle's fault interop tests (deadlines, late answers, a peer
killed mid-call, keepalive, reconnecting).

    faults_peer.py server amp    an AMP server: Hold, ReleaseAll, Count, Freeze
    faults_peer.py server pb     a PB server whose root has hold, release, exported, count, freeze
    faults_peer.py client amp PORT
                                 against a Java AMP server letting a peer have 2 calls
                                 outstanding: prints "refused <error> <message>" for the third
                                 Hold, "answered <id>" for the two others, then "count <n>"
    faults_peer.py client pb PORT
                                 the same against a Java PB server (hold, release, count)

Either prints "PORT <n>", then "connected", "held <n>", "ping" (a keepalive ping
arrived; Twisted handles it unchanged) and "frozen" as things happen, and
"ERROR <text>" for anything Twisted logs as an error (the Java side asserts there is none), and
serves until stdin closes (or 300 s pass).  Run it with /usr/bin/python3 (Debian's Twisted).
"""

import sys

import peer_support
from twisted.internet import defer, protocol, reactor
from twisted.protocols import amp
from twisted.python import log
from twisted.spread import pb


def say(*words):
    print(*words, flush=True)


def report_errors(event):
    if event.get("isError"):
        text = log.textFromEventDict(event) or repr(event)
        say("ERROR", text.replace("\n", " | "))


# ---- AMP ---------------------------------------------------------------------------------------

class Hold(amp.Command):
    """Answered only when ReleaseAll is called."""
    arguments = [(b"id", amp.Integer())]
    response = [(b"id", amp.Integer())]


class ReleaseAll(amp.Command):
    """Answers every held Hold first, then itself with how many there were."""
    arguments = []
    response = [(b"released", amp.Integer())]


class Count(amp.Command):
    """How many Count calls this connection answered, this one included."""
    arguments = []
    response = [(b"n", amp.Integer())]


class Freeze(amp.Command):
    """Answers, then stops reading from the connection: the Java side sees a silent peer."""
    arguments = []
    response = []


class AmpPeer(amp.AMP):
    def __init__(self):
        amp.AMP.__init__(self)
        self.held = []
        self.counted = 0

    def connectionMade(self):
        amp.AMP.connectionMade(self)
        say("connected")

    def ampBoxReceived(self, box):
        # Only watches: the box is handled by Twisted's own code, unchanged.
        if box.get(b"_command") == b"spindle-keepalive":
            say("ping")
        amp.AMP.ampBoxReceived(self, box)

    @Hold.responder
    def hold(self, id):
        d = defer.Deferred()
        self.held.append((d, id))
        say("held", len(self.held))
        return d

    @ReleaseAll.responder
    def release_all(self):
        held, self.held = self.held, []
        for d, id in held:
            d.callback({"id": id})
        return {"released": len(held)}

    @Count.responder
    def count(self):
        self.counted += 1
        return {"n": self.counted}

    @Freeze.responder
    def freeze(self):
        def stop_reading():
            self.transport.pauseProducing()
            say("frozen")
        reactor.callLater(0, stop_reading)
        return {}


# ---- PB ----------------------------------------------------------------------------------------

class Child(pb.Referenceable):
    def remote_ping(self):
        return b"pong"


class PbRoot(pb.Root):
    def __init__(self):
        self.held = []
        self.counted = 0
        self.broker = None

    def rootObject(self, broker):
        self.broker = broker
        say("connected")
        return self

    def remote_hold(self):
        d = defer.Deferred()
        self.held.append(d)
        say("held", len(self.held))
        return d

    def remote_release(self):
        """Answers every held call with two fresh Referenceables, then itself."""
        held, self.held = self.held, []
        for d in held:
            d.callback([Child(), Child()])
        return len(held)

    def remote_exported(self):
        """How many objects this side exports on the connection (root included)."""
        return len(self.broker.localObjects)

    def remote_count(self):
        self.counted += 1
        return self.counted

    def remote_freeze(self):
        def stop_reading():
            self.broker.transport.pauseProducing()
            say("frozen")
        reactor.callLater(0, stop_reading)
        return None


class WatchedBroker(pb.Broker):
    def proto_message(self, requestID, objectID, message, answerRequired, netArgs, netKw):
        # Only watches: the message is handled by Twisted's own code, unchanged.
        if objectID == 0:
            say("ping")
        pb.Broker.proto_message(self, requestID, objectID, message, answerRequired, netArgs, netKw)


def amp_client(port):
    """Against a Java server that lets a peer have 2 calls outstanding: three Holds, the third
    refused; then the two held are answered and Count works on the same connection."""
    def go(proto):
        d1 = proto.callRemote(Hold, id=1)
        d2 = proto.callRemote(Hold, id=2)
        d3 = proto.callRemote(Hold, id=3)
        d3.addCallbacks(lambda r: say("FAIL third answered", r),
                        lambda f: say("refused", f.type.__name__, f.getErrorMessage()))
        for d in (d1, d2):
            d.addCallbacks(lambda r: say("answered", r["id"]),
                           lambda f: say("FAIL held", f.getErrorMessage()))
        done = defer.DeferredList([d1, d2, d3])
        done.addCallback(lambda _: proto.callRemote(Count))
        done.addCallbacks(lambda r: say("count", r["n"]), lambda f: say("FAIL count", f.getErrorMessage()))
        return done

    d = protocol.ClientCreator(reactor, amp.AMP).connectTCP("127.0.0.1", port)
    d.addCallback(go)
    d.addErrback(lambda f: say("FAIL", f.getErrorMessage()))
    d.addBoth(lambda _: reactor.stop())
    reactor.callLater(60, reactor.stop)
    reactor.run()


def pb_client(port):
    """Against a Java PB server letting a peer have 2 calls outstanding: on connection A, three
    holds, the third refused; connection B then calls release, which answers A's two held calls;
    then count works on A."""
    @defer.inlineCallbacks
    def go():
        fa, fb = pb.PBClientFactory(), pb.PBClientFactory()
        reactor.connectTCP("127.0.0.1", port, fa)
        reactor.connectTCP("127.0.0.1", port, fb)
        a = yield fa.getRootObject()
        b = yield fb.getRootObject()
        d1 = a.callRemote("hold", 1)
        d2 = a.callRemote("hold", 2)
        try:
            yield a.callRemote("hold", 3)
            say("FAIL third answered")
        except pb.Error as e:
            say("FAIL not a copied failure", e)
        except Exception as e:
            remote = getattr(e, "remoteType", b"?")
            say("refused", type(e).__name__,
                remote.decode() if isinstance(remote, bytes) else remote, str(e))
        released = yield b.callRemote("release")
        say("released", released)
        for d in (d1, d2):
            say("answered", (yield d))
        say("count", (yield a.callRemote("count")))

    d = go()
    d.addErrback(lambda f: say("FAIL", f.getErrorMessage()))
    d.addBoth(lambda _: reactor.stop())
    reactor.callLater(60, reactor.stop)
    reactor.run()


def main(argv):
    if len(argv) == 4 and argv[1] == "client" and argv[2] in ("amp", "pb"):
        log.addObserver(report_errors)
        (amp_client if argv[2] == "amp" else pb_client)(int(argv[3]))
        return
    if len(argv) != 3 or argv[1] != "server" or argv[2] not in ("amp", "pb"):
        sys.exit(__doc__)
    log.addObserver(report_errors)
    if argv[2] == "amp":
        factory = protocol.Factory.forProtocol(AmpPeer)
    else:
        factory = pb.PBServerFactory(PbRoot())
        factory.protocol = WatchedBroker
    peer_support.serve(factory)


if __name__ == "__main__":
    main(sys.argv)
