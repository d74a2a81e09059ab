#!/usr/bin/python3
"""
Python Twisted counterparts of Spindle's PB examples: the programs of Twisted's Perspective
Broker howto (pbsimple.py ... cache_receiver.py), for the interop tests.

    howto_pb.py server pbsimple        pbsimple.py: the Echoer root
    howto_pb.py server pb1             pb1server.py: One.getTwo() returns a Two
    howto_pb.py server pb2             pb2server.py: the Two comes back to checkTwo()
    howto_pb.py server pb3             pb3server.py: calls the client's Two
    howto_pb.py server exc             exc_server.py: broken() / broken2()
    howto_pb.py server trap            trap_server.py: fooMethod() / shutdown()
    howto_pb.py server copy            copy_receiver.tac: takePond(ReceiverPond)
    howto_pb.py server copy2           copy2_receiver.py: takePond(copy2_classes.ReceiverPond)
    howto_pb.py server cache           cache_receiver.py: takePond(SlaveDuckPond) ...
    howto_pb.py client KIND PORT       pbsimpleclient.py, pb1client.py, ..., cache_sender.py

Servers listen on 127.0.0.1:0, print "PORT <n>", and stop when stdin closes (or, as in the
howto, when a client calls remote_shutdown). Clients print deterministic lines and stop.

Adaptations, the same in the Java ports (examples/src/main/java/dev/spindle/examples/pb):

  * objects are printed as their class name (a repr shows an address);
  * clients run their steps one after the other instead of spacing them with callLater, and
    stop when done; exc_client calls broken() and then broken2();
  * module names are set explicitly, so the wire names are stable: copy_sender.CopyPond,
    copy2_classes.SenderPond, cache_classes.MasterDuckPond, exc_server.MyError;
  * trap_server's MyException is dev.spindle.examples.pb.MyException, the name both sides
    agree on: in the howto both scripts define __main__.MyException, and Spindle sends a Java
    exception under its Java class name;
  * trap_client's ScaryObject is a Copyable the receiver has not registered, so the receiver
    refuses it with InsecureJelly as the howto says (the howto's plain instance leaves
    Twisted 22.4 as "unpersistable", and the call succeeds);
  * pb3server answers takeTwo when print() has answered (the howto drops that Deferred);
  * MasterDuckPond's stoppedObserving prints a line (and removes
    the observer of the same broker: Twisted passes a new RemoteCacheObserver, which on Python 3
    is not equal to the first).
"""

import sys

import peer_support
from twisted.internet import defer, reactor
from twisted.python import reflect
from twisted.spread import jelly, pb


def named(module, name=None):
    """Sets a class's module (and name), as if it were defined in module.py: its reflect.qual."""

    def rename(cls):
        cls.__module__ = module
        if name is not None:
            cls.__name__ = cls.__qualname__ = name
        return cls

    return rename


def describe(obj):
    """How the examples print an object: its class name (a repr would show an address)."""
    return type(obj).__name__


def out(*args):
    print(*args, flush=True)


def stop(_=None):
    if reactor.running:
        reactor.stop()


# --- pbsimple.py -------------------------------------------------------------------------


class Echoer(pb.Root):
    def remote_echo(self, st):
        out("echoing:", st)
        return st


def pbsimpleclient(root):
    d = root.callRemote("echo", "hello network")
    d.addCallback(lambda echo: "server echoed: " + echo)
    d.addErrback(lambda reason: "error: " + str(reason.value))
    d.addCallback(out)
    return d


# --- pb1server.py / pb1client.py -----------------------------------------------------------


class Pb1Two(pb.Referenceable):
    def remote_three(self, arg):
        out("Two.three was given", arg)


Pb1Two.__name__ = "Two"


class Pb1One(pb.Root):
    def remote_getTwo(self):
        two = Pb1Two()
        out("returning a Two called", describe(two))
        return two


def pb1client(obj1):
    out("got first object:", describe(obj1))
    out("asking it to getTwo")

    def got_obj2(obj2):
        out("got second object:", describe(obj2))
        out("telling it to do three(12)")
        return obj2.callRemote("three", 12)

    return obj1.callRemote("getTwo").addCallback(got_obj2)


# --- pb2server.py / pb2client.py -----------------------------------------------------------


class Pb2Two(pb.Referenceable):
    def remote_print(self, arg):
        out("two.print was given", arg)


Pb2Two.__name__ = "Two"


