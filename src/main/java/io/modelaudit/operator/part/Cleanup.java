package io.modelaudit.operator.part;

import io.modelaudit.operator.status.EventReason;
import java.util.ArrayList;
import java.util.List;

/** What the parts decide at deletion: the writes to make, and what is kept on purpose. */
public final class Cleanup {

  /**
   * Something the deletion policy would remove but that stays, and why.
   *
   * @param warning whether a person should act (a Warning event) or it is only news (Normal)
   * @param reason the event's reason
   */
  public record Kept(boolean warning, EventReason reason, String message) {}

  private final List<Change> changes = new ArrayList<>();
  private final List<Kept> kept = new ArrayList<>();

  public void write(Change change) {
    changes.add(change);
  }

  public void keep(Kept why) {
    kept.add(why);
  }

  public List<Change> changes() {
    return List.copyOf(changes);
  }

  public List<Kept> kept() {
    return List.copyOf(kept);
  }
}
