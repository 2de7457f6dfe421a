package io.modelaudit.operator.cloudwatch.aws;

import io.modelaudit.operator.cloudwatch.GatewayException;
import io.modelaudit.operator.cloudwatch.GatewayException.Kind;
import io.modelaudit.operator.cloudwatch.PortInterceptor;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The one place that turns AWS SDK exceptions into classified {@link GatewayException}s.
 *
 * <p>Classification looks at the error code first and at the HTTP status second, never only at the
 * exception class: CloudWatch speaks a query-compatible protocol whose codes (ResourceNotFound,
 * InvalidParameterValue) differ from the Logs codes (ResourceNotFoundException), and emulators do
 * not always map a code to the same exception class as real AWS.
 */
public final class AwsErrors {

  private static final Map<String, Kind> KIND_BY_CODE =
      Map.ofEntries(
          Map.entry("ResourceAlreadyExistsException", Kind.ALREADY_EXISTS),
          Map.entry("ResourceAlreadyExists", Kind.ALREADY_EXISTS),
          Map.entry("AlreadyExists", Kind.ALREADY_EXISTS),
          Map.entry("ResourceNotFoundException", Kind.NOT_FOUND),
          Map.entry("ResourceNotFound", Kind.NOT_FOUND),
          Map.entry("InvalidParameterException", Kind.INVALID_INPUT),
          Map.entry("InvalidParameterValue", Kind.INVALID_INPUT),
          Map.entry("InvalidParameterValueException", Kind.INVALID_INPUT),
          Map.entry("InvalidParameterCombination", Kind.INVALID_INPUT),
          Map.entry("InvalidParameterCombinationException", Kind.INVALID_INPUT),
          Map.entry("ValidationError", Kind.INVALID_INPUT),
          Map.entry("ValidationException", Kind.INVALID_INPUT),
          Map.entry("MissingParameter", Kind.INVALID_INPUT),
          Map.entry("MissingRequiredParameterException", Kind.INVALID_INPUT),
          Map.entry("InvalidFormat", Kind.INVALID_INPUT),
          Map.entry("InvalidNextToken", Kind.INVALID_INPUT),
          // PutDashboard's DashboardInvalidInputError
          Map.entry("InvalidParameterInput", Kind.INVALID_INPUT),
          Map.entry("InvalidOperationException", Kind.CONFLICT),
          Map.entry("ConflictException", Kind.CONFLICT),
          Map.entry("LimitExceededException", Kind.LIMIT_EXCEEDED),
          Map.entry("LimitExceeded", Kind.LIMIT_EXCEEDED),
          Map.entry("LimitExceededFault", Kind.LIMIT_EXCEEDED),
          Map.entry("TooManyTagsException", Kind.LIMIT_EXCEEDED),
          Map.entry("ServiceQuotaExceededException", Kind.LIMIT_EXCEEDED),
          Map.entry("UnrecognizedClient", Kind.PERMISSION),
          Map.entry("UnrecognizedClientException", Kind.PERMISSION),
          Map.entry("ExpiredToken", Kind.PERMISSION),
          Map.entry("ExpiredTokenException", Kind.PERMISSION),
          Map.entry("InvalidClientTokenId", Kind.PERMISSION),
          Map.entry("MissingAuthenticationToken", Kind.PERMISSION),
          Map.entry("SignatureDoesNotMatch", Kind.PERMISSION),
          Map.entry("IncompleteSignature", Kind.PERMISSION),
          Map.entry("InvalidSignatureException", Kind.PERMISSION),
          Map.entry("NotAuthorized", Kind.PERMISSION),
          Map.entry("OptInRequired", Kind.PERMISSION),
          Map.entry("TooManyRequestsException", Kind.TRANSIENT),
          Map.entry("RequestLimitExceeded", Kind.TRANSIENT),
          Map.entry("RequestThrottled", Kind.TRANSIENT),
          Map.entry("SlowDown", Kind.TRANSIENT),
          Map.entry("InternalFailure", Kind.TRANSIENT),
          Map.entry("InternalServiceFault", Kind.TRANSIENT),
          Map.entry("InternalServiceError", Kind.TRANSIENT),
          Map.entry("InternalServerError", Kind.TRANSIENT),
          Map.entry("InternalServerException", Kind.TRANSIENT),
          Map.entry("OperationAbortedException", Kind.TRANSIENT),
          Map.entry("PriorRequestNotComplete", Kind.TRANSIENT),
          Map.entry("RequestTimeout", Kind.TRANSIENT),
          Map.entry("RequestTimeoutException", Kind.TRANSIENT),
          Map.entry("RequestExpired", Kind.TRANSIENT),
          // EventBridge
          Map.entry("ConcurrentModificationException", Kind.TRANSIENT),
          Map.entry("InvalidEventPatternException", Kind.INVALID_INPUT),
          Map.entry("ManagedRuleException", Kind.CONFLICT),
          // SQS, in both the JSON protocol's codes and the query protocol's
          Map.entry("QueueDoesNotExist", Kind.NOT_FOUND),
          Map.entry("AWS.SimpleQueueService.NonExistentQueue", Kind.NOT_FOUND),
          Map.entry("QueueNameExists", Kind.ALREADY_EXISTS),
          Map.entry("QueueAlreadyExists", Kind.ALREADY_EXISTS),
          // a queue deleted less than 60 seconds ago cannot be created again yet
          Map.entry("QueueDeletedRecently", Kind.TRANSIENT),
          Map.entry("AWS.SimpleQueueService.QueueDeletedRecently", Kind.TRANSIENT),
          Map.entry("OverLimit", Kind.LIMIT_EXCEEDED),
          Map.entry("ReceiptHandleIsInvalid", Kind.INVALID_INPUT),
          Map.entry("InvalidAttributeName", Kind.INVALID_INPUT),
          Map.entry("InvalidAttributeValue", Kind.INVALID_INPUT),
          Map.entry("RequestThrottledException", Kind.TRANSIENT));

