package io.modelaudit.operator.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelaudit.operator.Fixtures;
import io.modelaudit.operator.api.v1alpha1.AdoptionStatus;
import io.modelaudit.operator.api.v1alpha1.IndexPolicyStatus;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import io.modelaudit.operator.api.v1alpha1.QueryStatus;
import io.modelaudit.operator.cloudwatch.LogGroupConfig;
import io.modelaudit.operator.cloudwatch.ObservedLogGroup;
import io.modelaudit.operator.cloudwatch.QueryDefinition;
import io.modelaudit.operator.cloudwatch.SubscriptionFilterConfig;
import io.modelaudit.operator.config.OperatorConfig;
import io.modelaudit.operator.part.Change;
import io.modelaudit.operator.part.DesiredState;
import io.modelaudit.operator.part.Observation;
import io.modelaudit.operator.part.Plan;
import io.modelaudit.operator.part.Tags;
import io.modelaudit.operator.part.dataprotection.DataProtectionChanges.DeletePolicy;
import io.modelaudit.operator.part.dataprotection.DataProtectionChanges.PutPolicy;
import io.modelaudit.operator.part.dataprotection.DataProtectionPart;
import io.modelaudit.operator.part.dataprotection.DesiredMasking;
import io.modelaudit.operator.part.indexpolicy.IndexPolicyChanges.DeleteIndexPolicy;
import io.modelaudit.operator.part.indexpolicy.IndexPolicyChanges.PutIndexPolicy;
import io.modelaudit.operator.part.indexpolicy.IndexPolicyPart;
import io.modelaudit.operator.part.queries.DesiredQueries;
import io.modelaudit.operator.part.queries.QueriesPart;
import io.modelaudit.operator.part.queries.QueryChanges.DeleteQuery;
import io.modelaudit.operator.part.queries.QueryChanges.PutQuery;
import io.modelaudit.operator.part.subscriptions.SubscriptionChanges.DeleteSubscriptionFilter;
import io.modelaudit.operator.part.subscriptions.SubscriptionChanges.PutSubscriptionFilter;
import io.modelaudit.operator.part.subscriptions.SubscriptionsPart;
import io.modelaudit.operator.status.ConditionReason;
import io.modelaudit.operator.support.ObservedAws;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The compliance parts' plans: masking, the archive, saved queries and the index policy converge
 * with writes only where AWS differs (compared by meaning), remove only what the operator made,
 * keep what protects retained data, and hand an adopted group back as it was found.
 */
class CompliancePlanTest {

  private static final String GROUP = "/modelaudit/ml-prod/llm-gateway";
  private static final String ARN = "arn:aws:logs:us-east-1:123456789012:log-group:" + GROUP;
  private static final String UID = "7d3f0c1e-uid-llm-gateway";
  private static final String FIREHOSE =
      "arn:aws:firehose:us-east-1:123456789012:deliverystream/modelaudit.ml-prod.archive";
  private static final String ROLE = "arn:aws:iam::123456789012:role/modelaudit.ml-prod.archive";

  private static final String SPEC =
      """
      logGroup:
        indexFields: [gen_ai.conversation.id, request_id]
      dataProtection:
        identifiers: [EmailAddress, CreditCardNumber]
        customIdentifiers:
          - {name: EmployeeId, regex: 'EmployeeID-\\d{9}'}
      archive:
        - name: to-s3
          destinationArn: %s
          roleArn: %s
      queries:
        presets: [conversation, refusals]
        custom:
          - {name: slow, query: 'filter duration > 1000'}
      deletionPolicy: Retain
      """
          .formatted(FIREHOSE, ROLE);

  private final OperatorConfig config = OperatorConfig.defaults();

  // ---- converge ----

  @Test
  void everythingMissingIsCreatedAfterTheLogGroupMaskingFirst() {
    DesiredState desired = desired(SPEC);

    Plan plan = Planner.converge(desired, ObservedAws.empty().observation());

    List<Class<?>> kinds = plan.changes().stream().<Class<?>>map(Object::getClass).toList();
    assertThat(kinds).contains(PutPolicy.class, PutIndexPolicy.class, PutSubscriptionFilter.class);
    assertThat(kinds.indexOf(PutPolicy.class))
        .isLessThan(kinds.indexOf(PutSubscriptionFilter.class));
    assertThat(plan.changes()).filteredOn(c -> c instanceof PutQuery).hasSize(3);
  }

