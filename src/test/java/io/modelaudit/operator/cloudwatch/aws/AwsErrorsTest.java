package io.modelaudit.operator.cloudwatch.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelaudit.operator.cloudwatch.GatewayException;
import io.modelaudit.operator.cloudwatch.GatewayException.Kind;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/** Classification of SDK exceptions into gateway error kinds. */
class AwsErrorsTest {

  @ParameterizedTest(name = "{0} ({1}) -> {2}")
  @CsvSource({
    "ResourceAlreadyExistsException, 400, ALREADY_EXISTS",
    "ResourceNotFoundException, 400, NOT_FOUND",
    "ResourceNotFound, 404, NOT_FOUND",
    "InvalidParameterException, 400, INVALID_INPUT",
    "InvalidParameterValue, 400, INVALID_INPUT",
    "InvalidParameterCombination, 400, INVALID_INPUT",
    "ValidationError, 400, INVALID_INPUT",
    "ValidationException, 400, INVALID_INPUT",
    "MissingParameter, 400, INVALID_INPUT",
    "LimitExceededException, 400, LIMIT_EXCEEDED",
    "LimitExceeded, 400, LIMIT_EXCEEDED",
    "TooManyTagsException, 400, LIMIT_EXCEEDED",
    "AccessDeniedException, 400, PERMISSION",
    "AccessDenied, 403, PERMISSION",
    "UnrecognizedClientException, 400, PERMISSION",
    "ExpiredToken, 400, PERMISSION",
    "ExpiredTokenException, 400, PERMISSION",
    "InvalidClientTokenId, 403, PERMISSION",
    "Throttling, 400, TRANSIENT",
    "ThrottlingException, 400, TRANSIENT",
    "TooManyRequestsException, 429, TRANSIENT",
    "RequestLimitExceeded, 503, TRANSIENT",
    "ServiceUnavailable, 503, TRANSIENT",
    "ServiceUnavailableException, 503, TRANSIENT",
    "InternalFailure, 500, TRANSIENT",
    "OperationAbortedException, 400, TRANSIENT",
    "InvalidOperationException, 400, CONFLICT",
  })
  void classifiesByErrorCode(String code, int status, Kind expected) {
    GatewayException e = AwsErrors.classify("SomeOperation", serviceError(code, status, "msg"));

    assertThat(e.kind()).isEqualTo(expected);
    assertThat(e.errorCode()).isEqualTo(code);
    assertThat(e.operation()).isEqualTo("SomeOperation");
    assertThat(e.isRetryable()).isEqualTo(expected == Kind.TRANSIENT);
  }

  @ParameterizedTest(name = "unknown code, HTTP {0} -> {1}")
  @CsvSource({
    "401, PERMISSION",
    "403, PERMISSION",
    "429, TRANSIENT",
    "500, TRANSIENT",
    "502, TRANSIENT",
    "503, TRANSIENT",
    "400, INVALID_INPUT",
    "404, INVALID_INPUT",
    "409, INVALID_INPUT",
    "413, INVALID_INPUT",
  })
  void fallsBackToTheHttpStatusForUnknownCodes(int status, Kind expected) {
    assertThat(AwsErrors.classify("Op", serviceError("SomethingNew", status, "x")).kind())
        .isEqualTo(expected);
  }

  @Test
  void fallsBackToTheHttpStatusWhenThereIsNoCodeAtAll() {
    AwsServiceException noDetails = AwsServiceException.builder().statusCode(503).build();

    GatewayException e = AwsErrors.classify("Op", noDetails);

    assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
    assertThat(e.errorCode()).isNull();
  }

  @Test
  void theErrorCodeWinsOverTheExceptionClass() {
    // An emulator may answer with a code that the SDK maps to an unrelated class.
    ResourceNotFoundException odd =
        (ResourceNotFoundException)
            ResourceNotFoundException.builder()
                .statusCode(400)
                .awsErrorDetails(details("ResourceAlreadyExistsException", 400, "exists"))
                .build();

    assertThat(AwsErrors.classify("CreateLogGroup", odd).kind()).isEqualTo(Kind.ALREADY_EXISTS);
  }

