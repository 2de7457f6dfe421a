package io.modelaudit.operator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelaudit.operator.Fixtures;
import io.modelaudit.operator.api.v1alpha1.ModelAuditSpec;
import io.modelaudit.operator.config.OperatorConfig;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rules whose breach AWS only reports at run time, or never: the value and dimensions a metric
 * filter publishes, the region of KMS keys and SNS topics, where an archive can deliver, and the
 * periods of alarms on the metric of a filter.
 */
class SpecValidatorTrustTest {

  private static final String NAMESPACE = "ml-prod";
  private static final String NAME = "churn";

  private final OperatorConfig config = Fixtures.config();

  // ---- regions ----

  private static final OperatorConfig KNOWING_REGIONS =
      OperatorConfig.fromEnvironment(java.util.Map.of("MODELAUDIT_EXTRA_REGIONS", "xx-newland-1"))
          .withAws(
              new io.modelaudit.operator.config.AwsFacts(
                  java.util.Set.of("us-east-1", "us-east-2", "eu-west-1"),
                  java.util.Optional.of(Fixtures.ACCOUNT_ID)));

  @Test
  void aWellFormedRegionThatDoesNotExistIsInvalidNotRetriedForever() {
    List<Violation> violations =
        SpecValidator.validate(
            Fixtures.spec(
                "region: us-esat-1\n"
                    + Fixtures.STANDARD_SPEC.replace("sns:us-east-1", "sns:us-esat-1")),
            NAMESPACE,
            NAME,
            KNOWING_REGIONS);

    assertThat(violations)
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo("spec.region");
              assertThat(v.kind()).isEqualTo(Violation.Kind.INVALID_SPEC);
              assertThat(v.message())
                  .contains("\"us-esat-1\"")
                  .contains("did you mean us-east-1")
                  .contains("MODELAUDIT_EXTRA_REGIONS");
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"eu-west-1", "xx-newland-1"})
  void regionsTheSdkKnowsAndExtraOnesAreAccepted(String region) {
    ModelAuditSpec spec =
        Fixtures.spec(
            "region: "
                + region
                + "\n"
                + Fixtures.STANDARD_SPEC.replace("sns:us-east-1", "sns:" + region));
    assertThat(SpecValidator.validate(spec, NAMESPACE, NAME, KNOWING_REGIONS)).isEmpty();
  }

  // ---- metric.value and filter dimensions ----

  @ParameterizedTest
  @ValueSource(
      strings = {"1", "0.5", "-1", "2e3", "$.latency", "$.request.size", "$.items[0]", "$size"})
  void aMetricValueIsANumberOrAFieldOfTheEvent(String value) {
    assertThat(violations(s -> s.replace("value: \"1\"", "value: \"" + value + "\""))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"latency", "one", "$", "$.", "$ .x", "1,5", "$.a b", "${latency}", "1 "})
  void anythingElseAsMetricValueIsRefusedNamingTheField(String value) {
    assertThat(violations(s -> s.replace("value: \"1\"", "value: \"" + value + "\"")))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo("spec.metricFilters[0].metric.value");
              assertThat(v.message())
                  .contains("a number such as 1")
                  .contains("$.field")
                  .contains("$field");
            });
  }

  @Test
  void filterDimensionValuesAreFieldsOfTheEvent() {
    assertThat(
            violations(
                s ->
                    withoutAlarmOnTheFilter(s)
                        .replace(
                            "defaultValue: 0, unit: Count",
                            "unit: Count, dimensions: {Model: $.model, Host: $host}")))
        .isEmpty();
    assertThat(
            violations(
                s ->
                    withoutAlarmOnTheFilter(s)
                        .replace("defaultValue: 0, unit: Count", "dimensions: {Model: churn}")))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo("spec.metricFilters[0].metric.dimensions[\"Model\"]");
              assertThat(v.message()).contains("$.field").contains("\"churn\"");
            });
  }

  /** An alarm may not watch a filter with dimensions; these cases are about the filter. */
  private static String withoutAlarmOnTheFilter(String spec) {
    return spec.replace(
        "metricFilter: errors", "metric: {namespace: AIModelAuditing/ml-prod, name: Other}");
  }

  // ---- regions of KMS keys and SNS topics ----

  @Test
  void aKmsKeyOfAnotherRegionIsRefused() {
    String key = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    assertThat(
            violations(
                s -> s.replace("retentionInDays: 7", "retentionInDays: 7\n  kmsKeyArn: " + key)))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo("spec.logGroup.kmsKeyArn");
              assertThat(v.message()).contains("us-east-1").contains("eu-west-1");
            });
    assertThat(
            violations(
                s ->
                    "region: eu-west-1\n"
                        + s.replace("retentionInDays: 7", "retentionInDays: 7\n  kmsKeyArn: " + key)
                            .replace("sns:us-east-1", "sns:eu-west-1")))
        .isEmpty();
  }

  @Test
  void snsTopicsOfAnotherRegionAreRefused() {
    List<Violation> violations =
        violations(
            s ->
                s.replace(
                    "snsTopicArn: arn:aws:sns:us-east-1:", "snsTopicArn: arn:aws:sns:us-west-2:"));
    assertThat(violations)
        .extracting(Violation::field)
        .containsExactly("spec.notifications.snsTopicArn");
    assertThat(violations.get(0).message()).contains("us-east-1").contains("us-west-2");

    List<Violation> inActions =
        violations(
            s ->
                s.replace(
                    "threshold: 5",
                    "threshold: 5\n    actions: {alarm: [arn:aws:sns:eu-west-1:123456789012:t]}"));
    assertThat(inActions)
        .extracting(Violation::field)
        .containsExactly("spec.alarms[0].actions.alarm[0]");
  }

  @Test
  void theOperatorsRegionIsTheRegionOfASpecWithout() {
    OperatorConfig inEurope =
        OperatorConfig.fromEnvironment(java.util.Map.of("AWS_REGION", "eu-west-1"))
            .withAws(Fixtures.AWS);
    assertThat(
            SpecValidator.validate(
                Fixtures.spec(Fixtures.STANDARD_SPEC.replace("sns:us-east-1", "sns:eu-west-1")),
                NAMESPACE,
                NAME,
                inEurope))
        .isEmpty();
    assertThat(
            SpecValidator.validate(
                Fixtures.spec(Fixtures.STANDARD_SPEC), NAMESPACE, NAME, inEurope))
        .extracting(Violation::field)
        .containsExactly("spec.notifications.snsTopicArn");
  }

  // ---- where an archive can deliver ----

  private static String archive(String destinationArn, String roleArn) {
    return "archive:\n  - name: a\n    destinationArn: "
        + destinationArn
        + (roleArn == null ? "" : "\n    roleArn: " + roleArn)
        + "\n";
  }

  @Test
  void anArchiveOfAnotherRegionIsRefused() {
    List<Violation> violations =
        violations(
            s ->
                archive(
                        "arn:aws:firehose:eu-west-1:123456789012:deliverystream/modelaudit.ml-prod.a",
                        "arn:aws:iam::123456789012:role/modelaudit.ml-prod.archive")
                    + s);

    assertThat(violations)
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo("spec.archive[0].destinationArn");
              assertThat(v.kind()).isEqualTo(Violation.Kind.INVALID_SPEC);
              assertThat(v.message()).contains("us-east-1").contains("eu-west-1");
            });
  }

  @Test
  void anArchiveStreamOfAnotherAccountIsRefusedAndALogsDestinationThereIsNot() {
    List<Violation> stream =
        violations(
            s ->
                archive(
                        "arn:aws:kinesis:us-east-1:210987654321:stream/modelaudit.ml-prod.a",
                        "arn:aws:iam::123456789012:role/modelaudit.ml-prod.archive")
                    + s);
    assertThat(stream)
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo("spec.archive[0].destinationArn");
              // tenants read it: neither account is named
              assertThat(v.message())
                  .contains("CloudWatch Logs destination")
                  .doesNotContain("210987654321")
                  .doesNotContain(Fixtures.ACCOUNT_ID);
            });

    OperatorConfig allowingDestinations =
        OperatorConfig.fromEnvironment(
                java.util.Map.of(
                    "MODELAUDIT_ALLOWED_ARCHIVE_DESTINATIONS",
                    "^arn:aws:logs:[a-z0-9-]+:[0-9]{12}:destination:modelaudit\\.{namespace}\\..+$"))
            .withAws(Fixtures.AWS);
    ModelAuditSpec toAnotherAccount =
        Fixtures.spec(
            archive("arn:aws:logs:us-east-1:210987654321:destination:modelaudit.ml-prod.a", null)
                + Fixtures.STANDARD_SPEC);
    assertThat(SpecValidator.validate(toAnotherAccount, NAMESPACE, NAME, allowingDestinations))
        .isEmpty();
  }

  @Test
  void anArchiveOfTheOwnRegionAndAccountIsAccepted() {
    assertThat(
            violations(
                s ->
                    archive(
                            "arn:aws:firehose:us-east-1:123456789012:deliverystream/modelaudit.ml-prod.a",
                            "arn:aws:iam::123456789012:role/modelaudit.ml-prod.archive")
                        + s))
        .isEmpty();
  }

  // ---- periods of alarms on a filter's metric ----

  @ParameterizedTest
  @ValueSource(ints = {10, 20, 30})
  void highResolutionPeriodsAreRefusedOnAFiltersMetric(int period) {
    assertThat(violations(s -> s.replace("period: 60", "period: " + period)))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo("spec.alarms[0].period");
              assertThat(v.message()).contains("one-minute").contains("60");
            });
  }

  @Test
  void highResolutionPeriodsStayAllowedOnOtherMetrics() {
    String spec =
        Fixtures.STANDARD_SPEC
            .replace(
                "metricFilter: errors",
                "metric: {namespace: AIModelAuditing/ml-prod, name: Latency}")
            .replace("period: 60", "period: 10");
    assertThat(SpecValidator.validate(Fixtures.spec(spec), NAMESPACE, NAME, config)).isEmpty();
  }

  private List<Violation> violations(UnaryOperator<String> change) {
    ModelAuditSpec spec = Fixtures.spec(change.apply(Fixtures.STANDARD_SPEC));
    return SpecValidator.validate(spec, NAMESPACE, NAME, config);
  }
}
