package io.modelaudit.operator.moto;

import io.modelaudit.operator.cloudwatch.AwsTarget;
import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.cloudwatch.CloudWatchGateways;
import io.modelaudit.operator.cloudwatch.DashboardConfig;
import io.modelaudit.operator.cloudwatch.GatewayException;
import io.modelaudit.operator.cloudwatch.ObservedAlarm;
import io.modelaudit.operator.cloudwatch.ObservedCompositeAlarm;
import io.modelaudit.operator.cloudwatch.ObservedLogGroup;
import io.modelaudit.operator.fake.CloudWatchStore;
import io.modelaudit.operator.fake.InMemoryCloudWatch;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * moto 5.2.1 with what it lacks filled in from the in-memory fake: composite alarms, anomaly
 * detectors, the tags of dashboards (moto drops PutDashboard's tags and refuses TagResource on a
 * dashboard), data protection policies, query definitions and field index policies (moto answers
 * HTTP 500 to each). Every other port call goes to moto through the production adapter. The fake
 * learns which log groups exist from moto before each call on a log group's policies: a group moto
 * has is made in the fake, a group moto no longer has is dropped from it with its policies.
 * Composite alarms kept in the fake watch the metric alarms in moto, with their states read from
 * moto, and a metric alarm a composite alarm depends on is not deleted, as AWS refuses.
 *
 * <p>Test and sandbox use only: docs/development.md lists these gaps of moto, and the contract
 * asserts each of them, so a moto upgrade that closes one shows.
 */
public final class MotoGaps implements CloudWatchGateways {

  /** Port methods served by the fake entirely. */
  private static final Set<String> FROM_THE_FAKE =
      Set.of(
          "putCompositeAlarm",
          "describeCompositeAlarms",
          "listCompositeAlarmsPage",
          "putAnomalyDetector",
          "describeAnomalyDetectorsPage",
          "deleteAnomalyDetector",
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
  private final InMemoryCloudWatch fake = new InMemoryCloudWatch();
  private final Map<String, Map<String, String>> dashboardTags = new ConcurrentHashMap<>();
  private final Map<AwsTarget, CloudWatchGateway> gateways = new ConcurrentHashMap<>();

  public MotoGaps(CloudWatchGateways moto) {
    this.moto = moto;
    fake.store().alarmsOutside((region, names) -> statesInMoto(region, names));
  }

  /** The fake that keeps what moto lacks, for assertions. */
  public InMemoryCloudWatch fake() {
    return fake;
  }

  /** The fake's store, for assertions on what moto lacks. */
  public CloudWatchStore store() {
    return fake.store();
  }

  /** The fake is of one account: the end-to-end tests that use it keep to one account there. */
  @Override
  public CloudWatchGateway forTarget(AwsTarget target) {
    return gateways.computeIfAbsent(target, this::gateway);
  }

  private CloudWatchGateway gateway(AwsTarget target) {
    String region = target.region();
    CloudWatchGateway inMoto = moto.forTarget(target);
    CloudWatchGateway inFake = fake.forTarget(target);
    Gaps gaps = new Gaps(inMoto, inFake);
    return (CloudWatchGateway)
        Proxy.newProxyInstance(
            CloudWatchGateway.class.getClassLoader(),
            new Class<?>[] {CloudWatchGateway.class},
            (proxy, method, args) -> {
              if (method.getDeclaringClass() == Object.class) {
                return method.getName().equals("toString")
                    ? "moto with its gaps filled"
                    : method.getName().equals("hashCode")
                        ? System.identityHashCode(proxy)
                        : proxy == args[0];
              }
              if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
              }
              if (FROM_THE_FAKE.contains(method.getName())) {
                if (ON_A_LOG_GROUP.contains(method.getName())) {
                  syncGroup(region, inMoto, (String) args[0]);
                }
                return call(method, inFake, args);
              }
              try {
                Method own =
                    Gaps.class.getDeclaredMethod(method.getName(), method.getParameterTypes());
                return call(own, gaps, args);
              } catch (NoSuchMethodException e) {
                return call(method, inMoto, args);
              }
            });
  }

  private void syncGroup(String region, CloudWatchGateway inMoto, String name) {
    Optional<ObservedLogGroup> there = inMoto.describeLogGroup(name);
    boolean here = fake.store().logGroup(region, name).isPresent();
    if (there.isPresent() && !here) {
      fake.outOfBand().seedLogGroup(region, there.get().config(), Map.of());
    } else if (there.isEmpty() && here) {
      fake.outOfBand().deleteLogGroup(region, name);
    }
  }

