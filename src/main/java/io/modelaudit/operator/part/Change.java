package io.modelaudit.operator.part;

import io.modelaudit.operator.cloudwatch.CloudWatchGateway;

/**
 * One mutating call the operator must make, with the reason it is needed. Each part defines its own
 * changes as records (so plans compare by value); {@link Create}, {@link Update} and {@link Delete}
 * give them their verb.
 */
public interface Change {

  /** What kind of write this is, for events and metrics. */
  enum Verb {
    CREATE,
    UPDATE,
    DELETE
  }

  Verb verb();

  /** One line for logs and events: what is written and why. */
  String describe();

  /** Makes the call. */
  void applyTo(CloudWatchGateway gateway);

  /** A change that makes something new. */
  interface Create extends Change {
    @Override
    default Verb verb() {
      return Verb.CREATE;
    }
  }

  /** A change to something that exists. */
  interface Update extends Change {
    @Override
    default Verb verb() {
      return Verb.UPDATE;
    }
  }

  /** A change that removes something. */
  interface Delete extends Change {
    @Override
    default Verb verb() {
      return Verb.DELETE;
    }
  }
}
