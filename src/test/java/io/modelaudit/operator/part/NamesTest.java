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
}
