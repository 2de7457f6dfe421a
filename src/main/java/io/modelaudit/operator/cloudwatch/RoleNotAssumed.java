package io.modelaudit.operator.cloudwatch;

/**
 * The credentials of a mapped account could not be had: STS AssumeRole of its role failed, so the
 * port call was not sent. Classified like any AWS failure (AccessDenied is a permission problem, a
 * network failure is transient), and carrying the role for the status message.
 */
public final class RoleNotAssumed extends GatewayException {

  private final String roleArn;

  public RoleNotAssumed(
      Kind kind, String roleArn, String errorCode, String message, Throwable cause) {
    super(kind, Operations.ASSUME_ROLE, errorCode, message, cause);
    this.roleArn = roleArn;
  }

  /** The role that could not be assumed. */
  public String roleArn() {
    return roleArn;
  }
}