  private Map<String, String> statesInMoto(String region, Collection<String> names) {
    Map<String, String> states = new HashMap<>();
    for (ObservedAlarm alarm : moto.forRegion(region).describeAlarms(names)) {
      states.put(alarm.alarmName(), alarm.state());
    }
    return states;
  }

  /** The port calls that need both: alarms and dashboards in moto, what moto lacks in the fake. */
  private final class Gaps {
    private final CloudWatchGateway inMoto;
    private final CloudWatchGateway inFake;

    Gaps(CloudWatchGateway inMoto, CloudWatchGateway inFake) {
      this.inMoto = inMoto;
      this.inFake = inFake;
    }

    public void deleteAlarms(Collection<String> names) {
      List<String> composites = new ArrayList<>();
      List<String> metric = new ArrayList<>();
      Set<String> known =
          Set.copyOf(
              inFake.describeCompositeAlarms(names).stream()
                  .map(ObservedCompositeAlarm::alarmName)
                  .toList());
      for (String name : names) {
        (known.contains(name) ? composites : metric).add(name);
      }
      if (!composites.isEmpty()) {
        inFake.deleteAlarms(composites);
      }
      for (ObservedCompositeAlarm parent : inFake.listCompositeAlarms("")) {
        for (String name : metric) {
          if (parent.config().rule().contains("\"" + name + "\"")
              || name.equals(parent.config().actionsSuppressor())) {
            // as AWS answers: ValidationError
            throw new GatewayException(
                GatewayException.Kind.INVALID_INPUT,
                "DeleteAlarms",
                "ValidationError",
                "Cannot delete " + name + " as there are composite alarm(s) depending on it.");
          }
        }
      }
      if (!metric.isEmpty()) {
        inMoto.deleteAlarms(metric);
      }
    }

    public Map<String, String> listAlarmTags(String arn) {
      return isComposite(arn) ? inFake.listAlarmTags(arn) : inMoto.listAlarmTags(arn);
    }

    public void tagAlarm(String arn, Map<String, String> tags) {
      if (isComposite(arn)) {
        inFake.tagAlarm(arn, tags);
      } else {
        inMoto.tagAlarm(arn, tags);
      }
    }

    public void untagAlarm(String arn, Set<String> keys) {
      if (isComposite(arn)) {
        inFake.untagAlarm(arn, keys);
      } else {
        inMoto.untagAlarm(arn, keys);
      }
    }

    public void putDashboard(DashboardConfig dashboard, Map<String, String> tagsOnCreate) {
      boolean exists = inMoto.getDashboard(dashboard.name()).isPresent();
      inMoto.putDashboard(dashboard, tagsOnCreate);
      if (!exists) {
        // AWS keeps the tags of a new dashboard; moto drops them
        String arn = inMoto.getDashboard(dashboard.name()).orElseThrow().arn();
        dashboardTags.put(arn, new HashMap<>(tagsOnCreate == null ? Map.of() : tagsOnCreate));
      }
    }

    public Map<String, String> listDashboardTags(String arn) {
      return Map.copyOf(dashboardTags.getOrDefault(arn, Map.of()));
    }

    public void tagDashboard(String arn, Map<String, String> tags) {
      if (!tags.isEmpty()) {
        dashboardTags(arn).putAll(tags);
      }
    }

    public void untagDashboard(String arn, Set<String> keys) {
      if (!keys.isEmpty()) {
        dashboardTags(arn).keySet().removeAll(keys);
      }
    }

    public void deleteDashboards(Collection<String> names) {
      for (String name : names) {
        inMoto.getDashboard(name).ifPresent(d -> dashboardTags.remove(d.arn()));
      }
      inMoto.deleteDashboards(names);
    }

    private Map<String, String> dashboardTags(String arn) {
      Map<String, String> tags = dashboardTags.get(arn);
      if (tags == null) {
        throw new GatewayException(
            GatewayException.Kind.NOT_FOUND,
            "TagResource",
            "ResourceNotFoundException",
            "no dashboard " + arn);
      }
      return tags;
    }

    private boolean isComposite(String arn) {
      int at = arn.indexOf(":alarm:");
      return at >= 0
          && !inFake
              .describeCompositeAlarms(List.of(arn.substring(at + ":alarm:".length())))
              .isEmpty();
    }
  }

  private static Object call(Method method, Object target, Object[] args) throws Throwable {
    try {
      method.setAccessible(true);
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
