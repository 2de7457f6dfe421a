package io.modelaudit.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.modelaudit.operator.Fixtures;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.api.v1alpha1.ModelAuditAccount;
import io.modelaudit.operator.api.v1alpha1.ModelAuditAccountSpec;
import io.modelaudit.operator.cloudwatch.aws.AwsCloudWatchGateways;
import io.modelaudit.operator.config.AccountMappingMode;
import io.modelaudit.operator.config.OperatorConfig;
import io.modelaudit.operator.moto.FaultyProxy;
import io.modelaudit.operator.moto.MotoGaps;
import io.modelaudit.operator.moto.MotoServer;
import io.modelaudit.operator.moto.MotoSupport;
import io.modelaudit.operator.part.Home;
import io.modelaudit.operator.status.ConditionReason;
import io.modelaudit.operator.status.Conditions;
import io.modelaudit.operator.support.OperatorHarness;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;

/**
 * An AWS account per team, end to end: the whole operator with the production AWS adapter, which
 * assumes each namespace's IAM role through STS on moto. moto gives an assumed role's temporary
 * keys to the account in the role's ARN, so every check reads each account back on its own (moto's
 * account header), independent of STS and of the operator.
 *
 * <p>Two accounts and three namespaces: team-a mapped by name to account A, team-b mapped by its
 * labels to account B, team-c not mapped at all.
 */
@ExtendWith(MotoServer.Extension.class)
class MultiAccountOnMotoIT {

  private static final String ACCOUNT_A = "111111111111";
  private static final String ACCOUNT_B = "222222222222";
  private static final String OWN_ACCOUNT = MotoSupport.ACCOUNT_ID;
  private static final String ROLE_A = "arn:aws:iam::" + ACCOUNT_A + ":role/modelaudit-team-a";
  private static final String ROLE_B = "arn:aws:iam::" + ACCOUNT_B + ":role/modelaudit-team-b";
  private static final String NAME = "fraud-detector";

  private MotoServer moto;
  private AwsCloudWatchGateways gateways;
  private OperatorHarness harness;

  @BeforeEach
  void emptyAws(MotoServer server) {
    moto = server;
    moto.reset();
  }

  @AfterEach
  void stop() {
    if (harness != null) {
      harness.close();
    }
    if (gateways != null) {
      gateways.close();
    }
  }

  private void startOperator(java.net.URI endpoint) {
    // New clients per test: moto forgets the assumed roles' temporary keys on reset.
    gateways = new AwsCloudWatchGateways(MotoSupport.customizer(endpoint));
    OperatorConfig config =
        OperatorHarness.fastConfig().withAccountMapping(AccountMappingMode.REQUIRED);
    // moto has no query definitions, data protection or index policies: the fake's store serves
    // them (keyed by region; the log group names of the two accounts differ here)
    harness = OperatorHarness.start(new MotoGaps(gateways), config);
  }

