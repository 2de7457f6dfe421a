package io.modelaudit.operator.part;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Policy documents (data protection, field index) compared by meaning, not by text: AWS may give a
 * document back with other whitespace, another key order or the items of an array in another order,
 * and none of that must cause a write in steady state. No array of these documents is ordered, so
 * arrays compare as sets.
 */
public final class JsonDocuments {

  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonDocuments() {}

  /** Whether two documents mean the same; a document that is not JSON equals only itself. */
  public static boolean same(String a, String b) {
    if (a == null || b == null) {
      return a == null && b == null;
    }
    String canonicalA = canonical(a);
    String canonicalB = canonical(b);
    return canonicalA != null && canonicalB != null ? canonicalA.equals(canonicalB) : a.equals(b);
  }

  /** The document with keys sorted and arrays ordered; null when it is not JSON. */
  public static String canonical(String document) {
    try {
      return JSON.writeValueAsString(normalize(JSON.readTree(document)));
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** Parses a document; null when it is not JSON. */
  public static JsonNode parse(String document) {
    try {
      return document == null ? null : JSON.readTree(document);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** Writes a document compactly. */
  public static String write(JsonNode document) {
    try {
      return JSON.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree", e);
    }
  }

  private static JsonNode normalize(JsonNode node) {
    if (node.isObject()) {
      Map<String, JsonNode> sorted = new TreeMap<>();
      node.fields().forEachRemaining(e -> sorted.put(e.getKey(), normalize(e.getValue())));
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      sorted.forEach(out::set);
      return out;
    }
    if (node.isArray()) {
      List<JsonNode> items = new ArrayList<>();
      node.forEach(item -> items.add(normalize(item)));
      items.sort(Comparator.comparing(JsonDocuments::textOf));
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      items.forEach(out::add);
      return out;
    }
    return node;
  }

  private static String textOf(JsonNode node) {
    return Objects.toString(node);
  }
}
