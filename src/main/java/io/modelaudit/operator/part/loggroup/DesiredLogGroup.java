package io.modelaudit.operator.part.loggroup;

import io.modelaudit.operator.cloudwatch.LogGroupConfig;

/**
 * The log group the spec asks for, and which of its optional fields the spec sets: a log group the
 * operator adopted keeps, as found, every field the spec leaves out.
 *
 * @param config the whole configuration, with the defaults of a new log group filled in
 * @param deletionProtectionSet whether spec.logGroup.deletionProtection is given
 * @param classSet whether spec.logGroup.class is given
 */
public record DesiredLogGroup(
    LogGroupConfig config, boolean deletionProtectionSet, boolean classSet) {

  public String name() {
    return config.name();
  }

  public boolean retentionSet() {
    return config.retentionInDays() != null;
  }

  public boolean kmsKeySet() {
    return config.kmsKeyArn() != null;
  }
}
