package io.modelaudit.operator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The sandbox's command line. */
class SandboxOptionsTest {

  @Test
  void defaultsToALiveRunWithMotoWhenInstalled() {
    Sandbox.Options options = Sandbox.Options.parse();

    assertThat(options.once()).isFalse();
    assertThat(options.drift()).isTrue();
    assertThat(options.cloudWatch()).isEqualTo(CloudWatchBackend.Choice.AUTO);
    assertThat(options.push()).isEqualTo(io.modelaudit.operator.config.PushMode.ALL);
    assertThat(options.dir()).isEqualTo(Path.of("target", "sandbox"));
  }

  @Test
  void readsEveryOption() {
    Sandbox.Options options =
        Sandbox.Options.parse(
            "--once", "--cloudwatch=FAKE", "--push=off", "--no-drift", "--dir=/tmp/x", "");

    assertThat(options.once()).isTrue();
    assertThat(options.drift()).isFalse();
    assertThat(options.cloudWatch()).isEqualTo(CloudWatchBackend.Choice.FAKE);
    assertThat(options.push()).isEqualTo(io.modelaudit.operator.config.PushMode.OFF);
    assertThat(options.dir()).isEqualTo(Path.of("/tmp/x"));
  }

  @Test
  void refusesWhatItDoesNotKnow() {
    assertThatThrownBy(() -> Sandbox.Options.parse("--fast"))
        .hasMessageContaining("unknown option: --fast");
    assertThatThrownBy(() -> Sandbox.Options.parse("--cloudwatch=aws"))
        .hasMessageContaining("auto, moto or fake");
    assertThatThrownBy(() -> Sandbox.Options.parse("--push=sometimes"))
        .hasMessageContaining("all, alarms or off");
  }
}
