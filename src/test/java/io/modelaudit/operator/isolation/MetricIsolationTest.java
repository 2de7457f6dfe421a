package io.modelaudit.operator.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelaudit.operator.Fixtures;
import io.modelaudit.operator.api.v1alpha1.MetricClaimStatus;
import io.modelaudit.operator.api.v1alpha1.ModelAuditSpec;
import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import io.modelaudit.operator.isolation.MetricClaim.Use;
import io.modelaudit.operator.isolation.MetricIsolation.Conflict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Unit tests of {@link MetricIsolation}: who keeps a metric family, and why the others may not. */
class MetricIsolationTest {

  private static final String REGION = "us-east-1";
  private static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");

  /** The seed's filter: publishes AIModelAuditing/EventCount without dimensions. */
  private static final String SEED =
      """
      metricFilters:
        - name: events
          pattern: '[timestamp=*Z, request_id, event, ...]'
          metric: {namespace: AIModelAuditing, name: EventCount, value: "1"}
      alarms:
        - name: high-event-rate
          metricFilter: events
          statistic: Sum
          period: 60
          evaluationPeriods: 1
          comparisonOperator: GreaterThanThreshold
          threshold: 5
      """;

  /** An alarm that watches AIModelAuditing/EventCount directly. */
  private static final String WATCHER =
      """
      alarms:
        - name: watch
          metric: {namespace: AIModelAuditing, name: EventCount}
          statistic: Sum
          period: 60
          evaluationPeriods: 1
          comparisonOperator: GreaterThanThreshold
          threshold: 5
      """;

  private static final MetricFamily EVENT_COUNT =
      MetricFamily.of(REGION, "AIModelAuditing", "EventCount", List.of());

