#!/usr/bin/python3
"""
A real Twisted 22.4 peer for Spindle's TLS and protocol-switch interop tests.

    tls_peer.py server MODE CERTS     listen on 127.0.0.1:0, print "PORT <n>", serve until stdin
                                      closes (or 300 s pass). MODE:
        amp-ssl          AMP over TLS from the first byte (listenSSL), server.pem
        amp-ssl-mutual   the same, requiring a client certificate signed by ca.crt
        amp-plain        AMP over TCP: answers StartTLS (server.pem) and SwitchToLines
        pb-ssl           PB over TLS from the first byte, server.pem
    tls_peer.py client MODE PORT CERTS
                                      connect to a Java server on 127.0.0.1:PORT, print
                                      "ok <check>" or "FAIL <check>: why"; exit 1 on failure.
        amp-ssl          connectSSL verifying "localhost" against ca.crt, call Echo and PeerInfo
        amp-ssl-mutual   the same, presenting client.pem
        amp-starttls     TCP, then callRemote(StartTLS, tls_verifyAuthorities=[ca]), then calls
        amp-await-starttls   TCP, answer the Java server's StartTLS (as TLS client, verifying
                         ca.crt, presenting client.pem), then call PeerInfo over TLS
        amp-switch       TCP, callRemote(SwitchToLines) and speak lines afterwards
        pb-ssl           connectSSL, getRootObject, echo

CERTS is the directory gen_certs.py wrote. Run with /usr/bin/python3 (Debian's Twisted).
"""

import os
import sys

import peer_support
from twisted.internet import defer, interfaces, protocol, reactor, ssl
from twisted.protocols import amp, basic
from twisted.spread import pb

MAX_LIFETIME = peer_support.MAX_LIFETIME


class Echo(amp.Command):
    arguments = [(b"text", amp.Unicode())]
    response = [(b"text", amp.Unicode())]


class PeerInfo(amp.Command):
    """Whether the connection is TLS now, and the CN of the peer's certificate ("" if none)."""

    arguments = []
    response = [(b"secure", amp.Boolean()), (b"peer", amp.Unicode())]


class SwitchToLines(amp.ProtocolSwitchCommand):
    arguments = [(b"greeting", amp.Unicode())]
    response = []


def load(certs, name):
    with open(os.path.join(certs, name), "rb") as f:
        data = f.read()
    if name.endswith(".pem"):
        return ssl.PrivateCertificate.loadPEM(data)
    return ssl.Certificate.loadPEM(data)


def peer_info(transport):
    secure = interfaces.ISSLTransport.providedBy(transport)
    peer = ""
    if secure:
        cert = transport.getPeerCertificate()
        if cert is not None:
            peer = cert.get_subject().CN or ""
    return {"secure": secure, "peer": peer}


class LineEcho(basic.LineReceiver):
    """After a switch: greets, then answers each line with "echo: <line>"; "bye" closes."""

    def __init__(self, greeting):
        self.greeting = greeting

    def connectionMade(self):
        self.sendLine(self.greeting)

    def lineReceived(self, line):
        if line == b"bye":
            self.transport.loseConnection()
        else:
            self.sendLine(b"echo: " + line)


class Peer(amp.AMP):
    certs = None
    tls_answer = None  # what this side's StartTLS responder returns

    @Echo.responder
    def echo(self, text):
        return {"text": text}

    @PeerInfo.responder
    def info(self):
        return peer_info(self.transport)

    @amp.StartTLS.responder
    def start_tls(self):
        return dict(self.tls_answer)

    @SwitchToLines.responder
    def switch(self, greeting):
        return LineEcho(greeting.encode("utf-8"))


class PeerRoot(pb.Root):
    def rootObject(self, broker):
        return PeerReferenceable(broker)


class PeerReferenceable(pb.Referenceable):
    def __init__(self, broker):
        self.broker = broker

    def remote_echo(self, value):
        return value

    def remote_peer(self):
        return peer_info(self.broker.transport)["peer"]


def run_server(mode, certs):
    server = load(certs, "server.pem")
    ca = load(certs, "ca.crt")
    tls = None
    factory = protocol.Factory.forProtocol(Peer)
    Peer.tls_answer = {"tls_localCertificate": server}
    if mode == "amp-ssl":
        tls = server.options()
    elif mode == "amp-ssl-mutual":
        tls = server.options(ca)
    elif mode == "amp-plain":
        pass
    elif mode == "pb-ssl":
        tls = server.options()
        factory = pb.PBServerFactory(PeerRoot())
    else:
        raise SystemExit("unknown mode " + mode)
    peer_support.serve(factory, tls=tls)


class Checks:
    def __init__(self):
        self.failed = 0

    def check(self, name, ok, detail=""):
        if ok:
            print("ok " + name, flush=True)
        else:
            self.failed += 1
            print("FAIL %s: %s" % (name, detail), flush=True)


