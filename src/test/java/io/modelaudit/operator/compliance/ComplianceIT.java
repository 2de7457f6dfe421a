package io.modelaudit.operator.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.modelaudit.operator.Fixtures;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.api.v1alpha1.QueryStatus;
import io.modelaudit.operator.cloudwatch.QueryDefinition;
import io.modelaudit.operator.cloudwatch.SubscriptionFilterConfig;
import io.modelaudit.operator.fake.CloudWatchStore;
import io.modelaudit.operator.fake.InMemoryCloudWatch;
import io.modelaudit.operator.part.JsonDocuments;
import io.modelaudit.operator.support.ArchiveDestinations;
import io.modelaudit.operator.support.OperatorHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The compliance example end to end on the fake: masking, the archive, saved queries and the index
 * policy converge and show in status, nothing is written in steady state, out-of-band changes are
 * repaired by the rolling full read (every 3 s here), and deletion keeps or removes each part as
 * its deletion policy says.
 */
class ComplianceIT {

  private static final String REGION = "us-east-1";
  private static final Path EXAMPLE = Path.of("examples", "04-compliance-chat-assistant.yaml");
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private static InMemoryCloudWatch aws;
  private static CloudWatchStore store;
  private static OperatorHarness harness;

  @BeforeAll
  static void startOperator() {
    aws = new InMemoryCloudWatch();
    store = aws.store();
    harness =
        OperatorHarness.start(
            aws, OperatorHarness.fastConfig().withResyncInterval(Duration.ofSeconds(3)));
  }

  @AfterAll
  static void stopOperator() {
    harness.close();
  }

