#!/usr/bin/python3
"""
Python Twisted counterparts of Spindle's cred examples (the PB cred howto: pb5server.py,
pb5client.py, pb6server.py, pb6client1.py, pb6client2.py, pbAnonServer.py, pbAnonClient.py,
chatserver.py, chatclient.py), for the interop tests.

    howto_cred.py server pb5            pb5server.py: user1/pass1
    howto_cred.py server pb6            pb6server.py: user1/pass1, user2/pass2
    howto_cred.py server anon           pbAnonServer.py: user1, user2 and anonymous access
    howto_cred.py server chat           chatserver.py: alice/1234, bob/secret, carol/fido
    howto_cred.py client pb5 PORT       pb5client.py
    howto_cred.py client pb6client1 PORT
    howto_cred.py client pb6client2 PORT
    howto_cred.py client anon PORT      pbAnonClient.py
    howto_cred.py client chat PORT [USER PASSWORD MESSAGE [UNTIL]]
        chatclient.py (default alice 1234 "You can call me Al."); shuts down once its message is
        answered and it has printed UNTIL messages (default 1: its own)
    howto_cred.py client mattress PORT
        joins "#NoMattress" with allowMattress=False as carol and says "mattress"; prints the
        ValueError it traps

The howto's code, in Python 3 and adapted to the tests: servers listen on 127.0.0.1:0, print
"PORT <n>" and stop when stdin closes; clients connect to 127.0.0.1:PORT, stop once done, and
print deterministic lines (a type name or a fixed repr instead of an object's address; avatar
ids, bytes in Python 3, decoded). Usernames and passwords are bytes, as Python 3's cred wants.
pbAnonServer.py and pbAnonClient.py also log Twisted's events to stdout: left out here.
"""

import sys

from zope.interface import implementer

import peer_support
from twisted.cred import checkers, credentials, portal
from twisted.internet import defer, reactor
from twisted.spread import pb



# ---- pb5server.py / pb6server.py --------------------------------------------------------------

class MyPerspective(pb.Avatar):
    def __init__(self, name):
        self.name = name

    def perspective_foo(self, arg):
        print("I am", self.name, "perspective_foo(", arg, ") called on", self, flush=True)

    def __repr__(self):
        return "<MyPerspective %s>" % self.name


@implementer(portal.IRealm)
class MyRealm:
    def requestAvatar(self, avatarId, mind, *interfaces):
        if pb.IPerspective not in interfaces:
            raise NotImplementedError
        return pb.IPerspective, MyPerspective(avatarId.decode()), lambda: None


def pb5portal():
    p = portal.Portal(MyRealm())
    p.registerChecker(
        checkers.InMemoryUsernamePasswordDatabaseDontUse(user1=b"pass1"))
    return p


def pb6portal():
    p = portal.Portal(MyRealm())
    c = checkers.InMemoryUsernamePasswordDatabaseDontUse(user1=b"pass1",
                                                         user2=b"pass2")
    p.registerChecker(c)
    return p


# ---- pbAnonServer.py ---------------------------------------------------------------------------

class MyAnonPerspective(pb.Avatar):
    """
    pbAnonServer.py's MyPerspective: trivial avatar exposing a single remote method for
    demonstrative purposes.
    """

    def __init__(self, name):
        self.name = name

    def perspective_foo(self, arg):
        print("I am %s.  perspective_foo(%s) called on %s." % (
            self.name, arg, self), flush=True)

    def __repr__(self):
        return "<MyPerspective %s>" % self.name


@implementer(portal.IRealm)
class MyAnonRealm:
    """
    pbAnonServer.py's MyRealm: supports anonymous and named users by creating avatars which are
    instances of MyPerspective for either.
    """

    def requestAvatar(self, avatarId, mind, *interfaces):
        if pb.IPerspective not in interfaces:
            raise NotImplementedError("MyRealm only handles IPerspective")
        if avatarId is checkers.ANONYMOUS:
            avatarId = "Anonymous"
        else:
            avatarId = avatarId.decode()
        return pb.IPerspective, MyAnonPerspective(avatarId), lambda: None


