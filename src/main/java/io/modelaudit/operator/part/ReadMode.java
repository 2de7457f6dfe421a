package io.modelaudit.operator.part;

/** How much a read takes in. */
public enum ReadMode {
  /**
   * Everything the plan needs: tags for ownership checks and tag plans, and resources under this
   * ModelAudit's name prefix that status does not track (made just before a crash).
   */
  FULL,
  /** What status needs after a converge: the parts and their states, without tags. */
  STATUS;

  public boolean withTags() {
    return this == FULL;
  }
}
