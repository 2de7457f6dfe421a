package io.modelaudit.operator;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.modelaudit.operator.api.v1alpha1.AlarmActionsSpec;
import io.modelaudit.operator.api.v1alpha1.AlarmSpec;
import io.modelaudit.operator.api.v1alpha1.MetricFilterSpec;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.api.v1alpha1.ModelAuditSpec;
import io.modelaudit.operator.cloudwatch.aws.AwsRegions;
import io.modelaudit.operator.config.AwsFacts;
import io.modelaudit.operator.config.OperatorConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The one source of test fixtures: the examples in examples/, and the named specs in
 * src/test/resources/fixtures/ (one YAML file each), read here.
 */
public final class Fixtures {

  /** The account of the fake and of moto. */
  public static final String ACCOUNT_ID = "123456789012";

  /** The seed program's case, as shipped in examples/. */
  public static final Path SEED_EXAMPLE = Path.of("examples", "01-seed-fraud-detector.yaml");

  /** The richer example: several filters and alarms, KMS, tags, deletionPolicy Delete. */
  public static final Path RICH_EXAMPLE = Path.of("examples", "02-llm-gateway-full.yaml");

  /**
   * A ModelAudit spec with one of each part (group, stream, filter, alarm, topic, tags) and
   * deletionPolicy Retain, for scenario tests that edit it.
   */
  public static final String STANDARD_SPEC = specText("standard");

  /**
   * What Main learns at start, as tests know it: the regions of the AWS SDK and the account of the
   * fake and of moto, which the examples' and fixtures' SNS topics use.
   */
  public static final AwsFacts AWS = new AwsFacts(AwsRegions.known(), Optional.of(ACCOUNT_ID));

  private Fixtures() {}

  /** The default configuration as Main completes it at start (see {@link #AWS}). */
  public static OperatorConfig config() {
    return OperatorConfig.defaults().withAws(AWS);
  }

  /** The text of the named spec fixture, src/test/resources/fixtures/NAME.yaml. */
  public static String specText(String name) {
    String resource = "/fixtures/" + name + ".yaml";
    try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no spec fixture " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ModelAudit example(Path path) {
    try {
      return Serialization.unmarshal(Files.readString(path), ModelAudit.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * An example moved to another namespace, with the metrics its alarms watch under {@code
   * AIModelAuditing/<its namespace>} (what the operator's default policy allows them) moved along.
   */
  public static ModelAudit exampleIn(Path path, String namespace) {
    ModelAudit audit = example(path);
    String from = "AIModelAuditing/" + audit.getMetadata().getNamespace();
    String to = "AIModelAuditing/" + namespace;
    audit.getMetadata().setNamespace(namespace);
    if (audit.getSpec().getAlarms() != null) {
      for (AlarmSpec alarm : audit.getSpec().getAlarms()) {
        moveMetric(alarm.getMetric(), from, to);
        if (alarm.getMetrics() != null) {
          alarm.getMetrics().forEach(q -> moveMetric(q.getMetric(), from, to));
        }
      }
    }
    return audit;
  }

  private static void moveMetric(
      io.modelaudit.operator.api.v1alpha1.AlarmMetricSpec metric, String from, String to) {
    if (metric != null
        && metric.getNamespace() != null
        && (metric.getNamespace().equals(from) || metric.getNamespace().startsWith(from + "/"))) {
      metric.setNamespace(to + metric.getNamespace().substring(from.length()));
    }
  }

  public static ModelAuditSpec spec(String yaml) {
    return Serialization.unmarshal(yaml, ModelAuditSpec.class);
  }

  /**
   * The same resource publishing its metrics in a metric namespace of its own, {@code
   * <namespace>/<its namespace>/<its name>}: two ModelAudits may not publish the same metric, so a
   * scenario that makes many ModelAudits from one spec gives each its own. Its alarms' metrics that
   * name its own filters' metrics move with them.
   */
  public static ModelAudit withOwnMetrics(ModelAudit audit) {
    withOwnMetrics(
        audit.getSpec(), audit.getMetadata().getNamespace(), audit.getMetadata().getName());
    return audit;
  }

  /** See {@link #withOwnMetrics(ModelAudit)}: the spec of the ModelAudit namespace/name. */
  public static ModelAuditSpec withOwnMetrics(ModelAuditSpec spec, String namespace, String name) {
    java.util.Set<String> published = new java.util.HashSet<>();
    if (spec.getMetricFilters() != null) {
      for (MetricFilterSpec filter : spec.getMetricFilters()) {
        if (filter.getMetric() != null && filter.getMetric().getNamespace() != null) {
          published.add(filter.getMetric().getNamespace());
          filter.getMetric().setNamespace(own(filter.getMetric().getNamespace(), namespace, name));
        }
      }
    }
    if (spec.getAlarms() != null) {
      for (AlarmSpec alarm : spec.getAlarms()) {
        if (alarm.getMetric() != null && published.contains(alarm.getMetric().getNamespace())) {
          alarm.getMetric().setNamespace(own(alarm.getMetric().getNamespace(), namespace, name));
        }
      }
    }
    return spec;
  }

  private static String own(String metricNamespace, String namespace, String name) {
    return metricNamespace + "/" + namespace + "/" + name;
  }

  /**
   * Moves a spec to another region, with its SNS topics and archive destinations: AWS wants an
   * alarm's topics in the alarm's region and a subscription filter's destination in the log
   * group's, and the operator refuses others.
   */
  public static ModelAuditSpec inRegion(ModelAuditSpec spec, String region) {
    spec.setRegion(region);
    if (spec.getNotifications() != null && spec.getNotifications().getSnsTopicArn() != null) {
      spec.getNotifications()
          .setSnsTopicArn(topicIn(spec.getNotifications().getSnsTopicArn(), region));
    }
    if (spec.getAlarms() != null) {
      for (AlarmSpec alarm : spec.getAlarms()) {
        AlarmActionsSpec actions = alarm.getActions();
        if (actions != null) {
          actions.setAlarm(topicsIn(actions.getAlarm(), region));
          actions.setOk(topicsIn(actions.getOk(), region));
          actions.setInsufficientData(topicsIn(actions.getInsufficientData(), region));
        }
      }
    }
    if (spec.getArchive() != null) {
      spec.getArchive()
          .forEach(
              entry ->
                  entry.setDestinationArn(
                      entry
                          .getDestinationArn()
                          .replaceFirst("^(arn:[^:]+:[^:]+:)[^:]+:", "$1" + region + ":")));
    }
    return spec;
  }

  private static List<String> topicsIn(List<String> arns, String region) {
    return arns == null ? null : arns.stream().map(arn -> topicIn(arn, region)).toList();
  }

  private static String topicIn(String arn, String region) {
    return arn.replaceFirst("^(arn:[^:]+:sns:)[^:]+:", "$1" + region + ":");
  }

  public static ModelAudit resource(String namespace, String name, String specYaml) {
    ModelAudit audit = new ModelAudit();
    audit.getMetadata().setNamespace(namespace);
    audit.getMetadata().setName(name);
    audit.setSpec(spec(specYaml));
    return audit;
  }
}
