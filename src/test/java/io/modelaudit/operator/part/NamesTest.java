package io.modelaudit.operator.part;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamesTest {

  @Test
  void defaultLogGroupNameUsesNamespaceAndName() {
    assertThat(Names.defaultLogGroupName("ml-prod", "fraud-detector"))
        .isEqualTo("/modelaudit/ml-prod/fraud-detector");
  }

  @Test
  void alarmNameCarriesPrefixNamespaceNameAndAlarm() {
    assertThat(Names.alarmName("modelaudit", "ml-prod", "fraud-detector", "high-error-rate"))
        .isEqualTo("modelaudit-ml-prod/fraud-detector/high-error-rate");
  }

  @Test
  void longestKubernetesNamesStillGiveValidUniqueStableAlarmNames() {
    String namespace = "n".repeat(63);
    String name = "a".repeat(253);
    String alarm = "x".repeat(64);

    String first = Names.alarmName("modelaudit", namespace, name, alarm);
    String again = Names.alarmName("modelaudit", namespace, name, alarm);
    String otherAlarm = Names.alarmName("modelaudit", namespace, name, "x".repeat(63) + "y");
    String otherName = Names.alarmName("modelaudit", namespace, "a".repeat(252) + "b", alarm);

    assertThat(first).hasSize(Names.MAX_ALARM_NAME).isEqualTo(again);
    assertThat(first).startsWith("modelaudit-" + namespace + "/");
    assertThat(first).matches("[\\x20-\\x7e]+");
    assertThat(otherAlarm).hasSize(Names.MAX_ALARM_NAME).isNotEqualTo(first);
    assertThat(otherName).hasSize(Names.MAX_ALARM_NAME).isNotEqualTo(first);
  }

  @Test
  void theAlarmNamePrefixOfTheLongestKubernetesNamesFitsAListingAndEveryAlarmNameStartsWithIt() {
    String namespace = "n".repeat(63);
    String name = "a".repeat(253);

    String prefix = Names.alarmNamePrefix("modelaudit", namespace, name);

    // DescribeAlarms accepts an AlarmNamePrefix of at most 255 characters
    assertThat(prefix.length()).isLessThanOrEqualTo(Names.MAX_ALARM_NAME);
    for (String alarm : java.util.List.of("a", "x".repeat(63), "y".repeat(64))) {
      assertThat(Names.alarmName("modelaudit", namespace, name, alarm))
          .as("alarm %s", alarm)
          .startsWith(prefix)
          .hasSizeLessThanOrEqualTo(Names.MAX_ALARM_NAME);
    }
  }

  @Test
  void everyLengthOfNamespaceAndNameGivesAPrefixThatFitsAndCoversItsAlarms() {
    for (String operatorPrefix :
        java.util.List.of("modelaudit", "m", "p".repeat(Names.MAX_OPERATOR_PREFIX))) {
      for (int namespaceLength = 1; namespaceLength <= 63; namespaceLength += 31) {
        for (int nameLength = 1; nameLength <= 253; nameLength++) {
          String namespace = "n".repeat(namespaceLength);
          String name = "a".repeat(nameLength);
          String prefix = Names.alarmNamePrefix(operatorPrefix, namespace, name);
          String longest = Names.alarmName(operatorPrefix, namespace, name, "z".repeat(64));
          String shortest = Names.alarmName(operatorPrefix, namespace, name, "z");

          assertThat(prefix).hasSizeLessThanOrEqualTo(Names.MAX_ALARM_NAME).endsWith("/");
          assertThat(longest).hasSizeLessThanOrEqualTo(Names.MAX_ALARM_NAME).startsWith(prefix);
          assertThat(shortest).startsWith(prefix);
          assertThat(prefix).startsWith(operatorPrefix + "-");
        }
      }
    }
  }

  @Test
  void aShortenedPrefixNeverCoversAnotherModelAuditsAlarms() {
    String namespace = "n".repeat(63);
    java.util.List<String> prefixes =
        java.util.stream.Stream.of(
                "a".repeat(253),
                "a".repeat(252),
                "a".repeat(252) + "b",
                "a".repeat(200),
                "a".repeat(150),
                "a",
                "a".repeat(160) + "." + "b".repeat(20))
            .map(name -> Names.alarmNamePrefix("modelaudit", namespace, name))
            .toList();

    for (String a : prefixes) {
      for (String b : prefixes) {
        if (a != b) {
          assertThat(b).as("%s covers %s", a, b).doesNotStartWith(a);
        }
      }
    }
  }

  @Test
  void prefixesThatFitKeepTheirReadableForm() {
    // every alarm made before prefixes were shortened keeps its name
    String name = "a".repeat(100);
    assertThat(Names.alarmNamePrefix("modelaudit", "team", name))
        .isEqualTo("modelaudit-team/" + name + "/");
    assertThat(Names.alarmName("modelaudit", "team", name, "errors"))
        .isEqualTo("modelaudit-team/" + name + "/errors");
  }

  @Test
  void namesThatFitAreNotShortened() {
    String exact = "p".repeat(255);
    assertThat(Names.shorten(exact, 255)).isEqualTo(exact);
    assertThat(Names.shorten(exact + "q", 255)).hasSize(255).contains("~");
  }

  @Test
  void prefixesOfDifferentResourcesDoNotOverlap() {
    String a = Names.alarmNamePrefix("modelaudit", "team", "model");
    String b = Names.alarmNamePrefix("modelaudit", "team", "model-v2");
    assertThat(b).doesNotStartWith(a);
    assertThat(Names.alarmName("modelaudit", "team", "model-v2", "x")).doesNotStartWith(a);
  }

  @Test
  void ownerTagValueFitsATagValue() {
    assertThat(Names.ownerTagValue("ml-prod", "fraud")).isEqualTo("ml-prod/fraud");
    assertThat(Names.ownerTagValue("n".repeat(63), "a".repeat(253))).hasSize(Names.MAX_TAG_VALUE);
  }

  @Test
  void dashboardNamesUseOnlyTheCharactersAwsAllowsAndNeverCollide() {
    assertThat(Names.dashboardName("modelaudit", "ml-prod", "support-assistant"))
        .isEqualTo("modelaudit_ml-prod_support-assistant");
    // a name may hold '.', a dashboard name may not; namespaces and names never hold '_'
    assertThat(Names.dashboardName("modelaudit", "ml", "v1.2")).isEqualTo("modelaudit_ml_v1_2");
    assertThat(Names.dashboardName("modelaudit", "a-b", "c"))
        .isNotEqualTo(Names.dashboardName("modelaudit", "a", "b-c"));
    assertThat(Names.dashboardName("model:audit", "ns", "n")).isEqualTo("model-audit_ns_n");
    String longest = Names.dashboardName("modelaudit", "n".repeat(63), "a".repeat(253));
    assertThat(longest)
        .hasSize(Names.MAX_DASHBOARD_NAME)
        .matches("[A-Za-z0-9_-]+")
        .isNotEqualTo(Names.dashboardName("modelaudit", "n".repeat(63), "a".repeat(252) + "b"));
    assertThat(Names.dashboardName("modelaudit", "ml", "x"))
        .startsWith(Names.dashboardNamePrefix("modelaudit"));
  }

  @Test
  void presetMetricsGoToANamespaceOfTheModelAuditsOwn() {
    assertThat(Names.presetMetricNamespace("modelaudit", "ml-prod", "support-assistant"))
        .isEqualTo("modelaudit/ml-prod/support-assistant");
    assertThat(Names.presetMetricNamespace("model:audit$", "ml", "x"))
        .isEqualTo("model-audit-/ml/x");
    assertThat(Names.presetMetricNamespace("modelaudit", "n".repeat(63), "a".repeat(253)))
        .hasSize(Names.MAX_METRIC_NAME);
  }

  @Test
  void theHealthAlarmCannotTakeTheNameOfAnAlarmOfTheSpec() {
    String health = Names.healthAlarmName("modelaudit", "ml-prod", "assistant");
    assertThat(health).isEqualTo("modelaudit-ml-prod/assistant/_health");
    // spec alarm names start with a letter or digit
    assertThat("_health")
        .doesNotMatch(io.modelaudit.operator.api.v1alpha1.SpecRules.ALARM_NAME_PATTERN);
  }
}
