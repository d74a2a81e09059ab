#!/usr/bin/python3
"""
Python Twisted counterparts of Spindle's AMP examples (the AMP howto and Twisted's
ampserver.py / ampclient.py), for the interop tests.

    howto_amp.py server basic                   basic_server.tac: a bare AMP()
    howto_amp.py server calculator              Sum / Divide (ampserver.py)
    howto_amp.py server registration DIR        the howto's UserRegistration locator
    howto_amp.py server reflector               the howto's BoxReflector
    howto_amp.py client basic PORT              basic_client.py: connect, print, disconnect
    howto_amp.py client calculator PORT         ampclient.py, prints one line per call
    howto_amp.py client registration PORT USER  command_client.py
    howto_amp.py client reflector PORT          sends one box, checks it comes back

Servers listen on 127.0.0.1:0, print "PORT <n>", and stop when stdin closes.
"""

import sys

from zope.interface import implementer

import peer_support
from twisted.internet import protocol, reactor
from twisted.internet.endpoints import TCP4ClientEndpoint, connectProtocol
from twisted.protocols import amp
from twisted.python.filepath import FilePath


class Sum(amp.Command):
    arguments = [(b"a", amp.Integer()), (b"b", amp.Integer())]
    response = [(b"total", amp.Integer())]


class Divide(amp.Command):
    arguments = [(b"numerator", amp.Integer()), (b"denominator", amp.Integer())]
    response = [(b"result", amp.Float())]
    errors = {ZeroDivisionError: b"ZERO_DIVISION"}


class Math(amp.AMP):
    @Sum.responder
    def sum(self, a, b):
        return {"total": a + b}

    @Divide.responder
    def divide(self, numerator, denominator):
        return {"result": numerator / denominator}


class UsernameUnavailable(Exception):
    pass


class RegisterUser(amp.Command):
    arguments = [(b"username", amp.Unicode()), (b"publickey", amp.String())]
    response = [(b"uid", amp.Integer())]
    errors = {UsernameUnavailable: b"username-unavailable"}


class UserRegistration(amp.CommandLocator):
    uidCounter = 0

    def __init__(self, directory):
        self.directory = FilePath(directory)

    @RegisterUser.responder
    def register(self, username, publickey):
        path = self.directory.child(username)
        if path.exists():
            raise UsernameUnavailable()
        self.uidCounter += 1
        path.setContent(b"%d %s\n" % (self.uidCounter, publickey))
        return {"uid": self.uidCounter}


@implementer(amp.IBoxReceiver)
class BoxReflector:
    def startReceivingBoxes(self, boxSender):
        self.boxSender = boxSender

    def ampBoxReceived(self, box):
        self.boxSender.sendBox(box)

    def stopReceivingBoxes(self, reason):
        self.boxSender = None


def serve(kind, args):
    factory = protocol.Factory()
    if kind == "basic":
        factory.protocol = amp.AMP
    elif kind == "calculator":
        factory.protocol = Math
    elif kind == "registration":
        locator = UserRegistration(args[0])
        factory.protocol = lambda: amp.AMP(locator=locator)
    elif kind == "reflector":
        factory.protocol = lambda: amp.AMP(boxReceiver=BoxReflector())
    else:
        raise SystemExit("unknown server " + kind)
    peer_support.serve(factory)


class Reflected(protocol.Protocol):
    BOX = amp.AmpBox(hello=b"world", _command=b"Anything").serialize()

    def connectionMade(self):
        self.received = b""
        self.transport.write(self.BOX)

    def dataReceived(self, data):
        self.received += data
        if len(self.received) >= len(self.BOX):
            print("reflected: %s" % (self.received == self.BOX), flush=True)
            self.transport.loseConnection()
            reactor.stop()


def client(kind, port, args):
    endpoint = TCP4ClientEndpoint(reactor, "127.0.0.1", port)
    status = []

    def fail(f):
        print("FAIL %s" % f.getErrorMessage(), flush=True)
        status.append(1)
        reactor.stop()

    if kind == "reflector":
        d = connectProtocol(endpoint, Reflected())
        d.addErrback(fail)
    else:
        d = connectProtocol(endpoint, amp.AMP())

        def calculator(p):
            d = p.callRemote(Sum, a=13, b=81)
            d.addCallback(lambda r: print("Sum(13, 81) = %d" % r["total"], flush=True))
            d.addCallback(lambda _: p.callRemote(Divide, numerator=10, denominator=4))
            d.addCallback(lambda r: print("Divide(10, 4) = %r" % r["result"], flush=True))
            d.addCallback(lambda _: p.callRemote(Divide, numerator=1, denominator=0))
            d.addCallbacks(lambda r: print("Divide(1, 0) = %r" % r, flush=True),
                           lambda f: print("Divide(1, 0) failed: %s" % f.type.__name__, flush=True))
            return d

        def basic(p):
            print("connected to 127.0.0.1:%d" % port, flush=True)
            p.transport.loseConnection()

        def registration(p):
            d = p.callRemote(RegisterUser, username=args[0],
                             publickey=b"ssh-rsa AAAAB3NzaC1yc2 alice@actinium")
            d.addCallbacks(lambda r: print("Registration result: %r" % (r,), flush=True),
                           lambda f: print("Failed to register: %s" % f.type.__name__, flush=True))
            return d

        d.addCallback({"basic": basic, "calculator": calculator,
                       "registration": registration}[kind])
        d.addCallbacks(lambda _: reactor.stop(), fail)
    reactor.callLater(60, reactor.stop)
    reactor.run()
    sys.exit(1 if status else 0)


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "server":
        serve(sys.argv[2], sys.argv[3:])
    elif len(sys.argv) >= 4 and sys.argv[1] == "client":
        client(sys.argv[2], int(sys.argv[3]), sys.argv[4:])
    else:
        sys.stderr.write(__doc__)
        sys.exit(2)