  @Test
  void eachMappedNamespaceLivesInItsOwnAccountAndAnUnmappedOneIsStalled() {
    startOperator(moto.endpoint());
    namespace("team-a", Map.of());
    namespace("team-b", Map.of("modelaudit.io/team", "b"));
    namespace("team-c", Map.of("modelaudit.io/team", "c"));
    mapping("team-a", ROLE_A, List.of("team-a"), null);
    mapping("team-b", ROLE_B, null, Map.of("modelaudit.io/team", "b"));

    // team-a and team-b publish the same metric: allowed, since metrics (like quotas and names)
    // are per account; team-c uses a metric of its own, as it will share account A with team-a
    harness.create(seedIn("team-a", ACCOUNT_A));
    harness.create(seedIn("team-b", ACCOUNT_B));
    ModelAudit teamC = seedIn("team-c", ACCOUNT_A);
    teamC.getSpec().getMetricFilters().get(0).getMetric().setNamespace("AIModelAuditing/team-c");
    harness.create(teamC);

    ModelAudit a = harness.awaitReady("team-a", NAME);
    ModelAudit b = harness.awaitReady("team-b", NAME);
    ModelAudit c =
        harness.awaitCondition(
            "team-c", NAME, Conditions.STALLED, ConditionReason.AccountNotMapped.name());

    // team-c: the message names the namespace and what the administrator must add; no AWS write
    assertThat(stalledMessage(c))
        .contains("namespace team-c is not mapped to an AWS account")
        .contains("ModelAuditAccount");
    assertThat(c.getMetadata().getAnnotations()).doesNotContainKey(Home.REGION_ANNOTATION);

    // each account holds exactly its own team's resources; the operator's own account nothing
    assertThat(groupsIn(ACCOUNT_A)).containsExactly("/modelaudit/team-a/fraud-detector");
    assertThat(groupsIn(ACCOUNT_B)).containsExactly("/modelaudit/team-b/fraud-detector");
    assertThat(groupsIn(OWN_ACCOUNT)).isEmpty();
    assertThat(alarmsIn(ACCOUNT_A))
        .containsExactly("modelaudit-team-a/fraud-detector/high-event-rate");
    assertThat(alarmsIn(ACCOUNT_B))
        .containsExactly("modelaudit-team-b/fraud-detector/high-event-rate");
    assertThat(alarmsIn(OWN_ACCOUNT)).isEmpty();

    // ownership and tenancy hold inside each account
    try (CloudWatchLogsClient logs = MotoSupport.logsClient(moto, ACCOUNT_A)) {
      LogGroup group = logs.describeLogGroups(r -> {}).logGroups().get(0);
      assertThat(group.arn()).contains(":" + ACCOUNT_A + ":");
      Map<String, String> tags =
          logs.listTagsForResource(r -> r.resourceArn(group.arn().replaceAll(":\\*$", ""))).tags();
      assertThat(tags)
          .containsEntry("modelaudit.io/owner", "team-a/fraud-detector")
          .containsEntry("modelaudit.io/owner-uid", a.getMetadata().getUid());
    }
    assertThat(a.getStatus().getLogGroup().getArn()).contains(":" + ACCOUNT_A + ":");
    assertThat(b.getStatus().getLogGroup().getArn()).contains(":" + ACCOUNT_B + ":");
    // where the resources live is recorded before the first write, account included
    assertThat(a.getMetadata().getAnnotations()).containsEntry(Home.ACCOUNT_ANNOTATION, ACCOUNT_A);

    // the administrator maps team-c: it becomes Ready in account A, without a restart
    harness
        .client()
        .resources(ModelAuditAccount.class)
        .withName("team-a")
        .edit(
            m -> {
              m.getSpec().setNamespaces(List.of("team-a", "team-c"));
              return m;
            });
    harness.awaitReady("team-c", NAME);
    assertThat(groupsIn(ACCOUNT_A))
        .containsExactlyInAnyOrder(
            "/modelaudit/team-a/fraud-detector", "/modelaudit/team-c/fraud-detector");
    assertThat(groupsIn(OWN_ACCOUNT)).isEmpty();

    // the policy's own account is the namespace's: team-b may not notify a topic of account A
    ModelAudit crossed = seedIn("team-b", ACCOUNT_A);
    crossed.getMetadata().setName("crossed");
    crossed.getSpec().getMetricFilters().get(0).getMetric().setNamespace("AIModelAuditing/team-b");
    harness.create(crossed);
    ModelAudit refused =
        harness.awaitCondition(
            "team-b", "crossed", Conditions.STALLED, ConditionReason.PolicyViolation.name());
    assertThat(stalledMessage(refused)).contains("arn:aws:sns:us-east-1:" + ACCOUNT_A);
    assertThat(alarmsIn(ACCOUNT_B)).hasSize(1);

    // deletion cleans up in the account the resources live in (Retain: alarms go, groups stay)
    harness.delete("team-b", NAME);
    harness.awaitGone("team-b", NAME);
    assertThat(alarmsIn(ACCOUNT_B)).isEmpty();
    assertThat(groupsIn(ACCOUNT_B)).containsExactly("/modelaudit/team-b/fraud-detector");
    assertThat(alarmsIn(ACCOUNT_A)).hasSize(2);
  }

