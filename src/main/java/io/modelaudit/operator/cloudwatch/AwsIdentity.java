package io.modelaudit.operator.cloudwatch;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who the operator is when it calls AWS: its own identity (IRSA, Pod Identity, the default
 * credential chain), or an IAM role it assumes with STS for the namespaces an administrator mapped
 * to it.
 *
 * @param roleArn the role to assume; empty for the operator's own identity
 * @param externalId sent with AssumeRole when the role's trust policy asks for one
 * @param sessionTags session tags sent with AssumeRole (the trust policy must allow sts:TagSession)
 */
public record AwsIdentity(
    Optional<String> roleArn, Optional<String> externalId, Map<String, String> sessionTags) {

  /** An IAM role ARN: partition, 12-digit account, role path and name. */
  public static final Pattern ROLE_ARN =
      Pattern.compile("^arn:aws[a-z-]*:iam::(\\d{12}):role/[\\w+=,.@/-]{1,512}$");

  /** The operator's own identity. */
  public static final AwsIdentity OWN =
      new AwsIdentity(Optional.empty(), Optional.empty(), Map.of());

  public AwsIdentity {
    Objects.requireNonNull(roleArn, "roleArn");
    Objects.requireNonNull(externalId, "externalId");
    sessionTags = java.util.Collections.unmodifiableMap(new TreeMap<>(sessionTags));
    roleArn.ifPresent(
        arn -> {
          if (!ROLE_ARN.matcher(arn).matches()) {
            throw new IllegalArgumentException("not an IAM role ARN: " + arn);
          }
        });
  }

  /** A role to assume. */
  public static AwsIdentity role(String roleArn, String externalId, Map<String, String> tags) {
    return new AwsIdentity(
        Optional.of(roleArn),
        Optional.ofNullable(externalId).filter(s -> !s.isEmpty()),
        tags == null ? Map.of() : tags);
  }

  /** Whether this is the operator's own identity. */
  public boolean isOwn() {
    return roleArn.isEmpty();
  }

  /** The account of the role, from its ARN; empty for the operator's own identity. */
  public Optional<String> account() {
    return roleArn.map(
        arn -> {
          Matcher m = ROLE_ARN.matcher(arn);
          if (!m.matches()) {
            throw new IllegalStateException("not an IAM role ARN: " + arn);
          }
          return m.group(1);
        });
  }

  /** For logs and messages: "role arn:..." or "the operator's own identity". */
  public String describe() {
    return roleArn.map(arn -> "role " + arn).orElse("the operator's own identity");
  }
}
