package io.modelaudit.operator.cloudwatch;

/**
 * A subscription filter: the events of a log group that match the pattern are copied to a
 * destination (a Firehose delivery stream, a Kinesis stream, a Lambda function or a cross-account
 * CloudWatch Logs destination).
 *
 * @param pattern the filter pattern; empty matches every event
 * @param roleArn the role CloudWatch Logs assumes to write to a Firehose or Kinesis stream; null
 *     for Lambda and cross-account destinations
 * @param distribution ByLogStream (AWS's default) or Random
 */
public record SubscriptionFilterConfig(
    String logGroupName,
    String filterName,
    String pattern,
    String destinationArn,
    String roleArn,
    String distribution) {

  /** AWS's distribution when none is given. */
  public static final String DEFAULT_DISTRIBUTION = "ByLogStream";
}
