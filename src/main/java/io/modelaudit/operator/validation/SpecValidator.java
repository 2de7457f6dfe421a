package io.modelaudit.operator.validation;

import io.modelaudit.operator.api.v1alpha1.ActionsSuppressorSpec;
import io.modelaudit.operator.api.v1alpha1.AlarmActionsSpec;
import io.modelaudit.operator.api.v1alpha1.AlarmMetricQuerySpec;
import io.modelaudit.operator.api.v1alpha1.AlarmMetricSpec;
import io.modelaudit.operator.api.v1alpha1.AlarmSpec;
import io.modelaudit.operator.api.v1alpha1.AnomalyDetectorSpec;
import io.modelaudit.operator.api.v1alpha1.ArchiveSpec;
import io.modelaudit.operator.api.v1alpha1.ComparisonOperator;
import io.modelaudit.operator.api.v1alpha1.CustomIdentifierSpec;
import io.modelaudit.operator.api.v1alpha1.DataProtectionSpec;
import io.modelaudit.operator.api.v1alpha1.DeletionPolicy;
import io.modelaudit.operator.api.v1alpha1.Distribution;
import io.modelaudit.operator.api.v1alpha1.FindingsSpec;
import io.modelaudit.operator.api.v1alpha1.HealthAlarmSpec;
import io.modelaudit.operator.api.v1alpha1.LatencyPresetSpec;
import io.modelaudit.operator.api.v1alpha1.LogGroupClass;
import io.modelaudit.operator.api.v1alpha1.LogGroupSpec;
import io.modelaudit.operator.api.v1alpha1.MetricFilterSpec;
import io.modelaudit.operator.api.v1alpha1.MetricTransformationSpec;
import io.modelaudit.operator.api.v1alpha1.MetricUnit;
import io.modelaudit.operator.api.v1alpha1.ModelAuditSpec;
import io.modelaudit.operator.api.v1alpha1.ModelRef;
import io.modelaudit.operator.api.v1alpha1.NotificationsSpec;
import io.modelaudit.operator.api.v1alpha1.PresetSpec;
import io.modelaudit.operator.api.v1alpha1.PresetsSpec;
import io.modelaudit.operator.api.v1alpha1.QueriesSpec;
import io.modelaudit.operator.api.v1alpha1.QuerySpec;
import io.modelaudit.operator.api.v1alpha1.RatePresetSpec;
import io.modelaudit.operator.api.v1alpha1.ScoreRatePresetSpec;
import io.modelaudit.operator.api.v1alpha1.SpecRules;
import io.modelaudit.operator.api.v1alpha1.Statistic;
import io.modelaudit.operator.api.v1alpha1.TimeRangeSpec;
import io.modelaudit.operator.api.v1alpha1.TokenUsagePresetSpec;
import io.modelaudit.operator.api.v1alpha1.TreatMissingData;
import io.modelaudit.operator.api.v1alpha1.UnreadableField;
import io.modelaudit.operator.config.OperatorConfig;
import io.modelaudit.operator.config.Settings;
import io.modelaudit.operator.part.Names;
import io.modelaudit.operator.part.Tags;
import io.modelaudit.operator.part.dataprotection.PolicyDocument;
import io.modelaudit.operator.part.queries.QueryPresets;
import io.modelaudit.operator.profiles.HealthRule;
import io.modelaudit.operator.profiles.MetricMath;
import io.modelaudit.operator.profiles.PresetExpansion;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Checks a ModelAudit spec against the CRD's rules, AWS's own limits and the operator's tenancy
 * policy, and reports every violation with the path of its field.
 *
 * <p>The API server normally enforces the CRD schema, but not every cluster (nor the test mock
 * server) does, and AWS rejects some specs the schema lets through; so the operator checks every
 * spec itself before it makes any AWS call.
 */
public final class SpecValidator {

  // Every limit and pattern comes from SpecRules, which the CRD's annotations read too; where the
  // operator checks more than the schema can (tag text, an action ARN's whole shape), SpecRules
  // says why.
  private static final Pattern REGION = Pattern.compile(SpecRules.REGION_PATTERN);
  private static final Pattern LOG_GROUP_NAME = Pattern.compile(SpecRules.LOG_GROUP_NAME_PATTERN);
  private static final Pattern KMS_KEY_ARN = Pattern.compile(SpecRules.KMS_KEY_ARN_PATTERN);
  private static final Pattern ALARM_NAME = Pattern.compile(SpecRules.ALARM_NAME_PATTERN);
  private static final Pattern EXTENDED_STATISTIC =
      Pattern.compile(SpecRules.EXTENDED_STATISTIC_PATTERN);
  private static final Pattern ACTION_ARN = Pattern.compile(SpecRules.ACTION_ARN_PATTERN);
  private static final Pattern SNS_TOPIC_ARN = Pattern.compile(SpecRules.SNS_TOPIC_ARN_PATTERN);
  private static final Pattern TAG_TEXT = Pattern.compile(SpecRules.TAG_TEXT_PATTERN);
  private static final Pattern METRIC_ID = Pattern.compile(SpecRules.METRIC_ID_PATTERN);
  private static final Pattern METRIC_STAT = Pattern.compile(SpecRules.METRIC_STAT_PATTERN);
  private static final Pattern TIME = Pattern.compile(SpecRules.TIME_RANGE_PATTERN);
  private static final Pattern ALARM_ARN = Pattern.compile(SpecRules.ALARM_ARN_PATTERN);
  private static final Pattern CUSTOM_IDENTIFIER_NAME =
      Pattern.compile(SpecRules.CUSTOM_IDENTIFIER_NAME_PATTERN);
  private static final Pattern CUSTOM_IDENTIFIER_REGEX =
      Pattern.compile(SpecRules.CUSTOM_IDENTIFIER_REGEX_PATTERN);
  private static final Pattern FIREHOSE_STREAM_NAME =
      Pattern.compile(SpecRules.FIREHOSE_STREAM_NAME_PATTERN);
  private static final Pattern S3_BUCKET_NAME = Pattern.compile(SpecRules.S3_BUCKET_NAME_PATTERN);
  private static final Pattern ARCHIVE_DESTINATION_ARN =
      Pattern.compile(SpecRules.ARCHIVE_DESTINATION_ARN_PATTERN);
  private static final Pattern ROLE_ARN = Pattern.compile(SpecRules.ROLE_ARN_PATTERN);
  private static final Pattern QUERY_NAME = Pattern.compile(SpecRules.QUERY_NAME_PATTERN);
  private static final List<String> DISTRIBUTIONS = names(Distribution.values());
  private static final Pattern METRIC_VALUE = Pattern.compile(SpecRules.METRIC_VALUE_PATTERN);
  private static final Pattern EVENT_FIELD = Pattern.compile(SpecRules.EVENT_FIELD_PATTERN);
  private static final Pattern ARN_REGION = Pattern.compile("^arn:[^:]*:[^:]*:([^:]*):.*$");
  private static final Pattern ARN_SERVICE_REGION_ACCOUNT =
      Pattern.compile("^arn:[^:]*:([^:]*):([^:]*):([^:]*):.*$");

  private static final String TAG_TEXT_RULE = "must contain only " + SpecRules.TAG_TEXT_CHARACTERS;

  private static final List<String> LOG_GROUP_CLASSES = names(LogGroupClass.values());
  private static final List<String> STATISTICS = names(Statistic.values());
  private static final List<String> COMPARISON_OPERATORS = names(ComparisonOperator.values());
  private static final List<String> TREAT_MISSING_DATA = names(TreatMissingData.values());
  private static final List<String> DELETION_POLICIES = names(DeletionPolicy.values());
  private static final List<String> METRIC_UNITS =
      Arrays.stream(MetricUnit.values()).map(MetricUnit::awsName).toList();

  private SpecValidator() {}

  /**
   * Every violation of this spec, in the order of the spec's fields; empty when the spec is valid.
   *
   * @param spec the spec to check; null is itself a violation
   * @param namespace namespace of the ModelAudit, for the default log group name and its prefix
   * @param name name of the ModelAudit, for the default log group name
   * @param config the operator's configuration, for the tenancy policy
   */
  public static List<Violation> validate(
      ModelAuditSpec spec, String namespace, String name, OperatorConfig config) {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(config, "config");
    Scope root = Scope.root();
    if (!present(root, spec)) {
      return root.violations();
    }
    validateRegion(root.field("region"), spec.getRegion());
    validateKnownRegion(root.field("region"), spec.getRegion(), config);
    validateModel(root.field("model"), spec.getModel());
    validateLogGroup(root.field("logGroup"), spec.getLogGroup());
    validateKmsKeyRegion(root.field("logGroup").field("kmsKeyArn"), spec, config);
    validateLogGroupPolicy(root.field("logGroup").field("name"), spec, namespace, name, config);
    validateLogStreams(root.field("logStreams"), spec.getLogStreams());
    validateMetricFilters(root.field("metricFilters"), spec.getMetricFilters(), spec.getLogGroup());
    validatePresets(root.field("presets"), spec.getPresets());
    String metricNamespace = Names.presetMetricNamespace(config.alarmNamePrefix(), namespace, name);
    List<PresetExpansion.Expanded> presets = PresetExpansion.of(spec.getPresets(), metricNamespace);
    ModelAuditSpec expanded = PresetExpansion.expand(spec, metricNamespace);
    validateAlarms(root.field("alarms"), spec.getAlarms(), filterNames(expanded), config);
    validateActionRegions(root.field("alarms"), spec, config);
    validateAlarmMetrics(root.field("alarms"), spec.getAlarms(), expanded, namespace, config);
    validatePresetParts(root.field("presets"), spec, presets, expanded);
    validateAnomalyModels(root.field("alarms"), spec.getAlarms(), expanded);
    validateHealthAlarm(
        root.field("healthAlarm"), spec.getHealthAlarm(), expanded, namespace, name, config);
    validateHealthActionRegions(root.field("healthAlarm"), spec, config);
    validateNotifications(root.field("notifications"), spec.getNotifications(), config);
    validateTopicRegion(root.field("notifications").field("snsTopicArn"), spec, config);
    validateDataProtection(root.field("dataProtection"), spec, namespace, name, config);
    validateArchive(root.field("archive"), spec, namespace, config);
    validateQueries(root.field("queries"), spec.getQueries());
    validateTags(root.field("tags"), spec.getTags());
    validateDeletionPolicy(root.field("deletionPolicy"), spec.getDeletionPolicy());
    return withUnreadable(spec.getUnreadableFields(), root.violations());
  }

  /**
   * Puts the fields whose JSON had the wrong type first; a violation at such a field (it reads as
   * absent, so "required") or inside it would only repeat the problem and is left out.
   */
  private static List<Violation> withUnreadable(
      List<UnreadableField> unreadable, List<Violation> violations) {
    if (unreadable.isEmpty()) {
      return violations;
    }
    List<Violation> all = new ArrayList<>();
    unreadable.forEach(
        u -> all.add(new Violation(u.field(), u.message(), Violation.Kind.INVALID_SPEC)));
    violations.stream()
        .filter(v -> unreadable.stream().noneMatch(u -> within(v.field(), u.field())))
        .forEach(all::add);
    return List.copyOf(all);
  }

  private static boolean within(String field, String container) {
    return field.equals(container)
        || field.startsWith(container + ".")
        || field.startsWith(container + "[");
  }

  // ---- parts of the spec ----

