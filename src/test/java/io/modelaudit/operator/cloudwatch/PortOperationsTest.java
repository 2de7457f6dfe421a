package io.modelaudit.operator.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelaudit.operator.cloudwatch.AwsOperation.Cost;
import io.modelaudit.operator.cloudwatch.Operations.Service;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The table of AWS operations that metering, rate limiting and error classification share. */
class PortOperationsTest {

  @Test
  void everyPortMethodThatIsNotMadeOfOthersDeclaresItsOperation() {
    Set<Method> abstractMethods =
        Arrays.stream(CloudWatchGateway.class.getMethods())
            .filter(m -> !m.isDefault())
            .collect(Collectors.toSet());

    assertThat(PortOperations.table().keySet()).isEqualTo(abstractMethods);
    Set<Method> eventsMethods =
        Arrays.stream(EventsGateway.class.getMethods())
            .filter(m -> !m.isDefault())
            .collect(Collectors.toSet());
    assertThat(PortOperations.eventsTable().keySet()).isEqualTo(eventsMethods);
    Set<String> used =
        java.util.stream.Stream.concat(
                PortOperations.table().values().stream(),
                PortOperations.eventsTable().values().stream())
            .map(AwsOperation::name)
            .collect(Collectors.toSet());
    assertThat(used).as("every operation the ports use, and no other").isEqualTo(Operations.ALL);
  }

  @Test
  void theListingsOfAllPagesDeclareNothingAndAreMadeOfPageCalls() throws Exception {
    for (String listing : List.of("listLogGroups", "listMetricFilters", "listAlarms")) {
      Method method = CloudWatchGateway.class.getMethod(listing, String.class);
      assertThat(method.isDefault()).as(listing).isTrue();
      assertThat(PortOperations.of(method)).as(listing).isNull();
    }
  }

  @Test
  void tagOperationsCountAgainstTheApiOfTheirResource() throws Exception {
    assertThat(operation("listLogGroupTags", String.class).service()).isEqualTo(Service.LOGS);
    assertThat(operation("listAlarmTags", String.class).service()).isEqualTo(Service.CLOUDWATCH);
    assertThat(operation("tagAlarm", String.class, Map.class).name()).isEqualTo("TagResource");
  }

  /** A port whose methods break the rules in every way the table refuses. */
  interface BrokenPort {

    void undeclared(String name);

    @AwsOperation(name = "PutAlarm", service = Service.CLOUDWATCH)
    void unknownOperation();

    @AwsOperation(name = Operations.DESCRIBE_ALARMS, service = Service.CLOUDWATCH)
    default void declaredDefault() {}

    @AwsOperation(name = Operations.CREATE_LOG_GROUP, service = Service.LOGS)
    void fine();
  }

  @Test
  void aPortMethodWithoutItsOperationIsRefused() {
    assertThatThrownBy(() -> PortOperations.tableOf(BrokenPort.class))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("undeclared declares no @AwsOperation")
        .hasMessageContaining("unknownOperation names an unknown operation PutAlarm")
        .hasMessageContaining("declaredDefault is a default method")
        .hasMessageNotContaining("fine");
  }

  @Test
  void oneCallUnlessThereIsNothingToSend() {
    assertThat(Cost.ONE.calls(new Object[] {"arn"})).isEqualTo(1);
    assertThat(Cost.NONE_WHEN_EMPTY.calls(new Object[] {"arn", Map.of()})).isZero();
    assertThat(Cost.NONE_WHEN_EMPTY.calls(new Object[] {"arn", Set.of()})).isZero();
    assertThat(Cost.NONE_WHEN_EMPTY.calls(new Object[] {"arn", Map.of("k", "v")})).isEqualTo(1);
    assertThat(Cost.NONE_WHEN_EMPTY.calls(new Object[] {"arn", Set.of("k")})).isEqualTo(1);
  }

  @Test
  void alarmNamesCostOneCallPerHundredDistinctNames() {
    List<String> names = IntStream.range(0, 250).mapToObj(i -> "a" + i).toList();

    assertThat(Cost.PER_NAME_BATCH.calls(new Object[] {List.of()})).isZero();
    assertThat(Cost.PER_NAME_BATCH.calls(new Object[] {names.subList(0, 100)})).isEqualTo(1);
    assertThat(Cost.PER_NAME_BATCH.calls(new Object[] {names.subList(0, 101)})).isEqualTo(2);
    assertThat(Cost.PER_NAME_BATCH.calls(new Object[] {names})).isEqualTo(3);
    assertThat(Cost.PER_NAME_BATCH.calls(new Object[] {List.of("x", "x")})).isEqualTo(1);
  }

  @Test
  void batchesDistinctNamesByAHundred() {
    List<String> names = IntStream.range(0, 250).mapToObj(i -> "a" + i).toList();

    assertThat(Operations.batches(List.of())).isEmpty();
    assertThat(Operations.batches(names.subList(0, 100))).hasSize(1);
    assertThat(Operations.batches(names.subList(0, 101)))
        .extracting(List::size)
        .containsExactly(100, 1);
    assertThat(Operations.batches(names)).extracting(List::size).containsExactly(100, 100, 50);
    assertThat(Operations.batches(List.of("x", "y", "x"))).containsExactly(List.of("x", "y"));
  }

  private static AwsOperation operation(String method, Class<?>... parameters) throws Exception {
    return PortOperations.of(CloudWatchGateway.class.getMethod(method, parameters));
  }
}