  @Test
  void theErrorCodeWinsOverTheHttpStatus() {
    assertThat(AwsErrors.classify("Op", serviceError("ThrottlingException", 400, "slow")).kind())
        .isEqualTo(Kind.TRANSIENT);
    assertThat(AwsErrors.classify("Op", serviceError("ResourceNotFound", 500, "x")).kind())
        .isEqualTo(Kind.NOT_FOUND);
  }

  @Test
  void readsQualifiedCodes() {
    assertThat(
            AwsErrors.classify(
                    "Op", serviceError("com.amazonaws.cloudwatch#ResourceNotFound", 400, "x"))
                .kind())
        .isEqualTo(Kind.NOT_FOUND);
    assertThat(
            AwsErrors.classify(
                    "Op", serviceError("InvalidParameterException:http://internal/", 400, "x"))
                .kind())
        .isEqualTo(Kind.INVALID_INPUT);
  }

  @Test
  void aRefusalBecauseOfDeletionProtectionIsAConflictNotBadInput() {
    GatewayException e =
        AwsErrors.classify(
            "DeleteLogGroup",
            serviceError(
                "ValidationException",
                400,
                "Cannot delete log group with deletion protection enabled. Disable deletion"
                    + " protection first."));

    assertThat(e.kind()).isEqualTo(Kind.CONFLICT);
  }

  @Test
  void keepsAwsMessageAndCause() {
    AwsServiceException cause = serviceError("InvalidParameterValue", 400, "Period must be 60");

    GatewayException e = AwsErrors.classify("PutMetricAlarm", cause);

    assertThat(e).hasCause(cause);
    assertThat(e.getMessage())
        .isEqualTo("PutMetricAlarm: InvalidParameterValue: Period must be 60");
  }

  @Test
  void serviceSpecificExceptionsAreClassifiedLikeAnyOther() {
    CloudWatchException limit =
        (CloudWatchException)
            CloudWatchException.builder()
                .statusCode(400)
                .awsErrorDetails(details("LimitExceeded", 400, "too many alarms"))
                .build();

    assertThat(AwsErrors.classify("PutMetricAlarm", limit).kind()).isEqualTo(Kind.LIMIT_EXCEEDED);
  }

  @Test
  void clientSideFailuresAreTransient() {
    SdkClientException network =
        SdkClientException.builder()
            .message("Unable to execute HTTP request: Read timed out")
            .cause(new SocketTimeoutException("Read timed out"))
            .build();
    ApiCallTimeoutException timeout = ApiCallTimeoutException.create(1000);

    GatewayException fromNetwork = AwsErrors.classify("DescribeLogGroups", network);
    GatewayException fromTimeout = AwsErrors.classify("DescribeAlarms", timeout);

    assertThat(fromNetwork.kind()).isEqualTo(Kind.TRANSIENT);
    assertThat(fromNetwork.errorCode()).isNull();
    assertThat(fromNetwork).hasCause(network);
    assertThat(fromTimeout.kind()).isEqualTo(Kind.TRANSIENT);
    assertThat(fromTimeout.isRetryable()).isTrue();
  }

  @Test
  void bareCodeStripsNamespaceAndSuffix() {
    assertThat(AwsErrors.bareCode("aws.protocoltests#Foo")).isEqualTo("Foo");
    assertThat(AwsErrors.bareCode("Foo:http://x")).isEqualTo("Foo");
    assertThat(AwsErrors.bareCode(" Foo ")).isEqualTo("Foo");
    assertThat(AwsErrors.bareCode("")).isNull();
    assertThat(AwsErrors.bareCode(null)).isNull();
  }

  private static AwsServiceException serviceError(String code, int status, String message) {
    return AwsServiceException.builder()
        .statusCode(status)
        .message(message)
        .awsErrorDetails(details(code, status, message))
        .build();
  }

  private static AwsErrorDetails details(String code, int status, String message) {
    return AwsErrorDetails.builder()
        .errorCode(code)
        .errorMessage(message)
        .sdkHttpResponse(SdkHttpResponse.builder().statusCode(status).build())
        .build();
  }
}