def anonportal():
    p = portal.Portal(MyAnonRealm())

    # Here the username/password checker is registered.
    c1 = checkers.InMemoryUsernamePasswordDatabaseDontUse(user1=b"pass1", user2=b"pass2")
    p.registerChecker(c1)

    # Here the anonymous checker is registered.
    c2 = checkers.AllowAnonymousAccess()
    p.registerChecker(c2)
    return p


# ---- chatserver.py -----------------------------------------------------------------------------

class ChatServer:
    def __init__(self):
        self.groups = {}  # indexed by name

    def joinGroup(self, groupname, user, allowMattress):
        if groupname not in self.groups:
            self.groups[groupname] = Group(groupname, allowMattress)
        self.groups[groupname].addUser(user)
        return self.groups[groupname]


@implementer(portal.IRealm)
class ChatRealm:
    def requestAvatar(self, avatarID, mind, *interfaces):
        assert pb.IPerspective in interfaces
        avatar = User(avatarID.decode())
        avatar.server = self.server
        avatar.attached(mind)
        return pb.IPerspective, avatar, lambda a=avatar: a.detached(mind)


class User(pb.Avatar):
    def __init__(self, name):
        self.name = name

    def attached(self, mind):
        self.remote = mind

    def detached(self, mind):
        self.remote = None

    def perspective_joinGroup(self, groupname, allowMattress=True):
        return self.server.joinGroup(groupname, self, allowMattress)

    def send(self, message):
        # The howto calls self.remote unconditionally: once a member logged out, every message
        # to its group failed with an AttributeError on None. Skip members who left instead.
        if self.remote is not None:
            self.remote.callRemote("print", message)


class Group(pb.Viewable):
    def __init__(self, groupname, allowMattress):
        self.name = groupname
        self.allowMattress = allowMattress
        self.users = []

    def addUser(self, user):
        self.users.append(user)

    def view_send(self, from_user, message):
        if not self.allowMattress and "mattress" in message:
            raise ValueError("Don't say that word")
        for user in self.users:
            user.send("<%s> says: %s" % (from_user.name, message))


def chatportal():
    realm = ChatRealm()
    realm.server = ChatServer()
    checker = checkers.InMemoryUsernamePasswordDatabaseDontUse()
    checker.addUser(b"alice", b"1234")
    checker.addUser(b"bob", b"secret")
    checker.addUser(b"carol", b"fido")
    return portal.Portal(realm, [checker])


# ---- servers -----------------------------------------------------------------------------------

PORTALS = {"pb5": pb5portal, "pb6": pb6portal, "anon": anonportal, "chat": chatportal}


def serve(kind):
    if kind not in PORTALS:
        raise SystemExit("unknown server " + kind)
    peer_support.serve(pb.PBServerFactory(PORTALS[kind]()))


# ---- pb5client.py / pb6client1.py / pb6client2.py / pbAnonClient.py ---------------------------

def connect(port):
    factory = pb.PBClientFactory()
    reactor.connectTCP("127.0.0.1", port, factory)
    return factory


def foo_client(port, username, password, label, arg):
    """pb5client.py, pb6client1.py and pb6client2.py differ only in these arguments."""
    factory = connect(port)
    def1 = factory.login(credentials.UsernamePassword(username, password))

    def connected(perspective):
        print("got %s ref:" % label, type(perspective).__name__, flush=True)
        print("asking it to foo(%d)" % arg, flush=True)
        return perspective.callRemote("foo", arg)

    def1.addCallback(connected)
    return def1


def anon_client(port):
    def error(why, msg):
        """Catch-all errback; not expected to be invoked in the normal case for this example."""
        print("%s: %s" % (msg, why.getErrorMessage()), flush=True)

    def connected(perspective):
        print("got perspective1 ref:", type(perspective).__name__, flush=True)
        print("asking it to foo(13)", flush=True)
        return perspective.callRemote("foo", 13)

    factory = connect(port)

    anonymousLogin = factory.login(credentials.Anonymous())
    anonymousLogin.addCallback(connected)
    anonymousLogin.addErrback(error, "Anonymous login failed")

    usernameLogin = factory.login(credentials.UsernamePassword(b"user1", b"pass1"))
    usernameLogin.addCallback(connected)
    usernameLogin.addErrback(error, "Username/password login failed")

    return defer.gatherResults([anonymousLogin, usernameLogin])