  private static void validateRegion(Scope at, String region) {
    if (region != null && length(at, region, 1, SpecRules.REGION_MAX_LENGTH)) {
      matches(at, region, REGION, "must be an AWS region such as us-east-1");
    }
  }

  private static void validateModel(Scope at, ModelRef model) {
    if (model == null) {
      return;
    }
    validateModelField(at.field("name"), model.getName());
    validateModelField(at.field("version"), model.getVersion());
  }

  /** Model name and version become tag values, so they also follow AWS's tag value rules. */
  private static void validateModelField(Scope at, String value) {
    if (value != null && length(at, value, 1, SpecRules.MODEL_FIELD_MAX_LENGTH)) {
      matches(at, value, TAG_TEXT, TAG_TEXT_RULE + " (it becomes a tag value)");
    }
  }

  private static void validateLogGroup(Scope at, LogGroupSpec logGroup) {
    if (logGroup == null) {
      return;
    }
    String name = logGroup.getName();
    if (name != null && length(at.field("name"), name, 1, SpecRules.LOG_GROUP_NAME_MAX_LENGTH)) {
      matches(
          at.field("name"),
          name,
          LOG_GROUP_NAME,
          "must contain only letters, digits and _ - / . #");
    }
    Integer retention = logGroup.getRetentionInDays();
    if (retention != null && !SpecRules.RETENTION_DAYS_ALLOWED.contains(retention)) {
      at.field("retentionInDays")
          .invalid(
              "must be one of "
                  + choices(SpecRules.RETENTION_DAYS_ALLOWED)
                  + " (or absent to never expire), got "
                  + retention);
    }
    String kmsKeyArn = logGroup.getKmsKeyArn();
    if (kmsKeyArn != null
        && length(at.field("kmsKeyArn"), kmsKeyArn, 1, SpecRules.ARN_MAX_LENGTH)) {
      matches(
          at.field("kmsKeyArn"),
          kmsKeyArn,
          KMS_KEY_ARN,
          "must be a KMS key ARN such as arn:aws:kms:us-east-1:123456789012:key/<key-id>");
    }
    if (logGroup.getLogGroupClass() != null) {
      oneOf(at.field("class"), logGroup.getLogGroupClass(), LOG_GROUP_CLASSES);
    }
    List<String> indexFields = logGroup.getIndexFields();
    if (indexFields != null
        && !indexFields.isEmpty()
        && LogGroupClass.INFREQUENT_ACCESS.name().equals(logGroup.getLogGroupClass())) {
      at.field("indexFields")
          .invalid(
              "must be empty: AWS supports field index policies only on log groups of class"
                  + " STANDARD, and this one is INFREQUENT_ACCESS");
    }
    validateDistinctTexts(
        at.field("indexFields"),
        indexFields,
        SpecRules.INDEX_FIELDS_MAX,
        "index fields (AWS's limit per policy)",
        SpecRules.INDEX_FIELD_MAX_LENGTH,
        (item, field) -> true,
        (item, field) -> {});
  }

  // ---- compliance: masking, archive, saved queries ----

  private static void validateDataProtection(
      Scope at, ModelAuditSpec spec, String namespace, String name, OperatorConfig config) {
    DataProtectionSpec protection = spec.getDataProtection();
    if (protection == null) {
      return;
    }
    List<String> identifiers = protection.getIdentifiers();
    List<CustomIdentifierSpec> custom = protection.getCustomIdentifiers();
    if ((identifiers == null || identifiers.isEmpty()) && (custom == null || custom.isEmpty())) {
      at.invalid(
          "needs at least one of identifiers (AWS managed data identifiers, e.g. EmailAddress) or"
              + " customIdentifiers");
    }
    validateDistinctTexts(
        at.field("identifiers"),
        identifiers,
        SpecRules.IDENTIFIERS_MAX,
        "identifiers",
        SpecRules.IDENTIFIER_NAME_MAX_LENGTH,
        (item, identifier) -> managedIdentifier(item, identifier),
        (item, identifier) -> {});
    if (custom != null) {
      maxItems(
          at.field("customIdentifiers"),
          custom,
          SpecRules.CUSTOM_IDENTIFIERS_MAX,
          "custom identifiers (AWS's limit per policy)");
      Map<String, String> seen = new HashMap<>();
      for (int i = 0; i < custom.size(); i++) {
        Scope item = at.field("customIdentifiers").index(i);
        if (present(item, custom.get(i))) {
          validateCustomIdentifier(item, custom.get(i), seen);
        }
      }
    }
    FindingsSpec findings = protection.getFindings();
    if (findings != null) {
      validateFindings(at.field("findings"), findings, namespace, config);
    }
    if (at.isClean()) {
      String document =
          PolicyDocument.build(
              protection,
              Names.partition(Optional.ofNullable(spec.getRegion()).orElse(config.defaultRegion())),
              // the longest marker: owner, a uid and the cluster
              Tags.OWNER
                  + "="
                  + Names.ownerTagValue(namespace, name)
                  + ";"
                  + Tags.OWNER_UID
                  + "=00000000-0000-0000-0000-000000000000;"
                  + Tags.CLUSTER
                  + "="
                  + config.clusterName());
      if (document.length() > SpecRules.DATA_PROTECTION_POLICY_MAX_LENGTH) {
        at.invalid(
            "makes a data protection policy of "
                + document.length()
                + " characters; AWS allows "
                + SpecRules.DATA_PROTECTION_POLICY_MAX_LENGTH
                + ": mask fewer identifiers or shorten the custom ones");
      }
    }
  }

  private static boolean managedIdentifier(Scope at, String identifier) {
    if (SpecRules.MANAGED_DATA_IDENTIFIERS.contains(identifier)) {
      return true;
    }
    List<String> close =
        SpecRules.MANAGED_DATA_IDENTIFIERS.stream()
            .filter(
                known ->
                    known.equalsIgnoreCase(identifier)
                        || known.startsWith(identifier + "-")
                        || identifier.startsWith(known.split("-")[0]))
            .limit(8)
            .toList();
    at.invalid(
        "is not an AWS managed data identifier"
            + (close.isEmpty() ? "" : " (did you mean " + choices(close) + "?)")
            + "; the list is in docs/compliance.md, got "
            + quote(identifier));
    return false;
  }

  private static void validateCustomIdentifier(
      Scope at, CustomIdentifierSpec identifier, Map<String, String> seen) {
    Scope name = at.field("name");
    if (present(name, identifier.getName())
        && length(name, identifier.getName(), 1, SpecRules.CUSTOM_IDENTIFIER_NAME_MAX_LENGTH)
        && matches(
            name,
            identifier.getName(),
            CUSTOM_IDENTIFIER_NAME,
            "must contain only letters, digits, _ and -")
        && unique(name, identifier.getName(), seen)) {
      if (SpecRules.MANAGED_DATA_IDENTIFIERS.contains(identifier.getName())) {
        name.invalid(
            "must not be the name of an AWS managed data identifier, got "
                + quote(identifier.getName()));
      }
    }
    Scope regex = at.field("regex");
    if (present(regex, identifier.getRegex())
        && length(regex, identifier.getRegex(), 1, SpecRules.CUSTOM_IDENTIFIER_REGEX_MAX_LENGTH)
        && matches(
            regex,
            identifier.getRegex(),
            CUSTOM_IDENTIFIER_REGEX,
            "must contain only " + SpecRules.CUSTOM_IDENTIFIER_REGEX_CHARACTERS)) {
      try {
        Pattern.compile(identifier.getRegex());
      } catch (PatternSyntaxException e) {
        regex.invalid(
            "is not a valid regular expression ("
                + e.getDescription()
                + "), got "
                + quote(identifier.getRegex()));
      }
    }
  }

  private static void validateFindings(
      Scope at, FindingsSpec findings, String namespace, OperatorConfig config) {
    String logGroup = findings.getLogGroup();
    if (logGroup != null
        && length(at.field("logGroup"), logGroup, 1, SpecRules.LOG_GROUP_NAME_MAX_LENGTH)
        && matches(
            at.field("logGroup"),
            logGroup,
            LOG_GROUP_NAME,
            "must contain only letters, digits and _ - / . #")) {
      String prefix = config.logGroupPrefixFor(namespace);
      if (!prefix.isEmpty() && !logGroup.startsWith(prefix)) {
        at.field("logGroup")
            .policy(
                "must start with "
                    + quote(prefix)
                    + ": the operator allows a ModelAudit in namespace "
                    + namespace
                    + " only log groups under that prefix, got "
                    + quote(logGroup));
      }
    }
    validateFindingsName(
        at.field("firehoseDeliveryStream"),
        findings.getFirehoseDeliveryStream(),
        FIREHOSE_STREAM_NAME,
        "must be a Firehose delivery stream name: 1-64 of letters, digits, _ . -",
        namespace,
        config);
    validateFindingsName(
        at.field("s3Bucket"),
        findings.getS3Bucket(),
        S3_BUCKET_NAME,
        "must be an S3 bucket name: 3-63 of lowercase letters, digits, . and -",
        namespace,
        config);
  }

  private static void validateFindingsName(
      Scope at,
      String value,
      Pattern pattern,
      String rule,
      String namespace,
      OperatorConfig config) {
    if (value == null || !matches(at, value, pattern, rule)) {
      return;
    }
    String prefix = config.findingsNamePrefixFor(namespace);
    if (!prefix.isEmpty() && !value.startsWith(prefix)) {
      at.policy(
          "must start with "
              + quote(prefix)
              + ": the operator lets a ModelAudit in namespace "
              + namespace
              + " send findings only to streams and buckets named so, got "
              + quote(value));
    }
  }

  private static void validateArchive(
      Scope at, ModelAuditSpec spec, String namespace, OperatorConfig config) {
    List<ArchiveSpec> archive = spec.getArchive();
    if (archive == null) {
      return;
    }
    maxItems(
        at,
        archive,
        SpecRules.ARCHIVE_MAX_ITEMS,
        "archive entries (AWS allows 2 subscription filters per log group)");
    Map<String, String> seen = new HashMap<>();
    for (int i = 0; i < archive.size(); i++) {
      Scope item = at.index(i);
      if (present(item, archive.get(i))) {
        validateArchiveEntry(item, archive.get(i), seen, spec, namespace, config);
      }
    }
  }