class Pb2One(pb.Root):
    def __init__(self, two):
        self.two = two

    def remote_getTwo(self):
        out("One.getTwo(), returning my two called", describe(self.two))
        return self.two

    def remote_checkTwo(self, newtwo):
        out("One.checkTwo(): comparing my two", describe(self.two))
        out("One.checkTwo(): against your two", describe(newtwo))
        if self.two == newtwo:
            out("One.checkTwo(): our twos are the same")


class Pb2Foo:
    def __init__(self):
        self.oneRef = None

    def step1(self, obj):
        out("got one object:", describe(obj))
        self.oneRef = obj
        out("asking it to getTwo")
        return self.oneRef.callRemote("getTwo").addCallback(self.step2)

    def step2(self, two):
        out("got two object:", describe(two))
        out("giving it back to one")
        out("one is", describe(self.oneRef))
        return self.oneRef.callRemote("checkTwo", two)


# --- pb3server.py / pb3client.py -----------------------------------------------------------


class Pb3One(pb.Root):
    def remote_takeTwo(self, two):
        out("received a Two called", describe(two))
        out("telling it to print(12)")
        # the howto drops this Deferred; answering when print() has answered keeps the
        # server from losing it when the client disconnects
        return two.callRemote("print", 12)


class Pb3Two(pb.Referenceable):
    def __init__(self):
        self.printed = None

    def remote_print(self, arg):
        out("Two.print() called with", arg)
        self.printed.callback(None)


Pb3Two.__name__ = "Two"


def pb3client(obj):
    two = Pb3Two()
    two.printed = defer.Deferred()
    out("got One:", describe(obj))
    out("giving it our two")
    return defer.gatherResults([obj.callRemote("takeTwo", two), two.printed])


# --- exc_server.py / exc_client.py ---------------------------------------------------------


@named("exc_server")
class MyError(pb.Error):
    """This is an Expected Exception. Something bad happened."""


@named("exc_server")
class MyError2(Exception):
    """This is an Unexpected Exception. Something really bad happened."""


class ExcOne(pb.Root):
    def remote_broken(self):
        msg = "fall down go boom"
        out("raising a MyError exception with data '%s'" % msg)
        raise MyError(msg)

    def remote_broken2(self):
        msg = "hadda owie"
        out("raising a MyError2 exception with data '%s'" % msg)
        raise MyError2(msg)


def exc_client(obj):
    # The howto calls broken() and says to try broken2(): we call both, one after the other.
    def call(method):
        d = obj.callRemote(method)
        d.addCallbacks(working, broken)
        return d

    def working(_):
        out("erm, it wasn't *supposed* to work..")

    def broken(reason):
        out("got remote Exception")
        # reason should be a Failure (or subclass) holding the MyError exception
        out(" .__class__ =", reflect.qual(reason.__class__))
        out(" .getErrorMessage() =", reason.getErrorMessage())
        t = reason.type
        out(" .type =", t.decode("utf-8") if isinstance(t, bytes) else reflect.qual(t))

    return call("broken").addCallback(lambda _: call("broken2"))


# --- trap_server.py / trap_client.py -------------------------------------------------------


@named("dev.spindle.examples.pb")
class MyException(pb.Error):
    pass


@named("dev.spindle.examples.pb")
class MyOtherException(pb.Error):
    pass


class TrapOne(pb.Root):
    def remote_fooMethod(self, arg):
        if arg == "panic!":
            raise MyException
        return "response"

    def remote_shutdown(self):
        reactor.stop()


@named("trap_client")
class ScaryObject(pb.Copyable):
    # not safe for serialization: a Copyable the other side has not registered. (The howto's
    # plain instance leaves Twisted 22.4 as "unpersistable" and the call succeeds.)
    pass


class TrapClient:
    def worked(self, response):
        out(" method successful, response:", response)

    def check_InsecureJelly(self, failure):
        failure.trap(jelly.InsecureJelly)
        out(" InsecureJelly: you tried to send something unsafe to them")
        return None

    def check_MyException(self, failure):
        which = failure.trap(MyException, MyOtherException)
        if which == MyException:
            out(" remote raised a MyException")
        else:
            out(" remote raised a MyOtherException")
        return None

    def catch_everythingElse(self, failure):
        out(" something else happened:", failure.getErrorMessage())
        return None

    def doCall(self, explanation, arg):
        out(explanation)
        try:
            deferred = self.remote.callRemote("fooMethod", arg)
            deferred.addCallback(self.worked)
            deferred.addErrback(self.check_InsecureJelly)
            deferred.addErrback(self.check_MyException)
            deferred.addErrback(self.catch_everythingElse)
            return deferred
        except pb.DeadReferenceError:
            out(" stale reference: the client disconnected or crashed")

    def callOne(self):
        return self.doCall("callOne: call with safe object", "safe string")

    def callTwo(self):
        return self.doCall("callTwo: call with dangerous object", ScaryObject())

    def callThree(self):
        return self.doCall("callThree: call that raises remote exception", "panic!")

    def callShutdown(self):
        out("telling them to shut down")
        gone = defer.Deferred()
        self.remote.notifyOnDisconnect(lambda ref: gone.callback(None))
        # reactor.stop() on the other side: the answer may never come
        self.remote.callRemote("shutdown").addErrback(lambda f: None)
        return gone

    def callFour(self):
        return self.doCall("callFour: call on stale reference", "dummy")

    def got_obj(self, obj):
        # The howto spaces the calls with callLater(1..5); we chain them.
        self.remote = obj
        d = self.callOne()
        d.addCallback(lambda _: self.callTwo())
        d.addCallback(lambda _: self.callThree())
        d.addCallback(lambda _: self.callShutdown())
        d.addCallback(lambda _: self.callFour())
        return d


