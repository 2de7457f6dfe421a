package io.modelaudit.operator.reconcile;

import io.javaoperatorsdk.operator.OperatorException;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.modelaudit.operator.accounts.AccountMappings;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import java.util.Set;

/**
 * Runs the account mapping's informers (ModelAuditAccounts and namespaces) for as long as JOSDK
 * runs the controller; the mapping's changes reach the reconciles through the inventory's source.
 */
final class AccountMappingEventSource extends AbstractEventSource<Void, ModelAudit> {

  private final AccountMappings mappings;

  AccountMappingEventSource(AccountMappings mappings) {
    super(Void.class, "account-mapping");
    this.mappings = mappings;
  }

  @Override
  public void start() throws OperatorException {
    mappings.start();
    super.start();
  }

  @Override
  public void stop() throws OperatorException {
    mappings.stop();
    super.stop();
  }

  @Override
  public Set<Void> getSecondaryResources(ModelAudit primary) {
    return Set.of();
  }
}
