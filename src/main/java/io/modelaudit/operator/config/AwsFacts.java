package io.modelaudit.operator.config;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the operator learns about AWS when it starts, rather than from a setting: the regions its
 * AWS SDK knows and the account its credentials belong to. Main fills it in from the SDK's region
 * metadata and STS GetCallerIdentity; validation reads it through {@link OperatorConfig} and stays
 * free of the SDK.
 *
 * @param regions the regions the AWS SDK knows; empty when not learned, and then any well-formed
 *     region is accepted
 * @param account the operator's own AWS account; empty when not learned, and then {@code {account}}
 *     in MODELAUDIT_ALLOWED_ACTION_ARNS matches no account at all
 */
public record AwsFacts(Set<String> regions, Optional<String> account) {

  /** Nothing learned: what a configuration read only from the environment holds. */
  public static final AwsFacts UNKNOWN = new AwsFacts(Set.of(), Optional.empty());

  public AwsFacts {
    regions = Set.copyOf(regions);
    Objects.requireNonNull(account, "account");
    account.ifPresent(
        id -> {
          if (!id.matches("[0-9]{12}")) {
            throw new IllegalArgumentException("an AWS account is 12 digits, got " + id);
          }
        });
  }
}
