package io.modelaudit.operator.cloudwatch;

import java.util.function.Supplier;

/**
 * Runs around every port call that is one AWS operation, knowing only that operation (from {@link
 * PortOperations}) and the arguments: metering, rate limiting and error classification are each one
 * of these, and so are the test fakes' counting, quotas and faults.
 */
@FunctionalInterface
public interface PortInterceptor {

  /**
   * Handles one port call.
   *
   * @param operation what the called method declares
   * @param args the call's arguments; empty, never null, for a method without any
   * @param call makes the call (through the next interceptor, if any) and returns its result
   * @return what the caller gets: normally what {@code call} returned
   */
  Object intercept(AwsOperation operation, Object[] args, Supplier<Object> call);

  /**
   * The gateway with this interceptor around each call of a method that declares an operation. A
   * default method (all pages of a listing) runs on the returned gateway itself, so each page it
   * fetches is intercepted as one call, just as when the caller fetches the pages.
   */
  default CloudWatchGateway around(CloudWatchGateway target) {
    return PortProxy.create(CloudWatchGateway.class, target, this);
  }

  /** The push port with this interceptor around each of its calls, as {@link #around}. */
  default EventsGateway aroundEvents(EventsGateway target) {
    return PortProxy.create(EventsGateway.class, target, this);
  }
}
