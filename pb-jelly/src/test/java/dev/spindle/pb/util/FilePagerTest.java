package dev.spindle.pb.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.pb.PbTesting;
import dev.spindle.pb.exceptions.RemotePbException;
import dev.spindle.pb.jelly.ByteString;
import dev.spindle.testing.LeakChecked;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@LeakChecked
class FilePagerTest {
  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 16383, 16384, 16385, 100_000})
  void aFileArrivesInSixteenKibChunks(int size) throws IOException {
    Sources.Source source = new Sources.Source();
    source.file = Files.write(dir.resolve("data"), Sources.data(size));
    try (PbTesting.Pair pair = new PbTesting.Pair(source)) {
      CompletableFuture<List<Object>> pages = Pagers.getAllPages(pair.root(), "getFile");
      pair.pump();
      List<Object> got = pages.join();
      assertEquals((size + 16383) / 16384, got.size(), "an empty file sends no page");
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      for (int i = 0; i < got.size(); i++) {
        byte[] page = ((ByteString) got.get(i)).toByteArray();
        assertEquals(Math.min(16384, size - i * 16384), page.length);
        all.writeBytes(page);
      }
      assertArrayEquals(Sources.data(size), all.toByteArray());
      assertTrue(source.pager().done().isDone());
      assertEquals(0, PbTesting.exportedCount(pair.clientConnection()), "the collector was decref'd");
    }
  }

  @Test
  void aMissingFileFailsTheCallAndReleasesTheCollector() {
    Sources.Source source = new Sources.Source();
    source.file = dir.resolve("data");
    try (PbTesting.Pair pair = new PbTesting.Pair(source)) {
      CompletableFuture<List<Object>> pages = Pagers.getAllPages(pair.root(), "getMissingFile");
      pair.pump();
      RemotePbException e = assertInstanceOf(RemotePbException.class,
          assertThrows(CompletionException.class, pages::join).getCause());
      assertEquals("java.nio.file.NoSuchFileException", e.typeName());
      assertEquals(0, PbTesting.exportedCount(pair.clientConnection()), "the collector was decref'd");
    }
  }
}
