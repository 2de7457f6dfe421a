package io.modelaudit.operator.part;

import io.modelaudit.operator.config.Settings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Deterministic names of the AWS resources a ModelAudit owns. */
public final class Names {

  /** CloudWatch's limit on alarm names. */
  public static final int MAX_ALARM_NAME = 255;

  /** CloudWatch's limit on metric namespaces. */
  public static final int MAX_METRIC_NAME = 255;

  /** CloudWatch's limit on dashboard names. */
  public static final int MAX_DASHBOARD_NAME = 255;

  /** The longest MODELAUDIT_ALARM_NAME_PREFIX the operator accepts. */
  public static final int MAX_OPERATOR_PREFIX = Settings.MAX_ALARM_NAME_PREFIX;

  /** AWS's limit on tag values. */
  public static final int MAX_TAG_VALUE = 256;

  private static final int HASH_CHARS = 10;

  /**
   * The longest prefix kept as it is: {@link #shorten} keeps this many characters of a longer alarm
   * name, so every alarm name made from such a prefix still starts with it (and alarms named before
   * long prefixes were shortened keep their names).
   */
  static final int MAX_KEPT_PREFIX = MAX_ALARM_NAME - HASH_CHARS - 1;

  /** The length of a shortened prefix: room for an alarm name of the spec (64) after it. */
  static final int SHORTENED_PREFIX = MAX_ALARM_NAME - 64;

  private Names() {}

  /**
   * The AWS partition of a region, as ARNs spell it: aws-cn for China, aws-us-gov for GovCloud, the
   * isolated partitions by their prefixes, aws everywhere else.
   */
  public static String partitionOf(String region) {
    if (region.startsWith("cn-")) {
      return "aws-cn";
    }
    if (region.startsWith("us-gov-")) {
      return "aws-us-gov";
    }
    if (region.startsWith("us-isob-")) {
      return "aws-iso-b";
    }
    if (region.startsWith("us-isof-")) {
      return "aws-iso-f";
    }
    if (region.startsWith("eu-isoe-")) {
      return "aws-iso-e";
    }
    if (region.startsWith("us-iso-")) {
      return "aws-iso";
    }
    return "aws";
  }

  /** The log group name used when spec.logGroup.name is absent. */
  public static String defaultLogGroupName(String namespace, String name) {
    return "/modelaudit/" + namespace + "/" + name;
  }

  /**
   * The prefix shared by every alarm of one ModelAudit, at most {@value #MAX_KEPT_PREFIX}
   * characters (DescribeAlarms takes a prefix of at most 255). '/' cannot occur in Kubernetes names
   * nor in alarm names of the spec, so prefixes of two ModelAudits never overlap.
   *
   * <p>When namespace and name are too long, their part is shortened with a stable hash of the
   * whole, to {@value #SHORTENED_PREFIX} characters so that an alarm name of the spec (at most 64)
   * still fits unshortened after it. A shortened prefix holds '~', which Kubernetes names cannot,
   * and all shortened prefixes have one length, so it never covers another ModelAudit's alarms
   * either.
   */
  public static String alarmNamePrefix(String operatorPrefix, String namespace, String name) {
    String full = operatorPrefix + "-" + namespace + "/" + name + "/";
    if (full.length() <= MAX_KEPT_PREFIX) {
      return full;
    }
    int room = SHORTENED_PREFIX - operatorPrefix.length() - 2;
    return operatorPrefix + "-" + shorten(namespace + "/" + name, room) + "/";
  }

  /**
   * The account-wide alarm name: the ModelAudit's prefix and the alarm's name in the spec. Names
   * longer than CloudWatch allows are shortened with a stable hash of the full name, keeping the
   * whole prefix, so every alarm of a ModelAudit is found by listing its prefix.
   */
  public static String alarmName(
      String operatorPrefix, String namespace, String name, String alarmSpecName) {
    return shorten(
        alarmNamePrefix(operatorPrefix, namespace, name) + alarmSpecName, MAX_ALARM_NAME);
  }