  private static void validateArchiveEntry(
      Scope at,
      ArchiveSpec entry,
      Map<String, String> seen,
      ModelAuditSpec spec,
      String namespace,
      OperatorConfig config) {
    Scope name = at.field("name");
    if (present(name, entry.getName())
        && length(name, entry.getName(), 1, SpecRules.NAME_MAX_LENGTH)
        && excludes(name, entry.getName(), SpecRules.NAME_FORBIDDEN)) {
      unique(name, entry.getName(), seen);
    }
    if (entry.getPattern() != null) {
      length(at.field("pattern"), entry.getPattern(), 0, SpecRules.FILTER_PATTERN_MAX_LENGTH);
    }
    if (entry.getDistribution() != null) {
      oneOf(at.field("distribution"), entry.getDistribution(), DISTRIBUTIONS);
    }
    Scope destination = at.field("destinationArn");
    String arn = entry.getDestinationArn();
    boolean destinationOk =
        present(destination, arn)
            && length(destination, arn, 1, SpecRules.ARN_MAX_LENGTH)
            && matches(
                destination,
                arn,
                ARCHIVE_DESTINATION_ARN,
                "must be the ARN of a Firehose delivery stream, Kinesis stream, Lambda function or"
                    + " CloudWatch Logs destination");
    if (destinationOk && !config.allowedArchiveDestinations().allows(namespace, arn)) {
      destination.policy(
          notAllowed(
              "archive destinations",
              config.allowedArchiveDestinations().describe(namespace),
              arn));
    } else if (destinationOk) {
      archiveDestinationReachable(destination, arn, spec, config);
    }
    Scope role = at.field("roleArn");
    String roleArn = entry.getRoleArn();
    boolean needsRole = destinationOk && (arn.contains(":firehose:") || arn.contains(":kinesis:"));
    if (roleArn == null) {
      if (needsRole) {
        role.invalid(
            "is required: CloudWatch Logs assumes this role to write to a Firehose or Kinesis"
                + " stream");
      }
      return;
    }
    if (destinationOk && !needsRole) {
      role.invalid(
          "must be absent for a Lambda function or CloudWatch Logs destination: AWS does not use"
              + " it, and the operator passes no role it does not need");
      return;
    }
    if (length(role, roleArn, 1, SpecRules.ARN_MAX_LENGTH)
        && matches(
            role,
            roleArn,
            ROLE_ARN,
            "must be an IAM role ARN such as arn:aws:iam::123456789012:role/name")
        && !config.allowedArchiveRoles().allows(namespace, roleArn)) {
      role.policy(
          notAllowed("archive roles", config.allowedArchiveRoles().describe(namespace), roleArn));
    }
  }

  /**
   * Where CloudWatch Logs delivers a subscription filter's events: a destination of the log group's
   * region, and a stream or function of the log group's own account; another account is reached
   * only through a CloudWatch Logs destination ("The sending account's log groups and the
   * destination must be in the same AWS Region", CloudWatch Logs User Guide, cross-account
   * subscriptions; PutSubscriptionFilter, API reference: Kinesis, Firehose and Lambda "belonging to
   * the same account as the subscription filter"). AWS would refuse the write; this says why first.
   */
  private static void archiveDestinationReachable(
      Scope at, String arn, ModelAuditSpec spec, OperatorConfig config) {
    Matcher parts = ARN_SERVICE_REGION_ACCOUNT.matcher(arn);
    if (!parts.matches()) {
      return;
    }
    String region = regionOf(spec, config);
    if (region != null && !parts.group(2).equals(region)) {
      at.invalid(
          "must be an archive destination of region "
              + region
              + ", where this ModelAudit's log group is (CloudWatch Logs delivers a subscription"
              + " filter's events only within its region), got one of "
              + parts.group(2));
      return;
    }
    Optional<String> account = config.aws().account();
    if (!parts.group(1).equals("logs")
        && account.isPresent()
        && !parts.group(3).equals(account.get())) {
      at.invalid(
          "must be a stream or function of the AWS account this ModelAudit's log group is in:"
              + " CloudWatch Logs delivers to another account only through a CloudWatch Logs"
              + " destination (arn:...:logs:<region>:<account>:destination:<name>), got one of"
              + " another account");
    }
  }

  private static String notAllowed(String what, List<String> patterns, String value) {
    return patterns.isEmpty()
        ? "is not allowed: the operator's configuration allows no " + what + ", got " + quote(value)
        : "is not allowed by the operator's policy for this namespace: "
            + what
            + " must match "
            + String.join(" or ", patterns)
            + ", got "
            + quote(value);
  }

  private static void validateQueries(Scope at, QueriesSpec queries) {
    if (queries == null) {
      return;
    }
    Map<String, String> seen = new HashMap<>();
    List<String> presets = queries.getPresets();
    if (presets != null) {
      List<String> known = List.copyOf(QueryPresets.names());
      for (int i = 0; i < presets.size(); i++) {
        Scope item = at.field("presets").index(i);
        if (present(item, presets.get(i)) && oneOf(item, presets.get(i), known)) {
          unique(item, presets.get(i), seen);
        }
      }
    }
    List<QuerySpec> custom = queries.getCustom();
    if (custom == null) {
      return;
    }
    maxItems(at.field("custom"), custom, SpecRules.QUERIES_MAX_ITEMS, "queries");
    for (int i = 0; i < custom.size(); i++) {
      Scope item = at.field("custom").index(i);
      QuerySpec query = custom.get(i);
      if (!present(item, query)) {
        continue;
      }
      Scope name = item.field("name");
      if (present(name, query.getName())
          && length(name, query.getName(), 1, SpecRules.QUERY_NAME_MAX_LENGTH)
          && matches(
              name,
              query.getName(),
              QUERY_NAME,
              "must start with a letter or digit and contain only letters, digits, . _ and -")) {
        unique(name, query.getName(), seen);
      }
      Scope text = item.field("query");
      if (present(text, query.getQuery())) {
        length(text, query.getQuery(), 1, SpecRules.QUERY_STRING_MAX_LENGTH);
      }
    }
  }

  private static void validateLogGroupPolicy(
      Scope at, ModelAuditSpec spec, String namespace, String name, OperatorConfig config) {
    String prefix = config.logGroupPrefixFor(namespace);
    if (prefix.isEmpty()) {
      return;
    }
    String explicit = spec.getLogGroup() == null ? null : spec.getLogGroup().getName();
    if (explicit != null && !explicit.startsWith(prefix)) {
      at.policy(
          "must start with "
              + quote(prefix)
              + ": the operator allows a ModelAudit in namespace "
              + namespace
              + " only log groups under that prefix, got "
              + quote(explicit));
    } else if (explicit == null && !Names.defaultLogGroupName(namespace, name).startsWith(prefix)) {
      at.policy(
          "is required here: the default name "
              + quote(Names.defaultLogGroupName(namespace, name))
              + " does not start with "
              + quote(prefix)
              + ", the only prefix the operator allows in namespace "
              + namespace);
    }
  }

  private static void validateLogStreams(Scope at, List<String> streams) {
    validateDistinctTexts(
        at,
        streams,
        SpecRules.LOG_STREAMS_MAX_ITEMS,
        "log streams",
        SpecRules.NAME_MAX_LENGTH,
        (item, stream) -> excludes(item, stream, SpecRules.NAME_FORBIDDEN),
        (item, stream) -> {});
  }

  private static void validateMetricFilters(
      Scope at, List<MetricFilterSpec> filters, LogGroupSpec logGroup) {
    if (filters == null) {
      return;
    }
    if (!filters.isEmpty()
        && logGroup != null
        && LogGroupClass.INFREQUENT_ACCESS.name().equals(logGroup.getLogGroupClass())) {
      at.invalid(
          "must be empty: AWS does not allow metric filters on an INFREQUENT_ACCESS log group;"
              + " use class STANDARD or remove the filters");
    }
    maxItems(
        at,
        filters,
        SpecRules.METRIC_FILTERS_MAX_ITEMS,
        "metric filters (the AWS limit per log group)");
    Map<String, String> seen = new HashMap<>();
    for (int i = 0; i < filters.size(); i++) {
      Scope item = at.index(i);
      if (present(item, filters.get(i))) {
        validateFilter(item, filters.get(i), seen);
      }
    }
  }

  private static void validateFilter(Scope at, MetricFilterSpec filter, Map<String, String> seen) {
    Scope name = at.field("name");
    if (present(name, filter.getName())
        && length(name, filter.getName(), 1, SpecRules.NAME_MAX_LENGTH)
        && excludes(name, filter.getName(), SpecRules.NAME_FORBIDDEN)) {
      unique(name, filter.getName(), seen);
    }
    Scope pattern = at.field("pattern");
    if (present(pattern, filter.getPattern())) {
      length(pattern, filter.getPattern(), 0, SpecRules.FILTER_PATTERN_MAX_LENGTH);
    }
    Scope metric = at.field("metric");
    if (present(metric, filter.getMetric())) {
      validateTransformation(metric, filter.getMetric());
    }
  }

  private static void validateTransformation(Scope at, MetricTransformationSpec metric) {
    validateFilterMetricName(at.field("namespace"), metric.getNamespace());
    validateFilterMetricName(at.field("name"), metric.getName());
    Scope value = at.field("value");
    if (present(value, metric.getValue())
        && length(value, metric.getValue(), 1, SpecRules.METRIC_VALUE_MAX_LENGTH)) {
      validateMetricValue(value, metric.getValue());
    }
    if (metric.getUnit() != null) {
      oneOf(at.field("unit"), metric.getUnit(), METRIC_UNITS);
    }
    Map<String, String> dimensions = metric.getDimensions();
    validateDimensions(at.field("dimensions"), dimensions, SpecRules.FILTER_DIMENSIONS_MAX);
    validateFilterDimensionValues(at.field("dimensions"), dimensions);
    Double defaultValue = metric.getDefaultValue();
    if (defaultValue != null && finite(at.field("defaultValue"), defaultValue)) {
      if (dimensions != null && !dimensions.isEmpty()) {
        at.field("defaultValue")
            .invalid(
                "must be absent when dimensions are set: AWS does not allow a default value on a"
                    + " metric with dimensions");
      }
    }
  }

  private static void validateFilterMetricName(Scope at, String value) {
    if (present(at, value) && length(at, value, 1, SpecRules.METRIC_NAME_MAX_LENGTH)) {
      excludes(at, value, SpecRules.FILTER_METRIC_FORBIDDEN);
    }
  }

  private static void validateAlarms(
      Scope at, List<AlarmSpec> alarms, Set<String> filterNames, OperatorConfig config) {
    if (alarms == null) {
      return;
    }
    maxItems(at, alarms, SpecRules.ALARMS_MAX_ITEMS, "alarms");
    Map<String, String> seen = new HashMap<>();
    for (int i = 0; i < alarms.size(); i++) {
      Scope item = at.index(i);
      if (present(item, alarms.get(i))) {
        validateAlarm(item, alarms.get(i), filterNames, seen, config);
      }
    }
  }

  private static void validateAlarm(
      Scope at,
      AlarmSpec alarm,
      Set<String> filterNames,
      Map<String, String> seen,
      OperatorConfig config) {
    Scope name = at.field("name");
    if (present(name, alarm.getName())
        && length(name, alarm.getName(), 1, SpecRules.ALARM_NAME_MAX_LENGTH)
        && matches(
            name,
            alarm.getName(),
            ALARM_NAME,
            "must start with a letter or digit and contain only letters, digits, . _ and -")) {
      unique(name, alarm.getName(), seen);
    }
    if (alarm.getDescription() != null) {
      length(
          at.field("description"),
          alarm.getDescription(),
          0,
          SpecRules.ALARM_DESCRIPTION_MAX_LENGTH);
    }
    validateAlarmSource(at, alarm, filterNames);
    validateStatistic(at, alarm);
    validateTiming(at, alarm);
    validateFilterAlarmPeriod(at.field("period"), alarm);
    String band = alarm.getThresholdMetricId();
    Scope operator = at.field("comparisonOperator");
    if (present(operator, alarm.getComparisonOperator())
        && oneOf(operator, alarm.getComparisonOperator(), COMPARISON_OPERATORS)) {
      boolean bandOperator = ComparisonOperator.isBand(alarm.getComparisonOperator());
      if (band != null && !bandOperator) {
        operator.invalid(
            "must be a band operator (LessThanLowerOrGreaterThanUpperThreshold,"
                + " LessThanLowerThreshold or GreaterThanUpperThreshold) with thresholdMetricId,"
                + " got "
                + quote(alarm.getComparisonOperator()));
      } else if (band == null && bandOperator) {
        operator.invalid(
            "compares with an anomaly detection band, which needs thresholdMetricId; use"
                + " GreaterThanThreshold and the like with a threshold, got "
                + quote(alarm.getComparisonOperator()));
      }
    }
    Scope threshold = at.field("threshold");
    if (band == null) {
      if (alarm.getThreshold() == null) {
        threshold.invalid(
            "required: give threshold, or thresholdMetricId for an anomaly detection band");
      } else {
        finite(threshold, alarm.getThreshold());
      }
    } else if (alarm.getThreshold() != null) {
      threshold.invalid(
          "must be absent with thresholdMetricId: the alarm compares with the anomaly detection"
              + " band, not a threshold");
    }
    if (alarm.getMetrics() != null) {
      validateMetricMath(at, alarm, filterNames);
    } else if (band != null) {
      at.field("thresholdMetricId")
          .invalid(
              "needs metrics: it names the entry of metrics whose expression is "
                  + SpecRules.BAND_FUNCTION
                  + "(id, width)");
    }
    if (alarm.getAnomalyDetector() != null && band == null) {
      at.field("anomalyDetector")
          .invalid("configures the model of an anomaly detection band and needs thresholdMetricId");
    }
    if (alarm.getTreatMissingData() != null) {
      oneOf(at.field("treatMissingData"), alarm.getTreatMissingData(), TREAT_MISSING_DATA);
    }
    if (alarm.getActions() != null) {
      validateActions(at.field("actions"), alarm.getActions(), config);
    }
  }

