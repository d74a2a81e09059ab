package dev.spindle.examples.amp;

import dev.spindle.amp.command.Responder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The howto's {@code UserRegistration} locator: a separate object that answers {@link
 * RegisterUser} by creating a file named after the user in a directory. Served with {@code
 * AmpServer.builder().locator(new UserRegistration_AmpLocator(registration))}.
 */
public class UserRegistration {
  private final Path directory;
  private final AtomicLong uidCounter = new AtomicLong();

  /** Registers users as files in {@code directory}. */
  public UserRegistration(Path directory) {
    this.directory = directory;
  }

  @Responder
  RegisterUser.Result register(RegisterUser request) {
    Path path = directory.resolve(request.username()).normalize();
    if (!path.getParent().equals(directory.normalize())) {
      throw new UsernameUnavailable("not a plain name: " + request.username());
    }
    long uid = uidCounter.incrementAndGet();
    try {
      Files.write(
          path,
          (uid + " " + new String(request.publickey(), StandardCharsets.UTF_8) + "\n")
              .getBytes(StandardCharsets.UTF_8),
          java.nio.file.StandardOpenOption.CREATE_NEW,
          java.nio.file.StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException e) {
      throw new UsernameUnavailable(request.username());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new RegisterUser.Result(uid);
  }
}
