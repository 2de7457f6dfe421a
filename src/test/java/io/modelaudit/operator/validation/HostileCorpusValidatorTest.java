package io.modelaudit.operator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelaudit.operator.Fixtures;
import io.modelaudit.operator.HostileCorpus;
import io.modelaudit.operator.HostileCorpus.Case;
import io.modelaudit.operator.api.v1alpha1.ModelAuditSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile corpus against the validator alone, in milliseconds: each case is refused at its
 * field with its reason's kind ({@code HostileInputIT} proves the same through the operator).
 */
class HostileCorpusValidatorTest {

  private static final String NAMESPACE = "hostile";
  private static final ObjectMapper JSON = new ObjectMapper();

  static List<Case> corpus() {
    return HostileCorpus.cases();
  }

  @Test
  void theBaseSpecIsValid() throws Exception {
    assertThat(validate(HostileCorpus.baseSpec(), "base")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void eachCaseIsRefusedAtItsField(Case hostile) throws Exception {
    List<Violation> violations = validate(hostile.spec(), hostile.name());

    assertThat(violations).extracting(Violation::field).contains(hostile.field());
    boolean policyOnly = violations.stream().allMatch(v -> v.kind() == Violation.Kind.POLICY);
    assertThat(policyOnly ? "PolicyViolation" : "InvalidSpec").isEqualTo(hostile.reason());
  }

  private static List<Violation> validate(JsonNode spec, String name) throws Exception {
    ModelAuditSpec read = spec == null ? null : JSON.treeToValue(spec, ModelAuditSpec.class);
    return SpecValidator.validate(read, NAMESPACE, name, Fixtures.config());
  }
}
