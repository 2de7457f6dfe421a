package io.modelaudit.operator.part.dashboard;

import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.cloudwatch.DashboardConfig;
import io.modelaudit.operator.part.Change;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The writes the dashboard part makes. */
public final class DashboardChanges {

  private DashboardChanges() {}

  /** Creates (with tags) or replaces the dashboard's body. */
  public record PutDashboard(
      DashboardConfig dashboard, Map<String, String> tagsOnCreate, boolean exists)
      implements Change {
    public Verb verb() {
      return exists ? Verb.UPDATE : Verb.CREATE;
    }

    public String describe() {
      return (exists ? "update" : "create") + " dashboard " + dashboard.name();
    }

    public void applyTo(CloudWatchGateway gateway) {
      gateway.putDashboard(dashboard, exists ? Map.of() : tagsOnCreate);
    }
  }

  /** Adds or overwrites tags of a dashboard. */
  public record TagDashboard(String name, String arn, Map<String, String> tags)
      implements Change.Update {
    public String describe() {
      return "tag dashboard " + name + " with " + tags.keySet();
    }

    public void applyTo(CloudWatchGateway gateway) {
      gateway.tagDashboard(arn, tags);
    }
  }

  /** Removes tags of a dashboard. */
  public record UntagDashboard(String name, String arn, Set<String> keys) implements Change.Update {
    public String describe() {
      return "untag dashboard " + name + ": " + keys;
    }

    public void applyTo(CloudWatchGateway gateway) {
      gateway.untagDashboard(arn, keys);
    }
  }

  /** Deletes a dashboard. */
  public record DeleteDashboard(String name) implements Change.Delete {
    public String describe() {
      return "delete dashboard " + name;
    }

    public void applyTo(CloudWatchGateway gateway) {
      gateway.deleteDashboards(List.of(name));
    }
  }
}
