package io.modelaudit.operator.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every environment variable of the operator, each declared once, in the order of the configuration
 * reference (docs/configuration.md, whose table {@code ConfigurationDocsTest} generates from these
 * declarations). To add a setting: declare it here, add its component to the {@link OperatorConfig}
 * record and to {@code OperatorConfig.of}, and set it in deploy/deployment.yaml and list it in
 * deploy/README.md; the tests say what is missing.
 */
public final class Settings {

  private static final List<Setting<?>> DECLARED = new ArrayList<>();

  public static final Setting<String> REGION =
      declare(
          Setting.of(
                  "AWS_REGION",
                  "us-east-1",
                  Parsers::text,
                  OperatorConfig::defaultRegion,
                  "region of ModelAudits without `spec.region`")
              .orElse("AWS_DEFAULT_REGION"));

  public static final Setting<Set<String>> EXTRA_REGIONS =
      declare(
          Setting.of(
                  "MODELAUDIT_EXTRA_REGIONS",
                  "",
                  Parsers::csvSet,
                  OperatorConfig::extraRegions,
                  "comma-separated regions to accept besides those the operator's AWS SDK knows"
                      + " (a region launched after this build); a `spec.region` the SDK does not"
                      + " know is refused as invalid otherwise")
              .allowing(Parsers::regions));

  public static final Setting<Set<String>> NAMESPACES =
      declare(
          Setting.of(
                  "MODELAUDIT_NAMESPACES",
                  "",
                  Parsers::csvSet,
                  OperatorConfig::watchedNamespaces,
                  "comma-separated namespaces to watch")
              .shownAs("all")
              .shownInLogAs(namespaces -> namespaces.isEmpty() ? "all" : Parsers.show(namespaces)));

  public static final Setting<Optional<String>> SELECTOR =
      declare(
          Setting.of(
                  "MODELAUDIT_SELECTOR",
                  "",
                  Parsers::labelSelector,
                  OperatorConfig::selector,
                  "label selector (as `kubectl -l` takes it, e.g. `shard=a`): this operator manages"
                      + " only the ModelAudits it selects, so several operators can split a"
                      + " cluster's ModelAudits (sharding); each shard elects its leader through a"
                      + " Lease of its own")
              .shownAs("all ModelAudits"));

  public static final Setting<AccountMappingMode> ACCOUNT_MAPPING =
      declare(
          Setting.of(
              "MODELAUDIT_ACCOUNT_MAPPING",
              "off",
              Parsers::accountMapping,
              OperatorConfig::accountMapping,
              "`off`: every ModelAudit uses the operator's own AWS identity; `optional`: a"
                  + " namespace mapped by a ModelAuditAccount uses its IAM role (and account), the"
                  + " others the operator's identity; `required`: a ModelAudit of an unmapped"
                  + " namespace is Stalled (`AccountNotMapped`)"));

  public static final Setting<String> CLUSTER_NAME =
      declare(
          Setting.of(
              "MODELAUDIT_CLUSTER_NAME",
              "default",
              Parsers::text,
              OperatorConfig::clusterName,
              "value of the `modelaudit.io/cluster` tag; unique per cluster sharing an AWS"
                  + " account"));

  public static final Setting<Duration> DRIFT_CHECK_INTERVAL =
      declare(
          Setting.of(
                  "MODELAUDIT_DRIFT_CHECK_INTERVAL",
                  "5m",
                  Parsers::duration,
                  OperatorConfig::driftCheckInterval,
                  "how often the operator lists every managed log group, metric filter and alarm"
                      + " of a region and repairs what was changed outside it (±10% jitter)")
              .allowing(Parsers::positive));

  public static final Setting<Duration> ALARM_STATE_INTERVAL =
      declare(
          Setting.of(
                  "MODELAUDIT_ALARM_STATE_INTERVAL",
                  "60s",
                  Parsers::duration,
                  OperatorConfig::alarmStateInterval,
                  "how often every alarm's state is read (one batched listing per region) into"
                      + " `status.alarms[].state` and `status.alarmState`")
              .allowing(Parsers::positive));

  public static final Setting<Duration> REGION_IDLE_TIMEOUT =
      declare(
          Setting.of(
                  "MODELAUDIT_REGION_IDLE_TIMEOUT",
                  "15m",
                  Parsers::duration,
                  OperatorConfig::regionIdleTimeout,
                  "the AWS clients of a region are closed once unused for this long (no"
                      + " ModelAudit uses the region any more); keep it above"
                      + " `MODELAUDIT_ALARM_STATE_INTERVAL`, which reads every region in use")
              .allowing(Parsers::positive));

