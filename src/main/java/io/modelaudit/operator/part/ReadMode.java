package io.modelaudit.operator.part;

/** How much a read takes in. */
public enum ReadMode {
  /**
   * Everything the plan needs: tags for ownership checks and tag plans, and resources under this
   * ModelAudit's name prefix that status does not track (made just before a crash).
   */
  FULL,
  /**
   * What the plan needs of a ModelAudit that never wrote to AWS (no home recorded, see {@link
   * Home}): it cannot have made anything there, so nothing untracked is looked for, and its log
   * group is presumed new - the create that AWS refuses when the group exists stands in for reading
   * it (the reconcile then reads it in full and plans again). Resources under the desired names
   * that AWS cannot create conditionally (alarms: PutMetricAlarm overwrites) are read, with their
   * tags, exactly as in a full read.
   */
  FIRST,
  /** What status needs after a converge: the parts and their states, without tags. */
  STATUS;

  /** Whether the read takes in tags, so that ownership can be decided. */
  public boolean withTags() {
    return this != STATUS;
  }

  /**
   * Whether the read also looks for resources under this ModelAudit's names that status does not
   * track: only a ModelAudit that wrote to AWS before can have made any.
   */
  public boolean withUntracked() {
    return this == FULL;
  }

  /** Whether the log group is presumed missing, for its create to tell (see {@link #FIRST}). */
  public boolean presumesNewLogGroup() {
    return this == FIRST;
  }
}
