package dev.spindle.amp.dispatch;

import io.netty.util.collection.LongObjectHashMap;
import java.util.ArrayList;
import java.util.List;

/**
 * The calls waiting for an answer, by tag. Tags are handed out in increasing order and most answers
 * come back roughly in order, so the recent calls live in a ring indexed by {@code tag & mask}: no
 * hashing, no boxing, no probing. A call still waiting when a newer tag needs its slot moves to a
 * hash map; the ring doubles instead while it is at least half full (up to {@value #MAX_RING}
 * slots), so a window of calls in flight fits. One old call that never gets an answer thus costs a
 * map entry, not a growing ring.
 *
 * <p>(Netty's {@code LongObjectHashMap} alone keeps a window of consecutive tags in one cluster,
 * and its backward-shift removal then walks the whole cluster on every answer.)
 *
 * <p>Event-loop confined, like the dispatcher.
 */
final class PendingCalls<V> {
  static final int INITIAL_RING = 16;
  static final int MAX_RING = 1 << 14;

  private long[] tags = new long[INITIAL_RING];
  private Object[] calls = new Object[INITIAL_RING];
  private int mask = INITIAL_RING - 1;
  private int ringSize;
  /** Calls moved out of the ring; null until the first. */
  private LongObjectHashMap<V> overflow;

  /** Registers {@code call} under {@code tag}, which must be positive and not registered. */
  void put(long tag, V call) {
    while (true) {
      int slot = (int) tag & mask;
      Object old = calls[slot];
      if (old == null) {
        tags[slot] = tag;
        calls[slot] = call;
        ringSize++;
        return;
      }
      if (ringSize * 2 >= calls.length && calls.length < MAX_RING) {
        grow();
        continue;
      }
      // An older call still waits: it leaves the ring for the map.
      overflow().put(tags[slot], cast(old));
      tags[slot] = tag;
      calls[slot] = call;
      return;
    }
  }

  /** Removes and returns the call under {@code tag}, or null. */
  V remove(long tag) {
    int slot = (int) tag & mask;
    Object call = calls[slot];
    if (call != null && tags[slot] == tag) {
      calls[slot] = null;
      ringSize--;
      return cast(call);
    }
    return overflow == null || overflow.isEmpty() ? null : overflow.remove(tag);
  }

  /** Returns the call under {@code tag}, or null. */
  V get(long tag) {
    int slot = (int) tag & mask;
    Object call = calls[slot];
    if (call != null && tags[slot] == tag) {
      return cast(call);
    }
    return overflow == null || overflow.isEmpty() ? null : overflow.get(tag);
  }

  int size() {
    return ringSize + (overflow == null ? 0 : overflow.size());
  }

  boolean isEmpty() {
    return size() == 0;
  }

  /** Returns the calls, in no particular order. */
  List<V> values() {
    List<V> out = new ArrayList<>(size());
    for (Object call : calls) {
      if (call != null) {
        out.add(cast(call));
      }
    }
    if (overflow != null) {
      out.addAll(overflow.values());
    }
    return out;
  }

  void clear() {
    java.util.Arrays.fill(calls, null);
    ringSize = 0;
    overflow = null;
  }

  private void grow() {
    long[] oldTags = tags;
    Object[] oldCalls = calls;
    int n = oldCalls.length * 2;
    tags = new long[n];
    calls = new Object[n];
    mask = n - 1;
    // Distinct slots under the old mask stay distinct under the wider one.
    for (int i = 0; i < oldCalls.length; i++) {
      if (oldCalls[i] != null) {
        int slot = (int) oldTags[i] & mask;
        tags[slot] = oldTags[i];
        calls[slot] = oldCalls[i];
      }
    }
  }

  private LongObjectHashMap<V> overflow() {
    if (overflow == null) {
      overflow = new LongObjectHashMap<>();
    }
    return overflow;
  }

  @SuppressWarnings("unchecked")
  private static <V> V cast(Object o) {
    return (V) o;
  }
}
