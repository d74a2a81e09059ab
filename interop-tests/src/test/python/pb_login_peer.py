#!/usr/bin/python3
"""
A real Twisted 22.4 Perspective Broker peer for Spindle's PB login interop tests.

    pb_login_peer.py server [noanonymous]
        PBServerFactory(Portal(PeerRealm(), checkers)) on 127.0.0.1:0; prints "PORT <n>"; serves
        until stdin closes (or 300 s). The checkers are InMemoryUsernamePasswordDatabaseDontUse
        with USERS, plus AllowAnonymousAccess unless "noanonymous" is given.
    pb_login_peer.py client PORT
        Stock PBClientFactory.login against a Java PbServer whose portal has the same users and
        anonymous access, and whose avatars answer the same perspective_ methods; prints
        "ok <check>" / "FAIL <check>: why" and a summary; exit 1 if any check failed.

Both sides' avatars answer:

    whoami() -> the avatar id (the username bytes, or () for anonymous)
    tellMind(text) -> mind.callRemote("notify", text)        (the mind answers "noted: " + text)
    getViewable() -> a Viewable (view_whoSees(perspective, arg) -> [perspective's id, arg])
    logouts(name) -> how many times the realm logged out avatar id name (None: anonymous)
    waitForLogouts(name, n) -> the same count, once it reaches n (or after 10 s)
"""

import gc
import sys

import peer_support
from twisted.cred import checkers, credentials, error, portal
from twisted.internet import defer, reactor
from twisted.spread import pb
from zope.interface import implementer

MAX_LIFETIME = peer_support.MAX_LIFETIME
USERS = {"alice": b"secret", "carol": b"fido", "dave": b"1234", "erin": b"pw"}


class PeerViewable(pb.Viewable):
    def view_whoSees(self, perspective, arg):
        return [perspective.avatarId, arg]


class PeerAvatar(pb.Avatar):
    def __init__(self, avatarId, mind, realm):
        self.avatarId = avatarId
        self.mind = mind
        self.realm = realm
        self.viewable = PeerViewable()

    def perspective_whoami(self):
        return self.avatarId

    def perspective_tellMind(self, text):
        return self.mind.callRemote("notify", text)

    def perspective_getViewable(self):
        return self.viewable

    def perspective_logouts(self, name):
        return self.realm.count(name)

    def perspective_waitForLogouts(self, name, n):
        return self.realm.waitFor(name, n)

    def logout(self):
        self.realm.loggedOut(self.avatarId)
        self.mind = None


@implementer(portal.IRealm)
class PeerRealm:
    def __init__(self):
        self.logouts = {}
        self.waiting = []

    @staticmethod
    def key(name):
        return checkers.ANONYMOUS if name is None else name

    def count(self, name):
        return self.logouts.get(self.key(name), 0)

    def loggedOut(self, avatarId):
        self.logouts[avatarId] = self.logouts.get(avatarId, 0) + 1
        still = []
        for key, n, d in self.waiting:
            if self.logouts.get(key, 0) >= n:
                d.callback(self.logouts[key])
            else:
                still.append((key, n, d))
        self.waiting = still

    def waitFor(self, name, n):
        key = self.key(name)
        if self.logouts.get(key, 0) >= n:
            return self.logouts[key]
        d = defer.Deferred()
        entry = (key, n, d)
        self.waiting.append(entry)

        def timeout():
            if entry in self.waiting:
                self.waiting.remove(entry)
                d.callback(self.logouts.get(key, 0))

        reactor.callLater(10, timeout)
        return d

    def requestAvatar(self, avatarId, mind, *interfaces):
        assert pb.IPerspective in interfaces
        avatar = PeerAvatar(avatarId, mind, self)
        return pb.IPerspective, avatar, avatar.logout


# ---- server ------------------------------------------------------------------------------------

def run_server(anonymous):
    users = checkers.InMemoryUsernamePasswordDatabaseDontUse(**USERS)
    portalCheckers = [users] + ([checkers.AllowAnonymousAccess()] if anonymous else [])
    factory = pb.PBServerFactory(portal.Portal(PeerRealm(), portalCheckers))
    peer_support.serve(factory)