  private static void validateAlarmSource(Scope at, AlarmSpec alarm, Set<String> filterNames) {
    String filter = alarm.getMetricFilter();
    AlarmMetricSpec metric = alarm.getMetric();
    List<AlarmMetricQuerySpec> metrics = alarm.getMetrics();
    int sources = (filter == null ? 0 : 1) + (metric == null ? 0 : 1) + (metrics == null ? 0 : 1);
    if (sources != 1) {
      at.invalid(
          "give exactly one of metricFilter, metric or metrics, got "
              + (sources == 0 ? "none" : sources));
    }
    if (filter != null) {
      validateFilterReference(at.field("metricFilter"), filter, filterNames);
    }
    if (metric != null) {
      validateAlarmMetric(at.field("metric"), metric);
    }
  }

  private static void validateFilterReference(Scope at, String filter, Set<String> filterNames) {
    if (length(at, filter, 1, SpecRules.NAME_MAX_LENGTH) && !filterNames.contains(filter)) {
      at.invalid(
          "must name a metric filter of this ModelAudit ("
              + (filterNames.isEmpty() ? "none is defined" : "one of " + choices(filterNames))
              + "), got "
              + quote(filter));
    }
  }

  // ---- metric math and anomaly bands ----

  /**
   * The entries of a metric-math alarm: ids, sources and statistics, the expressions and the ids
   * they use, AWS's limits (10 metrics, 10 expressions), the one returned series and the anomaly
   * band.
   */
  private static void validateMetricMath(Scope alarmAt, AlarmSpec alarm, Set<String> filterNames) {
    Scope at = alarmAt.field("metrics");
    List<AlarmMetricQuerySpec> metrics = alarm.getMetrics();
    if (metrics.isEmpty()) {
      at.invalid("must have at least one entry");
      return;
    }
    maxItems(
        at,
        metrics,
        SpecRules.ALARM_METRICS_MAX_ITEMS,
        "entries (AWS allows 10 metrics and 10 expressions in an alarm's metrics)");
    Map<String, Integer> ids = new LinkedHashMap<>();
    Map<String, String> seen = new HashMap<>();
    Map<Integer, MetricMath.Parsed> parsed = new LinkedHashMap<>();
    int retrieved = 0;
    int expressions = 0;
    for (int i = 0; i < metrics.size(); i++) {
      Scope item = at.index(i);
      AlarmMetricQuerySpec query = metrics.get(i);
      if (!present(item, query)) {
        continue;
      }
      Scope id = item.field("id");
      if (present(id, query.getId())
          && length(id, query.getId(), 1, SpecRules.METRIC_ID_MAX_LENGTH)
          && matches(
              id,
              query.getId(),
              METRIC_ID,
              "must be letters, digits and _, starting with a lowercase letter")
          && unique(id, query.getId(), seen)) {
        ids.put(query.getId(), i);
      }
      int sources =
          (query.getMetricFilter() == null ? 0 : 1)
              + (query.getMetric() == null ? 0 : 1)
              + (query.getExpression() == null ? 0 : 1);
      if (sources != 1) {
        item.invalid(
            "give exactly one of metricFilter, metric or expression, got "
                + (sources == 0 ? "none" : sources));
      }
      if (query.getExpression() != null) {
        expressions++;
        if (query.getStat() != null) {
          item.field("stat")
              .invalid("must be absent with expression: only a retrieved metric has a statistic");
        }
        Scope expression = item.field("expression");
        if (length(expression, query.getExpression(), 1, SpecRules.METRIC_EXPRESSION_MAX_LENGTH)) {
          try {
            parsed.put(i, MetricMath.parse(query.getExpression()));
          } catch (MetricMath.Malformed e) {
            expression.invalid("is not metric math: " + e.getMessage());
          }
        }
      } else if (sources == 1) {
        retrieved++;
        Scope stat = item.field("stat");
        if (query.getStat() == null) {
          stat.invalid(
              "required: a retrieved metric needs a statistic such as Sum, Average or p99");
        } else {
          matches(
              stat,
              query.getStat(),
              METRIC_STAT,
              "must be one of " + choices(STATISTICS) + " or a percentile statistic such as p99");
        }
      }
      if (query.getMetricFilter() != null) {
        validateFilterReference(item.field("metricFilter"), query.getMetricFilter(), filterNames);
      }
      if (query.getMetric() != null) {
        validateAlarmMetric(item.field("metric"), query.getMetric());
      }
      if (query.getLabel() != null) {
        length(item.field("label"), query.getLabel(), 0, SpecRules.METRIC_LABEL_MAX_LENGTH);
      }
    }
    if (retrieved > SpecRules.ALARM_METRIC_STATS_MAX) {
      at.invalid(
          "must have at most "
              + SpecRules.ALARM_METRIC_STATS_MAX
              + " entries that retrieve a metric (AWS allows 10 metrics and 10 expressions in an"
              + " alarm's metrics), got "
              + retrieved);
    }
    if (expressions > SpecRules.ALARM_EXPRESSIONS_MAX) {
      at.invalid(
          "must have at most "
              + SpecRules.ALARM_EXPRESSIONS_MAX
              + " expressions (AWS allows 10 metrics and 10 expressions in an alarm's metrics), got "
              + expressions);
    }
    validateReferences(at, metrics, ids, parsed);
    validateReturnedSeries(alarmAt, alarm, ids, parsed);
  }

  /** Every id an expression uses names another entry, and no expression depends on itself. */
  private static void validateReferences(
      Scope at,
      List<AlarmMetricQuerySpec> metrics,
      Map<String, Integer> ids,
      Map<Integer, MetricMath.Parsed> parsed) {
    for (Map.Entry<Integer, MetricMath.Parsed> entry : parsed.entrySet()) {
      int i = entry.getKey();
      String own = metrics.get(i).getId();
      for (String used : entry.getValue().ids()) {
        if (used.equals(own)) {
          at.index(i).field("expression").invalid("uses its own id " + quote(used));
        } else if (!ids.containsKey(used)) {
          at.index(i)
              .field("expression")
              .invalid(
                  "uses id "
                      + quote(used)
                      + ", which no entry of metrics has"
                      + (ids.isEmpty() ? "" : " (ids: " + choices(ids.keySet()) + ")"));
        }
      }
    }
    for (int i : parsed.keySet()) {
      if (reachesItself(i, metrics, ids, parsed)) {
        at.index(i)
            .field("expression")
            .invalid("depends on itself through other expressions: metric math has no cycles");
      }
    }
  }

  private static boolean reachesItself(
      int start,
      List<AlarmMetricQuerySpec> metrics,
      Map<String, Integer> ids,
      Map<Integer, MetricMath.Parsed> parsed) {
    Set<Integer> visited = new TreeSet<>();
    List<Integer> todo = new ArrayList<>(List.of(start));
    while (!todo.isEmpty()) {
      int at = todo.remove(todo.size() - 1);
      MetricMath.Parsed expression = parsed.get(at);
      if (expression == null) {
        continue;
      }
      for (String used : expression.ids()) {
        Integer next = ids.get(used);
        if (next == null || next == at) {
          continue;
        }
        if (next == start) {
          return true;
        }
        if (visited.add(next)) {
          todo.add(next);
        }
      }
    }
    return false;
  }

  /**
   * Exactly one entry returns data (AWS: the series the alarm watches); with thresholdMetricId the
   * band entry is named by it, is ANOMALY_DETECTION_BAND over the returned series, and the periods
   * are a minute or longer; a band entry is always named by thresholdMetricId.
   */
  private static void validateReturnedSeries(
      Scope alarmAt,
      AlarmSpec alarm,
      Map<String, Integer> ids,
      Map<Integer, MetricMath.Parsed> parsed) {
    List<AlarmMetricQuerySpec> metrics = alarm.getMetrics();
    String bandId = alarm.getThresholdMetricId();
    Integer bandIndex = bandId == null ? null : ids.get(bandId);
    List<String> returning = new ArrayList<>();
    for (int i = 0; i < metrics.size(); i++) {
      AlarmMetricQuerySpec query = metrics.get(i);
      if (query != null
          && Boolean.TRUE.equals(query.getReturnData())
          && !Objects.equals(bandIndex, i)) {
        returning.add(query.getId());
      }
    }
    Scope at = alarmAt.field("metrics");
    if (returning.size() != 1) {
      at.invalid(
          "exactly one entry must have returnData true (the series the alarm compares"
              + (bandId == null ? "" : " with the band")
              + "), got "
              + (returning.isEmpty() ? "none" : returning.size() + ": " + choices(returning)));
    }
    for (Map.Entry<Integer, MetricMath.Parsed> entry : parsed.entrySet()) {
      if (entry.getValue().band().isPresent() && !Objects.equals(bandIndex, entry.getKey())) {
        at.index(entry.getKey())
            .field("expression")
            .invalid(
                "is an anomaly detection band: name its id in thresholdMetricId and use a band"
                    + " comparison operator");
      }
    }
    if (bandId == null) {
      return;
    }
    Scope band = alarmAt.field("thresholdMetricId");
    if (bandIndex == null) {
      band.invalid(
          "must name an entry of metrics (ids: "
              + choices(ids.keySet())
              + "), got "
              + quote(bandId));
      return;
    }
    Optional<MetricMath.Band> parsedBand =
        Optional.ofNullable(parsed.get(bandIndex)).flatMap(MetricMath.Parsed::band);
    if (parsedBand.isEmpty()) {
      band.invalid(
          "must name an entry whose expression is "
              + SpecRules.BAND_FUNCTION
              + "(id) or "
              + SpecRules.BAND_FUNCTION
              + "(id, width), got "
              + quote(bandId));
      return;
    }
    String of = parsedBand.get().of();
    if (returning.size() == 1 && !returning.get(0).equals(of)) {
      band.invalid(
          "names a band around "
              + quote(of)
              + " but the alarm returns "
              + quote(returning.get(0))
              + ": draw the band around the returned series");
    }
    Integer period = alarm.getPeriod();
    if (period != null && period < SpecRules.BAND_PERIOD_MIN_SECONDS) {
      alarmAt
          .field("period")
          .invalid(
              "must be at least "
                  + SpecRules.BAND_PERIOD_MIN_SECONDS
                  + " for an anomaly detection band (AWS), got "
                  + period);
    }
    if (alarm.getAnomalyDetector() != null) {
      Integer ofIndex = ids.get(of);
      AlarmMetricQuerySpec banded = ofIndex == null ? null : metrics.get(ofIndex);
      if (banded != null && banded.getExpression() != null) {
        alarmAt
            .field("anomalyDetector")
            .invalid(
                "configures a model of a metric, but the band is drawn around the expression "
                    + quote(of)
                    + ": band a metrics entry with metricFilter or metric, or drop"
                    + " anomalyDetector");
      }
      validateAnomalyDetector(alarmAt.field("anomalyDetector"), alarm.getAnomalyDetector());
    }
  }

