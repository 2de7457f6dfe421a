package io.modelaudit.operator.api.v1alpha1;

import java.util.Arrays;
import java.util.List;

/**
 * The limits and patterns of a ModelAudit spec, in one place: the CRD annotations of the spec
 * classes and {@code SpecValidator} both read them, so the schema and the operator's own checks
 * cannot drift apart. The allowed values of the enumerated fields are the enums of this package
 * ({@link LogGroupClass}, {@link Statistic}, ...), which both read as well.
 *
 * <p>Annotation values must be compile-time constants, so the rules are {@code int} and {@code
 * String} constants, and the CEL rules and messages that carry a limit are built from them. Most of
 * the numbers are AWS's own limits. A few rules only the operator checks; each says why.
 */
public final class SpecRules {

  // ---- region, model ----

  public static final int REGION_MAX_LENGTH = 32;

  /**
   * The shape of a region name. Whether AWS has the region only the operator checks, against the
   * regions its AWS SDK knows.
   */
  public static final String REGION_PATTERN = "^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$";

  /** Model name and version: they become tag values. */
  public static final int MODEL_FIELD_MAX_LENGTH = 128;

  // ---- log group ----

  public static final int LOG_GROUP_NAME_MAX_LENGTH = 512;
  public static final String LOG_GROUP_NAME_PATTERN = "^[.\\-_/#A-Za-z0-9]+$";

  /** Retention periods CloudWatch Logs accepts, in days, as the CRD's rule and docs list them. */
  public static final String RETENTION_DAYS =
      "1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,"
          + " 3288, 3653";

  public static final List<Integer> RETENTION_DAYS_ALLOWED =
      Arrays.stream(RETENTION_DAYS.split(", ")).map(Integer::valueOf).toList();

  public static final String RETENTION_RULE = "self in [" + RETENTION_DAYS + "]";

  /** KMS key and SNS topic ARNs. */
  public static final int ARN_MAX_LENGTH = 2048;

  public static final String KMS_KEY_ARN_PATTERN =
      "^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$";

  // ---- log streams ----

  public static final int LOG_STREAMS_MAX_ITEMS = 50;

  /**
   * Log stream and metric filter names: 1-512 characters without these. The CRD checks stream names
   * with a CEL rule ({@link #LOG_STREAM_NAMES_RULE}), filter names with a pattern.
   */
  public static final int NAME_MAX_LENGTH = 512;

  public static final String NAME_FORBIDDEN = ":*";

  public static final String LOG_STREAM_NAMES_RULE =
      "self.all(s, size(s) >= 1 && size(s) <= "
          + NAME_MAX_LENGTH
          + " && !s.contains(':') && !s.contains('*'))";
  public static final String LOG_STREAM_NAMES_MESSAGE =
      "each log stream name must be 1-" + NAME_MAX_LENGTH + " characters without ':' or '*'";

  // ---- metric filters ----

  /** AWS's limit of metric filters per log group. */
  public static final int METRIC_FILTERS_MAX_ITEMS = 100;

  public static final String FILTER_NAME_PATTERN = "^[^" + NAME_FORBIDDEN + "]+$";
  public static final int FILTER_PATTERN_MAX_LENGTH = 1024;

  /** Namespaces and names of metrics, published by a filter or watched by an alarm. */
  public static final int METRIC_NAME_MAX_LENGTH = 255;

  /** A filter's metric namespace and name must not contain these. */
  public static final String FILTER_METRIC_FORBIDDEN = ":*$";

  public static final String FILTER_METRIC_PATTERN = "^[^" + FILTER_METRIC_FORBIDDEN + "]+$";
  public static final int METRIC_VALUE_MAX_LENGTH = 100;

  /**
   * A field of the matched event, as a metric filter's value or dimension: {@code $.selector} of a
   * JSON event, {@code $name} of a space-delimited one. Only the operator checks this and {@link
   * #METRIC_VALUE_PATTERN} (AWS takes any text and publishes nothing for a word): tightening the
   * CRD would refuse updates of objects it stores today.
   */
  public static final String EVENT_FIELD_PATTERN = "^(\\$\\.[^\\s${}]+|\\$[A-Za-z_][A-Za-z0-9_]*)$";

  public static final String EVENT_FIELD_RULE =
      "a field of the matched event: $.field for JSON events, $field for space-delimited ones";

  /** What a metric filter publishes: a number, or a field of the matched event. */
  public static final String METRIC_VALUE_PATTERN =
      "^([+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?"
          + "|\\$\\.[^\\s${}]+|\\$[A-Za-z_][A-Za-z0-9_]*)$";

