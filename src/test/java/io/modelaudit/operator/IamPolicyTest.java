package io.modelaudit.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelaudit.operator.cloudwatch.AwsOperation;
import io.modelaudit.operator.cloudwatch.Operations.Service;
import io.modelaudit.operator.cloudwatch.PortOperations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * deploy/iam-policy.json grants every AWS action the port declares and nothing else, and names no
 * partition: it works in aws, aws-cn and aws-us-gov alike.
 */
class IamPolicyTest {

  private static final Path POLICY = Path.of("deploy", "iam-policy.json");

  @Test
  void thePolicyGrantsExactlyTheActionsOfThePort() throws IOException {
    Set<String> declared = new TreeSet<>();
    for (AwsOperation operation : PortOperations.table().values()) {
      String prefix = operation.service() == Service.LOGS ? "logs:" : "cloudwatch:";
      declared.add(prefix + operation.name());
    }

    assertThat(actions(policy())).isEqualTo(declared);
  }

  @Test
  void thePolicyNamesNoPartition() throws IOException {
    assertThat(Files.readString(POLICY)).doesNotContain("arn:aws:");
    for (JsonNode statement : policy().path("Statement")) {
      for (JsonNode resource : list(statement.path("Resource"))) {
        assertThat(resource.asText()).matches("\\*|arn:\\*:.*");
      }
    }
  }

  private static Set<String> actions(JsonNode policy) {
    Set<String> actions = new TreeSet<>();
    for (JsonNode statement : policy.path("Statement")) {
      list(statement.path("Action")).forEach(a -> actions.add(a.asText()));
    }
    return actions;
  }

  private static Iterable<JsonNode> list(JsonNode node) {
    return node.isArray() ? node : java.util.List.of(node);
  }

  private static JsonNode policy() throws IOException {
    return new ObjectMapper().readTree(Files.readString(POLICY));
  }
}
