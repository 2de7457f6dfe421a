package io.modelaudit.operator.moto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the moto harness finds moto_server on the PATH. */
class MotoServerTest {

  @Test
  void findsAnExecutableOnThePath(@TempDir Path dir) throws IOException {
    Path empty = Files.createDirectory(dir.resolve("empty"));
    Path bin = Files.createDirectory(dir.resolve("bin"));
    Path moto = Files.createFile(bin.resolve(MotoServer.EXECUTABLE));
    Files.setPosixFilePermissions(moto, PosixFilePermissions.fromString("rwxr-xr-x"));

    assertThat(MotoServer.findExecutable(empty + File.pathSeparator + bin)).contains(moto);
  }

  @Test
  void ignoresAFileThatCannotRun(@TempDir Path dir) throws IOException {
    Path moto = Files.createFile(dir.resolve(MotoServer.EXECUTABLE));
    Files.setPosixFilePermissions(moto, PosixFilePermissions.fromString("rw-r--r--"));

    assertThat(MotoServer.findExecutable(dir.toString())).isEmpty();
  }

  @Test
  void findsNothingWithoutAPath() {
    assertThat(MotoServer.findExecutable(null)).isEmpty();
    assertThat(MotoServer.findExecutable("")).isEmpty();
  }
}