# --- copy_sender.py / copy_receiver.tac ----------------------------------------------------


@named("copy_sender")
class LilyPond:
    def setStuff(self, color, numFrogs):
        self.color = color
        self.numFrogs = numFrogs

    def countFrogs(self):
        out("%d frogs" % self.numFrogs)


@named("copy_sender")
class CopyPond(LilyPond, pb.Copyable):
    pass


@named("copy_receiver")
class ReceiverPond(pb.RemoteCopy, LilyPond):
    pass


pb.setUnjellyableForClass(CopyPond, ReceiverPond)


class CopyReceiver(pb.Root):
    def remote_takePond(self, pond):
        out(" got pond:", describe(pond))
        pond.countFrogs()
        return "safe and sound"  # positive acknowledgement

    def remote_shutdown(self):
        reactor.stop()


class CopySender:
    def __init__(self, pond):
        self.pond = pond

    def got_obj(self, remote):
        self.remote = remote
        d = remote.callRemote("takePond", self.pond)
        return d.addCallback(self.ok).addErrback(self.notOk)

    def ok(self, response):
        out("pond arrived", response)

    def notOk(self, failure):
        out("error during takePond:")
        if failure.type == jelly.InsecureJelly:
            out(" InsecureJelly")
        else:
            out(failure.getErrorMessage())
        return None


def copy_sender():
    pond = CopyPond()
    pond.setStuff("green", 7)
    pond.countFrogs()
    # class name:
    out(".".join([pond.__class__.__module__, pond.__class__.__name__]))
    return CopySender(pond).got_obj


# --- copy2_classes.py / copy2_sender.py / copy2_receiver.py --------------------------------


@named("copy2_classes")
class FrogPond:
    def __init__(self, numFrogs, numToads):
        self.numFrogs = numFrogs
        self.numToads = numToads

    def count(self):
        return self.numFrogs + self.numToads


@named("copy2_classes")
class SenderPond(FrogPond, pb.Copyable):
    def getStateToCopy(self):
        d = self.__dict__.copy()
        d["frogsAndToads"] = d["numFrogs"] + d["numToads"]
        del d["numFrogs"]
        del d["numToads"]
        return d


@named("copy2_classes", "ReceiverPond")
class Copy2ReceiverPond(pb.RemoteCopy):
    def setCopyableState(self, state):
        self.__dict__ = state

    def count(self):
        return self.frogsAndToads


pb.setUnjellyableForClass(SenderPond, Copy2ReceiverPond)


class Copy2Receiver(pb.Root):
    def remote_takePond(self, pond):
        out(" got pond:", describe(pond))
        out(" count %d" % pond.count())
        return "safe and sound"  # positive acknowledgement

    def remote_shutdown(self):
        reactor.stop()


def copy2_sender():
    pond = SenderPond(3, 4)
    out("count %d" % pond.count())
    return CopySender(pond).got_obj


# --- cache_classes.py / cache_sender.py / cache_receiver.py --------------------------------


@named("cache_classes")
class MasterDuckPond(pb.Cacheable):
    def __init__(self, ducks):
        self.observers = []
        self.ducks = ducks

    def count(self):
        out("I have [%d] ducks" % len(self.ducks))

    def addDuck(self, duck):
        self.ducks.append(duck)
        for o in self.observers:
            o.callRemote("addDuck", duck)

    def removeDuck(self, duck):
        self.ducks.remove(duck)
        for o in self.observers:
            o.callRemote("removeDuck", duck)

    def getStateToCacheAndObserveFor(self, perspective, observer):
        self.observers.append(observer)
        # you should ignore pb.Cacheable-specific state, like self.observers
        return self.ducks  # in this case, just a list of ducks

    def stoppedObserving(self, perspective, observer):
        # Twisted passes a new RemoteCacheObserver, and on Python 3 observers compare by
        # identity: remove the one for the same broker.
        self.observers = [o for o in self.observers if o.broker is not observer.broker]
        out("stopped observing")