  @Test
  void aNamespaceMovedToAnotherAccountIsStalledAndItsResourcesAreNotTouched() {
    startOperator(moto.endpoint());
    namespace("team-a", Map.of());
    mapping("team-a", ROLE_A, List.of("team-a"), null);
    harness.create(seedIn("team-a", ACCOUNT_A));
    harness.awaitReady("team-a", NAME);

    harness
        .client()
        .resources(ModelAuditAccount.class)
        .withName("team-a")
        .edit(
            m -> {
              m.getSpec().setRoleArn(ROLE_B);
              return m;
            });

    ModelAudit moved =
        harness.awaitCondition(
            "team-a", NAME, Conditions.STALLED, ConditionReason.ImmutableFieldChanged.name());
    assertThat(stalledMessage(moved))
        .contains("account " + ACCOUNT_A)
        .contains("account " + ACCOUNT_B);
    assertThat(groupsIn(ACCOUNT_B)).isEmpty();

    // deleting it now cannot reach account A: the finalizer stays and nothing is orphaned
    harness.delete("team-a", NAME);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                Optional.ofNullable(harness.get("team-a", NAME))
                    .map(r -> r.getStatus())
                    .flatMap(s -> Conditions.find(s.getConditions(), Conditions.RECONCILING))
                    .map(Condition::getMessage)
                    .filter(m -> m.contains("cannot clean up"))
                    .isPresent());
    assertThat(harness.get("team-a", NAME)).isNotNull();
    assertThat(alarmsIn(ACCOUNT_A)).hasSize(1);

    // the mapping restored, the cleanup runs in account A
    harness
        .client()
        .resources(ModelAuditAccount.class)
        .withName("team-a")
        .edit(
            m -> {
              m.getSpec().setRoleArn(ROLE_A);
              return m;
            });
    harness.awaitGone("team-a", NAME);
    assertThat(alarmsIn(ACCOUNT_A)).isEmpty();
  }

  @Test
  void aRoleThatCannotBeAssumedIsAccessDeniedNamingTheRoleAndNothingElseIsCalled() {
    try (FaultyProxy proxy = new FaultyProxy(moto.endpoint(), 0, 1)) {
      proxy.denyAssumeRole(ROLE_A);
      startOperator(proxy.endpoint());
      namespace("team-a", Map.of());
      mapping("team-a", ROLE_A, List.of("team-a"), null);

      harness.create(seedIn("team-a", ACCOUNT_A));

      ModelAudit denied =
          harness.awaitCondition(
              "team-a", NAME, Conditions.STALLED, ConditionReason.AccessDenied.name());
      assertThat(stalledMessage(denied))
          .contains("cannot assume role " + ROLE_A)
          .contains("sts:AssumeRole");
      assertThat(proxy.deniedAssumeRoles()).isPositive();
      // no CloudWatch or CloudWatch Logs request went out: only STS was asked, and refused
      assertThat(proxy.passedBodies()).isEmpty();
      assertThat(groupsIn(ACCOUNT_A)).isEmpty();
    }
  }

  // ---- helpers ----

  private void namespace(String name, Map<String, String> labels) {
    harness
        .client()
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .endMetadata()
                .build())
        .create();
  }

  private void mapping(
      String name, String role, List<String> namespaces, Map<String, String> labels) {
    ModelAuditAccount account = new ModelAuditAccount();
    account.getMetadata().setName(name);
    ModelAuditAccountSpec spec = new ModelAuditAccountSpec();
    spec.setRoleArn(role);
    spec.setExternalId("modelaudit-" + name);
    spec.setSessionTags(Map.of("team", name));
    spec.setNamespaces(namespaces);
    if (labels != null) {
      spec.setNamespaceSelector(new LabelSelectorBuilder().withMatchLabels(labels).build());
    }
    account.setSpec(spec);
    harness.client().resource(account).create();
  }

  private static ModelAudit seedIn(String namespace, String account) {
    ModelAudit audit = Fixtures.example(Fixtures.SEED_EXAMPLE);
    audit.getMetadata().setNamespace(namespace);
    audit
        .getSpec()
        .getNotifications()
        .setSnsTopicArn("arn:aws:sns:us-east-1:" + account + ":model-alerts");
    return audit;
  }

  private List<String> groupsIn(String account) {
    try (CloudWatchLogsClient logs = MotoSupport.logsClient(moto, account)) {
      return logs.describeLogGroups(r -> {}).logGroups().stream()
          .map(LogGroup::logGroupName)
          .toList();
    }
  }

  private List<String> alarmsIn(String account) {
    try (CloudWatchClient cloudWatch = MotoSupport.cloudWatchClient(moto, account)) {
      return cloudWatch.describeAlarms(r -> {}).metricAlarms().stream()
          .map(MetricAlarm::alarmName)
          .toList();
    }
  }

  private static String stalledMessage(ModelAudit audit) {
    return Conditions.find(audit.getStatus().getConditions(), Conditions.STALLED)
        .map(Condition::getMessage)
        .orElse("");
  }
}
