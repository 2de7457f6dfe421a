package io.modelaudit.operator.sandbox.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CRD's rules against the cost limits a real API server applies when the CRD is installed
 * (Kubernetes' StaticEstimatedCostLimit, 10,000,000 per rule times how often it can run per object,
 * and StaticEstimatedCRDCostLimit, 100,000,000 for the whole schema), by cel-go's static cost model
 * with Kubernetes' size estimates.
 */
class CelCostTest {

  @Test
  void everyRuleOfTheCrdIsWithinKubernetesCostLimits() {
    List<CelCost.Estimate> estimates =
        CelCost.estimate(CelRules.compile(SchemaNode.of(CrdFiles.schema())));

    assertThat(CelCost.violations(estimates)).isEmpty();
    assertThat(estimates.stream().mapToLong(CelCost.Estimate::total).sum())
        .isLessThanOrEqualTo(CelCost.PER_CRD_LIMIT);
  }

  @Test
  void aRuleIsCountedOncePerItemOfEveryListAroundIt() {
    CelCost.Estimate period =
        estimateAt(
            CrdFiles.schema(),
            "openAPIV3Schema.properties[spec].properties[alarms].items.properties[period]");

    // self in [10, 20, 30]: 1 + 3 + 10; || 1 + self % 60 == 0: 1 + 1 + 1, per alarm (maxItems 100)
    assertThat(period.cost()).isEqualTo(17);
    assertThat(period.cardinality()).isEqualTo(100);
  }

  @Test
  void uniqueNamesOverUnboundedStringsCostWhatCelGoEstimates() {
    // 50 unbounded strings (3 MiB - 2 bytes each, as far as the estimate knows): every pair is
    // compared, each comparison 0.1 per byte: 50 x 50 x 314,573 and the loops' own steps.
    ObjectNode schema = streamsSchema(null);
    CelCost.Estimate unique = estimateAt(schema, "openAPIV3Schema.properties[streams]");

    assertThat(unique.cost()).isEqualTo(786_442_802L);
    assertThat(CelCost.violations(List.of(unique)))
        .containsExactly(
            "openAPIV3Schema.properties[streams].x-kubernetes-validations[0].rule: Forbidden:"
                + " estimated rule cost exceeds budget by factor of 78.6x (try simplifying the"
                + " rule, or adding maxItems, maxProperties, and maxLength where arrays, maps, and"
                + " strings are declared)",
            "openAPIV3Schema: Forbidden: x-kubernetes-validations estimated rule cost total for"
                + " entire OpenAPIv3 schema exceeds budget by factor of 7.9x");
  }

  @Test
  void aMaxLengthOnTheItemsBringsTheSameRuleUnderTheLimit() {
    CelCost.Estimate unique = estimateAt(streamsSchema(512), "openAPIV3Schema.properties[streams]");

    // 512 characters are up to 2048 bytes: 205 per comparison
    assertThat(unique.cost()).isEqualTo(50 * (50 * (205 + 2 + 2) + 1 + 2 + 1 + 2) + 2);
    assertThat(CelCost.violations(List.of(unique))).isEmpty();
  }

  private static ObjectNode streamsSchema(Integer maxLength) {
    ObjectNode schema = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
    schema.put("type", "object");
    ObjectNode streams = schema.putObject("properties").putObject("streams");
    streams.put("type", "array").put("maxItems", 50);
    ObjectNode items = streams.putObject("items").put("type", "string");
    if (maxLength != null) {
      items.put("maxLength", maxLength);
    }
    streams
        .putArray("x-kubernetes-validations")
        .addObject()
        .put("rule", "self.all(s, self.exists_one(t, t == s))")
        .put("message", "unique");
    return schema;
  }

  private static CelCost.Estimate estimateAt(JsonNode schema, String location) {
    return CelCost.estimate(CelRules.compile(SchemaNode.of(schema))).stream()
        .filter(e -> e.rule().node().location().equals(location))
        .findFirst()
        .orElseThrow();
  }
}
