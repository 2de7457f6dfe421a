package io.modelaudit.operator.part.dataprotection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelaudit.operator.api.v1alpha1.CustomIdentifierSpec;
import io.modelaudit.operator.api.v1alpha1.DataProtectionSpec;
import io.modelaudit.operator.api.v1alpha1.FindingsSpec;
import io.modelaudit.operator.part.JsonDocuments;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Builds and reads CloudWatch Logs data protection policy documents. The operator's document has
 * the two statements AWS requires - Audit (with the findings destinations) and Deidentify (with an
 * empty MaskConfig) over the same identifiers - and carries its ownership marker in Description.
 * The format is AWS's ("Data protection policy syntax", CloudWatch Logs User Guide, and
 * PutDataProtectionPolicy in the API reference).
 */
public final class PolicyDocument {

  /** The policy language version AWS documents. */
  public static final String VERSION = "2021-06-01";

  /** The policy's Name: CloudWatch reports findings metrics with it as a dimension. */
  public static final String NAME = "modelaudit-data-protection";

  private static final String MANAGED_PREFIX = "data-identifier/";

  private PolicyDocument() {}

  /** The ARN of a managed data identifier in the region's partition. */
  public static String managedIdentifierArn(String partition, String name) {
    return "arn:" + partition + ":dataprotection::aws:" + MANAGED_PREFIX + name;
  }

  /** The operator's policy document for this spec. */
  public static String build(DataProtectionSpec spec, String partition, String marker) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode document = json.objectNode();
    document.put("Name", NAME);
    document.put(
        "Description", "Managed by the ModelAudit operator; edits are reverted. " + marker);
    document.put("Version", VERSION);
    List<CustomIdentifierSpec> custom =
        spec.getCustomIdentifiers() == null ? List.of() : spec.getCustomIdentifiers();
    if (!custom.isEmpty()) {
      ArrayNode identifiers = document.putObject("Configuration").putArray("CustomDataIdentifier");
      for (CustomIdentifierSpec identifier : custom) {
        identifiers
            .addObject()
            .put("Name", identifier.getName())
            .put("Regex", identifier.getRegex());
      }
    }
    List<String> dataIdentifiers = new ArrayList<>();
    if (spec.getIdentifiers() != null) {
      spec.getIdentifiers().forEach(n -> dataIdentifiers.add(managedIdentifierArn(partition, n)));
    }
    custom.forEach(c -> dataIdentifiers.add(c.getName()));
    ArrayNode statements = document.putArray("Statement");
    ObjectNode audit = statements.addObject();
    audit.put("Sid", "audit");
    dataIdentifiers.forEach(audit.putArray("DataIdentifier")::add);
    ObjectNode destinations =
        audit.putObject("Operation").putObject("Audit").putObject("FindingsDestination");
    FindingsSpec findings = spec.getFindings();
    if (findings != null) {
      if (findings.getLogGroup() != null) {
        destinations.putObject("CloudWatchLogs").put("LogGroup", findings.getLogGroup());
      }
      if (findings.getFirehoseDeliveryStream() != null) {
        destinations
            .putObject("Firehose")
            .put("DeliveryStream", findings.getFirehoseDeliveryStream());
      }
      if (findings.getS3Bucket() != null) {
        destinations.putObject("S3").put("Bucket", findings.getS3Bucket());
      }
    }
    ObjectNode redact = statements.addObject();
    redact.put("Sid", "redact");
    dataIdentifiers.forEach(redact.putArray("DataIdentifier")::add);
    redact.putObject("Operation").putObject("Deidentify").putObject("MaskConfig");
    return JsonDocuments.write(document);
  }

  /** The names of what the spec masks: managed identifiers, then custom ones. */
  public static List<String> identifierNames(DataProtectionSpec spec) {
    List<String> names = new ArrayList<>();
    if (spec.getIdentifiers() != null) {
      names.addAll(spec.getIdentifiers());
    }
    if (spec.getCustomIdentifiers() != null) {
      spec.getCustomIdentifiers().forEach(c -> names.add(c.getName()));
    }
    return names;
  }

  /**
   * The names of what a policy document masks (managed identifiers without their ARN prefix); empty
   * when the document cannot be read.
   */
  public static List<String> identifiersOf(String document) {
    JsonNode root = JsonDocuments.parse(document);
    Set<String> names = new LinkedHashSet<>();
    if (root != null && root.path("Statement").isArray()) {
      for (JsonNode statement : root.path("Statement")) {
        for (JsonNode identifier : statement.path("DataIdentifier")) {
          String text = identifier.asText();
          int at = text.lastIndexOf(MANAGED_PREFIX);
          names.add(at >= 0 ? text.substring(at + MANAGED_PREFIX.length()) : text);
        }
      }
    }
    return List.copyOf(names);
  }

  /** The Description of a document, where the operator's marker lives. */
  public static Optional<String> description(String document) {
    JsonNode root = JsonDocuments.parse(document);
    return root == null || !root.path("Description").isTextual()
        ? Optional.empty()
        : Optional.of(root.path("Description").asText());
  }

  /** The text that carries the document's ownership marker; empty when it has none. */
  static String markerText(String document) {
    return description(document).orElse("");
  }
}
