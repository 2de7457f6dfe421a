package io.modelaudit.operator.cloudwatch;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.Objects;

/**
 * The dynamic proxy behind {@link PortInterceptor#around}: a method that declares an operation goes
 * through the interceptor, a default method runs on the proxy, Object's methods answer for the
 * proxy itself.
 */
final class PortProxy implements InvocationHandler {

  private static final Object[] NO_ARGS = {};

  private final Object target;
  private final PortInterceptor interceptor;

  private PortProxy(Object target, PortInterceptor interceptor) {
    this.target = Objects.requireNonNull(target, "target");
    this.interceptor = Objects.requireNonNull(interceptor, "interceptor");
  }

  /** The port (an interface in {@link PortOperations}' table) with the interceptor around it. */
  static <T> T create(Class<T> port, T target, PortInterceptor interceptor) {
    return port.cast(
        Proxy.newProxyInstance(
            port.getClassLoader(), new Class<?>[] {port}, new PortProxy(target, interceptor)));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getDeclaringClass() == Object.class) {
      return switch (method.getName()) {
        case "equals" -> proxy == args[0];
        case "hashCode" -> System.identityHashCode(proxy);
        default -> "intercepted " + target;
      };
    }
    AwsOperation operation = PortOperations.of(method);
    if (operation == null) {
      // made of other port calls: each of them comes back through this proxy
      return InvocationHandler.invokeDefault(proxy, method, args);
    }
    Object[] arguments = args == null ? NO_ARGS : args;
    return interceptor.intercept(operation, arguments, () -> invokeTarget(method, arguments));
  }

  private Object invokeTarget(Method method, Object[] args) {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new UndeclaredThrowableException(cause);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot call " + method + " on " + target, e);
    }
  }
}
