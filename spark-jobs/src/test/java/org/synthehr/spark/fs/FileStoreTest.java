package org.synthehr.spark.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthehr.core.error.OutputExistsException;

class FileStoreTest {
  private final FileStore store = FileStore.local();

  @TempDir
  java.nio.file.Path tmp;

  @Test
  void plainPathsAndFileUrisNameTheSameLocalFile() throws Exception {
    java.nio.file.Path f = tmp.resolve("a b.txt");
    Files.writeString(f, "x");
    Path plain = store.resolve(f.toString());
    Path uri = store.resolve(f.toUri().toString());
    assertEquals(plain, uri);
    assertEquals(f.toUri(), plain.toUri());
    assertTrue(FileStore.isLocal(plain));
    assertEquals(f, FileStore.toLocal(plain));
    assertEquals(f.toString(), FileStore.display(plain));
    assertEquals("x", store.readString(uri));
  }

  @Test
  void writesReplaceAtomicallyWithoutChecksumSideFiles() throws Exception {
    Path file = store.resolve(tmp.resolve("state.json").toString());
    store.writeString(file, "one");
    store.writeString(file, "two");
    assertEquals("two", store.readString(file));
    try (var files = Files.list(tmp)) {
      assertEquals(List.of("state.json"), files.map(p -> p.getFileName().toString()).toList(),
          "no temporary or .crc files are left beside it");
    }
    assertArrayEquals("tw".getBytes(), store.head(file, 2));
  }

  @Test
  void atomicDirAppearsOnlyOnCommitWithSuccessMarker() throws Exception {
    Path target = store.resolve(tmp.resolve("out").toString());
    try (AtomicDir out = AtomicDir.begin(store, target, false)) {
      store.writeString(new Path(out.dir(), "report.json"), "{}");
      assertFalse(store.exists(target));
      out.commit();
    }
    assertTrue(store.isFile(new Path(target, AtomicDir.SUCCESS)));
    assertTrue(store.isFile(new Path(target, "report.json")));
    assertThrows(OutputExistsException.class, () -> AtomicDir.begin(store, target, false));
    try (AtomicDir again = AtomicDir.begin(store, target, true)) {
      store.writeString(new Path(again.dir(), "other.json"), "{}");
      again.commit();
    }
    assertFalse(store.exists(new Path(target, "report.json")), "replaced, not merged");
    try (var files = Files.list(tmp)) {
      assertEquals(List.of("out"), files.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void anExistingOutputDirectoryIsReplacedNotNestedInto() throws Exception {
    java.nio.file.Path dir = Files.createDirectories(tmp.resolve("existing"));
    Files.writeString(dir.resolve("old.json"), "{}");
    Path target = store.resolve(dir.toString());
    assertEquals("existing", target.getName(), "no trailing '/' on an existing directory");
    try (AtomicDir out = AtomicDir.begin(store, target, true)) {
      store.writeString(new Path(out.dir(), "new.json"), "{}");
      out.commit();
    }
    assertTrue(Files.exists(dir.resolve("new.json")));
    assertFalse(Files.exists(dir.resolve("old.json")));
    try (var files = Files.list(tmp)) {
      assertEquals(List.of("existing"), files.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void failedAtomicDirLeavesNothing() throws Exception {
    Path target = store.resolve(tmp.resolve("out").toString());
    try (AtomicDir out = AtomicDir.begin(store, target, false)) {
      store.writeString(new Path(out.dir(), "half.json"), "{");
    }
    try (var files = Files.list(tmp)) {
      assertEquals(0, files.count());
    }
  }

  @Test
  void directoriesRoundTripThroughUploadAndDownload() throws Exception {
    java.nio.file.Path src = Files.createDirectories(tmp.resolve("model"));
    Files.writeString(src.resolve("a.json"), "{\"a\":1}");
    Files.write(src.resolve("b.params"), new byte[] {1, 2, 3});
    Path remote = store.resolve(tmp.resolve("remote/model").toString());
    store.upload(src, remote);
    java.nio.file.Path back = tmp.resolve("back");
    store.download(remote, back);
    assertEquals("{\"a\":1}", Files.readString(back.resolve("a.json")));
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(back.resolve("b.params")));
    assertEquals(store.fingerprint(store.resolve(src.toString())).substring(0, 15),
        "listing-sha256:");
  }

  @Test
  void localCopyOfALocalFileIsTheFileItself() throws Exception {
    java.nio.file.Path f = Files.writeString(tmp.resolve("schema.yaml"), "columns: []\n");
    try (LocalCopy copy = LocalCopy.of(store, store.resolve(f.toUri().toString()))) {
      assertEquals(f, copy.path());
      assertTrue(copy.isLocal());
    }
    assertTrue(Files.exists(f), "closing a local copy never deletes the user's file");
  }
}
