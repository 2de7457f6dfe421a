package io.modelaudit.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelaudit.operator.validation.Violation;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The list of problems in a Stalled/InvalidSpec message stays short however broken the spec. */
class ProblemListTest {

  @Test
  void listsEveryProblemOfAnOrdinarySpec() {
    List<Violation> violations =
        List.of(invalid("spec.region", "must be an AWS region"), invalid("spec.tags", "too many"));

    assertThat(Outcomes.listProblems(violations))
        .isEqualTo("spec.region: must be an AWS region; spec.tags: too many");
  }

  @Test
  void countsWhatDoesNotFitInsteadOfListingIt() {
    List<Violation> violations =
        IntStream.range(0, 5000)
            .mapToObj(i -> invalid("spec.logStreams[" + i + "]", "must not contain ':'"))
            .toList();

    String listed = Outcomes.listProblems(violations);

    assertThat(listed).startsWith("spec.logStreams[0]: must not contain ':'; spec.logStreams[1]");
    assertThat(listed).matches(".*; and \\d+ more$");
    assertThat(listed.length()).isLessThanOrEqualTo(Outcomes.MAX_PROBLEMS_LISTED + 32);
    int shown = listed.split("; spec\\.").length;
    assertThat(listed).endsWith("; and " + (5000 - shown) + " more");
  }

  @Test
  void cutsASingleHugeProblemWithoutSplittingACharacter() {
    String key = "\uD83D\uDD25".repeat(10_000);
    List<Violation> violations =
        List.of(invalid("spec.tags[\"" + key + "\"]", "bad"), invalid("spec.region", "bad"));

    String listed = Outcomes.listProblems(violations);

    assertThat(listed).startsWith("spec.tags[\"\uD83D\uDD25").endsWith("...; and 1 more");
    assertThat(listed.length()).isLessThanOrEqualTo(Outcomes.MAX_PROBLEMS_LISTED + 32);
    String shown = listed.substring(0, listed.indexOf("..."));
    assertThat(Character.isHighSurrogate(shown.charAt(shown.length() - 1))).isFalse();
  }

  private static Violation invalid(String field, String message) {
    return new Violation(field, message, Violation.Kind.INVALID_SPEC);
  }
}