  public static final Setting<Duration> RESYNC_INTERVAL =
      declare(
          Setting.of(
                  "MODELAUDIT_RESYNC_INTERVAL",
                  "24h",
                  Parsers::duration,
                  OperatorConfig::resyncInterval,
                  "each ModelAudit is also read from AWS in full (tags and log streams included)"
                      + " once per this interval, spread evenly")
              .allowing(Parsers::positive));

  public static final Setting<Map<String, Double>> RATE_LIMITS =
      declare(
          Setting.of(
                  "MODELAUDIT_RATE_LIMITS",
                  "",
                  Parsers::rateLimits,
                  OperatorConfig::rateLimits,
                  "client-side limit per AWS operation in calls per second, per account and"
                      + " region, e.g."
                      + " `PutMetricAlarm=3,DescribeAlarms=9`; operations not named keep their"
                      + " default")
              .shownAs("AWS's quotas")
              .allowing(Parsers::knownPositiveLimits)
              .shownInLogAs(Parsers::showRateLimits));

  public static final Setting<Integer> RECONCILE_THREADS =
      declare(
          Setting.of(
                  "MODELAUDIT_RECONCILE_THREADS",
                  "50",
                  Parsers::integer,
                  OperatorConfig::reconcileThreads,
                  "how many ModelAudits are reconciled at once")
              .allowing(Parsers::atLeastOne));

  public static final Setting<String> LOG_GROUP_PREFIX =
      declare(
          Setting.of(
                  "MODELAUDIT_LOG_GROUP_PREFIX",
                  "/modelaudit/{namespace}/",
                  Parsers::text,
                  OperatorConfig::logGroupPrefixTemplate,
                  "prefix every log group name must have, ending in `/`; `{namespace}` is the"
                      + " ModelAudit's namespace; empty allows any")
              .allowing(Parsers::logGroupPrefix)
              .emptyIsAValue());

  /** What {@code {account}} in an allowed action ARN pattern stands for. */
  public static final String ACCOUNT_PLACEHOLDER = "{account}";

  public static final Setting<List<String>> ALLOWED_ACTION_ARNS =
      declare(
          Setting.of(
                  "MODELAUDIT_ALLOWED_ACTION_ARNS",
                  "^arn:aws[a-z-]*:sns:[a-z0-9-]+:{account}:[^:]+$",
                  Parsers::arnPatterns,
                  OperatorConfig::allowedActionArnPatterns,
                  "comma-separated regular expressions (a comma inside `()`, `[]` or `{}`, or"
                      + " written `\\,`, stays in its expression); every alarm action must match"
                      + " one; `{account}` is the operator's own AWS account, learned at start")
              .emptyIsAValue());

  public static final Setting<NamespacedPatterns> ALLOWED_ARCHIVE_DESTINATIONS =
      declare(
          Setting.of(
                  "MODELAUDIT_ALLOWED_ARCHIVE_DESTINATIONS",
                  "^arn:aws[a-z-]*:firehose:[a-z0-9-]+:[0-9]{12}:deliverystream/"
                      + "modelaudit\\.{namespace}\\.[A-Za-z0-9_.-]+$,"
                      + "^arn:aws[a-z-]*:kinesis:[a-z0-9-]+:[0-9]{12}:stream/"
                      + "modelaudit\\.{namespace}\\.[A-Za-z0-9_.-]+$",
                  NamespacedPatterns::parse,
                  OperatorConfig::allowedArchiveDestinations,
                  "comma-separated regular expressions; every `spec.archive[].destinationArn` must"
                      + " match one; `{namespace}` is the ModelAudit's namespace. Default: Firehose"
                      + " and Kinesis streams named `modelaudit.<namespace>.*`; empty allows none")
              .emptyIsAValue());

  public static final Setting<NamespacedPatterns> ALLOWED_ARCHIVE_ROLES =
      declare(
          Setting.of(
                  "MODELAUDIT_ALLOWED_ARCHIVE_ROLES",
                  "^arn:aws[a-z-]*:iam::[0-9]{12}:role/modelaudit\\.{namespace}\\.[A-Za-z0-9+=.@_-]+$",
                  NamespacedPatterns::parse,
                  OperatorConfig::allowedArchiveRoles,
                  "comma-separated regular expressions; every `spec.archive[].roleArn` must match"
                      + " one; `{namespace}` is the ModelAudit's namespace. Default: roles named"
                      + " `modelaudit.<namespace>.*`; empty allows none. Scope `iam:PassRole` in"
                      + " the IAM policy to the same roles")
              .emptyIsAValue());

  public static final Setting<String> FINDINGS_NAME_PREFIX =
      declare(
          Setting.of(
                  "MODELAUDIT_FINDINGS_NAME_PREFIX",
                  "modelaudit.{namespace}.",
                  Parsers::text,
                  OperatorConfig::findingsNamePrefixTemplate,
                  "prefix every Firehose delivery stream and S3 bucket of"
                      + " `spec.dataProtection.findings` must have; `{namespace}` is the"
                      + " ModelAudit's namespace; empty allows any")
              .emptyIsAValue());

