package io.modelaudit.operator.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.modelaudit.operator.api.v1alpha1.ModelAuditAccount;
import io.modelaudit.operator.api.v1alpha1.ModelAuditAccountSpec;
import io.modelaudit.operator.cloudwatch.AwsIdentity;
import io.modelaudit.operator.cloudwatch.AwsTarget;
import io.modelaudit.operator.config.AccountMappingMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccountMapperTest {

  private static final String ROLE_A = "arn:aws:iam::111111111111:role/team-a";
  private static final String ROLE_B = "arn:aws:iam::222222222222:role/team-b";

  @Test
  void offAlwaysUsesTheOperatorsOwnIdentityAndReadsNoMapping() {
    AccountResolution r =
        AccountMapper.resolve(
            AccountMappingMode.OFF, "team-a", Map.of(), List.of(byName("a", ROLE_A, "team-a")));
    assertThat(r).isEqualTo(AccountResolution.OWN);
  }

  @Test
  void aNamespaceMappedByNameGetsTheRoleWithItsExternalIdAndSessionTags() {
    ModelAuditAccount a = byName("a", ROLE_A, "team-a");
    a.getSpec().setExternalId("ext-123");
    a.getSpec().setSessionTags(Map.of("team", "a"));

    AccountResolution r =
        AccountMapper.resolve(AccountMappingMode.REQUIRED, "team-a", Map.of(), List.of(a));

    assertThat(r.identity())
        .contains(
            new AwsIdentity(Optional.of(ROLE_A), Optional.of("ext-123"), Map.of("team", "a")));
    assertThat(r.mapping()).contains("a");
    assertThat(r.identity().get().account()).contains("111111111111");
  }

  @Test
  void aNameBeatsALabelSelectorAndLabelsMapTheRest() {
    ModelAuditAccount named = byName("a", ROLE_A, "team-a");
    ModelAuditAccount labelled = byLabels("b", ROLE_B, Map.of("team", "b"));

    assertThat(
            AccountMapper.resolve(
                    AccountMappingMode.REQUIRED,
                    "team-a",
                    Map.of("team", "b"),
                    List.of(named, labelled))
                .mapping())
        .contains("a");
    assertThat(
            AccountMapper.resolve(
                    AccountMappingMode.REQUIRED,
                    "other",
                    Map.of("team", "b"),
                    List.of(named, labelled))
                .mapping())
        .contains("b");
  }

  @Test
  void matchExpressionsFollowKubernetesSemantics() {
    LabelSelector selector =
        new LabelSelectorBuilder()
            .addNewMatchExpression()
            .withKey("tier")
            .withOperator("In")
            .withValues("prod", "staging")
            .endMatchExpression()
            .addNewMatchExpression()
            .withKey("legacy")
            .withOperator("DoesNotExist")
            .endMatchExpression()
            .build();

    assertThat(LabelSelectors.matches(selector, Map.of("tier", "prod"))).isTrue();
    assertThat(LabelSelectors.matches(selector, Map.of("tier", "dev"))).isFalse();
    assertThat(LabelSelectors.matches(selector, Map.of("tier", "prod", "legacy", "y"))).isFalse();
    assertThat(LabelSelectors.matches(new LabelSelector(), Map.of())).isTrue();
  }

  @Test
  void unmappedIsTheOperatorsIdentityWhenOptionalAndAProblemNamingTheNamespaceWhenRequired() {
    List<ModelAuditAccount> mappings = List.of(byName("a", ROLE_A, "team-a"));

    assertThat(AccountMapper.resolve(AccountMappingMode.OPTIONAL, "team-c", Map.of(), mappings))
        .isEqualTo(AccountResolution.OWN);
    AccountResolution required =
        AccountMapper.resolve(AccountMappingMode.REQUIRED, "team-c", Map.of(), mappings);
    assertThat(required.resolved()).isFalse();
    assertThat(required.problem().get())
        .contains("namespace team-c is not mapped")
        .contains("spec.namespaces");
  }

  @Test
  void twoMappingsOfOneNamespaceAreAConflictNamingBoth() {
    AccountResolution r =
        AccountMapper.resolve(
            AccountMappingMode.OPTIONAL,
            "team-a",
            Map.of(),
            List.of(byName("b", ROLE_B, "team-a"), byName("a", ROLE_A, "team-a")));

    assertThat(r.resolved()).isFalse();
    assertThat(r.problem().get()).contains("several ModelAuditAccounts (a, b)");
  }

  @Test
  void anInvalidMappingIsAProblemNamingTheMappingAndTheField() {
    ModelAuditAccount bad = byName("a", "arn:aws:iam::1234:user/bob", "team-a");

    AccountResolution r =
        AccountMapper.resolve(AccountMappingMode.OPTIONAL, "team-a", Map.of(), List.of(bad));

    assertThat(r.resolved()).isFalse();
    assertThat(r.problem().get())
        .contains("ModelAuditAccount a")
        .contains("spec.roleArn must be an IAM role ARN")
        .contains("arn:aws:iam::1234:user/bob");
  }

  @Test
  void quotasAreCountedPerAccountAndRegion() {
    AwsIdentity a = AwsIdentity.role(ROLE_A, null, Map.of());
    AwsIdentity a2 = AwsIdentity.role("arn:aws:iam::111111111111:role/other", "x1", Map.of());

    assertThat(new AwsTarget(a, "us-east-1").quotaKey()).isEqualTo("111111111111/us-east-1");
    assertThat(new AwsTarget(a2, "us-east-1").quotaKey())
        .isEqualTo(new AwsTarget(a, "us-east-1").quotaKey());
    assertThat(AwsTarget.own("us-east-1").quotaKey()).isEqualTo("us-east-1");
  }

  private static ModelAuditAccount byName(String name, String role, String... namespaces) {
    ModelAuditAccount account = account(name, role);
    account.getSpec().setNamespaces(List.of(namespaces));
    return account;
  }

  private static ModelAuditAccount byLabels(String name, String role, Map<String, String> labels) {
    ModelAuditAccount account = account(name, role);
    account
        .getSpec()
        .setNamespaceSelector(new LabelSelectorBuilder().withMatchLabels(labels).build());
    return account;
  }

  private static ModelAuditAccount account(String name, String role) {
    ModelAuditAccount account = new ModelAuditAccount();
    account.getMetadata().setName(name);
    ModelAuditAccountSpec spec = new ModelAuditAccountSpec();
    spec.setRoleArn(role);
    account.setSpec(spec);
    return account;
  }
}
