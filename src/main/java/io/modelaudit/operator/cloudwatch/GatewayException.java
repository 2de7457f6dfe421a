package io.modelaudit.operator.cloudwatch;

/**
 * A failed CloudWatch call, classified once at the gateway boundary so that callers never look at
 * AWS error codes.
 */
public class GatewayException extends RuntimeException {

  /** How the operator should react to a failure. */
  public enum Kind {
    /** The request was wrong; retrying the same request will fail again. */
    INVALID_INPUT,
    /** Throttling, 5xx, OperationAborted, timeouts, network: retry with backoff. */
    TRANSIENT,
    /** The resource already exists (create of something that is there). */
    ALREADY_EXISTS,
    /** The resource does not exist. */
    NOT_FOUND,
    /** Access denied, or the operation conflicts with the resource's state. */
    PERMISSION,
    /** An AWS quota (e.g. 100 metric filters per log group) would be exceeded. */
    LIMIT_EXCEEDED,
    /** The resource is in a state that forbids the change (e.g. deletion protection on). */
    CONFLICT
  }

  private final Kind kind;
  private final String operation;
  private final String errorCode;

  public GatewayException(Kind kind, String operation, String errorCode, String message) {
    this(kind, operation, errorCode, message, null);
  }

  public GatewayException(
      Kind kind, String operation, String errorCode, String message, Throwable cause) {
    super(operation + ": " + (errorCode == null ? "" : errorCode + ": ") + message, cause);
    this.kind = kind;
    this.operation = operation;
    this.errorCode = errorCode;
  }

  public Kind kind() {
    return kind;
  }

  /** The AWS operation that failed, e.g. PutMetricAlarm. */
  public String operation() {
    return operation;
  }

  /** AWS's error code, e.g. ResourceAlreadyExistsException; null for network failures. */
  public String errorCode() {
    return errorCode;
  }

  public boolean isRetryable() {
    return kind == Kind.TRANSIENT;
  }
}
