package dev.spindle.examples.pb;

import dev.spindle.pb.flavors.Copyable;
import dev.spindle.pb.jelly.JellyRegistry;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The classes of Twisted's {@code copy2_classes.py}: a {@link SenderPond} that controls the state
 * it sends, the unrelated {@link ReceiverPond} that receives it, and their binding ({@link
 * #JELLY}), all in one place as the howto recommends.
 */
public final class Copy2Classes {
  /** The Python name the pond travels as: {@code copy2_classes.py}'s {@code SenderPond}. */
  public static final String SENDER_POND = "copy2_classes.SenderPond";

  private Copy2Classes() {}

  /** Frogs and toads. */
  public static class FrogPond {
    protected final long numFrogs;
    protected final long numToads;

    public FrogPond(long numFrogs, long numToads) {
      this.numFrogs = numFrogs;
      this.numToads = numToads;
    }

    public long count() {
      return numFrogs + numToads;
    }
  }

  /** Sends only the total: {@code {"frogsAndToads": numFrogs + numToads}}. */
  public static class SenderPond extends FrogPond implements Copyable {
    public SenderPond(long numFrogs, long numToads) {
      super(numFrogs, numToads);
    }

    @Override
    public String getTypeToCopyFor(Object perspective) {
      return SENDER_POND;
    }

    @Override
    public Object getStateToCopyFor(Object perspective) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("frogsAndToads", numFrogs + numToads);
      return d;
    }
  }

  /** Received SenderPonds: the same methods, other fields. Twisted: a {@code pb.RemoteCopy}. */
  public static final class ReceiverPond {
    private long frogsAndToads;

    public void setCopyableState(Map<String, Object> state) {
      frogsAndToads = (Long) state.get("frogsAndToads");
    }

    public long count() {
      return frogsAndToads;
    }

    Map<String, Object> state() {
      return Map.of("frogsAndToads", frogsAndToads);
    }
  }

  /**
   * The binding: {@code copy2_classes.SenderPond} is received as a ReceiverPond. Twisted: {@code
   * pb.setUnjellyableForClass(SenderPond, ReceiverPond)}.
   */
  public static final JellyRegistry JELLY = JellyRegistry.builder()
      .register(SENDER_POND, ReceiverPond.class,
          ReceiverPond::state, ReceiverPond::new, ReceiverPond::setCopyableState)
      .build();
}