  public static final String METRIC_VALUE_RULE = "a number such as 1, or " + EVENT_FIELD_RULE;
  public static final int FILTER_DIMENSIONS_MAX = 3;

  // ---- alarms ----

  public static final int ALARMS_MAX_ITEMS = 100;
  public static final int ALARM_NAME_MAX_LENGTH = 64;
  public static final String ALARM_NAME_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._-]*$";
  public static final int ALARM_DESCRIPTION_MAX_LENGTH = 1024;

  /** The namespace of a metric an alarm watches must not contain these. */
  public static final String ALARM_NAMESPACE_FORBIDDEN = ":";

  public static final String ALARM_NAMESPACE_PATTERN = "^[^" + ALARM_NAMESPACE_FORBIDDEN + "]+$";
  public static final int ALARM_DIMENSIONS_MAX = 30;

  public static final String EXTENDED_STATISTIC_PATTERN =
      "^(p|tm|wm|tc|ts)(100|[0-9]{1,2}(\\.[0-9]{1,10})?)$|^IQM$";

  /** A period is one of these (high resolution) or a multiple of {@link #PERIOD_MULTIPLE}. */
  public static final String HIGH_RESOLUTION_PERIODS = "10, 20, 30";

  public static final List<Integer> HIGH_RESOLUTION_PERIODS_ALLOWED =
      Arrays.stream(HIGH_RESOLUTION_PERIODS.split(", ")).map(Integer::valueOf).toList();

  public static final int PERIOD_MULTIPLE = 60;
  public static final String PERIOD_CHOICES =
      HIGH_RESOLUTION_PERIODS + " or a multiple of " + PERIOD_MULTIPLE;
  public static final String PERIOD_RULE =
      "self in [" + HIGH_RESOLUTION_PERIODS + "] || self % " + PERIOD_MULTIPLE + " == 0";
  public static final int PERIOD_MIN_SECONDS = 10;
  public static final int PERIOD_MAX_SECONDS = 604_800;

  /** Also the bound of datapointsToAlarm, which must not exceed evaluationPeriods. */
  public static final int EVALUATION_PERIODS_MAX = 10_080;

  /** period × evaluationPeriods may span at most a day, or a week when periods are long. */
  public static final int EVALUATION_RANGE_MAX_SECONDS = 86_400;

  public static final int EVALUATION_RANGE_MAX_SECONDS_LONG_PERIODS = 604_800;
  public static final int LONG_PERIOD_SECONDS = 3_600;
  public static final String EVALUATION_RANGE_RULE =
      "self.period * self.evaluationPeriods <= (self.period >= "
          + LONG_PERIOD_SECONDS
          + " ? "
          + EVALUATION_RANGE_MAX_SECONDS_LONG_PERIODS
          + " : "
          + EVALUATION_RANGE_MAX_SECONDS
          + ")";
  public static final String EVALUATION_RANGE_MESSAGE =
      "period * evaluationPeriods must be at most "
          + EVALUATION_RANGE_MAX_SECONDS
          + " seconds ("
          + EVALUATION_RANGE_MAX_SECONDS_LONG_PERIODS
          + " when period >= "
          + LONG_PERIOD_SECONDS
          + ")";

  /** AWS's limit of actions per alarm state. */
  public static final int ACTIONS_PER_STATE_MAX = 5;

  /**
   * The CRD checks only that each action starts like an ARN; the operator checks the whole shape
   * ({@link #ACTION_ARN_PATTERN}, at most {@link #ACTION_ARN_MAX_LENGTH} characters). Tightening
   * the CRD's rule would be a schema change that rejects updates of objects it stores today, so it
   * stays the looser one.
   */
  public static final String ACTION_ARN_PREFIX_PATTERN = "^arn:aws[a-z-]*:[a-z0-9-]+:";

  public static final String ACTION_ARNS_RULE =
      "self.all(a, a.matches('" + ACTION_ARN_PREFIX_PATTERN + "'))";
  public static final String ACTION_ARNS_MESSAGE = "each action must be an ARN";

  /**
   * The account field is not always an account: EC2 actions read {@code
   * arn:aws:automate:<region>:ec2:stop}.
   */
  public static final String ACTION_ARN_PATTERN =
      "^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:[a-z0-9]*:.+$";

  public static final int ACTION_ARN_MAX_LENGTH = 1024;

  public static final String SNS_TOPIC_ARN_PATTERN =
      "^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}$";

  // ---- metric math and anomaly bands (alarms[].metrics) ----

  /**
   * AWS accepts up to 20 entries in an alarm's Metrics: at most 10 that retrieve a metric and at
   * most 10 expressions (PutMetricAlarm, MetricDataQuery).
   */
  public static final int ALARM_METRICS_MAX_ITEMS = 20;

  public static final int ALARM_METRIC_STATS_MAX = 10;
  public static final int ALARM_EXPRESSIONS_MAX = 10;

  /** A metric id: letters, digits and underscore, starting with a lowercase letter (AWS). */
  public static final int METRIC_ID_MAX_LENGTH = 255;

  public static final String METRIC_ID_PATTERN = "^[a-z][A-Za-z0-9_]*$";
  public static final int METRIC_EXPRESSION_MAX_LENGTH = 2048;

  /**
   * Labels have no documented limit in AWS; the operator keeps them to this so that dashboards and
   * status stay readable.
   */
  public static final int METRIC_LABEL_MAX_LENGTH = 255;

  /** A statistic of a metrics entry: one of {@link Statistic} or a percentile statistic. */
  public static final String METRIC_STAT_PATTERN =
      "^(SampleCount|Average|Sum|Minimum|Maximum)$|" + EXTENDED_STATISTIC_PATTERN;

  /** The metric math function of an anomaly detection band. */
  public static final String BAND_FUNCTION = "ANOMALY_DETECTION_BAND";

  /** An anomaly detection alarm evaluates periods of at least a minute (AWS). */
  public static final int BAND_PERIOD_MIN_SECONDS = 60;

  /** AWS allows up to 10 excluded time ranges per anomaly detector. */
  public static final int EXCLUDED_TIME_RANGES_MAX = 10;

  /** The time format of an excluded range, as AWS's API reference gives it. */
  public static final String TIME_RANGE_PATTERN =
      "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}$";

  /** yyyy-MM-ddTHH:mm:ss is 19 characters; the bound keeps the CRD's rule on a range cheap. */
  public static final int TIME_RANGE_LENGTH = 19;

  public static final int TIMEZONE_MAX_LENGTH = 50;

  // ---- the health (composite) alarm ----

  /** A composite alarm's rule may name at most 100 alarms, in at most 10240 characters (AWS). */
  public static final int HEALTH_ALARM_CHILDREN_MAX = 100;

  public static final int ALARM_RULE_MAX_LENGTH = 10_240;

  /**
   * The actions suppressor's wait and extension periods, in seconds. AWS documents no bound and
   * recommends 60; the operator keeps them to a day.
   */
  public static final int SUPPRESSOR_PERIOD_MAX_SECONDS = 86_400;

  public static final int SUPPRESSOR_PERIOD_DEFAULT_SECONDS = 60;

  /** An alarm ARN, as the actions suppressor may name one. */
  public static final String ALARM_ARN_PATTERN =
      "^arn:aws[a-z-]*:cloudwatch:[a-z0-9-]+:[0-9]{12}:alarm:.+$";

  // ---- presets ----

  /**
   * The names of the metric filters presets make start with this; the CRD's rule lets an alarm name
   * any of them, the operator checks that the preset is set.
   */
  public static final String PRESET_FILTER_PREFIX = "preset-";

  public static final int PRESET_PERIOD_DEFAULT_SECONDS = 300;
  public static final int PRESET_EVALUATION_PERIODS_DEFAULT = 2;

  /** Percentages of the rate presets. */
  public static final int PERCENT_MAX = 100;

  /**
   * Preset periods are whole minutes: their metrics come from metric filters, which publish one
   * data point a minute.
   */
  public static final String PRESET_PERIOD_RULE = "self % " + PERIOD_MULTIPLE + " == 0";

  public static final String PRESET_PERIOD_MESSAGE =
      "a preset's period must be a multiple of " + PERIOD_MULTIPLE;

  private static final String PRESET_PERIOD =
      "(has(self.period) ? self.period : " + PRESET_PERIOD_DEFAULT_SECONDS + ")";
  private static final String PRESET_EVALUATIONS =
      "(has(self.evaluationPeriods) ? self.evaluationPeriods : "
          + PRESET_EVALUATION_PERIODS_DEFAULT
          + ")";

  /** {@link #EVALUATION_RANGE_RULE} with the presets' defaults for what is left out. */
  public static final String PRESET_EVALUATION_RANGE_RULE =
      PRESET_PERIOD
          + " * "
          + PRESET_EVALUATIONS
          + " <= ("
          + PRESET_PERIOD
          + " >= "
          + LONG_PERIOD_SECONDS
          + " ? "
          + EVALUATION_RANGE_MAX_SECONDS_LONG_PERIODS
          + " : "
          + EVALUATION_RANGE_MAX_SECONDS
          + ")";

  public static final String PRESET_DATAPOINTS_RULE =
      "!has(self.datapointsToAlarm) || self.datapointsToAlarm <= " + PRESET_EVALUATIONS;

  // ---- tags and dimensions: the CRD's schema has no place for rules on map keys and values ----

  /**
   * AWS allows 50 tags; the operator adds up to 6 of its own (owner, owner-uid, cluster, origin,
   * model, model-version).
   */
  public static final int TAGS_MAX = 44;

  public static final int TAG_KEY_MAX_LENGTH = 128;
  public static final int TAG_VALUE_MAX_LENGTH = 256;

  /**
   * Characters AWS allows in tag keys and values. The CRD leaves this to the operator, for tags and
   * for the model's name and version (tag values too).
   */
  public static final String TAG_TEXT_PATTERN = "^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*$";

  public static final String TAG_TEXT_CHARACTERS = "letters, digits, spaces and _ . : / = + - @";

  /** Tag keys AWS reserves for itself, and those the operator reserves for its own tags. */
  public static final String AWS_TAG_PREFIX = "aws:";

  public static final String OPERATOR_TAG_PREFIX = "modelaudit.io/";

  /** Dimension names and values, of a filter's metric and of an alarm's. */
  public static final int DIMENSION_MAX_LENGTH = 255;

  // ---- data protection (masking) ----

  /**
   * CloudWatch Logs' managed data identifiers, by the names a data protection policy uses (the last
   * part of {@code arn:aws:dataprotection::aws:data-identifier/<name>}). Source: "CloudWatch Logs
   * managed data identifiers for sensitive data types" and "Personally identifiable information
   * (PII)" in the CloudWatch Logs User Guide
   * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL-managed-data-identifiers.html).
   * Identifiers that depend on a country carry its ISO 3166-1 alpha-2 code after a hyphen. When AWS
   * adds one, add it here: the validator, the CRD's description and the test fake all read this
   * list.
   */
  public static final List<String> MANAGED_DATA_IDENTIFIERS =
      List.of(
          // language and region independent
          "Address",
          "AwsSecretKey",
          "CreditCardExpiration",
          "CreditCardNumber",
          "CreditCardSecurityCode",
          "DateOfBirth",
          "EmailAddress",
          "IpAddress",
          "LatLong",
          "Name",
          "OpenSshPrivateKey",
          "PgpPrivateKey",
          "PhoneNumber",
          "PkcsPrivateKey",
          "PuttyPrivateKey",
          "VehicleIdentificationNumber",
          // with a country or region code
          "BankAccountNumber-DE",
          "BankAccountNumber-ES",
          "BankAccountNumber-FR",
          "BankAccountNumber-GB",
          "BankAccountNumber-IT",
          "BankAccountNumber-US",
          "CepCode-BR",
          "Cnpj-BR",
          "CpfCode-BR",
          "DriversLicense-AT",
          "DriversLicense-AU",
          "DriversLicense-BE",
          "DriversLicense-BG",
          "DriversLicense-CA",
          "DriversLicense-CY",
          "DriversLicense-CZ",
          "DriversLicense-DE",
          "DriversLicense-DK",
          "DriversLicense-EE",
          "DriversLicense-ES",
          "DriversLicense-FI",
          "DriversLicense-FR",
          "DriversLicense-GB",
          "DriversLicense-GR",
          "DriversLicense-HR",
          "DriversLicense-HU",
          "DriversLicense-IE",
          "DriversLicense-IT",
          "DriversLicense-LT",
          "DriversLicense-LU",
          "DriversLicense-LV",
          "DriversLicense-MT",
          "DriversLicense-NL",
          "DriversLicense-PL",
          "DriversLicense-PT",
          "DriversLicense-RO",
          "DriversLicense-SE",
          "DriversLicense-SI",
          "DriversLicense-SK",
          "DriversLicense-US",
          "DrugEnforcementAgencyNumber-US",
          "ElectoralRollNumber-GB",
          "HealthInsuranceCardNumber-EU",
          "HealthInsuranceClaimNumber-US",
          "HealthInsuranceNumber-FR",
          "HealthcareProcedureCode-US",
          "IndividualTaxIdentificationNumber-US",
          "InseeCode-FR",
          "MedicareBeneficiaryNumber-US",
          "NationalDrugCode-US",
          "NationalIdentificationNumber-DE",
          "NationalIdentificationNumber-ES",
          "NationalIdentificationNumber-IT",
          "NationalInsuranceNumber-GB",
          "NationalProviderId-US",
          "NhsNumber-GB",
          "NieNumber-ES",
          "NifNumber-ES",
          "PassportNumber-CA",
          "PassportNumber-DE",
          "PassportNumber-ES",
          "PassportNumber-FR",
          "PassportNumber-GB",
          "PassportNumber-IT",
          "PassportNumber-US",
          "PermanentResidenceNumber-CA",
          "PersonalHealthNumber-CA",
          "PhoneNumber-BR",
          "PhoneNumber-DE",
          "PhoneNumber-ES",
          "PhoneNumber-FR",
          "PhoneNumber-GB",
          "PhoneNumber-IT",
          "PhoneNumber-US",
          "PostalCode-CA",
          "RgNumber-BR",
          "SocialInsuranceNumber-CA",
          "Ssn-ES",
          "Ssn-US",
          "TaxId-DE",
          "TaxId-ES",
          "TaxId-FR",
          "TaxId-GB",
          "ZipCode-US");

  /** How many managed identifiers a spec may list, and how long each name may be. */
  public static final int IDENTIFIERS_MAX = 200;

  public static final int IDENTIFIER_NAME_MAX_LENGTH = 64;

  /**
   * AWS's limits on custom data identifiers (CloudWatch Logs User Guide, "Custom data
   * identifiers").
   */
  public static final int CUSTOM_IDENTIFIERS_MAX = 10;

  public static final int CUSTOM_IDENTIFIER_NAME_MAX_LENGTH = 128;
  public static final String CUSTOM_IDENTIFIER_NAME_PATTERN = "^[A-Za-z0-9_-]+$";
  public static final int CUSTOM_IDENTIFIER_REGEX_MAX_LENGTH = 200;

  /** The characters AWS allows in a custom identifier's regex: no parentheses, no quotes. */
  public static final String CUSTOM_IDENTIFIER_REGEX_PATTERN =
      "^[A-Za-z0-9_#=@/;, ^$?\\[\\]{}|\\\\*+.-]+$";

  public static final String CUSTOM_IDENTIFIER_REGEX_CHARACTERS =
      "letters, digits, space and _ # = @ / ; , - ^ $ ? [ ] { } | \\ * + .";

  /** AWS's limit on a data protection policy document, in characters. */
  public static final int DATA_PROTECTION_POLICY_MAX_LENGTH = 30_720;

  /** Findings destinations: Firehose delivery stream and S3 bucket names as AWS allows them. */
  public static final String FIREHOSE_STREAM_NAME_PATTERN = "^[A-Za-z0-9_.-]{1,64}$";

  public static final String S3_BUCKET_NAME_PATTERN = "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$";

  // ---- archive (subscription filters) ----

  /** AWS allows two subscription filters per log group. */
  public static final int ARCHIVE_MAX_ITEMS = 2;

  /**
   * The destinations a subscription filter can send to: Firehose delivery streams, Kinesis streams,
   * Lambda functions and cross-account CloudWatch Logs destinations.
   */
  public static final String ARCHIVE_DESTINATION_ARN_PATTERN =
      "^arn:aws[a-z-]*:(firehose:[a-z0-9-]+:[0-9]{12}:deliverystream/[A-Za-z0-9_.-]{1,64}"
          + "|kinesis:[a-z0-9-]+:[0-9]{12}:stream/[A-Za-z0-9_.-]{1,128}"
          + "|lambda:[a-z0-9-]+:[0-9]{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9_$-]+)?"
          + "|logs:[a-z0-9-]+:[0-9]{12}:destination:[^:*]{1,512})$";

  public static final String ROLE_ARN_PATTERN =
      "^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}$";

  // ---- queries ----

  /** Saved queries a ModelAudit may carry, presets included. */
  public static final int QUERIES_MAX_ITEMS = 50;

  /** A query's name in the spec: it becomes the last part of the query definition's name. */
  public static final int QUERY_NAME_MAX_LENGTH = 64;

  public static final String QUERY_NAME_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._-]*$";

  /**
   * AWS allows 10,000 characters in a query string; the operator's first line (its ownership
   * comment) takes at most 1,000 of them.
   */
  public static final int QUERY_STRING_MAX_LENGTH = 9_000;

  // ---- field index policy ----

  /** AWS allows 20 fields in a field index policy, each at most 100 characters. */
  public static final int INDEX_FIELDS_MAX = 20;

  public static final int INDEX_FIELD_MAX_LENGTH = 100;

  private SpecRules() {}
}
