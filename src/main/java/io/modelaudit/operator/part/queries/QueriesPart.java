package io.modelaudit.operator.part.queries;

import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import io.modelaudit.operator.api.v1alpha1.QueriesSpec;
import io.modelaudit.operator.api.v1alpha1.QuerySpec;
import io.modelaudit.operator.api.v1alpha1.QueryStatus;
import io.modelaudit.operator.cloudwatch.QueryDefinition;
import io.modelaudit.operator.part.Blocker;
import io.modelaudit.operator.part.Change;
import io.modelaudit.operator.part.Cleanup;
import io.modelaudit.operator.part.DesiredInput;
import io.modelaudit.operator.part.DesiredState;
import io.modelaudit.operator.part.Marker;
import io.modelaudit.operator.part.Names;
import io.modelaudit.operator.part.Observation;
import io.modelaudit.operator.part.Ownership;
import io.modelaudit.operator.part.Ownership.Claim;
import io.modelaudit.operator.part.Part;
import io.modelaudit.operator.part.ReadContext;
import io.modelaudit.operator.part.queries.DesiredQueries.Query;
import io.modelaudit.operator.part.queries.QueryChanges.DeleteQuery;
import io.modelaudit.operator.part.queries.QueryChanges.PutQuery;
import io.modelaudit.operator.status.ConditionReason;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Saved Logs Insights queries (query definitions) for auditors, scoped to the model's log group:
 * the built-in presets and the team's own. Their names are namespaced, {@code
 * <prefix>/<namespace>/<name>/<query>}, so tenants never collide, and each query's first line is a
 * comment with the operator's ownership marker: query definitions have no tags, and the marker is
 * how the operator knows - even without status - which ones it made. It changes and deletes only
 * those; one someone else saved under the same name stalls the ModelAudit instead of being
 * overwritten.
 *
 * <p>Queries hold no data: they are deleted under deletionPolicy Retain and Delete alike.
 */
public final class QueriesPart implements Part<DesiredQueries, QueriesPart.Observed> {

  public static final QueriesPart PART = new QueriesPart();

  /** Query definition names list with this many characters of the prefix at most. */
  private static final int LIST_PREFIX_MAX = 200;

  /**
   * The saved queries under this ModelAudit's name prefix, whoever made them.
   *
   * @param existing every definition whose name starts with the prefix
   */
  public record Observed(List<QueryDefinition> existing) {
    public Observed {
      existing = List.copyOf(existing);
    }
  }

  private QueriesPart() {}

  @Override
  public String name() {
    return "saved queries";
  }

  @Override
  public DesiredQueries desired(DesiredInput input) {
    String prefix =
        Names.queryNamePrefix(input.config().alarmNamePrefix(), input.namespace(), input.name());
    String listPrefix = prefix.substring(0, Math.min(prefix.length(), LIST_PREFIX_MAX));
    QueriesSpec spec = input.spec().getQueries();
    List<Query> queries = new ArrayList<>();
    if (spec != null) {
      String header =
          "# "
              + Marker.of(input.soFar())
              + " (saved by the ModelAudit operator;"
              + " edits are reverted)\n";
      List<String> groups = List.of(input.soFar().logGroupName());
      if (spec.getPresets() != null) {
        for (String preset : spec.getPresets()) {
          queries.add(query(input, preset, header + QueryPresets.query(preset), groups));
        }
      }
      if (spec.getCustom() != null) {
        for (QuerySpec custom : spec.getCustom()) {
          queries.add(query(input, custom.getName(), header + custom.getQuery(), groups));
        }
      }
    }
    return new DesiredQueries(listPrefix, queries);
  }

  private static Query query(
      DesiredInput input, String specName, String queryString, List<String> groups) {
    String name =
        Names.queryDefinitionName(
            input.config().alarmNamePrefix(), input.namespace(), input.name(), specName);
    return new Query(specName, new QueryDefinition(null, name, queryString, groups));
  }

  @Override
  public Optional<String> summary(DesiredState desired) {
    int count = desired.of(PART).queries().size();
    return count == 0 ? Optional.empty() : Optional.of(count + " saved query(ies)");
  }

  @Override
  public Observed observe(ReadContext read) {
    return new Observed(read.gateway().listQueryDefinitions(read.desired().of(PART).listPrefix()));
  }

