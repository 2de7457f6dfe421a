package io.modelaudit.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelaudit.operator.cloudwatch.AwsOperation;
import io.modelaudit.operator.cloudwatch.Operations;
import io.modelaudit.operator.cloudwatch.Operations.Service;
import io.modelaudit.operator.cloudwatch.PortOperations;
import io.modelaudit.operator.part.Tags;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * deploy/iam-policy.json as IAM reads it: it allows every AWS operation the port makes and no
 * other, works in every partition, and lets the operator change or destroy only what carries its
 * cluster's tag, where AWS supports tag conditions: anomaly detection models have neither an ARN
 * nor tags (the Service Authorization Reference lists no resource type for their actions), so IAM
 * cannot scope them at all.
 */
class IamPolicyTest {

  private static final Path POLICY = Path.of("deploy", "iam-policy.json");
  private static final String CLUSTER_TAG = "aws:ResourceTag/" + Tags.CLUSTER;
  private static final String REQUEST_TAG = "aws:RequestTag/" + Tags.CLUSTER;
  private static final String OWN_CLUSTER = "${aws:PrincipalTag/" + Tags.CLUSTER + "}";

  /** Actions without a resource type: IAM allows them on * or not at all. */
  private static final Set<String> WITHOUT_RESOURCE_TYPE =
      Set.of("cloudwatch:PutAnomalyDetector", "cloudwatch:DeleteAnomalyDetector");

  /**
   * Actions AWS authorizes only on *: "To create a composite alarm, your
   * cloudwatch:PutCompositeAlarm permission must be scoped to *" (PutCompositeAlarm, API
   * reference). The tag conditions still apply.
   */
  private static final Set<String> ONLY_ON_EVERY_RESOURCE = Set.of("cloudwatch:PutCompositeAlarm");

  /**
   * Statements on resources AWS gives no tags, so no cluster condition can hold them: saved queries
   * (query definitions have no ARN; the operator's ownership marker in each query keeps it to its
   * own, docs/compliance.md) and the archive's roles, which CloudWatch Logs is handed
   * (iam:PassRole, only to logs.amazonaws.com, only roles modelaudit.*).
   */
  private static final Set<String> UNTAGGABLE = Set.of("ManageSavedQueries", "PassArchiveRoles");

  private final JsonNode policy = read();

  @Test
  void everyOperationOfThePortIsAllowed() {
    Set<String> needed = new TreeSet<>();
    for (AwsOperation operation : PortOperations.table().values()) {
      needed.add(iamAction(operation.service(), operation.name()));
    }
    for (AwsOperation operation : PortOperations.eventsTable().values()) {
      if (operation.service() != Service.STS) {
        // GetCallerIdentity needs no permission
        needed.add(iamAction(operation.service(), operation.name()));
      }
    }
    assertThat(needed).hasSizeGreaterThanOrEqualTo(Operations.ALL.size() - 2);

    for (String action : needed) {
      assertThat(allows(action)).as(action + " is allowed by some statement").isNotEmpty();
    }
  }

  @Test
  void noActionBeyondThoseOfThePortIsAllowed() {
    Set<String> needed = new TreeSet<>();
    for (AwsOperation operation : PortOperations.table().values()) {
      needed.add(iamAction(operation.service(), operation.name()));
    }
    for (AwsOperation operation : PortOperations.eventsTable().values()) {
      if (operation.service() != Service.STS) {
        needed.add(iamAction(operation.service(), operation.name()));
      }
    }
    // PutSubscriptionFilter hands CloudWatch Logs the archive's role: IAM checks PassRole on it
    needed.add("iam:PassRole");
    // PutRule and CreateQueue with tags: IAM also checks the tagging action (tag on create)
    needed.add("events:TagResource");
    needed.add("sqs:TagQueue");
    Set<String> granted = new TreeSet<>();
    statements().forEach(s -> granted.addAll(list(s.get("Action"))));

    assertThat(granted).isEqualTo(needed);
  }

  @Test
  void noArnIsTiedToOnePartition() throws IOException {
    assertThat(Files.readString(POLICY)).doesNotContain("arn:aws:");
    for (JsonNode statement : statements()) {
      for (String resource : list(statement.get("Resource"))) {
        // dashboards are global: their ARNs have no region
        assertThat(resource)
            .as("resource")
            .matches(
                "\\*|arn:\\*:(logs|cloudwatch|events|sqs):\\*:\\*:.+|arn:\\*:cloudwatch::\\*:dashboard/.+"
                    + "|arn:\\*:iam::\\*:role/modelaudit\\..+");
      }
    }
  }

  @Test
  void deletionsRequireTheOperatorsOwnClusterTag() {
    List<JsonNode> deleting =
        statements().stream()
            .filter(s -> list(s.get("Action")).stream().anyMatch(a -> a.contains(":Delete")))
            .filter(s -> !exempt(s))
            .toList();

    assertThat(deleting).isNotEmpty();
    for (JsonNode statement : deleting) {
      assertThat(ownClusterTag(statement))
          .as("statement %s allows %s", statement.path("Sid").asText(), statement.get("Action"))
          .isTrue();
    }
  }

  @Test
  void everyWriteIsLimitedToTheOperatorsClusterOrResourcesOfNoCluster() {
    for (JsonNode statement : statements()) {
      List<String> writes = list(statement.get("Action")).stream().filter(a -> !isRead(a)).toList();
      if (writes.isEmpty() || exempt(statement)) {
        continue;
      }
      JsonNode condition = statement.get("Condition");
      boolean limited =
          ownClusterTag(statement)
              || (condition != null
                  && "true".equals(condition.path("Null").path(CLUSTER_TAG).asText()))
              || (condition != null
                  && OWN_CLUSTER.equals(condition.path("StringEquals").path(REQUEST_TAG).asText()));
      assertThat(limited)
          .as("statement %s allows %s", statement.path("Sid").asText(), writes)
          .isTrue();
    }
  }

