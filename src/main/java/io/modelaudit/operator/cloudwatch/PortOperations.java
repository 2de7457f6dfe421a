package io.modelaudit.operator.cloudwatch;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one table of the ports: each method of {@link CloudWatchGateway} and of {@link EventsGateway}
 * to the {@link AwsOperation} it declares. Built from the annotations when the class loads, and
 * refused then when a method lacks its operation, so a port method cannot reach metering or rate
 * limiting unnamed.
 */
public final class PortOperations {

  private static final Map<Method, AwsOperation> GATEWAY = tableOf(CloudWatchGateway.class);
  private static final Map<Method, AwsOperation> EVENTS = tableOf(EventsGateway.class);

  private PortOperations() {}

  /** The CloudWatch port's table: every abstract method of {@link CloudWatchGateway}. */
  public static Map<Method, AwsOperation> table() {
    return GATEWAY;
  }

  /** The push port's table: every abstract method of {@link EventsGateway}. */
  public static Map<Method, AwsOperation> eventsTable() {
    return EVENTS;
  }

  /**
   * The operation of a port method, or null for a method made of other port calls (a default
   * method) or one of {@link Object}'s.
   */
  public static AwsOperation of(Method method) {
    AwsOperation operation = GATEWAY.get(method);
    return operation != null ? operation : EVENTS.get(method);
  }

  /**
   * The table of a port interface: each abstract method must declare an operation AWS knows (one of
   * {@link Operations#ALL}), and no default method may declare one.
   *
   * @throws IllegalStateException naming every method that breaks the rule
   */
  static Map<Method, AwsOperation> tableOf(Class<?> port) {
    Map<Method, AwsOperation> table = new HashMap<>();
    List<String> problems = new ArrayList<>();
    for (Method method : port.getMethods()) {
      if (Modifier.isStatic(method.getModifiers())) {
        continue;
      }
      AwsOperation operation = method.getAnnotation(AwsOperation.class);
      if (method.isDefault()) {
        if (operation != null) {
          problems.add(method.getName() + " is a default method and must not declare an operation");
        }
      } else if (operation == null) {
        problems.add(method.getName() + " declares no @AwsOperation");
      } else if (!Operations.ALL.contains(operation.name())) {
        problems.add(method.getName() + " names an unknown operation " + operation.name());
      } else {
        table.put(method, operation);
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(port.getSimpleName() + ": " + String.join("; ", problems));
    }
    return Map.copyOf(table);
  }
}
