package dev.spindle.amp.command;

/**
 * Implemented by every {@link Command}: {@code R} is its response type ({@link Void} if the answer
 * carries no values).
 *
 * @param <R> the response record
 */
public interface Request<R> {}
