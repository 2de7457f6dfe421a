package io.modelaudit.operator.moto;

import io.modelaudit.operator.cloudwatch.AwsTarget;
import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.cloudwatch.CloudWatchGateways;
import io.modelaudit.operator.cloudwatch.ObservedLogGroup;
import io.modelaudit.operator.fake.CloudWatchStore;
import io.modelaudit.operator.fake.OutOfBand;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * moto with what moto 5.2.1 lacks: data protection policies, query definitions and field index
 * policies (moto answers HTTP 500 to each; see docs/development.md) are served by the fake's store,
 * which implements AWS's rules for them; every other call goes to moto through the production
 * adapter. Used where the whole operator runs on moto (OperatorOnMotoIT, the sandbox), so that
 * examples with masking, saved queries and index fields converge there too; the contract suite on
 * moto asserts moto's own answers instead.
 *
 * <p>The store learns which log groups exist from moto, before each of these calls: a group moto
 * has is made in the store, a group moto no longer has is dropped from it with its policies.
 */
public final class MotoGaps implements CloudWatchGateways {

  /** The port methods the fake's store serves. */
  private static final Set<String> SERVED_BY_STORE =
      Set.of(
          "getDataProtectionPolicy",
          "putDataProtectionPolicy",
          "deleteDataProtectionPolicy",
          "listQueryDefinitionsPage",
          "putQueryDefinition",
          "deleteQueryDefinition",
          "getIndexPolicy",
          "putIndexPolicy",
          "deleteIndexPolicy");

  /** Of those, the ones whose first argument is a log group that moto must have. */
  private static final Set<String> ON_A_LOG_GROUP =
      Set.of(
          "getDataProtectionPolicy",
          "putDataProtectionPolicy",
          "deleteDataProtectionPolicy",
          "getIndexPolicy",
          "putIndexPolicy",
          "deleteIndexPolicy");

  private final CloudWatchGateways moto;
  private final CloudWatchStore store = new CloudWatchStore(Clock.systemUTC());
  private final OutOfBand storeEdits = new OutOfBand(store);
  private final ConcurrentMap<AwsTarget, CloudWatchGateway> gateways = new ConcurrentHashMap<>();

  public MotoGaps(CloudWatchGateways moto) {
    this.moto = moto;
  }

  /** The store is of one account: the end-to-end tests that use it run in one account. */
  @Override
  public CloudWatchGateway forTarget(AwsTarget target) {
    return gateways.computeIfAbsent(target, this::gateway);
  }

  /** The store behind the three APIs, for assertions. */
  public CloudWatchStore store() {
    return store;
  }

  private CloudWatchGateway gateway(AwsTarget target) {
    String region = target.region();
    CloudWatchGateway delegate = moto.forTarget(target);
    CloudWatchGateway side = store.forRegion(region);
    return (CloudWatchGateway)
        Proxy.newProxyInstance(
            CloudWatchGateway.class.getClassLoader(),
            new Class<?>[] {CloudWatchGateway.class},
            (proxy, method, args) -> {
              if (method.isDefault()) {
                return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
              }
              if (method.getDeclaringClass() == Object.class) {
                return method.invoke(delegate, args);
              }
              if (!SERVED_BY_STORE.contains(method.getName())) {
                return call(method, delegate, args);
              }
              if (ON_A_LOG_GROUP.contains(method.getName())) {
                syncGroup(region, delegate, (String) args[0]);
              }
              return call(method, side, args);
            });
  }

  private void syncGroup(String region, CloudWatchGateway delegate, String name) {
    Optional<ObservedLogGroup> inMoto = delegate.describeLogGroup(name);
    boolean inStore = store.logGroup(region, name).isPresent();
    if (inMoto.isPresent() && !inStore) {
      storeEdits.seedLogGroup(region, inMoto.get().config(), Map.of());
    } else if (inMoto.isEmpty() && inStore) {
      storeEdits.deleteLogGroup(region, name);
    }
  }

  private static Object call(Method method, Object target, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
