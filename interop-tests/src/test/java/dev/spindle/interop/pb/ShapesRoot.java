package dev.spindle.interop.pb;

import dev.spindle.pb.CopyableFailure;
import dev.spindle.pb.RemoteReference;
import dev.spindle.pb.flavors.Default;
import dev.spindle.pb.flavors.KeywordOnly;
import dev.spindle.pb.flavors.PythonName;
import dev.spindle.pb.flavors.Keywords;
import dev.spindle.pb.flavors.Root;
import dev.spindle.pb.flavors.VarArgs;
import dev.spindle.pb.flavors.Viewable;
import dev.spindle.pb.jelly.JellyRegistry;
import dev.spindle.pb.util.StringPager;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The Java twin of fidelity_peer.py's ShapesRoot: every Python parameter shape, with the same
 * class and method names so that CPython's TypeError texts (which name {@code
 * ShapesRoot.remote_increment}) match word for word.
 */
public class ShapesRoot implements Root {
  /** {@code def view_look(self, perspective, x, y=0)}. */
  public static final class Look implements Viewable {
    public List<Object> view_look(Object perspective, Object x, @Default("0") Object y) {
      return Arrays.asList(perspective == null, x, y);
    }
  }

  /** {@code def remote_increment(self, by=1)}. */
  public long remote_increment(@Default("1") long by) {
    return by + 1;
  }

  /** {@code def remote_kwargs(self, *args, **kw)}. */
  public List<Object> remote_kwargs(@VarArgs List<Object> args, @Keywords Map<String, Object> kw) {
    return Arrays.asList(args, kw);
  }

  /** {@code def remote_shapes(self, a, b=2, *rest, k, j="x", **kw)}. */
  public List<Object> remote_shapes(Object a, @Default("2") Object b, @VarArgs List<Object> rest,
      Object k, @Default("'x'") Object j, @Keywords Map<String, Object> kw) {
    return Arrays.asList(a, b, rest, k, j, kw);
  }

  /** {@code def remote_ko(self, *, k)}. */
  public Object remote_ko(@KeywordOnly Object k) {
    return k;
  }

  /** {@code def remote_sum(self, *numbers)}. */
  public long remote_sum(long... numbers) {
    return Arrays.stream(numbers).sum();
  }

  /** {@code def remote_two(self, a, b, c)}. */
  public List<Object> remote_two(Object a, Object b, Object c) {
    return Arrays.asList(a, b, c);
  }

  /** {@code def remote_greet(self, name="guest", loud=False, punct=None)}. */
  public String remote_greet(@Default("guest") String name, @Default("False") boolean loud,
      @Default String punct) {
    String text = "hello " + name + (punct == null ? "" : punct);
    return loud ? text.toUpperCase() : text;
  }

  public Look remote_getLook() {
    return new Look();
  }

  /** A copy whose state is a list, as fidelity_peer.py's Pond (issue 13, item 2). */
  public record Pond(List<Object> ducks) {}

  /**
   * A copy whose state must be a dictionary, as a plain Python {@code RemoteCopy}; fidelity_peer.py
   * sends it a list, which Twisted and Spindle refuse with {@code AttributeError} (issue 13, item 8).
   */
  public record Attrs(Map<String, Object> attributes) {}

  /** The registry that sends and receives {@link Pond} with its list state, and {@link Attrs}. */
  @SuppressWarnings("unchecked")
  static JellyRegistry registry() {
    return JellyRegistry.builder()
        .registerAnyState("spindle.fidelity.Pond", Pond.class, Pond::ducks, state -> new Pond((List<Object>) state))
        .register("spindle.fidelity.Attrs", Attrs.class, Attrs::attributes, Attrs::new)
        .build();
  }

  /** Takes an {@link Attrs}; a malformed one fails before this runs. */
  public int remote_takeAttrs(Attrs attrs) {
    return attrs.attributes().size();
  }

  /**
   * Pages into the caller's collector, then calls the collector's {@code summary}: the pager's
   * release does not touch the reference this method was given (issue 13, item 4).
   */
  public CompletionStage<Object> remote_pageThenSummary(RemoteReference collector, int size) {
    byte[] data = new byte[size];
    Arrays.fill(data, (byte) 'x');
    return new StringPager(collector, data, 100).done()
        .thenCompose(v -> collector.callRemote("summary"))
        .whenComplete((v, e) -> collector.release());
  }

  /** fidelity_peer.py's SinkError(ValueError), named with @PythonName (issue 13, item 3). */
  @PythonName(value = "fidelity_peer.SinkError", parents = "builtins.ValueError")
  public static final class SinkError extends RuntimeException {
    SinkError(String message) {
      super(message);
    }
  }

  public void remote_sink() {
    throw new SinkError("sink full");
  }

  /** Goes out as builtins.ValueError: the server maps IllegalArgumentException (item 3). */
  public void remote_badValue() {
    throw new IllegalArgumentException("bad value");
  }

  /** A failure received as a value (item 6). */
  public List<Object> remote_complete(CopyableFailure failure) {
    return List.of("received as a value", failure.typeName(), failure.value(), failure.check("builtins.ValueError"));
  }

  /** A failure sent as an argument (item 6), named by the server's mapping (item 3). */
  public CompletionStage<Object> remote_sendFailure(RemoteReference ref) {
    return ref.callRemote("complete", CopyableFailure.of(new IllegalArgumentException("bad")))
        .whenComplete((v, e) -> ref.release());
  }

  public Pond remote_pond(List<Object> ducks) {
    return new Pond(ducks);
  }

  public List<Object> remote_countPond(Pond pond) {
    return List.of("Pond", pond.ducks().size());
  }
}