  /**
   * CloudWatch keeps one anomaly model per metric and statistic, so two alarms that configure the
   * model of the same metric must configure it alike.
   */
  private static void validateAnomalyModels(
      Scope at, List<AlarmSpec> alarms, ModelAuditSpec expanded) {
    if (alarms == null) {
      return;
    }
    Map<String, Integer> first = new HashMap<>();
    for (int i = 0; i < alarms.size(); i++) {
      AlarmSpec alarm = alarms.get(i);
      Optional<String> model = modelKey(alarm, expanded);
      if (model.isEmpty()) {
        continue;
      }
      Integer earlier = first.putIfAbsent(model.get(), i);
      if (earlier != null
          && !Objects.equals(
              alarms.get(earlier).getAnomalyDetector(), alarm.getAnomalyDetector())) {
        at.index(i)
            .field("anomalyDetector")
            .invalid(
                "configures the model of "
                    + model.get()
                    + " unlike spec.alarms["
                    + earlier
                    + "]: CloudWatch keeps one model per metric and statistic, give both the"
                    + " same settings");
      }
    }
  }

  /** The metric and statistic an alarm's configured anomaly model is of, in words. */
  private static Optional<String> modelKey(AlarmSpec alarm, ModelAuditSpec expanded) {
    if (alarm == null
        || alarm.getAnomalyDetector() == null
        || alarm.getThresholdMetricId() == null
        || alarm.getMetrics() == null) {
      return Optional.empty();
    }
    Optional<MetricMath.Band> band =
        alarm.getMetrics().stream()
            .filter(q -> q != null && alarm.getThresholdMetricId().equals(q.getId()))
            .map(AlarmMetricQuerySpec::getExpression)
            .filter(Objects::nonNull)
            .findFirst()
            .flatMap(
                e -> {
                  try {
                    return MetricMath.parse(e).band();
                  } catch (MetricMath.Malformed malformed) {
                    return Optional.empty();
                  }
                });
    if (band.isEmpty()) {
      return Optional.empty();
    }
    return alarm.getMetrics().stream()
        .filter(q -> q != null && band.get().of().equals(q.getId()) && q.getExpression() == null)
        .findFirst()
        .flatMap(q -> metricWords(q, expanded).map(m -> m + " (" + q.getStat() + ")"));
  }

  private static Optional<String> metricWords(AlarmMetricQuerySpec query, ModelAuditSpec expanded) {
    if (query.getMetric() != null) {
      AlarmMetricSpec metric = query.getMetric();
      return Optional.of(
          metric.getNamespace()
              + " "
              + metric.getName()
              + (metric.getDimensions() == null || metric.getDimensions().isEmpty()
                  ? ""
                  : " " + new java.util.TreeMap<>(metric.getDimensions())));
    }
    if (query.getMetricFilter() == null || expanded.getMetricFilters() == null) {
      return Optional.empty();
    }
    return expanded.getMetricFilters().stream()
        .filter(
            f -> f != null && query.getMetricFilter().equals(f.getName()) && f.getMetric() != null)
        .findFirst()
        .map(f -> f.getMetric().getNamespace() + " " + f.getMetric().getName());
  }

  private static void validateAnomalyDetector(Scope at, AnomalyDetectorSpec detector) {
    List<TimeRangeSpec> ranges = detector.getExcludedTimeRanges();
    if (ranges != null) {
      Scope rangesAt = at.field("excludedTimeRanges");
      maxItems(rangesAt, ranges, SpecRules.EXCLUDED_TIME_RANGES_MAX, "excluded time ranges (AWS)");
      for (int i = 0; i < ranges.size(); i++) {
        Scope item = rangesAt.index(i);
        TimeRangeSpec range = ranges.get(i);
        if (!present(item, range)) {
          continue;
        }
        Optional<LocalDateTime> start = time(item.field("start"), range.getStart());
        Optional<LocalDateTime> end = time(item.field("end"), range.getEnd());
        if (start.isPresent() && end.isPresent() && !start.get().isBefore(end.get())) {
          item.field("end")
              .invalid("must be after start (" + range.getStart() + "), got " + range.getEnd());
        }
      }
    }
    String zone = detector.getMetricTimezone();
    if (zone != null
        && length(at.field("metricTimezone"), zone, 1, SpecRules.TIMEZONE_MAX_LENGTH)
        && !ZoneId.getAvailableZoneIds().contains(zone)) {
      at.field("metricTimezone")
          .invalid(
              "must be a time zone of the tz database such as Europe/Berlin or UTC, got "
                  + quote(zone));
    }
  }