  @Test
  void theExampleConvergesShowsInStatusAndWritesNothingMoreInSteadyState() {
    ModelAudit ready = readyExample("steady");
    String group = group(ready);

    assertThat(store.dataProtectionPolicy(REGION, group)).isPresent();
    assertThat(store.subscriptionFilters(REGION, group))
        .extracting(SubscriptionFilterConfig::filterName)
        .containsExactly("to-s3");
    assertThat(
            JsonDocuments.same(
                store.indexPolicy(REGION, group).orElseThrow(),
                "{\"Fields\":[\"gen_ai.conversation.id\",\"gen_ai.response.id\"]}"))
        .isTrue();
    assertThat(ready.getStatus().getDataProtection().getMasking()).isTrue();
    assertThat(ready.getStatus().getDataProtection().getManaged()).isTrue();
    assertThat(ready.getStatus().getDataProtection().getIdentifiers())
        .containsExactly("EmailAddress", "CreditCardNumber", "EmployeeId");
    assertThat(ready.getStatus().getArchive())
        .singleElement()
        .satisfies(a -> assertThat(a.getName()).isEqualTo("to-s3"));
    assertThat(ready.getStatus().getQueries())
        .extracting(QueryStatus::getName)
        .containsExactly(
            "conversation", "recent-errors", "token-usage-by-model", "refusals", "long-prompts");
    assertThat(ready.getStatus().getIndexPolicy().getManaged()).isTrue();
    String namespace = ready.getMetadata().getNamespace();
    assertThat(store.queryDefinitions(REGION))
        .filteredOn(d -> d.name().startsWith("modelaudit/" + namespace + "/chat-assistant/"))
        .hasSize(5)
        .allSatisfy(d -> assertThat(d.logGroupNames()).containsExactly(group));

    // steady state: the full reads that follow (every 3 s) write nothing
    int writes = aws.mutatingCallCount();
    int fullReadsBefore = aws.callCount(InMemoryCloudWatch.GET_DATA_PROTECTION_POLICY);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                aws.callCount(InMemoryCloudWatch.GET_DATA_PROTECTION_POLICY)
                    >= fullReadsBefore + 2);
    assertThat(aws.mutatingCallCount()).isEqualTo(writes);
  }

  @Test
  void whatIsChangedOutsideTheOperatorIsRepairedByTheFullRead() {
    ModelAudit ready = readyExample("drift");
    String group = group(ready);
    String policy = store.dataProtectionPolicy(REGION, group).orElseThrow();
    QueryDefinition refusals =
        store.queryDefinitions(REGION).stream()
            .filter(
                d ->
                    d.name().endsWith("/" + ready.getMetadata().getName() + "/refusals")
                        && d.name().contains("/" + ready.getMetadata().getNamespace() + "/"))
            .findFirst()
            .orElseThrow();

    aws.outOfBand().putDataProtectionPolicy(REGION, group, null);
    aws.outOfBand().deleteSubscriptionFilter(REGION, group, "to-s3");
    aws.outOfBand().putIndexPolicy(REGION, group, "{\"Fields\":[\"other\"]}");
    aws.outOfBand()
        .putQueryDefinition(
            REGION,
            new QueryDefinition(
                refusals.id(),
                refusals.name(),
                refusals.queryString() + "\n| limit 1",
                refusals.logGroupNames()));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                store.dataProtectionPolicy(REGION, group).filter(policy::equals).isPresent()
                    && store.subscriptionFilters(REGION, group).size() == 1
                    && store
                        .indexPolicy(REGION, group)
                        .filter(p -> p.contains("gen_ai.response.id"))
                        .isPresent()
                    && store.queryDefinitions(REGION).stream()
                        .anyMatch(
                            d ->
                                d.id().equals(refusals.id())
                                    && d.queryString().equals(refusals.queryString())));
  }

  @Test
  void retainKeepsMaskingArchiveAndIndexWithTheGroupAndDeletesTheSavedQueries() {
    ModelAudit ready = readyExample("retain");
    String group = group(ready);
    String namespace = ready.getMetadata().getNamespace();

    harness.delete(namespace, "chat-assistant");
    harness.awaitGone(namespace, "chat-assistant");

    assertThat(aws.logGroup(REGION, group)).isPresent();
    assertThat(store.dataProtectionPolicy(REGION, group)).isPresent();
    assertThat(store.subscriptionFilters(REGION, group)).hasSize(1);
    assertThat(store.indexPolicy(REGION, group)).isPresent();
    assertThat(store.queryDefinitions(REGION))
        .noneMatch(d -> d.name().startsWith("modelaudit/" + namespace + "/"));
  }

  @Test
  void deleteRemovesEverythingWithTheGroup() {
    ModelAudit ready = readyExample("delete", "deletionPolicy: Delete");
    String group = group(ready);
    String namespace = ready.getMetadata().getNamespace();

    harness.delete(namespace, "chat-assistant");
    harness.awaitGone(namespace, "chat-assistant");

    assertThat(aws.logGroup(REGION, group)).isEmpty();
    assertThat(store.queryDefinitions(REGION))
        .noneMatch(d -> d.name().startsWith("modelaudit/" + namespace + "/"));
  }

  @Test
  void aSavedQueryOfAnotherToolUnderTheSameNameStallsTheModelAuditAndIsKept() {
    String namespace = "compliance-" + COUNTER.incrementAndGet();
    String name = "modelaudit/" + namespace + "/chat-assistant/refusals";
    String id =
        aws.outOfBand()
            .putQueryDefinition(
                REGION, new QueryDefinition(null, name, "fields @message", List.of()));
    ModelAudit audit = example(namespace, null);
    ArchiveDestinations.create(aws, audit);
    harness.create(audit);

    harness.awaitCondition(namespace, "chat-assistant", "Stalled", "AlreadyExists");

    assertThat(store.queryDefinitions(REGION))
        .filteredOn(d -> d.id().equals(id))
        .singleElement()
        .satisfies(d -> assertThat(d.queryString()).isEqualTo("fields @message"));
  }

  private ModelAudit readyExample(String what) {
    return readyExample(what, null);
  }

  private ModelAudit readyExample(String what, String policy) {
    String namespace = "compliance-" + what + "-" + COUNTER.incrementAndGet();
    ModelAudit audit = example(namespace, policy);
    ArchiveDestinations.create(aws, audit);
    harness.create(audit);
    return harness.awaitReady(namespace, "chat-assistant");
  }

  /** The example moved to its own namespace (its archive's names follow), policy optionally set. */
  private static ModelAudit example(String namespace, String deletionPolicy) {
    ModelAudit audit = Fixtures.example(EXAMPLE);
    audit.getMetadata().setNamespace(namespace);
    audit
        .getSpec()
        .getArchive()
        .forEach(
            a -> {
              a.setDestinationArn(
                  a.getDestinationArn().replace(".ml-prod.", "." + namespace + "."));
              a.setRoleArn(a.getRoleArn().replace(".ml-prod.", "." + namespace + "."));
            });
    if (deletionPolicy != null) {
      audit.getSpec().setDeletionPolicy(deletionPolicy.substring("deletionPolicy: ".length()));
    }
    return audit;
  }

  private static String group(ModelAudit audit) {
    return "/modelaudit/" + audit.getMetadata().getNamespace() + "/chat-assistant";
  }
}
