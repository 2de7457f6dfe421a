package io.modelaudit.operator.fake;

import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.cloudwatch.CloudWatchGateways;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Passes every port call on to a shared CloudWatch and counts those that went through it, so a test
 * with several operators on one fake can tell which of them called AWS.
 */
public final class CountingCloudWatch implements CloudWatchGateways {

  private final CloudWatchGateways delegate;
  private final AtomicInteger calls = new AtomicInteger();

  public CountingCloudWatch(CloudWatchGateways delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** Port calls made through this wrapper so far, failed ones included. */
  public int calls() {
    return calls.get();
  }

  @Override
  public CloudWatchGateway forRegion(String region) {
    CloudWatchGateway target = delegate.forRegion(region);
    return (CloudWatchGateway)
        Proxy.newProxyInstance(
            CloudWatchGateway.class.getClassLoader(),
            new Class<?>[] {CloudWatchGateway.class},
            (proxy, method, args) -> {
              if (method.getDeclaringClass() == Object.class) {
                return method.invoke(target, args);
              }
              calls.incrementAndGet();
              try {
                return method.invoke(target, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