  /**
   * Classifies every SDK failure of a port call under the operation its method declares; other
   * exceptions pass unchanged. A paginated read fails inside the call too, however lazily it pages.
   */
  public static final PortInterceptor CLASSIFY =
      (operation, args, call) -> {
        try {
          return call.get();
        } catch (SdkException e) {
          throw classify(operation.name(), e);
        }
      };

  private AwsErrors() {}

  /** Classifies a failed SDK call of the named AWS operation. */
  public static GatewayException classify(String operation, SdkException e) {
    if (e instanceof AwsServiceException service) {
      AwsErrorDetails details = service.awsErrorDetails();
      String code = details == null ? null : details.errorCode();
      String message =
          details != null && details.errorMessage() != null
              ? details.errorMessage()
              : service.getMessage();
      return new GatewayException(
          kindOf(code, service.statusCode(), message), operation, code, message, e);
    }
    // SdkClientException and the rest: network failures, timeouts, an unreadable answer. Nothing
    // the request itself got wrong, so it is worth another try.
    return new GatewayException(Kind.TRANSIENT, operation, null, e.getMessage(), e);
  }

  /**
   * The kind of an AWS error answer.
   *
   * @param errorCode AWS's error code, possibly qualified ("ns#Code") or null
   * @param statusCode the HTTP status of the answer; 0 when unknown
   * @param message AWS's message; may be null
   */
  public static Kind kindOf(String errorCode, int statusCode, String message) {
    String code = bareCode(errorCode);
    if (code != null) {
      if (isDeletionProtectionRefusal(code, message)) {
        return Kind.CONFLICT;
      }
      Kind known = KIND_BY_CODE.get(code);
      if (known != null) {
        return known;
      }
      if (code.startsWith("AccessDenied")) {
        return Kind.PERMISSION;
      }
      if (code.startsWith("Throttl") || code.startsWith("ServiceUnavailable")) {
        return Kind.TRANSIENT;
      }
    }
    if (statusCode == 401 || statusCode == 403) {
      return Kind.PERMISSION;
    }
    if (statusCode == 429 || statusCode >= 500) {
      return Kind.TRANSIENT;
    }
    if (statusCode >= 400) {
      // An unknown 4xx is the request's fault: retrying it unchanged cannot help.
      return Kind.INVALID_INPUT;
    }
    return Kind.TRANSIENT;
  }

  /**
   * AWS refuses to delete a protected log group with a plain ValidationException; only its message
   * tells it apart from a malformed request, and the fix is a change of state, not of the request.
   */
  private static boolean isDeletionProtectionRefusal(String code, String message) {
    return code.equals("ValidationException")
        && message != null
        && message.toLowerCase(Locale.ROOT).contains("deletion protection");
  }

  /** Strips a shape namespace ("aws.x#Code") and a trailing ":uri" some protocols append. */
  static String bareCode(String errorCode) {
    if (errorCode == null || errorCode.isBlank()) {
      return null;
    }
    String code = errorCode.strip();
    int hash = code.lastIndexOf('#');
    if (hash >= 0) {
      code = code.substring(hash + 1);
    }
    int colon = code.indexOf(':');
    if (colon >= 0) {
      code = code.substring(0, colon);
    }
    return code.isEmpty() ? null : code;
  }
}
