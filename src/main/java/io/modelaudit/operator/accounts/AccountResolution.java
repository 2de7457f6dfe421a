package io.modelaudit.operator.accounts;

import io.modelaudit.operator.cloudwatch.AwsIdentity;
import java.util.Objects;
import java.util.Optional;

/**
 * Which identity (and so which AWS account) a namespace's ModelAudits use, or why none can be used.
 *
 * @param identity the identity to act as; empty when {@code problem} says why there is none
 * @param mapping the ModelAuditAccount that mapped the namespace; empty for the operator's own
 *     identity
 * @param problem why the namespace has no usable account: what the administrator must add or fix
 */
public record AccountResolution(
    Optional<AwsIdentity> identity, Optional<String> mapping, Optional<String> problem) {

  public AccountResolution {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(mapping, "mapping");
    Objects.requireNonNull(problem, "problem");
    if (identity.isPresent() == problem.isPresent()) {
      throw new IllegalArgumentException("either an identity or a problem");
    }
  }

  /**
   * The operator's own identity: mapping off, or an unmapped namespace when mapping is optional.
   */
  public static final AccountResolution OWN =
      new AccountResolution(Optional.of(AwsIdentity.OWN), Optional.empty(), Optional.empty());

  public static AccountResolution mapped(AwsIdentity identity, String mapping) {
    return new AccountResolution(Optional.of(identity), Optional.of(mapping), Optional.empty());
  }

  public static AccountResolution problem(String problem) {
    return new AccountResolution(Optional.empty(), Optional.empty(), Optional.of(problem));
  }

  public boolean resolved() {
    return identity.isPresent();
  }
}
