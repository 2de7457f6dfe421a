package io.modelaudit.operator.sandbox;

import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.cloudwatch.CloudWatchGateways;
import io.modelaudit.operator.cloudwatch.aws.AwsCloudWatchGateways;
import io.modelaudit.operator.fake.InMemoryCloudWatch;
import io.modelaudit.operator.moto.MotoGaps;
import io.modelaudit.operator.moto.MotoServer;
import io.modelaudit.operator.moto.MotoSupport;
import io.modelaudit.operator.support.ArchiveDestinations;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

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
  private final Function<ModelAudit, List<String>> destinations;

  private CloudWatchBackend(
      CloudWatchGateways gateways,
      String kind,
      String description,
      Runnable stop,
      Function<ModelAudit, List<String>> destinations) {
    this.gateways = gateways;
    this.kind = kind;
    this.description = description;
    this.stop = stop;
    this.destinations = destinations;
  }

  /**
   * Makes the destinations of the ModelAudit's archive exist, as the team that owns them would (the
   * operator never creates them, and AWS refuses a subscription filter to one that does not exist);
   * returns their ARNs.
   */
  List<String> createArchiveDestinations(ModelAudit audit) {
    return destinations.apply(audit);
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
          // moto 5.2.1 lacks composite alarms, anomaly models, dashboard tags, data protection,
          // saved queries and index policies: the fake serves those, everything else is moto
          new MotoGaps(aws),
          "moto",
          "moto_server at "
              + moto.endpoint()
              + " (AWS emulator; the operator's AWS SDK adapter talks to it; composite alarms,"
              + " anomaly models, dashboard tags, masking, saved queries and index policies,"
              + " which moto lacks, come from the in-memory fake)",
          () -> {
            try {
              aws.close();
            } finally {
              moto.close();
            }
          },
          audit -> {
            ArchiveDestinations.create(moto, audit);
            return ArchiveDestinations.of(audit);
          });
    }
    String why = choice == Choice.FAKE ? "--cloudwatch=fake" : "moto_server is not on the PATH";
    InMemoryCloudWatch fake = new InMemoryCloudWatch();
    return new CloudWatchBackend(
        fake,
        "fake",
        "in-memory fake of the CloudWatch port (" + why + ")",
        () -> {},
        audit -> {
          ArchiveDestinations.create(fake, audit);
          return ArchiveDestinations.of(audit);
        });
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
