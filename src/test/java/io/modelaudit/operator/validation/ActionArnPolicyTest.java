package io.modelaudit.operator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelaudit.operator.Fixtures;
import io.modelaudit.operator.api.v1alpha1.ModelAuditSpec;
import io.modelaudit.operator.config.OperatorConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every alarm action CloudWatch knows is an ARN; whether a tenant may use it is the operator's
 * policy, not a matter of syntax, so the refusal names the policy to widen.
 */
class ActionArnPolicyTest {

  private static final String TERMINATE = "arn:aws:automate:us-east-1:ec2:terminate";

  @Test
  void anEc2ActionIsAPolicyViolationUnderTheDefaultPolicy() {
    List<Violation> violations = validate(Fixtures.config());

    assertThat(violations)
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.kind()).isEqualTo(Violation.Kind.POLICY);
              assertThat(v.field()).isEqualTo("spec.alarms[0].actions.alarm[0]");
              assertThat(v.message()).contains(OperatorConfig.DEFAULT_ALLOWED_ACTION_ARNS);
            });
  }

  @Test
  void anEc2ActionIsAllowedWhenThePolicyAllowsIt() {
    OperatorConfig widened =
        Fixtures.config().withAllowedActionArnPatterns(List.of("^arn:aws:automate:.+$"));

    assertThat(validate(widened)).isEmpty();
  }

  private static List<Violation> validate(OperatorConfig config) {
    ModelAuditSpec spec =
        Fixtures.spec(
            """
            alarms:
              - name: runaway
                metric: {namespace: AIModelAuditing/ml, name: CPUUtilization}
                statistic: Average
                period: 300
                evaluationPeriods: 1
                comparisonOperator: GreaterThanThreshold
                threshold: 95
                actions: {alarm: ["%s"]}
            """
                .formatted(TERMINATE));
    return SpecValidator.validate(spec, "ml", "model", config);
  }
}
