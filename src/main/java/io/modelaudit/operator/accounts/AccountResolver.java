package io.modelaudit.operator.accounts;

/** Tells which AWS identity the ModelAudits of a namespace use. */
@FunctionalInterface
public interface AccountResolver {

  /** Every namespace uses the operator's own identity (MODELAUDIT_ACCOUNT_MAPPING=off). */
  AccountResolver OWN = namespace -> AccountResolution.OWN;

  AccountResolution resolve(String namespace);
}
