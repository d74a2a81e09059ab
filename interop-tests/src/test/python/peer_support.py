"""
What every Twisted peer script of the interop tests shares: serving a factory on 127.0.0.1
the way the Java side (dev.spindle.interop.testing.TwistedPeer) expects.
"""

import sys
import threading

from twisted.internet import reactor

MAX_LIFETIME = 300.0


def serve(factory, lifetime=MAX_LIFETIME, stop=None, announce=None, tls=None):
    """Listen on 127.0.0.1:0, print "PORT <n>", and run the reactor until stdin closes (the
    Java test's signal) or `lifetime` seconds pass, so no peer outlives its test.

    stop: what ends the run (default reactor.stop); announce: prints the PORT line (default
    print with flush); tls: a context factory to listen with TLS (reactor.listenSSL)."""
    stop = stop or reactor.stop
    if tls is None:
        port = reactor.listenTCP(0, factory, interface="127.0.0.1")
    else:
        port = reactor.listenSSL(0, factory, tls, interface="127.0.0.1")
    line = "PORT %d" % port.getHost().port
    if announce is None:
        print(line, flush=True)
    else:
        announce(line)

    def watch_stdin():
        sys.stdin.read()
        reactor.callFromThread(stop)

    threading.Thread(target=watch_stdin, daemon=True).start()
    reactor.callLater(lifetime, stop)
    reactor.run()
