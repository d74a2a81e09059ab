package pb;

import dev.spindle.pb.flavors.Default;
import dev.spindle.pb.flavors.KeywordOnly;
import dev.spindle.pb.flavors.Remote;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import dev.spindle.pb.typed.RemoteInterface;

@RemoteInterface
public interface Calculator {
  CompletableFuture<Long> add(long a, @Default("1") long b);

  @Remote("divide")
  CompletionStage<Double> div(double a, double b, @KeywordOnly @Default("False") boolean exact);

  CompletableFuture<Long> sum(long... numbers);

  CompletableFuture<Map<String, List<Integer>>> groups(List<Long> numbers,
      @Default Optional<String> label);

  void reset();

  CompletableFuture<Point> middle(Point a, Point b);

  void log(String text, @KeywordOnly @Default("info") String level);
}
