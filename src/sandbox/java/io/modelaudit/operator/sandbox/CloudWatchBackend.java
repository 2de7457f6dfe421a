package io.modelaudit.operator.sandbox;

import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.cloudwatch.CloudWatchGateways;
import io.modelaudit.operator.cloudwatch.EventsGateways;
import io.modelaudit.operator.cloudwatch.aws.AwsCloudWatchGateways;
import io.modelaudit.operator.cloudwatch.aws.AwsEventsGateways;
import io.modelaudit.operator.fake.InMemoryCloudWatch;
import io.modelaudit.operator.fake.InMemoryEvents;
import io.modelaudit.operator.moto.MotoGaps;
import io.modelaudit.operator.moto.MotoServer;
import io.modelaudit.operator.moto.MotoSupport;
import io.modelaudit.operator.support.ArchiveDestinations;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

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

  /**
   * Someone else changing CloudWatch, and what AWS tells EventBridge about it: the fake publishes
   * its events itself; moto emits none, so the sandbox puts the ones AWS would with PutEvents.
   */
  interface OutOfBand {
    void setAlarmState(String region, String alarmName, String state, String reason);

    void setRetention(String region, String logGroupName, int days);

    void deleteAlarm(String region, String alarmName);
  }

  private final CloudWatchGateways gateways;
  private final EventsGateways events;
  private final OutOfBand outOfBand;
  private final String kind;
  private final String description;
  private final Runnable stop;
  private final Function<ModelAudit, List<String>> destinations;

  private CloudWatchBackend(
      CloudWatchGateways gateways,
      EventsGateways events,
      OutOfBand outOfBand,
      String kind,
      String description,
      Runnable stop,
      Function<ModelAudit, List<String>> destinations) {
    this.gateways = gateways;
    this.events = events;
    this.outOfBand = outOfBand;
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
      AwsEventsGateways events = MotoSupport.eventsGateways(moto);
      EventBridgeClient eventBridge = MotoSupport.eventBridgeClient(moto);
      CloudWatchClient cloudWatch = MotoSupport.cloudWatchClient(moto);
      return new CloudWatchBackend(
          // moto 5.2.1 lacks composite alarms, anomaly models, dashboard tags, data protection,
          // saved queries and index policies: the fake serves those, everything else is moto
          new MotoGaps(aws),
          events,
          new MotoOutOfBand(aws, cloudWatch, eventBridge),
          "moto",
          "moto_server at "
              + moto.endpoint()
              + " (AWS emulator; the operator's AWS SDK adapters talk to it; composite alarms,"
              + " anomaly models, dashboard tags, masking, saved queries and index policies,"
              + " which moto lacks, come from the in-memory fake)",
          () -> {
            try {
              cloudWatch.close();
              eventBridge.close();
              events.close();
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
    InMemoryEvents events = new InMemoryEvents();
    fake.emitEventsTo(events);
    return new CloudWatchBackend(
        fake,
        events,
        new OutOfBand() {
          @Override
          public void setAlarmState(String region, String alarmName, String state, String reason) {
            fake.setAlarmState(region, alarmName, state, reason);
          }

          @Override
          public void setRetention(String region, String logGroupName, int days) {
            fake.setRetentionOutOfBand(region, logGroupName, days);
          }

          @Override
          public void deleteAlarm(String region, String alarmName) {
            fake.deleteAlarmOutOfBand(region, alarmName);
          }
        },
        "fake",
        "in-memory fake of the CloudWatch port (" + why + ")",
        () -> {},
        audit -> {
          ArchiveDestinations.create(fake, audit);
          return ArchiveDestinations.of(audit);
        });
  }

  /** Changes in moto, announced with the events AWS would send (moto sends none). */
  private record MotoOutOfBand(
      AwsCloudWatchGateways gateways, CloudWatchClient cloudWatch, EventBridgeClient eventBridge)
      implements OutOfBand {

    private static final DateTimeFormatter CLOUDWATCH_TIME =
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXX").withZone(ZoneOffset.UTC);

    @Override
    public void setAlarmState(String region, String alarmName, String state, String reason) {
      cloudWatch.setAlarmState(
          b -> b.alarmName(alarmName).stateValue(StateValue.fromValue(state)).stateReason(reason));
      put(
          "aws.cloudwatch",
          "CloudWatch Alarm State Change",
          "{\"alarmName\":\""
              + alarmName
              + "\",\"state\":{\"value\":\""
              + state
              + "\",\"reason\":\""
              + reason
              + "\",\"timestamp\":\""
              + CLOUDWATCH_TIME.format(Instant.now())
              + "\"}}");
    }

    @Override
    public void setRetention(String region, String logGroupName, int days) {
      gateways.forRegion(region).putRetentionPolicy(logGroupName, days);
      put(
          "aws.logs",
          "AWS API Call via CloudTrail",
          "{\"userIdentity\":{\"type\":\"IAMUser\",\"arn\":"
              + "\"arn:aws:iam::123456789012:user/someone-in-the-console\"},"
              + "\"eventSource\":\"logs.amazonaws.com\",\"eventName\":\"PutRetentionPolicy\","
              + "\"requestParameters\":{\"logGroupName\":\""
              + logGroupName
              + "\",\"retentionInDays\":"
              + days
              + "}}");
    }

    @Override
    public void deleteAlarm(String region, String alarmName) {
      gateways.forRegion(region).deleteAlarms(List.of(alarmName));
      put(
          "aws.cloudwatch",
          "CloudWatch Alarm Configuration Change",
          "{\"alarmName\":\"" + alarmName + "\",\"operation\":\"delete\"}");
    }

    private void put(String source, String detailType, String detail) {
      eventBridge.putEvents(
          b -> b.entries(e -> e.source(source).detailType(detailType).detail(detail)));
    }
  }

  /** What the operator's push machinery talks to: EventBridge and SQS of the same backend. */
  EventsGateways events() {
    return events;
  }

  /** Someone else's changes, announced as AWS would. */
  OutOfBand outOfBand() {
    return outOfBand;
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
