package io.modelaudit.operator.bench;

import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.cloudwatch.CloudWatchGateways;
import io.modelaudit.operator.cloudwatch.Operations;
import io.modelaudit.operator.cloudwatch.aws.AwsCloudWatchGateways;
import io.modelaudit.operator.fake.CountingCloudWatch;
import io.modelaudit.operator.fake.InMemoryCloudWatch;
import io.modelaudit.operator.moto.MotoServer;
import io.modelaudit.operator.moto.MotoSupport;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * The AWS the benchmark runs the operator against: the in-memory fake (AWS's quotas enforced, time
 * scaled) or moto through the production AWS SDK adapter (real time, the operator's default rate
 * limits). Either way every call the operator makes is counted by operation, and the benchmark has
 * a port of its own, not counted, to change AWS behind the operator's back and to check repairs.
 */
abstract class BenchAws implements AutoCloseable {

  /** What the operator is given: every call counted. */
  abstract CloudWatchGateways operatorGateways();

  /** Calls the operator made since the last reset, by AWS operation. */
  abstract Map<String, Integer> calls();

  abstract void resetCalls();

  /** Calls refused with a throttling error since the last reset (only the fake enforces quotas). */
  abstract Map<String, Integer> throttled();

  /** The port as someone else uses it: not counted, for out-of-band changes and checks. */
  abstract CloudWatchGateway outOfBand(String region);

  /** Moves an alarm to a state, as CloudWatch does when it evaluates the metric. */
  abstract void setAlarmState(String region, String alarmName, String state, String reason);

  /** One line for the report. */
  abstract String describe();

  @Override
  public abstract void close();

  static boolean isWrite(String operation) {
    return InMemoryCloudWatch.MUTATING_OPERATIONS.contains(operation);
  }

  /** The in-memory fake, throttling above AWS's quotas multiplied by the time scale. */
  static final class Fake extends BenchAws {
    final InMemoryCloudWatch aws = new InMemoryCloudWatch();
    private final double scale;

    Fake(double scale) {
      this.scale = scale;
      Map<String, Double> quotas = new TreeMap<>();
      Operations.QUOTAS.forEach((op, q) -> quotas.put(op, q * scale));
      aws.enforceQuotas(quotas);
    }

    @Override
    CloudWatchGateways operatorGateways() {
      return aws;
    }

    @Override
    Map<String, Integer> calls() {
      return aws.calls();
    }

    @Override
    void resetCalls() {
      aws.resetCalls();
    }

    @Override
    Map<String, Integer> throttled() {
      return aws.throttledCalls();
    }

    @Override
    CloudWatchGateway outOfBand(String region) {
      return aws.uncounted(region);
    }

    @Override
    void setAlarmState(String region, String alarmName, String state, String reason) {
      aws.setAlarmState(region, alarmName, state, reason);
    }

    @Override
    String describe() {
      return String.format(
          java.util.Locale.ROOT,
          "the in-memory CloudWatch fake, throttling above AWS's quotas x%.0f",
          scale);
    }

    @Override
    public void close() {}
  }

  /** moto, reached through the production AWS SDK adapter (and the test-only CBOR bridge). */
  static final class Moto extends BenchAws {
    private final MotoServer moto = MotoServer.startOwn();
    private final AwsCloudWatchGateways operatorSide =
        new AwsCloudWatchGateways(MotoSupport.customizer(moto.endpoint()));
    private final CountingCloudWatch counted = new CountingCloudWatch(operatorSide);
    private final AwsCloudWatchGateways benchSide =
        new AwsCloudWatchGateways(MotoSupport.customizer(moto.endpoint()));
    private final CloudWatchClient cloudWatch = MotoSupport.cloudWatchClient(moto);

    @Override
    CloudWatchGateways operatorGateways() {
      return counted;
    }

    @Override
    Map<String, Integer> calls() {
      return counted.callsByOperation();
    }

    @Override
    void resetCalls() {
      counted.reset();
    }

    @Override
    Map<String, Integer> throttled() {
      return Map.of();
    }

    @Override
    CloudWatchGateway outOfBand(String region) {
      return benchSide.forRegion(region);
    }

    @Override
    void setAlarmState(String region, String alarmName, String state, String reason) {
      cloudWatch.setAlarmState(
          b -> b.alarmName(alarmName).stateValue(StateValue.fromValue(state)).stateReason(reason));
    }

    @Override
    String describe() {
      return "moto_server at "
          + moto.endpoint()
          + " through the production AWS SDK adapter (moto does not throttle; the operator's"
          + " client-side rate limits are AWS's quotas)";
    }

    @Override
    public void close() {
      cloudWatch.close();
      benchSide.close();
      operatorSide.close();
      moto.close();
    }
  }
}
