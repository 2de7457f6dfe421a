package io.modelaudit.operator.sandbox;

import io.modelaudit.operator.cloudwatch.CloudWatchGateways;
import io.modelaudit.operator.cloudwatch.aws.AwsCloudWatchGateways;
import io.modelaudit.operator.fake.InMemoryCloudWatch;
import io.modelaudit.operator.moto.MotoGaps;
import io.modelaudit.operator.moto.MotoServer;
import io.modelaudit.operator.moto.MotoSupport;
import java.util.Locale;

/**
 * The sandbox's CloudWatch: the moto AWS emulator when {@code moto_server} is on the PATH, reached
 * through the operator's real AWS SDK adapter (plus the emulator-only CBOR bridge), with what moto
 * lacks kept by the in-memory fake ({@link MotoGaps}); otherwise the in-memory fake of the
 * CloudWatch port.
 */
final class CloudWatchBackend implements AutoCloseable {

  /** What the user asked for with {@code --cloudwatch}. */
  enum Choice {
    AUTO,
    MOTO,
    FAKE;

    static Choice parse(String text) {
      try {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "--cloudwatch must be auto, moto or fake, not '" + text + "'");
      }
    }
  }

  private final CloudWatchGateways gateways;
  private final String kind;
  private final String description;
  private final Runnable stop;

  private CloudWatchBackend(
      CloudWatchGateways gateways, String kind, String description, Runnable stop) {
    this.gateways = gateways;
    this.kind = kind;
    this.description = description;
    this.stop = stop;
  }

  /** Starts moto or creates the fake, as chosen; fails when moto is demanded but missing. */
  static CloudWatchBackend start(Choice choice) {
    boolean motoInstalled = MotoServer.findExecutable(System.getenv("PATH")).isPresent();
    if (choice == Choice.MOTO && !motoInstalled) {
      throw new IllegalStateException(
          MotoServer.EXECUTABLE
              + " is not on the PATH: install it with pip install 'moto[server]',"
              + " or run with --cloudwatch=fake");
    }
    if (choice != Choice.FAKE && motoInstalled) {
      MotoServer moto = MotoServer.startOwn();
      AwsCloudWatchGateways aws = MotoSupport.gateways(moto);
      return new CloudWatchBackend(
          new MotoGaps(aws),
          "moto",
          "moto_server at "
              + moto.endpoint()
              + " (AWS emulator; the operator's AWS SDK adapter talks to it; composite alarms,"
              + " anomaly models and dashboard tags, which moto lacks, come from the in-memory"
              + " fake)",
          () -> {
            try {
              aws.close();
            } finally {
              moto.close();
            }
          });
    }
    String why = choice == Choice.FAKE ? "--cloudwatch=fake" : "moto_server is not on the PATH";
    return new CloudWatchBackend(
        new InMemoryCloudWatch(),
        "fake",
        "in-memory fake of the CloudWatch port (" + why + ")",
        () -> {});
  }

  CloudWatchGateways gateways() {
    return gateways;
  }

  /** {@code moto} or {@code fake}. */
  String kind() {
    return kind;
  }

  String description() {
    return description;
  }

  @Override
  public void close() {
    stop.run();
  }
}