  @Test
  void aResourceOfAnotherClusterCanNeitherBeChangedNorDestroyed() {
    // what IAM decides for a resource tagged for cluster "other", asked by cluster "mine"
    for (JsonNode statement : statements()) {
      JsonNode condition = statement.get("Condition");
      List<String> writes = list(statement.get("Action")).stream().filter(a -> !isRead(a)).toList();
      if (writes.isEmpty() || writes.equals(List.of("logs:CreateLogGroup")) || exempt(statement)) {
        continue;
      }
      boolean allowsOther =
          condition == null
              || (!ownClusterTag(statement)
                  && !"true".equals(condition.path("Null").path(CLUSTER_TAG).asText()));
      assertThat(allowsOther).as("statement %s", statement.path("Sid").asText()).isFalse();
    }
  }

  @Test
  void onlyListingsAndWhatAwsScopesNoFurtherRunOnEveryResource() {
    for (JsonNode statement : statements()) {
      if (list(statement.get("Resource")).contains("*")
          && !UNTAGGABLE.contains(statement.path("Sid").asText())) {
        assertThat(list(statement.get("Action")))
            .as("statement %s", statement.path("Sid").asText())
            .allMatch(
                a ->
                    isRead(a)
                        || WITHOUT_RESOURCE_TYPE.contains(a)
                        || (ONLY_ON_EVERY_RESOURCE.contains(a)
                            && statement.get("Condition") != null));
      }
    }
  }

  @Test
  void actionsWithoutAResourceTypeStandAlone() {
    for (JsonNode statement : statements()) {
      List<String> actions = list(statement.get("Action"));
      if (actions.stream().anyMatch(WITHOUT_RESOURCE_TYPE::contains)) {
        assertThat(WITHOUT_RESOURCE_TYPE).containsAll(actions);
      }
    }
  }

  private static boolean withoutResourceType(JsonNode statement) {
    return WITHOUT_RESOURCE_TYPE.containsAll(list(statement.get("Action")));
  }

  /** Statements no cluster tag can hold: on resources without a type, or that AWS gives no tags. */
  private static boolean exempt(JsonNode statement) {
    return withoutResourceType(statement) || UNTAGGABLE.contains(statement.path("Sid").asText());
  }

  @Test
  void passRoleIsLimitedToTheArchiveRolesAndToCloudWatchLogs() {
    List<JsonNode> passing = allows("iam:PassRole");

    assertThat(passing)
        .singleElement()
        .satisfies(
            statement -> {
              assertThat(list(statement.get("Resource")))
                  .containsExactly("arn:*:iam::*:role/modelaudit.*");
              assertThat(
                      statement
                          .path("Condition")
                          .path("StringEquals")
                          .path("iam:PassedToService")
                          .asText())
                  .isEqualTo("logs.amazonaws.com");
            });
  }

  @Test
  void onlySavedQueriesAndPassRoleGoWithoutAClusterTag() {
    assertThat(statements())
        .filteredOn(s -> UNTAGGABLE.contains(s.path("Sid").asText()))
        .flatExtracting(s -> list(s.get("Action")))
        .containsExactlyInAnyOrder(
            "logs:DescribeQueryDefinitions",
            "logs:PutQueryDefinition",
            "logs:DeleteQueryDefinition",
            "iam:PassRole");
  }

  // ---- reading the policy as IAM does ----

  private static String iamAction(Service service, String operation) {
    return switch (service) {
      case LOGS -> "logs:" + operation;
      case CLOUDWATCH -> "cloudwatch:" + operation;
      case EVENTS -> "events:" + operation;
      // DeleteMessageBatch is authorized as sqs:DeleteMessage
      case SQS -> "sqs:" + operation.replace("DeleteMessageBatch", "DeleteMessage");
      case STS -> "sts:" + operation;
    };
  }

  /** The Allow statements whose Action matches this one (IAM wildcards * and ?). */
  private List<JsonNode> allows(String action) {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode statement : statements()) {
      if ("Allow".equals(statement.path("Effect").asText())
          && list(statement.get("Action")).stream()
              .anyMatch(a -> wildcard(a).matcher(action).matches())) {
        found.add(statement);
      }
    }
    return found;
  }

  private static boolean ownClusterTag(JsonNode statement) {
    JsonNode condition = statement.get("Condition");
    return condition != null
        && OWN_CLUSTER.equals(condition.path("StringEquals").path(CLUSTER_TAG).asText());
  }

  private static boolean isRead(String action) {
    String name = action.substring(action.indexOf(':') + 1);
    return name.startsWith("Describe") || name.startsWith("List") || name.startsWith("Get");
  }

  private static Pattern wildcard(String iamPattern) {
    StringBuilder regex = new StringBuilder();
    for (char c : iamPattern.toCharArray()) {
      regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
  }

  private List<JsonNode> statements() {
    List<JsonNode> statements = new ArrayList<>();
    policy.get("Statement").forEach(statements::add);
    return statements;
  }

  private static List<String> list(JsonNode node) {
    if (node == null) {
      return List.of();
    }
    if (node.isTextual()) {
      return List.of(node.asText());
    }
    List<String> values = new ArrayList<>();
    node.forEach(n -> values.add(n.asText()));
    return values;
  }

  private static JsonNode read() {
    try {
      return new ObjectMapper().readTree(POLICY.toFile());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
