package dev.spindle.interop.amp;

import dev.spindle.amp.AmpConnection;
import dev.spindle.amp.command.Responder;
import dev.spindle.interop.amp.PeerCommands.CallMeBack;
import dev.spindle.interop.amp.PeerCommands.Delay;
import dev.spindle.interop.amp.PeerCommands.Divide;
import dev.spindle.interop.amp.PeerCommands.EchoAmpList;
import dev.spindle.interop.amp.PeerCommands.EchoBoolean;
import dev.spindle.interop.amp.PeerCommands.EchoBytes;
import dev.spindle.interop.amp.PeerCommands.EchoDateTime;
import dev.spindle.interop.amp.PeerCommands.EchoDecimal;
import dev.spindle.interop.amp.PeerCommands.EchoFloat;
import dev.spindle.interop.amp.PeerCommands.EchoInteger;
import dev.spindle.interop.amp.PeerCommands.EchoListOfBoolean;
import dev.spindle.interop.amp.PeerCommands.EchoListOfDateTime;
import dev.spindle.interop.amp.PeerCommands.EchoListOfDecimal;
import dev.spindle.interop.amp.PeerCommands.EchoListOfFloat;
import dev.spindle.interop.amp.PeerCommands.EchoListOfInteger;
import dev.spindle.interop.amp.PeerCommands.EchoListOfListOfInteger;
import dev.spindle.interop.amp.PeerCommands.EchoListOfString;
import dev.spindle.interop.amp.PeerCommands.EchoListOfUnicode;
import dev.spindle.interop.amp.PeerCommands.EchoOptionalUnicode;
import dev.spindle.interop.amp.PeerCommands.EchoPath;
import dev.spindle.interop.amp.PeerCommands.EchoString;
import dev.spindle.interop.amp.PeerCommands.EchoUnicode;
import dev.spindle.interop.amp.PeerCommands.Everything;
import dev.spindle.interop.amp.PeerCommands.Explode;
import dev.spindle.interop.amp.PeerCommands.FatalProblemException;
import dev.spindle.interop.amp.PeerCommands.LastNotification;
import dev.spindle.interop.amp.PeerCommands.Notify;
import dev.spindle.interop.amp.PeerCommands.Sum;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The Java twin of amp_peer.py's {@code Peer}: the same answers to the same commands. Responders
 * that need the connection (to call the peer back, or for a timer on its loop) take it as their
 * second parameter, so the locator is built per connection: {@code new
 * PeerResponders_AmpLocator(new PeerResponders(), connection)}.
 */
class PeerResponders {
  private volatile String notified;
  /** The last Sum this side answered, for tests that check who answered. */
  volatile Sum lastSum;

  @Responder
  Sum.Result sum(Sum c) {
    lastSum = c;
    return new Sum.Result(c.a() + c.b());
  }

  @Responder
  Divide.Result divide(Divide c) {
    if (c.denominator() == 0) {
      throw new ArithmeticException("division by zero");
    }
    return new Divide.Result((double) c.numerator() / c.denominator());
  }

  @Responder
  void explode(Explode c) {
    switch (c.how()) {
      case "declared":
        throw new IllegalArgumentException("a declared error");
      case "fatal":
        throw new FatalProblemException("a fatal error");
      default:
        throw new IllegalStateException("an undeclared error");
    }
  }

  @Responder
  void notify(Notify c) {
    notified = c.message();
  }

  @Responder
  LastNotification.Result lastNotification(LastNotification c) {
    return new LastNotification.Result(notified);
  }

  /** Twisted's {@code deferLater(reactor, ms / 1000, ...)}: a timer on the connection's loop. */
  @Responder
  CompletionStage<Delay.Result> delay(Delay c, AmpConnection connection) {
    return connection.schedule(c.ms(), TimeUnit.MILLISECONDS, () -> new Delay.Result(c.id()));
  }

  /** Twisted's {@code self.callRemote(...)} inside a responder. */
  @Responder
  CompletionStage<Sum.Result> callMeBack(CallMeBack c, AmpConnection connection) {
    return connection.callRemote(new Sum(c.a(), c.b()));
  }

  @Responder
  Everything everything(Everything c) {
    return c;
  }

  @Responder
  EchoInteger echoInteger(EchoInteger c) {
    return c;
  }

  @Responder
  EchoString echoString(EchoString c) {
    return c;
  }

  @Responder
  EchoBytes echoBytes(EchoBytes c) {
    return c;
  }

  @Responder
  EchoUnicode echoUnicode(EchoUnicode c) {
    return c;
  }

  @Responder
  EchoBoolean echoBoolean(EchoBoolean c) {
    return c;
  }

  @Responder
  EchoFloat echoFloat(EchoFloat c) {
    return c;
  }

  @Responder
  EchoDecimal echoDecimal(EchoDecimal c) {
    return c;
  }

  @Responder
  EchoDateTime echoDateTime(EchoDateTime c) {
    return c;
  }

  @Responder
  EchoPath echoPath(EchoPath c) {
    return c;
  }

  @Responder
  EchoOptionalUnicode echoOptionalUnicode(EchoOptionalUnicode c) {
    return c;
  }

  @Responder
  EchoListOfInteger echoListOfInteger(EchoListOfInteger c) {
    return c;
  }

  @Responder
  EchoListOfUnicode echoListOfUnicode(EchoListOfUnicode c) {
    return c;
  }

  @Responder
  EchoListOfString echoListOfString(EchoListOfString c) {
    return c;
  }

  @Responder
  EchoListOfBoolean echoListOfBoolean(EchoListOfBoolean c) {
    return c;
  }

  @Responder
  EchoListOfFloat echoListOfFloat(EchoListOfFloat c) {
    return c;
  }

  @Responder
  EchoListOfDecimal echoListOfDecimal(EchoListOfDecimal c) {
    return c;
  }

  @Responder
  EchoListOfDateTime echoListOfDateTime(EchoListOfDateTime c) {
    return c;
  }

  @Responder
  EchoListOfListOfInteger echoListOfListOfInteger(EchoListOfListOfInteger c) {
    return c;
  }

  @Responder
  EchoAmpList echoAmpList(EchoAmpList c) {
    return c;
  }
}