  private static Optional<LocalDateTime> time(Scope at, String text) {
    if (!present(at, text)
        || !matches(
            at, text, TIME, "must be yyyy-MM-ddTHH:mm:ss in UTC, e.g. 2026-11-20T08:00:00")) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDateTime.parse(text));
    } catch (DateTimeParseException e) {
      at.invalid("is not a date and time that exists, got " + quote(text));
      return Optional.empty();
    }
  }

  private static void validateAlarmMetric(Scope at, AlarmMetricSpec metric) {
    Scope namespace = at.field("namespace");
    if (present(namespace, metric.getNamespace())
        && length(namespace, metric.getNamespace(), 1, SpecRules.METRIC_NAME_MAX_LENGTH)) {
      excludes(namespace, metric.getNamespace(), SpecRules.ALARM_NAMESPACE_FORBIDDEN);
    }
    Scope name = at.field("name");
    if (present(name, metric.getName())) {
      length(name, metric.getName(), 1, SpecRules.METRIC_NAME_MAX_LENGTH);
    }
    validateDimensions(
        at.field("dimensions"), metric.getDimensions(), SpecRules.ALARM_DIMENSIONS_MAX);
  }

  /**
   * What each alarm watches: a filter's metric only when it has no dimensions (an alarm on the
   * filter watches the metric without dimensions, which a filter with dimensions never publishes);
   * one of this ModelAudit's own metrics with exactly its dimensions; or a metric of a namespace
   * the operator's policy allows this namespace.
   */
  private static void validateAlarmMetrics(
      Scope at,
      List<AlarmSpec> alarms,
      ModelAuditSpec expanded,
      String namespace,
      OperatorConfig config) {
    if (alarms == null) {
      return;
    }
    Map<String, MetricTransformationSpec> filters = new HashMap<>();
    if (expanded.getMetricFilters() != null) {
      for (MetricFilterSpec filter : expanded.getMetricFilters()) {
        if (filter != null && filter.getName() != null && filter.getMetric() != null) {
          filters.putIfAbsent(filter.getName(), filter.getMetric());
        }
      }
    }
    for (int i = 0; i < alarms.size(); i++) {
      AlarmSpec alarm = alarms.get(i);
      if (alarm == null) {
        continue;
      }
      MetricTransformationSpec filtered =
          alarm.getMetricFilter() == null ? null : filters.get(alarm.getMetricFilter());
      if (filtered != null && alarm.getMetric() == null) {
        validateAlarmOnFilter(at.index(i).field("metricFilter"), alarm.getMetricFilter(), filtered);
      }
      if (alarm.getMetric() != null) {
        validateWatchedMetric(
            at.index(i).field("metric"), alarm.getMetric(), expanded, namespace, config);
      }
      List<AlarmMetricQuerySpec> metrics = alarm.getMetrics();
      for (int j = 0; metrics != null && j < metrics.size(); j++) {
        AlarmMetricQuerySpec query = metrics.get(j);
        if (query == null) {
          continue;
        }
        Scope entry = at.index(i).field("metrics").index(j);
        MetricTransformationSpec queried =
            query.getMetricFilter() == null ? null : filters.get(query.getMetricFilter());
        if (queried != null && query.getMetric() == null) {
          validateAlarmOnFilter(entry.field("metricFilter"), query.getMetricFilter(), queried);
        }
        if (query.getMetric() != null) {
          validateWatchedMetric(
              entry.field("metric"), query.getMetric(), expanded, namespace, config);
        }
      }
    }
  }

  private static void validateAlarmOnFilter(
      Scope at, String filterName, MetricTransformationSpec metric) {
    List<String> dimensions = dimensionNames(metric.getDimensions());
    if (dimensions.isEmpty() || metric.getNamespace() == null || metric.getName() == null) {
      return;
    }
    at.invalid(
        "filter "
            + quote(filterName)
            + " publishes its metric with "
            + (dimensions.size() == 1 ? "dimension " : "dimensions ")
            + String.join(", ", dimensions)
            + " (a value per event), so an alarm on the filter would watch the metric without"
            + " dimensions, which never gets data; watch one value instead: metric: {namespace: "
            + metric.getNamespace()
            + ", name: "
            + metric.getName()
            + ", dimensions: {"
            + dimensions.stream().map(d -> d + ": <value>").collect(Collectors.joining(", "))
            + "}}");
  }

  private static void validateWatchedMetric(
      Scope at,
      AlarmMetricSpec metric,
      ModelAuditSpec spec,
      String namespace,
      OperatorConfig config) {
    String metricNamespace = metric.getNamespace();
    String metricName = metric.getName();
    if (metricNamespace == null
        || metricName == null
        || codePoints(metricNamespace) < 1
        || codePoints(metricNamespace) > SpecRules.METRIC_NAME_MAX_LENGTH
        || metricNamespace.contains(SpecRules.ALARM_NAMESPACE_FORBIDDEN)) {
      return; // reported by validateAlarmMetric
    }
    List<String> watched = dimensionNames(metric.getDimensions());
    Map<String, List<String>> published = new LinkedHashMap<>();
    if (spec.getMetricFilters() != null) {
      for (MetricFilterSpec filter : spec.getMetricFilters()) {
        MetricTransformationSpec own = filter == null ? null : filter.getMetric();
        if (own != null
            && metricNamespace.equals(own.getNamespace())
            && metricName.equals(own.getName())) {
          published.putIfAbsent(
              String.valueOf(filter.getName()), dimensionNames(own.getDimensions()));
        }
      }
    }
    if (published.containsValue(watched)) {
      return; // one of this ModelAudit's own metrics
    }
    if (!published.isEmpty()) {
      at.field("dimensions")
          .invalid(
              "must name exactly the dimensions this ModelAudit's "
                  + published.entrySet().stream()
                      .map(
                          e ->
                              "filter "
                                  + quote(e.getKey())
                                  + " publishes "
                                  + metricNamespace
                                  + "/"
                                  + metricName
                                  + " with ("
                                  + (e.getValue().isEmpty()
                                      ? "none"
                                      : String.join(", ", e.getValue()))
                                  + ")")
                      .collect(Collectors.joining(" or "))
                  + ", got "
                  + (watched.isEmpty() ? "none" : String.join(", ", watched))
                  + ": no filter publishes the metric the alarm would watch");
      return;
    }
    if (!config.isAllowedAlarmMetricNamespace(namespace, metricNamespace)) {
      List<String> allowed = config.alarmMetricNamespacesFor(namespace);
      at.field("namespace")
          .policy(
              "is not allowed by the operator's policy: an alarm in namespace "
                  + namespace
                  + " may watch the metrics this ModelAudit's filters publish"
                  + (allowed.isEmpty()
                      ? " and no others"
                      : " and those in metric namespace "
                          + choices(allowed.stream().map(SpecValidator::quote).toList())
                          + " or below it")
                  + ", got "
                  + quote(metricNamespace));
    }
  }

  private static List<String> dimensionNames(Map<String, String> dimensions) {
    return dimensions == null
        ? List.of()
        : dimensions.keySet().stream().filter(Objects::nonNull).sorted().toList();
  }

  private static void validateStatistic(Scope at, AlarmSpec alarm) {
    String statistic = alarm.getStatistic();
    String extended = alarm.getExtendedStatistic();
    if (alarm.getMetrics() != null) {
      if (statistic != null || extended != null) {
        at.field(statistic != null ? "statistic" : "extendedStatistic")
            .invalid("must be absent with metrics: each entry of metrics has its stat");
      }
      return;
    }
    exactlyOne(at, "statistic", statistic, "extendedStatistic", extended);
    if (statistic != null) {
      oneOf(at.field("statistic"), statistic, STATISTICS);
    }
    if (extended != null) {
      matches(
          at.field("extendedStatistic"),
          extended,
          EXTENDED_STATISTIC,
          "must be a percentile statistic such as p99, p99.9, tm90 or IQM");
    }
  }

  /** Period, evaluation periods and datapoints to alarm, which AWS checks together. */
  private static void validateTiming(Scope at, AlarmSpec alarm) {
    Integer period = alarm.getPeriod();
    Integer evaluations = alarm.getEvaluationPeriods();
    Scope periodAt = at.field("period");
    boolean periodOk = present(periodAt, period) && validatePeriod(periodAt, period);
    Scope evaluationsAt = at.field("evaluationPeriods");
    boolean evaluationsOk =
        present(evaluationsAt, evaluations)
            && between(evaluationsAt, evaluations, 1, SpecRules.EVALUATION_PERIODS_MAX);
    if (periodOk && evaluationsOk) {
      evaluationRange(evaluationsAt, period, evaluations);
    }
    datapointsToAlarm(
        at.field("datapointsToAlarm"),
        alarm.getDatapointsToAlarm(),
        evaluationsOk ? evaluations : null);
  }

  /** AWS's limit on the time an alarm evaluates: period times evaluation periods. */
  private static void evaluationRange(Scope at, int period, int evaluations) {
    long range = (long) period * evaluations;
    long limit =
        period >= SpecRules.LONG_PERIOD_SECONDS
            ? SpecRules.EVALUATION_RANGE_MAX_SECONDS_LONG_PERIODS
            : SpecRules.EVALUATION_RANGE_MAX_SECONDS;
    if (range > limit) {
      at.invalid(
          SpecRules.EVALUATION_RANGE_MESSAGE
              + ", got "
              + period
              + " * "
              + evaluations
              + " = "
              + range);
    }
  }

  /**
   * Datapoints to alarm: between 1 and the evaluation periods, or their maximum when those are
   * invalid (null).
   */
  private static void datapointsToAlarm(Scope at, Integer datapoints, Integer evaluations) {
    if (datapoints == null) {
      return;
    }
    int max = evaluations != null ? evaluations : SpecRules.EVALUATION_PERIODS_MAX;
    if (datapoints < 1 || datapoints > max) {
      at.invalid(
          "must be between 1 and "
              + (evaluations != null ? "evaluationPeriods (" + max + ")" : max)
              + ", got "
              + datapoints);
    }
  }

  private static boolean validatePeriod(Scope at, int period) {
    boolean allowed =
        SpecRules.HIGH_RESOLUTION_PERIODS_ALLOWED.contains(period)
            || (period > 0 && period % SpecRules.PERIOD_MULTIPLE == 0);
    if (!allowed) {
      at.invalid("must be " + SpecRules.PERIOD_CHOICES + ", got " + period);
      return false;
    }
    if (period > SpecRules.PERIOD_MAX_SECONDS) {
      at.invalid(
          "must be at most " + SpecRules.PERIOD_MAX_SECONDS + " seconds (7 days), got " + period);
      return false;
    }
    return true;
  }

  private static void validateActions(Scope at, AlarmActionsSpec actions, OperatorConfig config) {
    validateActionList(at.field("alarm"), actions.getAlarm(), config);
    validateActionList(at.field("ok"), actions.getOk(), config);
    validateActionList(at.field("insufficientData"), actions.getInsufficientData(), config);
  }

  private static void validateActionList(Scope at, List<String> arns, OperatorConfig config) {
    validateDistinctTexts(
        at,
        arns,
        SpecRules.ACTIONS_PER_STATE_MAX,
        "actions per alarm state",
        SpecRules.ACTION_ARN_MAX_LENGTH,
        (item, arn) ->
            matches(
                item,
                arn,
                ACTION_ARN,
                "must be an ARN such as arn:aws:sns:us-east-1:123456789012:t"),
        (item, arn) -> validateActionPolicy(item, arn, config));
  }

  /**
   * A list of distinct texts (stream names, action ARNs): at most {@code max} of them, each
   * present, 1 to {@code maxLength} characters long, passing {@code check} and not seen before;
   * {@code accepted} gets each text that passed all of these.
   */
  private static void validateDistinctTexts(
      Scope at,
      List<String> texts,
      int max,
      String what,
      int maxLength,
      BiPredicate<Scope, String> check,
      BiConsumer<Scope, String> accepted) {
    if (texts == null) {
      return;
    }
    maxItems(at, texts, max, what);
    Map<String, String> seen = new HashMap<>();
    for (int i = 0; i < texts.size(); i++) {
      Scope item = at.index(i);
      String text = texts.get(i);
      if (present(item, text)
          && length(item, text, 1, maxLength)
          && check.test(item, text)
          && unique(item, text, seen)) {
        accepted.accept(item, text);
      }
    }
  }

  // ---- presets ----

  /** Each preset's parameters; the schema allows the same. */
  private static void validatePresets(Scope at, PresetsSpec presets) {
    if (presets == null) {
      return;
    }
    validateRatePreset(at.field("errorRate"), presets.getErrorRate());
    validateRatePreset(at.field("refusalRate"), presets.getRefusalRate());
    validateRatePreset(at.field("truncationRate"), presets.getTruncationRate());
    TokenUsagePresetSpec tokens = presets.getTokenUsage();
    if (tokens != null) {
      validatePresetTiming(at.field("tokenUsage"), tokens);
      if (tokens.getBandWidth() != null
          && finite(at.field("tokenUsage").field("bandWidth"), tokens.getBandWidth())
          && (tokens.getBandWidth() < 0.1 || tokens.getBandWidth() > 100)) {
        at.field("tokenUsage")
            .field("bandWidth")
            .invalid("must be between 0.1 and 100, got " + tokens.getBandWidth());
      }
    }
    LatencyPresetSpec latency = presets.getLatencyP99();
    if (latency != null) {
      validatePresetTiming(at.field("latencyP99"), latency);
      nonNegative(at.field("latencyP99").field("threshold"), latency.getThreshold());
    }
    validateScorePreset(at.field("lowConfidence"), presets.getLowConfidence());
    validateScorePreset(at.field("lowEvaluationScore"), presets.getLowEvaluationScore());
  }

  private static void validateRatePreset(Scope at, RatePresetSpec preset) {
    if (preset != null) {
      validatePresetTiming(at, preset);
      percent(at.field("threshold"), preset.getThreshold());
    }
  }

  private static void validateScorePreset(Scope at, ScoreRatePresetSpec preset) {
    if (preset != null) {
      validatePresetTiming(at, preset);
      if (preset.getBelow() != null) {
        finite(at.field("below"), preset.getBelow());
      }
      percent(at.field("threshold"), preset.getThreshold());
    }
  }

  /** A preset's period, evaluation periods and datapoints, with the presets' defaults. */
  private static void validatePresetTiming(Scope at, PresetSpec preset) {
    Integer period = preset.getPeriod();
    boolean periodOk = true;
    if (period != null) {
      periodOk =
          between(
              at.field("period"), period, SpecRules.PERIOD_MULTIPLE, SpecRules.PERIOD_MAX_SECONDS);
      if (periodOk && period % SpecRules.PERIOD_MULTIPLE != 0) {
        at.field("period")
            .invalid(
                "must be a multiple of "
                    + SpecRules.PERIOD_MULTIPLE
                    + " (a preset's metrics come from metric filters, which publish one data"
                    + " point a minute), got "
                    + period);
        periodOk = false;
      }
    }
    Integer evaluations = preset.getEvaluationPeriods();
    boolean evaluationsOk =
        evaluations == null
            || between(
                at.field("evaluationPeriods"), evaluations, 1, SpecRules.EVALUATION_PERIODS_MAX);
    int p = period == null ? SpecRules.PRESET_PERIOD_DEFAULT_SECONDS : period;
    int e = evaluations == null ? SpecRules.PRESET_EVALUATION_PERIODS_DEFAULT : evaluations;
    if (periodOk && evaluationsOk) {
      evaluationRange(at.field(evaluations != null ? "evaluationPeriods" : "period"), p, e);
    }
    datapointsToAlarm(
        at.field("datapointsToAlarm"), preset.getDatapointsToAlarm(), evaluationsOk ? e : null);
  }

  private static void percent(Scope at, Double value) {
    if (value != null && finite(at, value) && (value < 0 || value > SpecRules.PERCENT_MAX)) {
      at.invalid("must be a percentage between 0 and 100, got " + value);
    }
  }

  private static void nonNegative(Scope at, Double value) {
    if (value != null && finite(at, value) && value < 0) {
      at.invalid("must be 0 or more, got " + value);
    }
  }

  /**
   * What the presets make against what is written by hand: no name twice, AWS's limits on filters
   * and alarms, no filters on an INFREQUENT_ACCESS log group.
   */
  private static void validatePresetParts(
      Scope at,
      ModelAuditSpec spec,
      List<PresetExpansion.Expanded> presets,
      ModelAuditSpec expanded) {
    if (presets.isEmpty()) {
      return;
    }
    Map<String, Integer> filters = indexByName(spec.getMetricFilters(), MetricFilterSpec::getName);
    Map<String, Integer> alarms = indexByName(spec.getAlarms(), AlarmSpec::getName);
    for (PresetExpansion.Expanded preset : presets) {
      Scope presetAt = at.field(preset.preset());
      for (MetricFilterSpec filter : preset.filters()) {
        Integer clash = filters.get(filter.getName());
        if (clash != null) {
          presetAt.invalid(
              "makes metric filter "
                  + quote(filter.getName())
                  + ", which spec.metricFilters["
                  + clash
                  + "] also names: rename that filter or remove the preset");
        }
      }
      for (AlarmSpec alarm : preset.alarms()) {
        Integer clash = alarms.get(alarm.getName());
        if (clash != null) {
          presetAt.invalid(
              "makes alarm "
                  + quote(alarm.getName())
                  + ", which spec.alarms["
                  + clash
                  + "] also names: rename that alarm or remove the preset");
        }
      }
    }
    LogGroupSpec logGroup = spec.getLogGroup();
    if (logGroup != null
        && LogGroupClass.INFREQUENT_ACCESS.name().equals(logGroup.getLogGroupClass())) {
      at.invalid(
          "must be absent: presets make metric filters, which AWS does not allow on an"
              + " INFREQUENT_ACCESS log group; use class STANDARD");
    }
    int filterCount = expanded.getMetricFilters().size();
    if (filterCount > SpecRules.METRIC_FILTERS_MAX_ITEMS) {
      at.invalid(
          "make the log group's metric filters "
              + filterCount
              + " with the hand-written ones; AWS allows "
              + SpecRules.METRIC_FILTERS_MAX_ITEMS
              + " per log group");
    }
    int alarmCount = expanded.getAlarms().size();
    if (alarmCount > SpecRules.ALARMS_MAX_ITEMS) {
      at.invalid(
          "make the alarms "
              + alarmCount
              + " with the hand-written ones; at most "
              + SpecRules.ALARMS_MAX_ITEMS
              + " are allowed");
    }
  }

  private static <T> Map<String, Integer> indexByName(
      List<T> items, java.util.function.Function<T, String> name) {
    Map<String, Integer> index = new HashMap<>();
    if (items != null) {
      for (int i = 0; i < items.size(); i++) {
        if (items.get(i) != null && name.apply(items.get(i)) != null) {
          index.putIfAbsent(name.apply(items.get(i)), i);
        }
      }
    }
    return index;
  }

  // ---- the health alarm ----

  private static void validateHealthAlarm(
      Scope at,
      HealthAlarmSpec health,
      ModelAuditSpec expanded,
      String namespace,
      String name,
      OperatorConfig config) {
    if (health == null) {
      return;
    }
    List<String> alarmNames = new ArrayList<>();
    if (expanded.getAlarms() != null) {
      for (AlarmSpec alarm : expanded.getAlarms()) {
        if (alarm != null && alarm.getName() != null) {
          alarmNames.add(alarm.getName());
        }
      }
    }
    String suppressor = null;
    ActionsSuppressorSpec suppress = health.getActionsSuppressor();
    if (suppress != null) {
      Scope suppressAt = at.field("actionsSuppressor");
      Scope alarm = suppressAt.field("alarm");
      if (present(alarm, suppress.getAlarm())
          && length(alarm, suppress.getAlarm(), 1, SpecRules.ACTION_ARN_MAX_LENGTH)) {
        if (alarmNames.contains(suppress.getAlarm())) {
          suppressor = suppress.getAlarm();
        } else if (!ALARM_ARN.matcher(suppress.getAlarm()).matches()) {
          alarm.invalid(
              "must name one of this ModelAudit's alarms ("
                  + (alarmNames.isEmpty() ? "it has none" : "one of " + choices(alarmNames))
                  + ") or be an alarm ARN such as"
                  + " arn:aws:cloudwatch:us-east-1:123456789012:alarm:maintenance, got "
                  + quote(suppress.getAlarm()));
        }
      }
      if (suppress.getWaitPeriod() != null) {
        between(
            suppressAt.field("waitPeriod"),
            suppress.getWaitPeriod(),
            0,
            SpecRules.SUPPRESSOR_PERIOD_MAX_SECONDS);
      }
      if (suppress.getExtensionPeriod() != null) {
        between(
            suppressAt.field("extensionPeriod"),
            suppress.getExtensionPeriod(),
            0,
            SpecRules.SUPPRESSOR_PERIOD_MAX_SECONDS);
      }
    }
    List<String> watched = new ArrayList<>();
    List<String> chosen = health.getAlarms();
    if (chosen != null) {
      Scope alarmsAt = at.field("alarms");
      if (chosen.isEmpty()) {
        alarmsAt.invalid("must name at least one alarm; leave it out to watch every alarm");
      }
      maxItems(
          alarmsAt,
          chosen,
          SpecRules.HEALTH_ALARM_CHILDREN_MAX,
          "alarms (AWS's limit for a composite alarm)");
      Map<String, String> seen = new HashMap<>();
      for (int i = 0; i < chosen.size(); i++) {
        Scope item = alarmsAt.index(i);
        String alarm = chosen.get(i);
        if (!present(item, alarm) || !unique(item, alarm, seen)) {
          continue;
        }
        if (!alarmNames.contains(alarm)) {
          item.invalid(
              "must name an alarm of this ModelAudit ("
                  + (alarmNames.isEmpty() ? "it has none" : "one of " + choices(alarmNames))
                  + "), got "
                  + quote(alarm));
        } else if (alarm.equals(suppressor)) {
          item.invalid(
              "is the actions suppressor: the health alarm cannot watch the alarm that silences"
                  + " it");
        } else {
          watched.add(alarm);
        }
      }
    } else {
      for (String alarm : alarmNames) {
        if (!alarm.equals(suppressor) && !watched.contains(alarm)) {
          watched.add(alarm);
        }
      }
      if (watched.isEmpty()) {
        at.invalid(
            "has no alarm to watch: add alarms or presets"
                + (suppressor == null ? "" : " besides the actions suppressor"));
      }
      if (watched.size() > SpecRules.HEALTH_ALARM_CHILDREN_MAX) {
        at.field("alarms")
            .invalid(
                "is required with more than "
                    + SpecRules.HEALTH_ALARM_CHILDREN_MAX
                    + " alarms: a composite alarm watches at most that many (AWS), and this"
                    + " ModelAudit has "
                    + watched.size());
      }
    }
    if (!watched.isEmpty() && watched.size() <= SpecRules.HEALTH_ALARM_CHILDREN_MAX) {
      List<String> awsNames =
          watched.stream()
              .map(a -> Names.alarmName(config.alarmNamePrefix(), namespace, name, a))
              .toList();
      int length = HealthRule.anyInAlarm(awsNames).length();
      if (length > SpecRules.ALARM_RULE_MAX_LENGTH) {
        at.field("alarms")
            .invalid(
                "makes a rule of "
                    + length
                    + " characters; AWS allows "
                    + SpecRules.ALARM_RULE_MAX_LENGTH
                    + ": watch fewer alarms");
      }
    }
    if (health.getDescription() != null) {
      length(
          at.field("description"),
          health.getDescription(),
          0,
          SpecRules.ALARM_DESCRIPTION_MAX_LENGTH);
    }
    if (health.getActions() != null) {
      validateActions(at.field("actions"), health.getActions(), config);
    }
  }

  private static void validateNotifications(
      Scope at, NotificationsSpec notifications, OperatorConfig config) {
    if (notifications == null || notifications.getSnsTopicArn() == null) {
      return;
    }
    Scope arnAt = at.field("snsTopicArn");
    String arn = notifications.getSnsTopicArn();
    if (length(arnAt, arn, 1, SpecRules.ARN_MAX_LENGTH)
        && matches(
            arnAt,
            arn,
            SNS_TOPIC_ARN,
            "must be an SNS topic ARN such as arn:aws:sns:us-east-1:123456789012:model-alerts")) {
      validateActionPolicy(arnAt, arn, config);
    }
  }

  private static void validateActionPolicy(Scope at, String arn, OperatorConfig config) {
    if (config.isAllowedActionArn(arn)) {
      return;
    }
    List<String> patterns = config.allowedActionArnPatterns();
    at.policy(
        patterns.isEmpty()
            ? "is not allowed: the operator's configuration allows no action ARNs, got "
                + quote(arn)
            : "is not allowed by the operator's policy: action ARNs must match "
                + String.join(" or ", patterns)
                + accountNote(patterns, config)
                + ", got "
                + quote(arn));
  }

  /**
   * What {account} stands for, without naming the operator's account: tenants read this message.
   */
  private static String accountNote(List<String> patterns, OperatorConfig config) {
    if (patterns.stream().noneMatch(p -> p.contains(Settings.ACCOUNT_PLACEHOLDER))) {
      return "";
    }
    return config.aws().account().isPresent()
        ? " (" + Settings.ACCOUNT_PLACEHOLDER + " is the operator's own AWS account)"
        : " ("
            + Settings.ACCOUNT_PLACEHOLDER
            + " is the operator's own AWS account, which it does"
            + " not know, so it matches none)";
  }

  private static void validateTags(Scope at, Map<String, String> tags) {
    if (tags == null) {
      return;
    }
    maxItems(
        at,
        tags.keySet(),
        SpecRules.TAGS_MAX,
        "tags (AWS allows 50 and the operator adds up to 6 of its own)");
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      String key = tag.getKey() == null ? "" : tag.getKey();
      validateTag(at.key(key), key, tag.getValue());
    }
  }

  private static void validateTag(Scope at, String key, String value) {
    int keyLength = codePoints(key);
    String lowerKey = key.toLowerCase(Locale.ROOT);
    if (keyLength < 1 || keyLength > SpecRules.TAG_KEY_MAX_LENGTH) {
      at.invalid(
          "tag key must be 1-" + SpecRules.TAG_KEY_MAX_LENGTH + " characters, got " + keyLength);
    } else if (!TAG_TEXT.matcher(key).matches()) {
      at.invalid("tag key " + TAG_TEXT_RULE);
    } else if (lowerKey.startsWith(SpecRules.AWS_TAG_PREFIX)) {
      at.invalid("tag key must not start with " + SpecRules.AWS_TAG_PREFIX + " (reserved by AWS)");
    } else if (lowerKey.startsWith(SpecRules.OPERATOR_TAG_PREFIX)) {
      at.invalid(
          "tag key must not start with "
              + SpecRules.OPERATOR_TAG_PREFIX
              + " (reserved for the operator's tags)");
    }
    if (value == null) {
      at.invalid("tag value is required; use \"\" for an empty value");
    } else if (codePoints(value) > SpecRules.TAG_VALUE_MAX_LENGTH) {
      at.invalid(
          "tag value must be at most "
              + SpecRules.TAG_VALUE_MAX_LENGTH
              + " characters, got "
              + codePoints(value));
    } else if (!TAG_TEXT.matcher(value).matches()) {
      at.invalid("tag value " + TAG_TEXT_RULE + ", got " + quote(value));
    }
  }

  private static void validateDeletionPolicy(Scope at, String deletionPolicy) {
    if (deletionPolicy != null) {
      oneOf(at, deletionPolicy, DELETION_POLICIES);
    }
  }

  /** Dimension names and values of a metric; both must be 1-255 characters. */
  private static void validateDimensions(Scope at, Map<String, String> dimensions, int max) {
    if (dimensions == null) {
      return;
    }
    maxItems(at, dimensions.keySet(), max, "dimensions");
    for (Map.Entry<String, String> dimension : dimensions.entrySet()) {
      String key = dimension.getKey() == null ? "" : dimension.getKey();
      Scope entry = at.key(key);
      dimensionText(entry, "name", key);
      if (dimension.getValue() == null) {
        entry.invalid("dimension value is required");
      } else {
        dimensionText(entry, "value", dimension.getValue());
      }
    }
  }

  private static void dimensionText(Scope at, String part, String text) {
    int length = codePoints(text);
    if (length < 1 || length > SpecRules.DIMENSION_MAX_LENGTH) {
      at.invalid(
          "dimension "
              + part
              + " must be 1-"
              + SpecRules.DIMENSION_MAX_LENGTH
              + " characters, got "
              + length);
    }
  }

  // ---- what AWS accepts only at run time, or silently ----

  /**
   * A well-formed region that AWS does not have would be retried as a network failure forever; the
   * regions come from the operator's AWS SDK (and MODELAUDIT_EXTRA_REGIONS) through its
   * configuration.
   */
  private static void validateKnownRegion(Scope at, String region, OperatorConfig config) {
    if (region == null
        || region.length() > SpecRules.REGION_MAX_LENGTH
        || !REGION.matcher(region).matches()
        || config.isKnownRegion(region)) {
      return;
    }
    String closest = closest(region, config.knownRegions());
    at.invalid(
        "must be a region AWS has"
            + (closest == null ? "" : " (did you mean " + closest + "?)")
            + ", got "
            + quote(region)
            + "; a region newer than the operator can be added to its MODELAUDIT_EXTRA_REGIONS");
  }

  /** The known region nearest to a mistyped one (at most two edits away), or null. */
  private static String closest(String region, Set<String> known) {
    String best = null;
    int bestDistance = 3;
    for (String candidate : new java.util.TreeSet<>(known)) {
      int distance = editDistance(region, candidate);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }

  /** Levenshtein distance, with a swap of two neighbours counted as one edit. */
  private static int editDistance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  /**
   * What a metric filter publishes when it matches: a number, or the value of a field of the event.
   * AWS takes any text up to 100 characters here and publishes nothing for a word.
   */
  private static void validateMetricValue(Scope at, String value) {
    if (!METRIC_VALUE.matcher(value).matches()) {
      at.invalid("must be " + SpecRules.METRIC_VALUE_RULE + ", got " + quote(value));
    }
  }

  /** A metric filter's dimension takes its value from a field of the matched event. */
  private static void validateFilterDimensionValues(Scope at, Map<String, String> dimensions) {
    if (dimensions == null) {
      return;
    }
    for (Map.Entry<String, String> dimension : dimensions.entrySet()) {
      String value = dimension.getValue();
      if (value != null
          && codePoints(value) >= 1
          && codePoints(value) <= SpecRules.DIMENSION_MAX_LENGTH
          && !EVENT_FIELD.matcher(value).matches()) {
        at.key(dimension.getKey() == null ? "" : dimension.getKey())
            .invalid(
                "dimension value must be " + SpecRules.EVENT_FIELD_RULE + ", got " + quote(value));
      }
    }
  }

  /**
   * CloudWatch publishes the metrics of metric filters at one-minute resolution, so an alarm on one
   * with a 10, 20 or 30-second period would see missing data most of the time.
   */
  private static void validateFilterAlarmPeriod(Scope at, AlarmSpec alarm) {
    Integer period = alarm.getPeriod();
    boolean onFilter =
        alarm.getMetricFilter() != null
            || (alarm.getMetrics() != null
                && alarm.getMetrics().stream()
                    .anyMatch(q -> q != null && q.getMetricFilter() != null));
    if (onFilter && period != null && SpecRules.HIGH_RESOLUTION_PERIODS_ALLOWED.contains(period)) {
      at.invalid(
          "must be a multiple of 60 for an alarm on a metric filter's metric: CloudWatch"
              + " publishes those at one-minute resolution, got "
              + period);
    }
  }

  /** The region the ModelAudit's resources live in; null when spec.region is itself invalid. */
  private static String regionOf(ModelAuditSpec spec, OperatorConfig config) {
    String region = spec.getRegion() == null ? config.defaultRegion() : spec.getRegion();
    return region.length() <= SpecRules.REGION_MAX_LENGTH
            && REGION.matcher(region).matches()
            && config.isKnownRegion(region)
        ? region
        : null;
  }

  /** A log group can only use a KMS key of its own region. */
  private static void validateKmsKeyRegion(Scope at, ModelAuditSpec spec, OperatorConfig config) {
    String key = spec.getLogGroup() == null ? null : spec.getLogGroup().getKmsKeyArn();
    if (key != null && KMS_KEY_ARN.matcher(key).matches()) {
      sameRegion(at, key, regionOf(spec, config), "a KMS key");
    }
  }

  /** An alarm can only notify SNS topics of its own region. */
  private static void validateTopicRegion(Scope at, ModelAuditSpec spec, OperatorConfig config) {
    String topic =
        spec.getNotifications() == null ? null : spec.getNotifications().getSnsTopicArn();
    if (topic != null && SNS_TOPIC_ARN.matcher(topic).matches()) {
      sameRegion(at, topic, regionOf(spec, config), "an SNS topic");
    }
  }

  private static void validateActionRegions(Scope at, ModelAuditSpec spec, OperatorConfig config) {
    if (spec.getAlarms() == null) {
      return;
    }
    String region = regionOf(spec, config);
    for (int i = 0; i < spec.getAlarms().size(); i++) {
      AlarmSpec alarm = spec.getAlarms().get(i);
      AlarmActionsSpec actions = alarm == null ? null : alarm.getActions();
      if (actions != null) {
        actionsInRegion(at.index(i).field("actions"), actions, region);
      }
    }
  }

  /** The health alarm can only notify SNS topics of its own region, as every alarm. */
  private static void validateHealthActionRegions(
      Scope at, ModelAuditSpec spec, OperatorConfig config) {
    HealthAlarmSpec health = spec.getHealthAlarm();
    if (health != null && health.getActions() != null) {
      actionsInRegion(at.field("actions"), health.getActions(), regionOf(spec, config));
    }
  }

  private static void actionsInRegion(Scope at, AlarmActionsSpec actions, String region) {
    topicsInRegion(at.field("alarm"), actions.getAlarm(), region);
    topicsInRegion(at.field("ok"), actions.getOk(), region);
    topicsInRegion(at.field("insufficientData"), actions.getInsufficientData(), region);
  }

  private static void topicsInRegion(Scope at, List<String> arns, String region) {
    if (arns == null || arns.size() > SpecRules.ACTIONS_PER_STATE_MAX) {
      return;
    }
    for (int i = 0; i < arns.size(); i++) {
      String arn = arns.get(i);
      if (arn != null && SNS_TOPIC_ARN.matcher(arn).matches()) {
        sameRegion(at.index(i), arn, region, "an SNS topic");
      }
    }
  }

  private static void sameRegion(Scope at, String arn, String region, String what) {
    java.util.regex.Matcher matcher = ARN_REGION.matcher(arn);
    if (region == null || !matcher.matches() || matcher.group(1).equals(region)) {
      return;
    }
    at.invalid(
        "must be "
            + what
            + " of region "
            + region
            + ", where this ModelAudit's resources are (AWS refuses another region's), got one of "
            + matcher.group(1));
  }

  private static Set<String> filterNames(ModelAuditSpec spec) {
    Set<String> names = new LinkedHashSet<>();
    if (spec.getMetricFilters() != null) {
      for (MetricFilterSpec filter : spec.getMetricFilters()) {
        if (filter != null && filter.getName() != null) {
          names.add(filter.getName());
        }
      }
    }
    return names;
  }

  // ---- single checks: each records at most one violation and says whether the value passed ----

  private static boolean present(Scope at, Object value) {
    if (value == null) {
      at.invalid("required");
      return false;
    }
    return true;
  }

  /** Length in characters as people (and AWS) count them, not in UTF-16 units. */
  private static boolean length(Scope at, String value, int min, int max) {
    int length = codePoints(value);
    if (length >= min && length <= max) {
      return true;
    }
    at.invalid(
        (min == 0 ? "must be at most " + max : "must be " + min + "-" + max)
            + " characters, got "
            + length);
    return false;
  }

  private static boolean matches(Scope at, String value, Pattern pattern, String rule) {
    if (pattern.matcher(value).matches()) {
      return true;
    }
    at.invalid(rule + ", got " + quote(value));
    return false;
  }

  private static boolean excludes(Scope at, String value, String forbidden) {
    for (char c : forbidden.toCharArray()) {
      if (value.indexOf(c) >= 0) {
        List<String> quoted = forbidden.chars().mapToObj(f -> "'" + (char) f + "'").toList();
        at.invalid("must not contain " + choices(quoted) + ", got " + quote(value));
        return false;
      }
    }
    return true;
  }

  private static boolean oneOf(Scope at, String value, List<String> allowed) {
    if (allowed.contains(value)) {
      return true;
    }
    at.invalid("must be one of " + choices(allowed) + ", got " + quote(value));
    return false;
  }

  private static void exactlyOne(
      Scope at, String firstName, Object first, String secondName, Object second) {
    if ((first == null) == (second == null)) {
      at.invalid(
          "give exactly one of "
              + firstName
              + " or "
              + secondName
              + ", got "
              + (first == null ? "neither" : "both"));
    }
  }

  private static boolean between(Scope at, int value, int min, int max) {
    if (value >= min && value <= max) {
      return true;
    }
    at.invalid("must be between " + min + " and " + max + ", got " + value);
    return false;
  }

  private static boolean finite(Scope at, double value) {
    if (Double.isFinite(value)) {
      return true;
    }
    at.invalid("must be a finite number, got " + value);
    return false;
  }

  private static void maxItems(Scope at, Collection<?> items, int max, String what) {
    if (items.size() > max) {
      at.invalid("must have at most " + max + " " + what + ", got " + items.size());
    }
  }

  /** Reports a value already seen in the same list at the later occurrence. */
  private static boolean unique(Scope at, String value, Map<String, String> seen) {
    String first = seen.putIfAbsent(value, at.path());
    if (first == null) {
      return true;
    }
    at.invalid("must be unique: " + quote(value) + " is also used at " + first);
    return false;
  }

  // ---- formatting ----

  private static int codePoints(String value) {
    return value.codePointCount(0, value.length());
  }

  /** Quotes a value for a message, cut short so a huge value cannot flood the status. */
  private static String quote(String value) {
    String shown =
        codePoints(value) <= 64
            ? value
            : value.substring(0, value.offsetByCodePoints(0, 61)) + "...";
    return "\"" + shown + "\"";
  }

  private static String choices(Collection<?> values) {
    List<String> texts = values.stream().map(String::valueOf).toList();
    if (texts.size() <= 1) {
      return String.join("", texts);
    }
    return String.join(", ", texts.subList(0, texts.size() - 1))
        + " or "
        + texts.get(texts.size() - 1);
  }

  private static List<String> names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).collect(Collectors.toUnmodifiableList());
  }

  /** A position in the spec: builds the paths of its children and records violations there. */
  private static final class Scope {
    private final List<Violation> sink;
    private final String path;

    private Scope(List<Violation> sink, String path) {
      this.sink = sink;
      this.path = path;
    }

    static Scope root() {
      return new Scope(new ArrayList<>(), "spec");
    }

    Scope field(String name) {
      return new Scope(sink, path + "." + name);
    }

    Scope index(int index) {
      return new Scope(sink, path + "[" + index + "]");
    }

    Scope key(String key) {
      String escaped = key.replace("\\", "\\\\").replace("\"", "\\\"");
      return new Scope(sink, path + "[\"" + escaped + "\"]");
    }

    String path() {
      return path;
    }

    void invalid(String message) {
      sink.add(new Violation(path, message, Violation.Kind.INVALID_SPEC));
    }

    void policy(String message) {
      sink.add(new Violation(path, message, Violation.Kind.POLICY));
    }

    List<Violation> violations() {
      return List.copyOf(sink);
    }

    /** Whether no violation was recorded at or under this position. */
    boolean isClean() {
      return sink.stream()
          .noneMatch(
              v ->
                  v.field().equals(path)
                      || v.field().startsWith(path + ".")
                      || v.field().startsWith(path + "["));
    }
  }
}
