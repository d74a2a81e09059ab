package dev.spindle.amp;

import java.time.Duration;

/**
 * The per-connection options about calls and liveness: the default call timeout, the limits on
 * outstanding calls each way, and the keepalive. Immutable.
 *
 * @param callTimeoutNanos how long a call waits for its answer; 0: no limit
 * @param maxOutstandingCalls the most calls of this side waiting for answers
 * @param maxPeerOutstandingCalls the most commands of the peer waiting for their answer
 * @param keepaliveInterval how long the connection may be idle (nothing read) before a ping;
 *     null: no keepalive
 * @param keepaliveTimeout how long the ping's answer may take before the connection is closed
 */
record CallOptions(
    long callTimeoutNanos,
    int maxOutstandingCalls,
    int maxPeerOutstandingCalls,
    Duration keepaliveInterval,
    Duration keepaliveTimeout) {}