@named("cache_classes")
class SlaveDuckPond(pb.RemoteCache):
    # This is a cache of a remote MasterDuckPond
    def count(self):
        return len(self.cacheducks)

    def getDucks(self):
        return self.cacheducks

    def setCopyableState(self, state):
        out(" cache - sitting, er, setting ducks")
        self.cacheducks = state

    def observe_addDuck(self, newDuck):
        out(" cache - addDuck")
        self.cacheducks.append(newDuck)

    def observe_removeDuck(self, deadDuck):
        out(" cache - removeDuck")
        self.cacheducks.remove(deadDuck)


pb.setUnjellyableForClass(MasterDuckPond, SlaveDuckPond)


class CacheReceiver(pb.Root):
    def remote_takePond(self, pond):
        self.pond = pond
        out("got pond:", describe(pond))  # a DuckPondCache
        self.remote_checkDucks()

    def remote_checkDucks(self):
        out("[%d] ducks: " % self.pond.count(), self.pond.getDucks())

    def remote_ignorePond(self):
        # stop watching the pond
        out("dropping pond")
        # gc causes __del__ causes 'decache' msg causes stoppedObserving
        self.pond = None

    def remote_shutdown(self):
        reactor.stop()


class CacheSender:
    def __init__(self, pond):
        self.pond = pond

    def phase1(self, remote):
        self.remote = remote
        d = remote.callRemote("takePond", self.pond)
        return d.addCallback(self.phase2)

    def phase2(self, response):
        self.pond.addDuck("ugly duckling")
        self.pond.count()
        # the howto waits a second: the update is sent first on the same connection anyway
        return self.phase3()

    def phase3(self):
        d = self.remote.callRemote("checkDucks")
        return d.addCallback(self.phase4)

    def phase4(self, dummy):
        self.pond.removeDuck("one duck")
        self.pond.count()
        self.remote.callRemote("checkDucks")
        d = self.remote.callRemote("ignorePond")
        return d.addCallback(self.phase5)

    def phase5(self, dummy):
        # the receiver stops its reactor: the answer may never come
        d = self.remote.callRemote("shutdown")
        return d.addErrback(lambda f: f.trap(pb.PBConnectionLost))


def cache_sender():
    master = MasterDuckPond(["one duck", "two duck"])
    master.count()
    return CacheSender(master).phase1


# --- main ----------------------------------------------------------------------------------

SERVERS = {
    "pbsimple": Echoer,
    "pb1": Pb1One,
    "pb2": lambda: Pb2One(Pb2Two()),
    "pb3": Pb3One,
    "exc": ExcOne,
    "trap": TrapOne,
    "copy": CopyReceiver,
    "copy2": Copy2Receiver,
    "cache": CacheReceiver,
}

CLIENTS = {
    "pbsimple": lambda: pbsimpleclient,
    "pb1": lambda: pb1client,
    "pb2": lambda: Pb2Foo().step1,
    "pb3": lambda: pb3client,
    "exc": lambda: exc_client,
    "trap": lambda: TrapClient().got_obj,
    "copy": copy_sender,
    "copy2": copy2_sender,
    "cache": cache_sender,
}


def serve(kind):
    if kind not in SERVERS:
        raise SystemExit("unknown server " + kind)
    peer_support.serve(pb.PBServerFactory(SERVERS[kind]()), stop=stop, announce=out)


def client(kind, port):
    if kind not in CLIENTS:
        raise SystemExit("unknown client " + kind)
    status = []

    def fail(f):
        out("FAIL %s: %s" % (reflect.qual(f.type) if isinstance(f.type, type) else f.type,
                             f.getErrorMessage()))
        status.append(1)

    run = CLIENTS[kind]()
    factory = pb.PBClientFactory()
    reactor.connectTCP("127.0.0.1", port, factory)
    d = factory.getRootObject()
    d.addCallback(run)
    d.addErrback(fail)
    d.addBoth(stop)
    reactor.callLater(60, stop)
    reactor.run()
    sys.exit(1 if status else 0)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "server":
        serve(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == "client":
        client(sys.argv[2], int(sys.argv[3]))
    else:
        sys.stderr.write(__doc__)
        sys.exit(2)
