package io.modelaudit.operator.cloudwatch;

/**
 * The configurable attributes of a log group.
 *
 * @param retentionInDays null when events never expire
 * @param kmsKeyArn null when the group is not encrypted with a customer key
 * @param logGroupClass STANDARD or INFREQUENT_ACCESS
 */
public record LogGroupConfig(
    String name,
    Integer retentionInDays,
    String kmsKeyArn,
    String logGroupClass,
    boolean deletionProtection) {}
