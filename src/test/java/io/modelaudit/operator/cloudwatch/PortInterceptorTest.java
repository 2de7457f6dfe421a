package io.modelaudit.operator.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelaudit.operator.fake.CloudWatchStore;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The proxy that runs an interceptor around each port call, driven by the operation table. */
class PortInterceptorTest {

  private static final String REGION = "eu-west-1";

  private final CloudWatchGateway store = new CloudWatchStore(Clock.systemUTC()).forRegion(REGION);
  private final List<String> seen = new ArrayList<>();

  /** Notes each call's operation and arguments, then makes it. */
  private PortInterceptor recorder(String name) {
    return (operation, args, call) -> {
      seen.add(name + " " + operation.name() + " " + Arrays.toString(args));
      return call.get();
    };
  }

  @Test
  void eachCallReachesTheInterceptorWithItsOperationAndArgumentsAndReturnsItsResult() {
    CloudWatchGateway gateway = recorder("r").around(store);

    gateway.createLogGroup(group("/g"), Map.of("k", "v"));
    assertThat(gateway.describeLogGroup("/g")).isPresent();

    assertThat(seen)
        .containsExactly(
            "r CreateLogGroup [" + group("/g") + ", {k=v}]", "r DescribeLogGroups [/g]");
  }

  @Test
  void aListingOfAllPagesIsInterceptedOncePerPage() {
    for (int i = 0; i < 120; i++) {
      store.createLogGroup(group("/g/%03d".formatted(i)), Map.of());
    }
    CloudWatchGateway gateway = recorder("r").around(store);

    assertThat(gateway.listLogGroups("/g/")).hasSize(120);

    // pages of 50: the first without a token, the next two after the last name of the one before
    assertThat(seen)
        .containsExactly(
            "r DescribeLogGroups [/g/, null]",
            "r DescribeLogGroups [/g/, /g/049]",
            "r DescribeLogGroups [/g/, /g/099]");
  }

  @Test
  void interceptorsNestOutsideIn() {
    CloudWatchGateway gateway = recorder("outer").around(recorder("inner").around(store));

    gateway.listAlarms("a");

    assertThat(seen)
        .containsExactly("outer DescribeAlarms [a, null]", "inner DescribeAlarms [a, null]");
  }

  @Test
  void aFailureLeavesUnchangedAndTheInterceptorSeesIt() {
    IllegalStateException boom = new IllegalStateException("boom");
    CloudWatchGateway broken =
        (CloudWatchGateway)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {CloudWatchGateway.class},
                (proxy, method, args) -> {
                  throw boom;
                });
    List<RuntimeException> failures = new ArrayList<>();
    CloudWatchGateway gateway =
        ((PortInterceptor)
                (operation, args, call) -> {
                  try {
                    return call.get();
                  } catch (RuntimeException e) {
                    failures.add(e);
                    throw e;
                  }
                })
            .around(broken);

    assertThatThrownBy(() -> gateway.deleteAlarms(List.of("a"))).isSameAs(boom);
    assertThat(failures).containsExactly(boom);
  }

  @Test
  void objectMethodsAnswerForTheWrapperAndAreNotPortCalls() {
    CloudWatchGateway gateway = recorder("r").around(store);
    CloudWatchGateway other = recorder("r").around(store);

    assertThat(gateway).isEqualTo(gateway).isNotEqualTo(other);
    assertThat(gateway.hashCode()).isEqualTo(System.identityHashCode(gateway));
    assertThat(gateway.toString()).startsWith("intercepted ");
    assertThat(seen).isEmpty();
  }

  private static LogGroupConfig group(String name) {
    return new LogGroupConfig(name, null, null, "STANDARD", false);
  }
}
