package io.modelaudit.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class EventRecorderTest {

  /** A Kubernetes object name: a DNS-1123 subdomain of at most 253 characters. */
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

  private static final int MAX_NAME = 253;

  @Test
  void eventNamesOfShortResourcesStartWithTheirName() {
    assertThat(EventRecorder.eventName("fraud-detector")).matches("fraud-detector\\.[0-9a-f]{8}");
  }

  @Test
  void eventNamesOfTheLongestResourceNamesAreValidObjectNames() {
    for (String name :
        Set.of(
            "a".repeat(253),
            "a".repeat(244) + "-" + "b".repeat(8),
            "a".repeat(243) + ".-" + "b".repeat(8),
            "a".repeat(243) + "." + "c".repeat(9),
            "m".repeat(63) + "." + "n".repeat(63) + "." + "o".repeat(63) + "." + "p".repeat(61))) {
      String event = EventRecorder.eventName(name);
      assertThat(event).as(name).hasSizeLessThanOrEqualTo(MAX_NAME).matches(DNS_SUBDOMAIN);
    }
  }

  @Test
  void eventNamesOfOneResourceDoNotRepeat() {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      names.add(EventRecorder.eventName("a".repeat(253)));
    }
    assertThat(names).hasSize(1000);
  }
}
