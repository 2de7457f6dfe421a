package io.modelaudit.operator.accounts;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.modelaudit.operator.api.v1alpha1.ModelAuditAccount;
import io.modelaudit.operator.config.AccountMappingMode;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live account mapping: ModelAuditAccounts and namespace labels, each watched by an informer,
 * so an administrator's change takes effect without a restart. It remembers what it told each
 * namespace and, when a change of either moves a namespace to another account (or to none), tells
 * the listener which namespaces moved.
 */
public final class AccountMappings implements AccountResolver {

  private static final Logger LOG = LoggerFactory.getLogger(AccountMappings.class);

  /** How long a resolution waits for the informers' first listing. */
  private static final Duration START_WAIT = Duration.ofSeconds(30);

  private final KubernetesClient client;
  private final AccountMappingMode mode;
  private final Map<String, AccountResolution> told = new ConcurrentHashMap<>();
  private final CountDownLatch started = new CountDownLatch(1);
  private volatile Consumer<Set<String>> onChange = moved -> {};
  private SharedIndexInformer<ModelAuditAccount> accounts;
  private SharedIndexInformer<Namespace> namespaces;

  public AccountMappings(KubernetesClient client, AccountMappingMode mode) {
    this.client = Objects.requireNonNull(client, "client");
    this.mode = Objects.requireNonNull(mode, "mode");
  }

  public AccountMappingMode mode() {
    return mode;
  }

  /** Who hears of namespaces whose account changed. */
  public void onChange(Consumer<Set<String>> listener) {
    this.onChange = Objects.requireNonNull(listener, "listener");
  }

  /** Starts both informers and returns once they have listed; a no-op when mapping is off. */
  public synchronized void start() {
    if (mode == AccountMappingMode.OFF || accounts != null) {
      started.countDown();
      return;
    }
    accounts = client.resources(ModelAuditAccount.class).inform(handler(), 0);
    namespaces = client.namespaces().inform(handler(), 0);
    started.countDown();
    LOG.info(
        "account mapping {}: {} ModelAuditAccount(s)",
        mode.name().toLowerCase(java.util.Locale.ROOT),
        accounts.getStore().list().size());
  }

  public synchronized void stop() {
    if (accounts != null) {
      accounts.close();
      namespaces.close();
      accounts = null;
      namespaces = null;
    }
  }

  @Override
  public AccountResolution resolve(String namespace) {
    if (mode == AccountMappingMode.OFF) {
      return AccountResolution.OWN;
    }
    AccountResolution resolution = compute(namespace);
    told.put(namespace, resolution);
    return resolution;
  }

  private AccountResolution compute(String namespace) {
    awaitStart();
    SharedIndexInformer<ModelAuditAccount> accountInformer = accounts;
    SharedIndexInformer<Namespace> namespaceInformer = namespaces;
    if (accountInformer == null || namespaceInformer == null) {
      throw new IllegalStateException("the account mapping is not being watched (stopped)");
    }
    Namespace ns = namespaceInformer.getStore().getByKey(namespace);
    Map<String, String> labels =
        ns == null || ns.getMetadata().getLabels() == null
            ? Map.of()
            : ns.getMetadata().getLabels();
    List<ModelAuditAccount> all = accountInformer.getStore().list();
    return AccountMapper.resolve(mode, namespace, labels, all);
  }

  private void awaitStart() {
    try {
      if (!started.await(START_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("the account mapping has not been read yet");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the account mapping", e);
    }
  }

  /** After any change: the namespaces whose resolution moved since the operator last used it. */
  private void changed() {
    if (accounts == null || namespaces == null) {
      return;
    }
    Set<String> moved = new HashSet<>();
    for (Map.Entry<String, AccountResolution> entry : Map.copyOf(told).entrySet()) {
      AccountResolution now = compute(entry.getKey());
      if (!now.equals(entry.getValue())) {
        told.put(entry.getKey(), now);
        moved.add(entry.getKey());
      }
    }
    if (!moved.isEmpty()) {
      LOG.info("account mapping changed for namespace(s) {}", moved);
      onChange.accept(moved);
    }
  }

  private <T extends HasMetadata> ResourceEventHandler<T> handler() {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        changed();
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        changed();
      }

      @Override
      public void onDelete(T obj, boolean deletedFinalStateUnknown) {
        changed();
      }
    };
  }
}
