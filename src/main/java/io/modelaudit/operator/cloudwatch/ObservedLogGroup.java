package io.modelaudit.operator.cloudwatch;

/**
 * A log group as AWS describes it, with its ARN (without the trailing ":*"). DescribeLogGroups
 * returns no tags; read them with {@link CloudWatchGateway#listLogGroupTags}.
 */
public record ObservedLogGroup(LogGroupConfig config, String arn) {

  public String name() {
    return config.name();
  }
}
