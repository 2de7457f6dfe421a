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

/** deploy/iam-policy.json grants every AWS action the port calls, and passes only scoped roles. */
class IamPolicyTest {

  private static final JsonNode POLICY = read();

  @Test
  void everyOperationOfThePortIsGranted() {
    Set<String> granted = new TreeSet<>();
    POLICY.path("Statement").forEach(s -> s.path("Action").forEach(a -> granted.add(a.asText())));
    Set<String> needed = new TreeSet<>();
    for (AwsOperation operation : PortOperations.table().values()) {
      needed.add(
          (operation.service() == Service.LOGS ? "logs:" : "cloudwatch:") + operation.name());
    }

    assertThat(granted).containsAll(needed);
  }

  @Test
  void passRoleIsLimitedToTheArchiveRolesAndToCloudWatchLogs() {
    JsonNode passRole = null;
    for (JsonNode statement : POLICY.path("Statement")) {
      for (JsonNode action : statement.path("Action")) {
        if (action.asText().equals("iam:PassRole")) {
          passRole = statement;
        }
      }
    }

    assertThat(passRole).isNotNull();
    assertThat(passRole.path("Resource").asText()).isEqualTo("arn:*:iam::*:role/modelaudit.*");
    assertThat(passRole.path("Condition").path("StringEquals").path("iam:PassedToService").asText())
        .isEqualTo("logs.amazonaws.com");
  }

  @Test
  void theComplianceStatementsNameNoPartition() {
    for (JsonNode statement : POLICY.path("Statement")) {
      String sid = statement.path("Sid").asText();
      if (Set.of("ManageModelAuditCompliance", "PassArchiveRoles", "ManageSavedQueries")
          .contains(sid)) {
        assertThat(statement.path("Resource").asText()).as(sid).doesNotContain("arn:aws:");
      }
    }
  }

  private static JsonNode read() {
    try {
      return new ObjectMapper().readTree(Files.readString(Path.of("deploy/iam-policy.json")));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