  /**
   * The CloudWatch namespace of the metrics a ModelAudit's presets publish: the operator's prefix,
   * the namespace and the name, so that no other ModelAudit publishes to it. Characters a metric
   * filter's namespace may not hold (':', '*', '$') never occur in Kubernetes names; any in the
   * operator's prefix become '-'.
   */
  public static String presetMetricNamespace(String operatorPrefix, String namespace, String name) {
    return shorten(
        operatorPrefix.replaceAll("[:*$]", "-") + "/" + namespace + "/" + name, MAX_METRIC_NAME);
  }

  /**
   * The account-wide name of a ModelAudit's dashboard: prefix, namespace and name joined by '_',
   * which Kubernetes names never contain, with the '.' a name may hold (dashboard names allow only
   * A-Z a-z 0-9 - _) turned into '_'; other characters of the operator's prefix become '-'. Two
   * ModelAudits never share one. Names longer than AWS allows are shortened with a stable hash.
   */
  public static String dashboardName(String operatorPrefix, String namespace, String name) {
    String prefix = operatorPrefix.replaceAll("[^A-Za-z0-9_-]", "-");
    return shorten(
        prefix + "_" + namespace + "_" + name.replace('.', '_'), MAX_DASHBOARD_NAME, '-');
  }

  /**
   * The prefix shared by the dashboard names of every ModelAudit of this operator, for the listing
   * that finds them.
   */
  public static String dashboardNamePrefix(String operatorPrefix) {
    return operatorPrefix.replaceAll("[^A-Za-z0-9_-]", "-") + "_";
  }

  /**
   * What the health alarm's name ends with, after the ModelAudit's alarm name prefix. Alarm names
   * of the spec start with a letter or digit, so none of them can take this name.
   */
  public static final String HEALTH_ALARM_SUFFIX = "_health";

  /** The account-wide name of a ModelAudit's health (composite) alarm. */
  public static String healthAlarmName(String operatorPrefix, String namespace, String name) {
    return alarmName(operatorPrefix, namespace, name, HEALTH_ALARM_SUFFIX);
  }

  /** CloudWatch Logs' limit on query definition names. */
  public static final int MAX_QUERY_DEFINITION_NAME = 255;

  /**
   * The prefix shared by the saved queries of one ModelAudit, e.g. {@code
   * modelaudit/ml-prod/llm-gateway/}: the console shows each '/' as a folder, so an auditor finds a
   * model's queries under its namespace and name.
   */
  public static String queryNamePrefix(String operatorPrefix, String namespace, String name) {
    return operatorPrefix + "/" + namespace + "/" + name + "/";
  }

  /** The account-wide name of a saved query, shortened with a stable hash when too long. */
  public static String queryDefinitionName(
      String operatorPrefix, String namespace, String name, String querySpecName) {
    return shorten(
        queryNamePrefix(operatorPrefix, namespace, name) + querySpecName,
        MAX_QUERY_DEFINITION_NAME);
  }

  /** The AWS partition of a region, for the ARNs the operator builds. */
  public static String partition(String region) {
    if (region.startsWith("cn-")) {
      return "aws-cn";
    }
    if (region.startsWith("us-gov-")) {
      return "aws-us-gov";
    }
    if (region.startsWith("us-isob-")) {
      return "aws-iso-b";
    }
    if (region.startsWith("us-iso-")) {
      return "aws-iso";
    }
    return "aws";
  }

  /** The value of the ownership tag: namespace/name, shortened to fit a tag value. */
  public static String ownerTagValue(String namespace, String name) {
    return shorten(namespace + "/" + name, MAX_TAG_VALUE);
  }

  /**
   * Returns the value itself when it fits, otherwise its head followed by '~' and a hash of the
   * whole value, exactly {@code max} characters long.
   */
  static String shorten(String value, int max) {
    return shorten(value, max, '~');
  }

  /** As {@link #shorten(String, int)}, with this character before the hash. */
  static String shorten(String value, int max, char separator) {
    if (value.length() <= max) {
      return value;
    }
    String hash = sha256Hex(value).substring(0, HASH_CHARS);
    return value.substring(0, max - HASH_CHARS - 1) + separator + hash;
  }

  private static String sha256Hex(String value) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }
}
