package dev.spindle.examples.ops;

import dev.spindle.amp.command.Responder;
import dev.spindle.transport.Blocking;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service's responders: {@link Lookup} and {@link Restock} stand for database calls (10 ms
 * each) and are declared {@link Blocking}, so they run on the server's blocking executor, never on
 * an event loop; {@link Ping} answers from the event loop.
 */
public class Inventory {
  private final Map<String, Long> stock = new ConcurrentHashMap<>(Map.of("apples", 12L, "pears", 3L));

  @Blocking
  @Responder
  Lookup.Result lookup(Lookup request) throws InterruptedException {
    Thread.sleep(10); // the database
    return new Lookup.Result(String.valueOf(stock.getOrDefault(request.key(), 0L)));
  }

  @Blocking
  @Responder
  Restock.Result restock(Restock request) throws InterruptedException {
    Thread.sleep(10); // the database
    return new Restock.Result(stock.merge(request.key(), request.count(), Long::sum));
  }

  @Responder
  Ping.Result ping(Ping request) {
    return new Ping.Result(request.text());
  }
}