  @Test
  void whatAwsHoldsInAnotherKeyOrderAndLayoutNeedsNoWrite() {
    DesiredState desired = desired(SPEC);

    Plan plan = Planner.converge(desired, inSync(desired, reordered(masking(desired))));

    assertThat(plan.changes()).isEmpty();
  }

  @Test
  void aMaskingPolicyEditedOutsideIsPutBack() {
    DesiredState desired = desired(SPEC);
    String edited = masking(desired).replace("CreditCardNumber", "Name");

    Plan plan = Planner.converge(desired, inSync(desired, edited));

    assertThat(plan.changes()).singleElement().isInstanceOf(PutPolicy.class);
    assertThat(((PutPolicy) plan.changes().get(0)).document()).isEqualTo(masking(desired));
  }

  @Test
  void droppingMaskingFromTheSpecDeletesTheOperatorsPolicyButNeverSomeoneElses() {
    DesiredState withMasking = desired(SPEC);
    DesiredState without = desired(SPEC.replaceAll("(?s)dataProtection:.*?archive:", "archive:"));

    Plan ours = Planner.converge(without, inSync(without, masking(withMasking)));
    Plan foreign = Planner.converge(without, inSync(without, FOREIGN_POLICY));

    assertThat(ours.changes()).containsExactly(new DeletePolicy(GROUP));
    assertThat(foreign.changes()).isEmpty();
  }

  @Test
  void maskingStaysWithARetainedGroupAndGoesWithADeletedOne() {
    DesiredState retain = desired(SPEC);
    DesiredState delete = desired(SPEC.replace("deletionPolicy: Retain", "deletionPolicy: Delete"));

    Plan retained = Planner.delete(retain, inSync(retain, masking(retain)));
    Plan deleted = Planner.delete(delete, inSync(delete, masking(delete)));

    assertThat(retained.changes()).noneMatch(c -> c instanceof DeletePolicy);
    assertThat(retained.kept())
        .anyMatch(k -> k.message().startsWith("data protection policy of " + GROUP + " is kept"));
    // the policy goes with the group; no call of its own
    assertThat(deleted.changes()).noneMatch(c -> c instanceof DeletePolicy);
    assertThat(deleted.changes())
        .last()
        .extracting(Change::describe)
        .asString()
        .contains("delete log group");
  }

  @Test
  void anAdoptedGroupGetsItsOwnPolicyBackAtDeletion() {
    DesiredState desired = desired("adoptExisting: true\n" + SPEC);
    AdoptionStatus record = new AdoptionStatus(GROUP, List.of());
    record.setDataProtectionPolicy(FOREIGN_POLICY);
    record.setSubscriptionFilters(List.of());
    Observation observed =
        withCompliance(
            adopted(desired, record), desired, Optional.of(masking(desired)), List.of(), null);

    Plan plan = Planner.delete(desired, observed);

    assertThat(plan.changes())
        .contains(new PutPolicy(GROUP, FOREIGN_POLICY, "put back the adopted group's"));
  }

  @Test
  void statusSaysWhetherMaskingIsOnAndWhose() {
    DesiredState desired = desired(SPEC);
    ModelAuditStatus ours = new ModelAuditStatus();
    ModelAuditStatus foreign = new ModelAuditStatus();

    StatusParts.from(desired, inSync(desired, masking(desired)), null).accept(ours);
    StatusParts.from(desired, inSync(desired, FOREIGN_POLICY), null).accept(foreign);

    assertThat(ours.getDataProtection().getMasking()).isTrue();
    assertThat(ours.getDataProtection().getManaged()).isTrue();
    assertThat(ours.getDataProtection().getIdentifiers())
        .containsExactly("EmailAddress", "CreditCardNumber", "EmployeeId");
    assertThat(foreign.getDataProtection().getManaged()).isFalse();
  }

  // ---- archive ----

