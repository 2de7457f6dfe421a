package io.modelaudit.operator.moto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.cloudwatch.GatewayException;
import io.modelaudit.operator.cloudwatch.Page;
import io.modelaudit.operator.cloudwatch.QueryDefinition;
import io.modelaudit.operator.cloudwatch.aws.AwsCloudWatchGateways;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@link MotoGaps} on the wire, for an operator in another process: the CloudWatch Logs calls moto
 * 5.2.1 does not implement (data protection, query definitions, index policies) are answered in AWS
 * JSON 1.1 from the fake's store, which learns from moto which log groups exist.
 */
final class MotoGapsHttp implements AutoCloseable {

  /** The CloudWatch Logs operations answered here instead of by moto. */
  static final Set<String> OPERATIONS =
      Set.of(
          "GetDataProtectionPolicy",
          "PutDataProtectionPolicy",
          "DeleteDataProtectionPolicy",
          "DescribeQueryDefinitions",
          "PutQueryDefinition",
          "DeleteQueryDefinition",
          "DescribeIndexPolicies",
          "PutIndexPolicy",
          "DeleteIndexPolicy");

  /** An answer: HTTP status and JSON body. */
  record Answer(int status, byte[] body) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final AwsCloudWatchGateways moto;
  private final MotoGaps gaps;

  MotoGapsHttp(URI motoEndpoint) {
    this.moto = new AwsCloudWatchGateways(MotoSupport.customizer(motoEndpoint));
    this.gaps = new MotoGaps(moto);
  }

  /** Answers one of {@link #OPERATIONS} for the region the request was signed for. */
  Answer answer(String operation, String region, JsonNode request) {
    CloudWatchGateway gateway = gaps.forRegion(region);
    ObjectNode out = JSON.createObjectNode();
    try {
      switch (operation) {
        case "GetDataProtectionPolicy" -> {
          String group = request.path("logGroupIdentifier").asText();
          out.put("logGroupIdentifier", group);
          gateway.getDataProtectionPolicy(group).ifPresent(d -> out.put("policyDocument", d));
        }
        case "PutDataProtectionPolicy" -> {
          String group = request.path("logGroupIdentifier").asText();
          String document = request.path("policyDocument").asText();
          gateway.putDataProtectionPolicy(group, document);
          out.put("logGroupIdentifier", group).put("policyDocument", document);
        }
        case "DeleteDataProtectionPolicy" ->
            gateway.deleteDataProtectionPolicy(request.path("logGroupIdentifier").asText());
        case "DescribeQueryDefinitions" -> {
          Page<QueryDefinition> page =
              gateway.listQueryDefinitionsPage(
                  request.path("queryDefinitionNamePrefix").asText(""),
                  request.hasNonNull("nextToken") ? request.path("nextToken").asText() : null);
          ArrayNode definitions = out.putArray("queryDefinitions");
          for (QueryDefinition d : page.items()) {
            ObjectNode item = definitions.addObject();
            item.put("queryDefinitionId", d.id()).put("name", d.name());
            item.put("queryString", d.queryString());
            d.logGroupNames().forEach(item.putArray("logGroupNames")::add);
          }
          if (page.nextToken() != null) {
            out.put("nextToken", page.nextToken());
          }
        }
        case "PutQueryDefinition" -> {
          List<String> groups = new ArrayList<>();
          request.path("logGroupNames").forEach(g -> groups.add(g.asText()));
          String id =
              gateway.putQueryDefinition(
                  new QueryDefinition(
                      request.hasNonNull("queryDefinitionId")
                          ? request.path("queryDefinitionId").asText()
                          : null,
                      request.path("name").asText(),
                      request.path("queryString").asText(),
                      groups));
          out.put("queryDefinitionId", id);
        }
        case "DeleteQueryDefinition" -> {
          gateway.deleteQueryDefinition(request.path("queryDefinitionId").asText());
          out.put("success", true);
        }
        case "DescribeIndexPolicies" -> {
          ArrayNode policies = out.putArray("indexPolicies");
          for (JsonNode group : request.path("logGroupIdentifiers")) {
            Optional<String> document = gateway.getIndexPolicy(group.asText());
            document.ifPresent(
                d ->
                    policies
                        .addObject()
                        .put("logGroupIdentifier", group.asText())
                        .put("policyDocument", d)
                        .put("source", "LOG_GROUP"));
          }
        }
        case "PutIndexPolicy" -> {
          String group = request.path("logGroupIdentifier").asText();
          String document = request.path("policyDocument").asText();
          gateway.putIndexPolicy(group, document);
          out.putObject("indexPolicy")
              .put("logGroupIdentifier", group)
              .put("policyDocument", document)
              .put("source", "LOG_GROUP");
        }
        case "DeleteIndexPolicy" ->
            gateway.deleteIndexPolicy(request.path("logGroupIdentifier").asText());
        default -> throw new IllegalArgumentException("not a gap of moto: " + operation);
      }
      return new Answer(200, JSON.writeValueAsBytes(out));
    } catch (GatewayException e) {
      ObjectNode error = JSON.createObjectNode();
      error.put("__type", e.errorCode() == null ? "ServiceUnavailableException" : e.errorCode());
      error.put("message", e.getMessage());
      return new Answer(e.errorCode() == null ? 500 : 400, bytes(error));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    moto.close();
  }
}
