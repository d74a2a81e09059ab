package pb;

import dev.spindle.pb.typed.CopyRecord;
import java.util.List;
import java.util.Optional;

@CopyRecord("shapes.Point")
public record Point(long x, int y, Optional<String> label, List<Point> neighbours) {}