  public static final Setting<List<String>> ALARM_METRIC_NAMESPACES =
      declare(
          Setting.of(
                  "MODELAUDIT_ALARM_METRIC_NAMESPACES",
                  "AIModelAuditing/{namespace}",
                  Parsers::csv,
                  OperatorConfig::alarmMetricNamespaceTemplates,
                  "comma-separated CloudWatch metric namespaces an alarm's `metric` may watch,"
                      + " each with the namespaces below it (`AWS/SageMaker` also allows"
                      + " `AWS/SageMaker/Endpoints`); `{namespace}` is the ModelAudit's namespace;"
                      + " `*` allows any; empty allows none. The metrics a ModelAudit's own"
                      + " filters publish are always allowed")
              .allowing(Parsers::metricNamespaceTemplates)
              .emptyIsAValue());

  /**
   * The longest alarm name prefix: with it, the alarm names of the longest namespaces and names
   * still fit CloudWatch's 255 characters with room for the namespace and name.
   */
  public static final int MAX_ALARM_NAME_PREFIX = 64;

  public static final Setting<String> ALARM_NAME_PREFIX =
      declare(
          Setting.of(
                  "MODELAUDIT_ALARM_NAME_PREFIX",
                  "modelaudit",
                  Parsers::text,
                  OperatorConfig::alarmNamePrefix,
                  "prefix of every alarm name; 1-" + MAX_ALARM_NAME_PREFIX + " characters")
              .allowing(Parsers::alarmNamePrefix));

  public static final Setting<Duration> RETRY_INITIAL_DELAY =
      declare(
          Setting.of(
              "MODELAUDIT_RETRY_INITIAL_DELAY",
              "2s",
              Parsers::duration,
              OperatorConfig::retryInitialDelay,
              "first retry delay after a transient error (doubles, with jitter)"));

  public static final Setting<Duration> RETRY_MAX_DELAY =
      declare(
          Setting.of(
              "MODELAUDIT_RETRY_MAX_DELAY",
              "5m",
              Parsers::duration,
              OperatorConfig::retryMaxDelay,
              "longest retry delay"));

  public static final Setting<Integer> HTTP_PORT =
      declare(
          Setting.of(
                  "MODELAUDIT_HTTP_PORT",
                  "8080",
                  Parsers::integer,
                  OperatorConfig::httpPort,
                  "port of `/metrics`, `/healthz`, `/readyz`; `0` picks a free port")
              .allowing(Parsers::port));

  public static final Setting<Boolean> LEADER_ELECTION =
      declare(
          Setting.of(
                  "MODELAUDIT_LEADER_ELECTION",
                  "false",
                  Parsers::bool,
                  OperatorConfig::leaderElection,
                  "elect a leader through a Lease")
              .shownAs("`false` (the Deployment sets `true`)"));

  public static final Setting<Optional<String>> LEASE_NAMESPACE =
      declare(
          Setting.of(
                  "MODELAUDIT_LEASE_NAMESPACE",
                  "",
                  Parsers::optionalText,
                  OperatorConfig::leaseNamespace,
                  "namespace of the Lease")
              .orElse("POD_NAMESPACE")
              .shownAs("the client's namespace"));

  public static final Setting<Optional<String>> POD_NAME =
      declare(
          Setting.of(
                  "POD_NAME",
                  "",
                  Parsers::optionalText,
                  OperatorConfig::podName,
                  "this replica's identity in the Lease; the Deployment sets it to the pod's"
                      + " name")
              .shownAs("the host name"));

  public static final Setting<String> LOG_FORMAT =
      declare(Setting.readByLogback("MODELAUDIT_LOG_FORMAT", "text", "`text` or `json`"));

  public static final Setting<String> LOG_LEVEL =
      declare(
          Setting.readByLogback(
              "MODELAUDIT_LOG_LEVEL", "INFO", "level of the operator's own loggers"));

  /** Every setting, in the order of the configuration reference. */
  public static final List<Setting<?>> ALL = List.copyOf(DECLARED);

  private Settings() {}

  private static <T> Setting<T> declare(Setting<T> setting) {
    DECLARED.add(setting);
    return setting;
  }

  /** The setting read from this variable (or one of its fallbacks), if any. */
  public static Optional<Setting<?>> named(String variable) {
    return ALL.stream().filter(s -> s.names().contains(variable)).findFirst();
  }

  /** Every setting as "VARIABLE=value", for the start-up log. */
  public static List<String> describe(OperatorConfig config, Map<String, String> env) {
    return ALL.stream().map(s -> s.describe(config, env)).toList();
  }
}