# ---- client ------------------------------------------------------------------------------------

class Mind(pb.Referenceable):
    def __init__(self):
        self.notes = []

    def remote_notify(self, text):
        self.notes.append(text)
        return "noted: " + text


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


def expect_unauthorized(checks, name, d):
    """trap(UnauthorizedLogin), as a Python client of a Twisted server would."""

    def succeeded(r):
        checks.expect(name, False, "no failure: %r" % (r,))

    def failed(f):
        try:
            f.trap(error.UnauthorizedLogin)
        except Exception:
            checks.expect(name, False, "type %r parents %r" % (f.type, getattr(f, "parents", None)))
            return
        checks.expect(name, f.value == "" or str(f.value) == "",
                      "trapped, value %r" % (f.value,))

    return d.addCallbacks(succeeded, failed)


def connect(port):
    factory = pb.PBClientFactory()
    reactor.connectTCP("127.0.0.1", port, factory)
    return factory


@defer.inlineCallbacks
def login_and_drop(factory, creds):
    """Logs in and returns only the avatar's id, so the avatar reference dies here."""
    avatar = yield factory.login(creds)
    who = yield avatar.callRemote("whoami")
    return who


@defer.inlineCallbacks
def run_checks(port):
    checks = Checks()
    factory = connect(port)

    root = yield factory.getRootObject()
    got = yield root.callRemote("serverInfo")
    checks.expect("the login root's own method, before login", got == "spindle login root; exports: 1",
                  repr(got))

    mind = Mind()
    avatar = yield factory.login(credentials.UsernamePassword(b"alice", b"secret"), mind)
    got = yield avatar.callRemote("whoami")
    checks.expect("login with the right password; whoami", got == b"alice", repr(got))
    got = yield avatar.callRemote("tellMind", "hi")
    checks.expect("the Java avatar calls the mind back", got == "noted: hi" and mind.notes == ["hi"],
                  "%r %r" % (got, mind.notes))
    viewable = yield avatar.callRemote("getViewable")
    got = yield viewable.callRemote("whoSees", 1)
    checks.expect("a Viewable from the avatar sees it", got == [b"alice", 1], repr(got))
    del viewable

    yield expect_unauthorized(checks, "wrong password: trap(UnauthorizedLogin)",
                              factory.login(credentials.UsernamePassword(b"alice", b"wrong")))
    yield expect_unauthorized(checks, "unknown user: trap(UnauthorizedLogin)",
                              factory.login(credentials.UsernamePassword(b"bob", b"secret")))

    anon = yield factory.login(credentials.Anonymous())
    got = yield anon.callRemote("whoami")
    checks.expect("anonymous login; whoami is ()", got == (), repr(got))

    # Logout on the last decref: the avatar reference dies inside login_and_drop.
    who = yield login_and_drop(factory, credentials.UsernamePassword(b"carol", b"fido"))
    gc.collect()
    got = yield avatar.callRemote("waitForLogouts", b"carol", 1)
    checks.expect("logout when the avatar is released", who == b"carol" and got == 1,
                  "%r %r" % (who, got))

    # Logout on connection loss.
    other = connect(port)
    dave = yield other.login(credentials.UsernamePassword(b"dave", b"1234"))
    got = yield avatar.callRemote("logouts", b"dave")
    checks.expect("no logout while the avatar is held", got == 0, repr(got))
    other.disconnect()
    got = yield avatar.callRemote("waitForLogouts", b"dave", 1)
    checks.expect("logout when the connection is lost", got == 1, repr(got))
    del dave

    got = yield avatar.callRemote("logouts", b"alice")
    checks.expect("no logout of a held avatar", got == 0, repr(got))
    del anon

    print("summary: ok=%d failed=%d" % (checks.ok, checks.failed), flush=True)
    factory.disconnect()
    return checks.failed == 0


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
        run_server(anonymous=not (len(sys.argv) >= 3 and sys.argv[2] == "noanonymous"))
    elif len(sys.argv) >= 3 and sys.argv[1] == "client":
        run_client(int(sys.argv[2]))
    else:
        sys.stderr.write(__doc__)
        sys.exit(2)
