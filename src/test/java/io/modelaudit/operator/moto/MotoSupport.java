package io.modelaudit.operator.moto;

import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.cloudwatch.aws.AwsCloudWatchGateways;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClientBuilder;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClientBuilder;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;

/**
 * Points the production AWS adapter, and raw SDK clients for independent read-back, at the running
 * moto server: endpoint override, dummy static credentials, and the {@link CborJsonBridge} on the
 * CloudWatch client (moto has no CBOR).
 *
 * <p>The quickest start is {@link #gateway()}: a ready {@link CloudWatchGateway} for {@value
 * #REGION} on the JVM's shared moto server. Call {@code MotoServer.shared().reset()} between tests.
 */
public final class MotoSupport {

  /** The region the tests use. */
  public static final String REGION = "us-east-1";

  /** The account moto puts every resource in. */
  public static final String ACCOUNT_ID = "123456789012";

  private static final AwsCredentialsProvider DUMMY_CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

  private static AwsCloudWatchGateways sharedGateways;
  private static URI sharedEndpoint;

  private MotoSupport() {}

  /**
   * The gateway for {@value #REGION} on the JVM's shared moto server (started when needed), built
   * by the production {@link AwsCloudWatchGateways}. The same instance is returned while the server
   * lives; do not close it.
   */
  public static synchronized CloudWatchGateway gateway() {
    MotoServer moto = MotoServer.shared();
    if (sharedGateways == null || !moto.endpoint().equals(sharedEndpoint)) {
      if (sharedGateways != null) {
        sharedGateways.close();
      }
      sharedGateways = gateways(moto);
      sharedEndpoint = moto.endpoint();
    }
    return sharedGateways.forRegion(REGION);
  }

  /** New production gateways (any region) on this moto server; the caller closes them. */
  public static AwsCloudWatchGateways gateways(MotoServer moto) {
    return new AwsCloudWatchGateways(customizer(moto.endpoint()));
  }

  /** What turns production clients into moto clients. */
  public static AwsCloudWatchGateways.ClientCustomizer customizer(URI endpoint) {
    return new AwsCloudWatchGateways.ClientCustomizer() {
      @Override
      public void customizeLogs(String region, CloudWatchLogsClientBuilder builder) {
        builder.endpointOverride(endpoint).credentialsProvider(DUMMY_CREDENTIALS);
      }

      @Override
      public void customizeCloudWatch(String region, CloudWatchClientBuilder builder) {
        builder
            .endpointOverride(endpoint)
            .credentialsProvider(DUMMY_CREDENTIALS)
            .overrideConfiguration(
                builder.overrideConfiguration().toBuilder()
                    .addExecutionInterceptor(new CborJsonBridge())
                    .build());
      }

      @Override
      public void customizeSts(String region, StsClientBuilder builder) {
        // moto gives an assumed role's temporary keys to the account in the role's ARN
        builder.endpointOverride(endpoint).credentialsProvider(DUMMY_CREDENTIALS);
      }
    };
  }

  /** A plain CloudWatch Logs client on moto, for reading back what the gateway did. */
  public static CloudWatchLogsClient logsClient(MotoServer moto) {
    return CloudWatchLogsClient.builder()
        .region(Region.of(REGION))
        .endpointOverride(moto.endpoint())
        .credentialsProvider(DUMMY_CREDENTIALS)
        .build();
  }

  /**
   * A plain CloudWatch Logs client on moto that reads one account (moto's {@code x-moto-account-id}
   * header), independent of STS and of the operator's credentials.
   */
  public static CloudWatchLogsClient logsClient(MotoServer moto, String account) {
    return CloudWatchLogsClient.builder()
        .region(Region.of(REGION))
        .endpointOverride(moto.endpoint())
        .credentialsProvider(DUMMY_CREDENTIALS)
        .overrideConfiguration(o -> o.addExecutionInterceptor(inAccount(account)))
        .build();
  }

  /** A plain CloudWatch client on moto (through the bridge) that reads one account. */
  public static CloudWatchClient cloudWatchClient(MotoServer moto, String account) {
    return CloudWatchClient.builder()
        .region(Region.of(REGION))
        .endpointOverride(moto.endpoint())
        .credentialsProvider(DUMMY_CREDENTIALS)
        .overrideConfiguration(
            o ->
                o.addExecutionInterceptor(inAccount(account))
                    .addExecutionInterceptor(new CborJsonBridge()))
        .build();
  }

  private static software.amazon.awssdk.core.interceptor.ExecutionInterceptor inAccount(
      String account) {
    return new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() {
      @Override
      public software.amazon.awssdk.http.SdkHttpRequest modifyHttpRequest(
          software.amazon.awssdk.core.interceptor.Context.ModifyHttpRequest context,
          software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
        return context.httpRequest().toBuilder().putHeader("x-moto-account-id", account).build();
      }
    };
  }

  /** A plain CloudWatch client on moto (through the bridge), e.g. for SetAlarmState. */
  public static CloudWatchClient cloudWatchClient(MotoServer moto) {
    return CloudWatchClient.builder()
        .region(Region.of(REGION))
        .endpointOverride(moto.endpoint())
        .credentialsProvider(DUMMY_CREDENTIALS)
        .overrideConfiguration(o -> o.addExecutionInterceptor(new CborJsonBridge()))
        .build();
  }

  /** A plain Firehose client on moto, for the archive's destinations. */
  public static FirehoseClient firehoseClient(MotoServer moto) {
    return FirehoseClient.builder()
        .region(Region.of(REGION))
        .endpointOverride(moto.endpoint())
        .credentialsProvider(DUMMY_CREDENTIALS)
        .build();
  }

  /**
   * Creates a Firehose delivery stream to S3 on moto, as a team creates its archive's destination
   * (the operator never creates one), and returns its ARN.
   */
  public static String createFirehoseStream(MotoServer moto, String name) {
    try (FirehoseClient firehose = firehoseClient(moto)) {
      return firehose
          .createDeliveryStream(
              b ->
                  b.deliveryStreamName(name)
                      .extendedS3DestinationConfiguration(
                          s3 ->
                              s3.roleARN("arn:aws:iam::" + ACCOUNT_ID + ":role/firehose-to-s3")
                                  .bucketARN("arn:aws:s3:::audit-archive")))
          .deliveryStreamARN();
    }
  }
}