class LineClient(basic.LineReceiver):
    """After the switch: waits for the Java side's greeting, sends "hello", expects its echo."""

    def __init__(self, checks, done):
        self.checks = checks
        self.done = done
        self.lines = []

    def lineReceived(self, line):
        self.lines.append(line)
        if len(self.lines) == 1:
            self.checks.check("greeting after switch", line == b"hi from spindle", repr(line))
            self.sendLine(b"hello")
        elif len(self.lines) == 2:
            self.checks.check("line echoed after switch", line == b"echo: hello", repr(line))
            self.sendLine(b"bye")
            self.done.callback(None)


class LineClientFactory(protocol.ClientFactory):
    def __init__(self, checks, done):
        self.checks = checks
        self.done = done

    def buildProtocol(self, addr):
        return LineClient(self.checks, self.done)

    def clientConnectionFailed(self, connector, reason):
        if not self.done.called:
            self.done.errback(reason)

    def clientConnectionLost(self, connector, reason):
        if not self.done.called:
            self.done.errback(reason)


@defer.inlineCallbacks
def run_checks(mode, port, certs):
    checks = Checks()
    ca = load(certs, "ca.crt")
    client = load(certs, "client.pem")
    creator = protocol.ClientCreator(reactor, Peer)
    if mode in ("amp-ssl", "amp-ssl-mutual"):
        options = ssl.optionsForClientTLS(
            "localhost", trustRoot=ca, clientCertificate=client if mode == "amp-ssl-mutual" else None
        )
        p = yield creator.connectSSL("127.0.0.1", port, options)
        answer = yield p.callRemote(Echo, text="over tls")
        checks.check("echo over tls", answer["text"] == "over tls", repr(answer))
        info = yield p.callRemote(PeerInfo)
        expected_peer = "spindle-client" if mode == "amp-ssl-mutual" else ""
        checks.check("java sees tls", info["secure"] and info["peer"] == expected_peer, repr(info))
        checks.check("twisted sees java certificate", peer_info(p.transport)["peer"] == "spindle-server",
                     repr(peer_info(p.transport)))
        p.transport.loseConnection()
    elif mode == "amp-starttls":
        p = yield creator.connectTCP("127.0.0.1", port)
        info = yield p.callRemote(PeerInfo)
        checks.check("plain before StartTLS", not info["secure"], repr(info))
        yield p.callRemote(amp.StartTLS, tls_verifyAuthorities=[ca])
        answer = yield p.callRemote(Echo, text="after starttls")
        checks.check("echo after StartTLS", answer["text"] == "after starttls", repr(answer))
        info = yield p.callRemote(PeerInfo)
        checks.check("java sees tls after StartTLS", info["secure"], repr(info))
        checks.check("twisted verified java certificate",
                     peer_info(p.transport)["peer"] == "spindle-server", repr(peer_info(p.transport)))
        p.transport.loseConnection()
    elif mode == "amp-await-starttls":
        started = defer.Deferred()

        class Awaiting(Peer):
            tls_answer = {"tls_localCertificate": client, "tls_verifyAuthorities": [ca]}

            @amp.StartTLS.responder
            def start_tls(self):
                reactor.callLater(0, started.callback, self)
                return dict(self.tls_answer)

        p = yield protocol.ClientCreator(reactor, Awaiting).connectTCP("127.0.0.1", port)
        yield started
        info = yield p.callRemote(PeerInfo)
        checks.check("java sees tls after its StartTLS", info["secure"] and info["peer"] == "spindle-client",
                     repr(info))
        checks.check("twisted verified java certificate",
                     peer_info(p.transport)["peer"] == "spindle-server", repr(peer_info(p.transport)))
        answer = yield p.callRemote(Echo, text="after java's starttls")
        checks.check("echo after java's StartTLS", answer["text"] == "after java's starttls", repr(answer))
        p.transport.loseConnection()
    elif mode == "amp-switch":
        p = yield creator.connectTCP("127.0.0.1", port)
        done = defer.Deferred()
        yield p.callRemote(SwitchToLines, LineClientFactory(checks, done), greeting="hi from spindle")
        yield done
    elif mode == "pb-ssl":
        factory = pb.PBClientFactory()
        options = ssl.optionsForClientTLS("localhost", trustRoot=ca)
        reactor.connectSSL("127.0.0.1", port, factory, options)
        root = yield factory.getRootObject()
        value = yield root.callRemote("echo", ["over", "tls", 1])
        checks.check("pb echo over tls", value == ["over", "tls", 1], repr(value))
        factory.disconnect()
    else:
        raise SystemExit("unknown mode " + mode)
    print("summary: failed=%d" % checks.failed, flush=True)
    return checks.failed == 0


def run_client(mode, port, certs):
    result = []

    def done(ok):
        result.append(ok)
        reactor.stop()

    def crashed(f):
        print("FAIL client crashed: %s" % f.getTraceback(), flush=True)
        result.append(False)
        reactor.stop()

    reactor.callWhenRunning(lambda: run_checks(mode, port, certs).addCallbacks(done, crashed))
    reactor.callLater(MAX_LIFETIME, reactor.stop)
    reactor.run()
    sys.exit(0 if result and result[0] else 1)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "server":
        run_server(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 5 and sys.argv[1] == "client":
        run_client(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    else:
        sys.stderr.write(__doc__)
        sys.exit(2)