# ---- chatclient.py -----------------------------------------------------------------------------

class Client(pb.Referenceable):
    def __init__(self, message, until):
        self.message = message
        self.until = until
        self.printed = 0
        self.sent = False
        self.done = defer.Deferred()

    def remote_print(self, message):
        print(message, flush=True)
        self.printed += 1
        self.maybeShutdown()

    def connect(self, port, username, password):
        factory = connect(port)
        def1 = factory.login(credentials.UsernamePassword(username, password),
                             client=self)
        def1.addCallback(self.connected)
        return def1

    def connected(self, perspective):
        print("connected, joining group #NeedAFourth", flush=True)
        # this perspective is a reference to our User object.  Save a reference
        # to it here, otherwise it will get garbage collected after this call,
        # and the server will think we logged out.
        self.perspective = perspective
        d = perspective.callRemote("joinGroup", "#NeedAFourth")
        d.addCallback(self.gotGroup)
        return d

    def gotGroup(self, group):
        print("joined group, now sending a message to all members", flush=True)
        # 'group' is a reference to the Group object (through a ViewPoint)
        d = group.callRemote("send", self.message)
        d.addCallback(self.shutdown)
        return d

    def shutdown(self, result):
        self.sent = True
        self.maybeShutdown()
        return self.done

    def maybeShutdown(self):
        # The howto stops once its message is answered; here the client may also wait for
        # other members' messages.
        if self.sent and self.printed >= self.until and not self.done.called:
            self.done.callback(None)


def chat_client(port, args):
    username, password, message = args[:3] if len(args) >= 3 else ("alice", "1234", "You can call me Al.")
    until = int(args[3]) if len(args) > 3 else 1
    return Client(message, until).connect(port, username.encode(), password.encode())


def mattress_client(port):
    client = Client(None, 0)
    factory = connect(port)
    d = factory.login(credentials.UsernamePassword(b"carol", b"fido"), client=client)

    def connected(perspective):
        client.perspective = perspective
        return perspective.callRemote("joinGroup", "#NoMattress", allowMattress=False)

    def gotGroup(group):
        return group.callRemote("send", "I need a new mattress")

    def sent(result):
        print("sent: %r" % (result,), flush=True)

    def refused(f):
        f.trap(ValueError)
        print("send failed: ValueError: %s" % f.getErrorMessage(), flush=True)

    d.addCallback(connected)
    d.addCallback(gotGroup)
    d.addCallbacks(sent, refused)
    return d


# ---- clients -----------------------------------------------------------------------------------

def client(kind, port, args):
    status = []

    def run():
        if kind == "pb5":
            return foo_client(port, b"user1", b"pass1", "perspective", 12)
        if kind == "pb6client1":
            return foo_client(port, b"user1", b"pass1", "perspective1", 13)
        if kind == "pb6client2":
            return foo_client(port, b"user2", b"pass2", "perspective2", 14)
        if kind == "anon":
            return anon_client(port)
        if kind == "chat":
            return chat_client(port, args)
        if kind == "mattress":
            return mattress_client(port)
        raise SystemExit("unknown client " + kind)

    def fail(f):
        print("FAIL %s" % f.getErrorMessage(), flush=True)
        status.append(1)

    def started():
        d = defer.maybeDeferred(run)
        d.addErrback(fail)
        d.addBoth(lambda _: reactor.stop())

    reactor.callWhenRunning(started)
    reactor.callLater(60, reactor.stop)
    reactor.run()
    sys.exit(1 if status else 0)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "server":
        serve(sys.argv[2])
    elif len(sys.argv) >= 4 and sys.argv[1] == "client":
        client(sys.argv[2], int(sys.argv[3]), sys.argv[4:])
    else:
        sys.stderr.write(__doc__)
        sys.exit(2)