  @Test
  void theFirstToPublishKeepsTheMetricAndTheSecondIsToldWhoHasIt() {
    Claimant first = claimant("team-a/fraud", "a", T0, SEED);
    Claimant second = claimant("team-b/chat", "b", T0.plusSeconds(60), SEED);

    assertThat(conflicts(first, SEED, second)).isEmpty();
    assertThat(conflicts(second, SEED, first))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.holder().id()).isEqualTo("team-a/fraud");
              assertThat(c.holderLeaving()).isFalse();
              assertThat(c.message(Optional.of("AIModelAuditing/team-b")))
                  .startsWith("spec.metricFilters[0].metric: AIModelAuditing/EventCount")
                  .contains("(no dimensions) in us-east-1")
                  .contains("is already published by ModelAudit team-a/fraud")
                  .contains("AIModelAuditing/team-b");
            });
  }

  @Test
  void createdInTheSameSecondTheSmallerUidComesFirst() {
    Claimant a = claimant("team-a/fraud", "uid-2", T0, SEED);
    Claimant b = claimant("team-b/chat", "uid-1", T0, SEED);

    assertThat(conflicts(b, SEED, a)).isEmpty();
    assertThat(conflicts(a, SEED, b)).hasSize(1);
  }

  @Test
  void holdingTheMetricInAwsComesBeforeAge() {
    // the older one edited its spec to publish a metric the younger one already publishes
    Claimant older = claimant("team-a/old", "a", T0, SEED);
    Claimant holder =
        claimant("team-b/young", "b", T0.plusSeconds(3600), SEED, held(EVENT_COUNT, Use.PUBLISH));

    assertThat(conflicts(holder, SEED, older)).isEmpty();
    assertThat(conflicts(older, SEED, holder))
        .singleElement()
        .satisfies(c -> assertThat(c.holder().id()).isEqualTo("team-b/young"));
  }

  @Test
  void metricsOfOtherRegionsNamesOrDimensionsAreOtherMetrics() {
    Claimant first = claimant("team-a/fraud", "a", T0, SEED);
    String dimensioned = SEED.replace("value: \"1\"}", "value: \"1\", dimensions: {Model: $.m}}");
    ModelAuditSpec elsewhere = Fixtures.spec(SEED);
    Claimant second = claimant("team-b/chat", "b", T0.plusSeconds(1), dimensioned);

    assertThat(conflicts(second, dimensioned, first)).isEmpty();
    Claimant inEurope =
        new Claimant(
            "team-c/eu",
            "c",
            T0.plusSeconds(2),
            false,
            true,
            MetricClaims.uses(MetricClaims.ofSpec(elsewhere, "eu-west-1")),
            Map.of());
    assertThat(
            MetricIsolation.conflicts(
                inEurope,
                MetricClaims.ofSpec(elsewhere, "eu-west-1"),
                family -> family.region().equals(REGION) ? List.of(first) : List.of()))
        .isEmpty();
  }

  @Test
  void anAlarmMayNotWatchAMetricAnotherPublishes() {
    Claimant publisher = claimant("team-a/fraud", "a", T0, SEED);
    Claimant watcher = claimant("team-b/reader", "b", T0.plusSeconds(60), WATCHER);

    assertThat(conflicts(watcher, WATCHER, publisher))
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.message(Optional.empty()))
                    .startsWith("spec.alarms[0].metric: AIModelAuditing/EventCount")
                    .contains("is already published by ModelAudit team-a/fraud")
                    .contains("an alarm may not watch a metric another ModelAudit publishes"));
  }

  @Test
  void noOneMayPublishAMetricAnOlderAlarmWatches() {
    Claimant watcher = claimant("team-a/reader", "a", T0, WATCHER);
    Claimant publisher = claimant("team-b/fraud", "b", T0.plusSeconds(60), SEED);

    assertThat(conflicts(watcher, WATCHER, publisher)).isEmpty();
    assertThat(conflicts(publisher, SEED, watcher))
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.message(Optional.empty()))
                    .contains("is watched by an alarm of ModelAudit team-a/reader"));
  }

  @Test
  void alarmsMayWatchTheSameMetricWhenNobodyPublishesIt() {
    Claimant first = claimant("team-a/reader", "a", T0, WATCHER);
    Claimant second = claimant("team-b/reader", "b", T0.plusSeconds(60), WATCHER);
    Claimant refused = claimant("team-c/fraud", "c", T0.plusSeconds(30), SEED);

    assertThat(conflicts(second, WATCHER, first, refused))
        .as("the publisher between them is refused, so it does not count")
        .isEmpty();
  }

  @Test
  void anInvalidSpecClaimsOnlyWhatItHoldsInAws() {
    Claimant invalidOlder =
        new Claimant("team-a/broken", "a", T0, false, false, Map.of(), Map.of());
    Claimant second = claimant("team-b/chat", "b", T0.plusSeconds(60), SEED);
    assertThat(conflicts(second, SEED, invalidOlder)).isEmpty();

    Claimant invalidHolder =
        new Claimant(
            "team-a/broken", "a", T0, false, false, Map.of(), held(EVENT_COUNT, Use.PUBLISH));
    assertThat(conflicts(second, SEED, invalidHolder))
        .singleElement()
        .satisfies(c -> assertThat(c.holderLeaving()).as("it cannot let go").isFalse());
  }

  @Test
  void aHolderThatIsDeletedOrNoLongerAsksForTheMetricIsLeaving() {
    Claimant second = claimant("team-b/chat", "b", T0.plusSeconds(60), SEED);
    Claimant deleting =
        new Claimant(
            "team-a/fraud",
            "a",
            T0,
            true,
            true,
            MetricClaims.uses(MetricClaims.ofSpec(Fixtures.spec(SEED), REGION)),
            held(EVENT_COUNT, Use.PUBLISH));
    assertThat(conflicts(second, SEED, deleting))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.holderLeaving()).isTrue();
              assertThat(c.message(Optional.empty())).contains("which is being deleted");
            });

    Claimant renamed =
        new Claimant(
            "team-a/fraud", "a", T0, false, true, Map.of(), held(EVENT_COUNT, Use.PUBLISH));
    assertThat(conflicts(second, SEED, renamed))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.holderLeaving()).isTrue();
              assertThat(c.message(Optional.empty())).contains("which is removing it");
            });
  }

  @Test
  void statusRecordsEachFamilyOnceAndPublishingWins() {
    String both =
        SEED
            + """
              - name: watch-own
                metric: {namespace: AIModelAuditing, name: EventCount}
                statistic: Sum
                period: 60
                evaluationPeriods: 1
                comparisonOperator: GreaterThanThreshold
                threshold: 5
              - name: watch-other
                metric: {namespace: AIModelAuditing/team-a, name: Other, dimensions: {B: x, A: y}}
                statistic: Sum
                period: 60
                evaluationPeriods: 1
                comparisonOperator: GreaterThanThreshold
                threshold: 5
            """;
    List<MetricClaimStatus> status =
        MetricClaims.toStatus(MetricClaims.uses(MetricClaims.ofSpec(Fixtures.spec(both), REGION)));

    assertThat(status)
        .containsExactly(
            new MetricClaimStatus("AIModelAuditing", "EventCount", List.of(), "Publish"),
            new MetricClaimStatus("AIModelAuditing/team-a", "Other", List.of("A", "B"), "Watch"));

    ModelAuditStatus written = new ModelAuditStatus();
    written.setRegion(REGION);
    written.setMetrics(status);
    assertThat(MetricClaims.ofStatus(written, "eu-west-1"))
        .containsEntry(EVENT_COUNT, Use.PUBLISH)
        .hasSize(2);
  }

  @Test
  void theMetricsOfAMetricMathAlarmAreWatchedLikeAnAlarmsMetric() {
    String rate =
        """
        alarms:
          - name: share
            metrics:
              - {id: mine, metric: {namespace: AIModelAuditing/team-b, name: Calls}, stat: Sum}
              - {id: theirs, metric: {namespace: AIModelAuditing, name: EventCount}, stat: Sum}
              - {id: pct, expression: 100 * theirs / mine, returnData: true}
            period: 60
            evaluationPeriods: 1
            comparisonOperator: GreaterThanThreshold
            threshold: 5
        """;
    Claimant publisher = claimant("team-a/fraud", "a", T0, SEED);
    Claimant watcher = claimant("team-b/reader", "b", T0.plusSeconds(60), rate);

    assertThat(MetricClaims.ofSpec(Fixtures.spec(rate), REGION))
        .extracting(MetricClaim::field, MetricClaim::use)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("spec.alarms[0].metrics[0].metric", Use.WATCH),
            org.assertj.core.groups.Tuple.tuple("spec.alarms[0].metrics[1].metric", Use.WATCH));
    assertThat(conflicts(watcher, rate, publisher))
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.message(Optional.empty()))
                    .startsWith("spec.alarms[0].metrics[1].metric: AIModelAuditing/EventCount")
                    .contains("is already published by ModelAudit team-a/fraud"));
  }

  @Test
  void presetsPublishTheirFiltersMetricsInTheModelAuditsOwnNamespace() {
    ModelAuditSpec spec = Fixtures.spec("presets: {errorRate: {}, latencyP99: {}}\n");

    List<MetricClaim> claims = MetricClaims.ofSpec(spec, REGION, "modelaudit/ml/chat");

    assertThat(claims)
        .allSatisfy(
            c -> {
              assertThat(c.use()).isEqualTo(Use.PUBLISH);
              assertThat(c.family().namespace()).isEqualTo("modelaudit/ml/chat");
              assertThat(c.family().dimensionNames()).isEmpty();
            })
        .extracting(MetricClaim::field)
        .contains("spec.presets.errorRate", "spec.presets.latencyP99");
    assertThat(MetricClaims.uses(claims).keySet())
        .extracting(MetricFamily::name)
        .containsExactlyInAnyOrder("Requests", "Errors", "OperationDuration");
    assertThat(MetricClaims.ofSpec(spec, REGION)).as("without the namespace: none").isEmpty();
  }

  // ---- helpers ----

  private static Claimant claimant(String id, String uid, Instant createdAt, String spec) {
    return claimant(id, uid, createdAt, spec, Map.of());
  }

  private static Claimant claimant(
      String id, String uid, Instant createdAt, String spec, Map<MetricFamily, Use> held) {
    return new Claimant(
        id,
        uid,
        createdAt,
        false,
        true,
        MetricClaims.uses(MetricClaims.ofSpec(Fixtures.spec(spec), REGION)),
        held);
  }

  private static Map<MetricFamily, Use> held(MetricFamily family, Use use) {
    return Map.of(family, use);
  }

  private static List<Conflict> conflicts(Claimant me, String spec, Claimant... others) {
    List<Claimant> all = new ArrayList<>(List.of(others));
    return MetricIsolation.conflicts(
        me,
        MetricClaims.ofSpec(Fixtures.spec(spec), REGION),
        family -> all.stream().filter(c -> c.use(family).isPresent()).toList());
  }
}
