package io.modelaudit.operator.cloudwatch;

import io.modelaudit.operator.cloudwatch.Operations.Service;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Collection;
import java.util.Map;

/**
 * The AWS operation behind a port method, declared once on the method. Metering, rate limiting, the
 * adapter's error classification and the test fakes all read it through {@link PortOperations};
 * none of them names a port method.
 *
 * <p>Every abstract method of {@link CloudWatchGateway} carries one. A default method carries none:
 * it is made of other port calls (e.g. every page of a listing), and each of those is intercepted
 * on its own.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AwsOperation {

  /** The operation's name as AWS's quotas and errors spell it: one of {@link Operations#ALL}. */
  String name();

  /** The API whose quota the call counts against; the tag operations exist in both. */
  Service service();

  /** How many calls of the operation one port call makes. */
  Cost cost() default Cost.ONE;

  /** How many AWS calls one port call makes, from its arguments. */
  enum Cost {

    /** Exactly one call. */
    ONE {
      @Override
      public int calls(Object[] args) {
        return 1;
      }
    },

    /** One call, or none when the last argument (tags or tag keys) is empty: nothing to send. */
    NONE_WHEN_EMPTY {
      @Override
      public int calls(Object[] args) {
        Object last = args[args.length - 1];
        boolean empty =
            last instanceof Map<?, ?> map ? map.isEmpty() : ((Collection<?>) last).isEmpty();
        return empty ? 0 : 1;
      }
    },

    /**
     * One call per {@link Operations#NAMES_PER_CALL} distinct names of the first argument; none
     * without names.
     */
    PER_NAME_BATCH {
      @Override
      public int calls(Object[] args) {
        @SuppressWarnings("unchecked")
        Collection<String> names = (Collection<String>) args[0];
        return Operations.batches(names).size();
      }
    };

    /** The number of AWS calls a port call with these arguments makes. */
    public abstract int calls(Object[] args);
  }
}