  /** Who a saved query belongs to, as its first line's marker says. */
  private static Claim claim(DesiredState desired, QueryDefinition definition) {
    return Marker.claim(desired, firstLine(definition));
  }

  /** The saved queries this ModelAudit may change or delete, oldest id first. */
  private static List<QueryDefinition> ours(DesiredState desired, Observation observed) {
    return observed.of(PART).existing().stream()
        .filter(
            d -> {
              Claim claim = claim(desired, d);
              return claim == Claim.THIS
                  || (claim == Claim.EARLIER_INCARNATION && desired.adoptExisting());
            })
        .sorted(Comparator.comparing(QueryDefinition::id))
        .toList();
  }

  @Override
  public void blockers(DesiredState desired, Observation observed, List<Blocker> out) {
    for (Query query : desired.of(PART).queries()) {
      String name = query.definition().name();
      for (QueryDefinition existing : observed.of(PART).existing()) {
        Claim claim = claim(desired, existing);
        if (!existing.name().equals(name)
            || claim == Claim.THIS
            || (claim == Claim.EARLIER_INCARNATION && desired.adoptExisting())) {
          continue;
        }
        String what = "saved query " + name + " (id " + existing.id() + ")";
        if (claim == Claim.NOBODY) {
          out.add(
              new Blocker(
                  ConditionReason.AlreadyExists,
                  what
                      + " exists and was not saved by the operator; it is never overwritten:"
                      + " delete or rename it in CloudWatch Logs Insights, or rename the query in"
                      + " spec.queries"));
        } else {
          Ownership.blocker(desired, what, Marker.read(firstLine(existing))).ifPresent(out::add);
        }
        break;
      }
    }
  }

  private static String firstLine(QueryDefinition definition) {
    String query = definition.queryString() == null ? "" : definition.queryString();
    int end = query.indexOf('\n');
    return end < 0 ? query : query.substring(0, end);
  }

  @Override
  public void converge(DesiredState desired, Observation observed, List<Change> out) {
    List<Query> want = desired.of(PART).queries();
    Set<String> wanted = new HashSet<>();
    want.forEach(q -> wanted.add(q.definition().name()));
    Set<String> kept = new HashSet<>();
    List<QueryDefinition> keep = new ArrayList<>();
    for (QueryDefinition existing : ours(desired, observed)) {
      if (wanted.contains(existing.name()) && kept.add(existing.name())) {
        keep.add(existing);
      } else {
        // dropped from the spec, or a second copy of a name
        out.add(new DeleteQuery(existing.id(), existing.name()));
      }
    }
    for (Query query : want) {
      QueryDefinition definition = query.definition();
      Optional<QueryDefinition> existing =
          keep.stream().filter(d -> d.name().equals(definition.name())).findFirst();
      if (existing.isEmpty()) {
        out.add(new PutQuery(definition));
      } else if (!same(definition, existing.get())) {
        out.add(new PutQuery(definition.withId(existing.get().id())));
      }
    }
  }

  @Override
  public void cleanup(DesiredState desired, Observation observed, Cleanup out) {
    for (QueryDefinition existing : observed.of(PART).existing()) {
      if (claim(desired, existing) == Claim.THIS) {
        out.write(new DeleteQuery(existing.id(), existing.name()));
      }
    }
  }

  @Override
  public void status(
      DesiredState desired,
      Observation observed,
      ModelAuditStatus previous,
      ModelAuditStatus next) {
    List<QueryDefinition> ours = ours(desired, observed);
    List<QueryStatus> queries = new ArrayList<>();
    for (Query query : desired.of(PART).queries()) {
      ours.stream()
          .filter(d -> d.name().equals(query.definition().name()))
          .findFirst()
          .ifPresent(d -> queries.add(new QueryStatus(query.specName(), d.name(), d.id())));
    }
    next.setQueries(queries.isEmpty() ? null : queries);
  }

  /** Whether a saved query is as desired: the same query on the same log groups. */
  static boolean same(QueryDefinition want, QueryDefinition has) {
    return normalized(want.queryString()).equals(normalized(has.queryString()))
        && Set.copyOf(want.logGroupNames()).equals(Set.copyOf(has.logGroupNames()));
  }

  private static String normalized(String query) {
    return query == null ? "" : query.replace("\r\n", "\n").strip();
  }
}