  @Test
  void aForeignSubscriptionFilterIsNeverTouchedAndALackOfRoomStalls() {
    DesiredState desired = desired(SPEC);
    SubscriptionFilterConfig siem =
        new SubscriptionFilterConfig(
            GROUP, "security-siem", "", "arn:aws:lambda:x", null, "ByLogStream");
    SubscriptionFilterConfig splunk =
        new SubscriptionFilterConfig(GROUP, "splunk", "", "arn:aws:lambda:y", null, "ByLogStream");

    Plan oneForeign = Planner.converge(desired, withFilters(desired, List.of(siem)));
    Plan twoForeign = Planner.converge(desired, withFilters(desired, List.of(siem, splunk)));

    assertThat(oneForeign.changes())
        .containsExactly(
            new PutSubscriptionFilter(desired.of(SubscriptionsPart.PART).get(0), false));
    assertThat(twoForeign.changes()).isEmpty();
    assertThat(twoForeign.blockers())
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.reason()).isEqualTo(ConditionReason.LimitExceeded);
              assertThat(b.message()).contains("[security-siem, splunk]");
            });
  }

  @Test
  void anArchiveEntryDroppedFromTheSpecIsDeletedBeforeANewOneIsPut() {
    DesiredState desired = desired(SPEC.replace("name: to-s3", "name: to-s3-v2"));
    SubscriptionFilterConfig old =
        new SubscriptionFilterConfig(GROUP, "to-s3", "", FIREHOSE, ROLE, "ByLogStream");
    Observation observed =
        withCompliance(
            owned(desired), desired, Optional.of(masking(desired)), List.of(old), Set.of("to-s3"));

    Plan plan = Planner.converge(desired, observed);

    assertThat(plan.changes())
        .containsSubsequence(
            new DeleteSubscriptionFilter(GROUP, "to-s3"),
            new PutSubscriptionFilter(desired.of(SubscriptionsPart.PART).get(0), false));
  }

  @Test
  void theArchiveStaysWithARetainedGroupAndGoesUnderDelete() {
    DesiredState retain = desired(SPEC);
    DesiredState delete =
        desired(
            SPEC.replace("deletionPolicy: Retain", "deletionPolicy: Delete\nlogStreams: []")
                .replace(
                    "indexFields: [gen_ai.conversation.id, request_id]",
                    "deletionProtection: true"));

    Plan retained = Planner.delete(retain, inSync(retain, masking(retain)));
    Plan protectedGroup = Planner.delete(delete, inSync(delete, masking(delete), true));

    assertThat(retained.changes()).noneMatch(c -> c instanceof DeleteSubscriptionFilter);
    assertThat(retained.kept())
        .anyMatch(k -> k.message().startsWith("archive subscription filters [to-s3]"));
    assertThat(protectedGroup.changes()).contains(new DeleteSubscriptionFilter(GROUP, "to-s3"));
  }

  // ---- saved queries ----

  @Test
  void savedQueriesCarryTheOwnershipMarkerAndAreNamespaced() {
    DesiredState desired = desired(SPEC);

    DesiredQueries queries = desired.of(QueriesPart.PART);

    assertThat(queries.queries())
        .extracting(q -> q.definition().name())
        .containsExactly(
            "modelaudit/ml-prod/llm-gateway/conversation",
            "modelaudit/ml-prod/llm-gateway/refusals",
            "modelaudit/ml-prod/llm-gateway/slow");
    assertThat(queries.queries().get(2).definition().queryString())
        .startsWith("# modelaudit.io/owner=ml-prod/llm-gateway;modelaudit.io/owner-uid=" + UID)
        .endsWith("\nfilter duration > 1000");
    assertThat(queries.queries().get(0).definition().logGroupNames()).containsExactly(GROUP);
  }

  @Test
  void aQuerySavedByHandUnderADesiredNameStallsAndIsNeverOverwritten() {
    DesiredState desired = desired(SPEC);
    QueryDefinition byHand =
        new QueryDefinition(
            "q-1", "modelaudit/ml-prod/llm-gateway/slow", "fields @message", List.of());

    Plan plan = Planner.converge(desired, withQueries(desired, List.of(byHand)));

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.blockers())
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.reason()).isEqualTo(ConditionReason.AlreadyExists);
              assertThat(b.message())
                  .contains("saved query modelaudit/ml-prod/llm-gateway/slow (id q-1)");
            });
  }

  @Test
  void theOperatorsQueriesAreUpdatedInPlaceAndThoseDroppedAreDeletedEvenWithoutStatus() {
    DesiredState desired = desired(SPEC);
    List<QueryDefinition> made = ours(desired);
    QueryDefinition slow = made.get(2);
    QueryDefinition edited =
        new QueryDefinition(
            slow.id(), slow.name(), slow.queryString() + " | limit 5", slow.logGroupNames());
    DesiredState fewer =
        desired(SPEC.replace("presets: [conversation, refusals]", "presets: [conversation]"));

    Plan edit =
        Planner.converge(desired, withQueries(desired, List.of(made.get(0), made.get(1), edited)));
    Plan drop = Planner.converge(fewer, withQueries(fewer, made));

    assertThat(edit.changes()).containsExactly(new PutQuery(slow));
    assertThat(drop.changes())
        .containsExactly(new DeleteQuery(made.get(1).id(), made.get(1).name()));
  }

  @Test
  void queriesOfAnotherModelAuditUnderTheSamePrefixAreNeverDeleted() {
    DesiredState desired = desired(SPEC);
    DesiredState impostor =
        DesiredStateBuilder.build(resource(SPEC, "another-uid"), config.withClusterName("other"));
    List<QueryDefinition> theirs = ours(impostor);

    Plan cleanup = Planner.delete(desired, withQueries(desired, theirs));

    assertThat(cleanup.changes()).noneMatch(c -> c instanceof DeleteQuery);
  }

  @Test
  void savedQueriesAreDeletedUnderRetainAndStatusListsTheirIds() {
    DesiredState desired = desired(SPEC);
    Observation observed = withQueries(desired, ours(desired));

    Plan cleanup = Planner.delete(desired, observed);
    ModelAuditStatus status = new ModelAuditStatus();
    StatusParts.from(desired, observed, null).accept(status);

    assertThat(cleanup.changes()).filteredOn(c -> c instanceof DeleteQuery).hasSize(3);
    assertThat(status.getQueries())
        .extracting(QueryStatus::getName, QueryStatus::getId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("conversation", "id-0"),
            org.assertj.core.groups.Tuple.tuple("refusals", "id-1"),
            org.assertj.core.groups.Tuple.tuple("slow", "id-2"));
  }

  // ---- index policy ----

  @Test
  void indexFieldsAreComparedAsASetAndDroppedOnesRemoveOnlyTheOperatorsPolicy() {
    DesiredState desired = desired(SPEC);
    DesiredState without =
        desired(
            SPEC.replace(
                "indexFields: [gen_ai.conversation.id, request_id]", "retentionInDays: 7"));
    String reordered = "{ \"Fields\" : [\"request_id\", \"gen_ai.conversation.id\"] }";

    Observation inSync = withIndex(desired, reordered, false);
    Plan steady = Planner.converge(desired, inSync);
    ModelAuditStatus status = new ModelAuditStatus();
    StatusParts.from(desired, inSync, null).accept(status);
    Plan dropOurs = Planner.converge(without, withIndex(without, reordered, true));
    Plan dropForeign = Planner.converge(without, withIndex(without, reordered, false));

    assertThat(steady.changes()).noneMatch(c -> c instanceof PutIndexPolicy);
    assertThat(status.getIndexPolicy())
        .isEqualTo(new IndexPolicyStatus(List.of("request_id", "gen_ai.conversation.id"), true));
    assertThat(dropOurs.changes()).contains(new DeleteIndexPolicy(GROUP));
    assertThat(dropForeign.changes()).noneMatch(c -> c instanceof DeleteIndexPolicy);
  }

  // ---- fixtures ----

  private static final String FOREIGN_POLICY =
      "{\"Name\":\"security-team\",\"Version\":\"2021-06-01\",\"Statement\":[]}";

  private DesiredState desired(String spec) {
    return DesiredStateBuilder.build(resource(spec, UID), config);
  }

  private static ModelAudit resource(String spec, String uid) {
    ModelAudit audit = Fixtures.resource("ml-prod", "llm-gateway", spec);
    audit.getMetadata().setUid(uid);
    return audit;
  }

  private static String masking(DesiredState desired) {
    return desired.of(DataProtectionPart.PART).map(DesiredMasking::document).orElseThrow();
  }

  /** The same document with its keys in reverse order and spread over lines. */
  private static String reordered(String document) {
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    try {
      com.fasterxml.jackson.databind.JsonNode tree = json.readTree(document);
      com.fasterxml.jackson.databind.node.ObjectNode reversed = json.createObjectNode();
      List<String> keys = new java.util.ArrayList<>();
      tree.fieldNames().forEachRemaining(keys::add);
      java.util.Collections.reverse(keys);
      keys.forEach(k -> reversed.set(k, tree.get(k)));
      return json.writerWithDefaultPrettyPrinter().writeValueAsString(reversed);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObservedAws owned(DesiredState desired) {
    return owned(desired, false);
  }

  private static ObservedAws owned(DesiredState desired, boolean deletionProtection) {
    Map<String, String> tags = new LinkedHashMap<>(ObservedAws.createdTags(desired));
    return new ObservedAws(
        Optional.of(
            new ObservedLogGroup(
                new LogGroupConfig(GROUP, null, null, "STANDARD", deletionProtection), ARN)),
        tags,
        List.of("events"),
        List.of(),
        Map.of(),
        Map.of(),
        Set.of("events"),
        Set.of(),
        Set.of());
  }

  private static ObservedAws adopted(DesiredState desired, AdoptionStatus record) {
    Map<String, String> tags = new LinkedHashMap<>(desired.tags());
    tags.put(Tags.ORIGIN, Tags.ADOPTED);
    return new ObservedAws(
            Optional.of(
                new ObservedLogGroup(
                    new LogGroupConfig(GROUP, null, null, "STANDARD", false), ARN)),
            tags,
            List.of("events"),
            List.of(),
            Map.of(),
            Map.of(),
            Set.of("events"),
            Set.of(),
            Set.of())
        .withAdoption(record);
  }

  /** The owned group holding every compliance part as the spec asks, masking as given. */
  private Observation inSync(DesiredState desired, String maskingDocument) {
    return inSync(desired, maskingDocument, false);
  }

  private Observation inSync(DesiredState desired, String maskingDocument, boolean protectedGroup) {
    return withCompliance(
        owned(desired, protectedGroup),
        desired,
        Optional.of(maskingDocument),
        desired.of(SubscriptionsPart.PART),
        null);
  }

  private static Observation withCompliance(
      ObservedAws aws,
      DesiredState desired,
      Optional<String> masking,
      List<SubscriptionFilterConfig> filters,
      Set<String> managedFilters) {
    Set<String> managed =
        managedFilters != null
            ? managedFilters
            : Set.copyOf(filters.stream().map(SubscriptionFilterConfig::filterName).toList());
    return aws.observation()
        .with(DataProtectionPart.PART, new DataProtectionPart.Observed(masking))
        .with(
            IndexPolicyPart.PART,
            new IndexPolicyPart.Observed(desired.of(IndexPolicyPart.PART), true))
        .with(SubscriptionsPart.PART, new SubscriptionsPart.Observed(filters, managed))
        .with(QueriesPart.PART, new QueriesPart.Observed(ours(desired)));
  }

  private Observation withFilters(DesiredState desired, List<SubscriptionFilterConfig> filters) {
    return inSync(desired, masking(desired))
        .with(SubscriptionsPart.PART, new SubscriptionsPart.Observed(filters, Set.of()));
  }

  private Observation withQueries(DesiredState desired, List<QueryDefinition> queries) {
    return inSync(desired, masking(desired))
        .with(QueriesPart.PART, new QueriesPart.Observed(queries));
  }

  private Observation withIndex(DesiredState desired, String document, boolean managed) {
    return inSync(desired, masking(desired))
        .with(IndexPolicyPart.PART, new IndexPolicyPart.Observed(Optional.of(document), managed));
  }

  /** The desired saved queries as the operator made them, with ids id-0, id-1, ... */
  private static List<QueryDefinition> ours(DesiredState desired) {
    List<DesiredQueries.Query> queries = desired.of(QueriesPart.PART).queries();
    List<QueryDefinition> made = new java.util.ArrayList<>();
    for (int i = 0; i < queries.size(); i++) {
      made.add(queries.get(i).definition().withId("id-" + i));
    }
    return made;
  }
}
