package io.modelaudit.operator.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.zjsonpatch.JsonPatch;
import io.modelaudit.operator.sandbox.admission.CrdAdmission;
import io.modelaudit.operator.sandbox.admission.FieldError;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The sandbox API server's admission of writes, as a real API server admits them: creates, updates
 * and patches of custom resources go through their CRD's {@link CrdAdmission} (pruning, defaults,
 * schema, CEL rules with the stored object), and CRDs whose rules do not compile or are over the
 * cost limits are refused. Status writes are not validated.
 *
 * <p>A request is either refused (a Status to answer) or passed on to the CRUD store, rewritten
 * when admission changed the object: creates and updates carry the admitted object; a patch that
 * needs pruning or defaults is replaced by a merge patch from the stored object to the admitted
 * one.
 */
final class SandboxAdmission {

  /** What to do with a write. */
  record Decision(MockResponse refusal, RecordedRequest request, List<String> warnings) {
    static Decision pass(RecordedRequest request) {
      return new Decision(null, request, List.of());
    }
  }

  private final ObjectMapper mapper;
  private final Function<String, Optional<JsonNode>> stored;
  private final BiFunction<String, String, Optional<JsonNode>> findCrd;
  private final Map<String, CrdAdmission> admissions = new ConcurrentHashMap<>();

  /**
   * @param stored the object stored at a path, if any
   * @param findCrd the installed CRD of a group and plural, if any
   */
  SandboxAdmission(
      ObjectMapper mapper,
      Function<String, Optional<JsonNode>> stored,
      BiFunction<String, String, Optional<JsonNode>> findCrd) {
    this.mapper = mapper;
    this.stored = stored;
    this.findCrd = findCrd;
  }

  /** Admits a POST, PUT or PATCH (not server-side apply, not strategic merge: refused before). */
  Decision decide(RecordedRequest request, String path, Map<String, String> params) {
    Optional<ResourcePath> parsed = ResourcePath.parse(path);
    if (parsed.isEmpty()) {
      return Decision.pass(request);
    }
    ResourcePath resource = parsed.get();
    if (path.startsWith(SandboxApiDispatcher.CRDS)) {
      return resource.subresource() == null ? decideCrd(request, path) : Decision.pass(request);
    }
    boolean status = "status".equals(resource.subresource());
    if (resource.group().isEmpty() || (resource.subresource() != null && !status)) {
      return Decision.pass(request);
    }
    Optional<JsonNode> crd = findCrd.apply(resource.group(), resource.plural());
    if (crd.isEmpty()) {
      return Decision.pass(request);
    }
    CrdAdmission admission = admissionOf(crd.get(), resource.version());

    String objectPath = status ? path.substring(0, path.length() - "/status".length()) : path;
    JsonNode old =
        request.method() == HttpMethod.POST ? null : stored.apply(objectPath).orElse(null);
    JsonNode candidate;
    try {
      candidate = candidate(request, old);
    } catch (RuntimeException | JsonProcessingException e) {
      return Decision.pass(request); // the store answers a body it cannot read as it always did
    }
    if (candidate == null || !candidate.isObject()) {
      return Decision.pass(request);
    }
    String name = candidate.path("metadata").path("name").asText(resource.name());
    if (status) {
      return decideStatus(admission, (ObjectNode) candidate, old, name, request);
    }
    CrdAdmission.Result result = admission.admit(candidate, old);
    if (!result.allowed()) {
      return refuse(422, admission.invalidStatus(name, result.errors()));
    }
    String validation = params.getOrDefault("fieldValidation", "Warn");
    List<String> warnings = new ArrayList<>();
    if (!result.unknownFields().isEmpty()) {
      if ("Strict".equals(validation)) {
        return refuse(400, strictDecodingError(crd.get(), resource.version(), result));
      }
      if ("Warn".equals(validation)) {
        result
            .unknownFields()
            .forEach(f -> warnings.add("299 - \"unknown field \\\"" + f + "\\\"\""));
      }
    }
    RecordedRequest forward = request;
    if (!result.object().equals(candidate)) {
      forward =
          request.method() == HttpMethod.PATCH
              ? withBody(request, mergePatch(old, result.object()), "application/merge-patch+json")
              : withBody(request, result.object(), null);
    }
    return new Decision(null, forward, warnings);
  }

  /**
   * A write of the status subresource: the stored spec stays (only the status changes), and the
   * status must match its schema. Unknown status fields are stored as sent, not pruned.
   */
  private Decision decideStatus(
      CrdAdmission admission,
      ObjectNode candidate,
      JsonNode old,
      String name,
      RecordedRequest request) {
    if (old == null) {
      return Decision.pass(request);
    }
    ObjectNode object = candidate.deepCopy();
    if (old.has("spec")) {
      object.set("spec", old.get("spec").deepCopy());
    } else {
      object.remove("spec");
    }
    List<FieldError> statusErrors =
        admission.admit(object, old).errors().stream()
            .filter(e -> e.field().equals("status") || e.field().startsWith("status."))
            .toList();
    return statusErrors.isEmpty()
        ? Decision.pass(request)
        : refuse(422, admission.invalidStatus(name, statusErrors));
  }

  private CrdAdmission admissionOf(JsonNode crd, String version) {
    String key =
        crd.path("metadata").path("name").asText()
            + "@"
            + crd.path("metadata").path("resourceVersion").asText()
            + "/"
            + version;
    return admissions.computeIfAbsent(key, k -> CrdAdmission.of(crd, version));
  }

  /** The object the request would store: its body, or the stored object with the patch applied. */
  private JsonNode candidate(RecordedRequest request, JsonNode old) throws JsonProcessingException {
    JsonNode body = mapper.readTree(body(request));
    if (request.method() != HttpMethod.PATCH) {
      return body;
    }
    if (old == null) {
      return null;
    }
    String type = request.getHeader("Content-Type");
    if (type != null && type.startsWith("application/json-patch+json")) {
      return JsonPatch.apply(body, old);
    }
    return applyMergePatch(old.deepCopy(), body);
  }

  /** A CRD whose rules do not compile or cost too much is refused, as a real API server does. */
  private Decision decideCrd(RecordedRequest request, String path) {
    if (request.method() == HttpMethod.PATCH) {
      return Decision.pass(request);
    }
    JsonNode crd;
    try {
      crd = mapper.readTree(body(request));
    } catch (JsonProcessingException e) {
      return Decision.pass(request);
    }
    for (JsonNode version : crd.path("spec").path("versions")) {
      if (!version.path("schema").path("openAPIV3Schema").isObject()) {
        continue;
      }
      try {
        CrdAdmission.of(crd, version.path("name").asText());
      } catch (CrdAdmission.InvalidCrdException e) {
        ObjectNode status =
            invalid(
                "CustomResourceDefinition",
                "apiextensions.k8s.io",
                crd.path("metadata").path("name").asText(),
                e.errors());
        return refuse(422, status);
      }
    }
    return Decision.pass(request);
  }

  private ObjectNode invalid(String kind, String group, String name, List<FieldError> errors) {
    List<String> messages = errors.stream().map(FieldError::toString).toList();
    ObjectNode status = mapper.createObjectNode();
    status.put("kind", "Status");
    status.put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Failure");
    status.put(
        "message",
        kind
            + "."
            + group
            + " \""
            + name
            + "\" is invalid: "
            + (messages.size() == 1 ? messages.get(0) : "[" + String.join(", ", messages) + "]"));
    status.put("reason", "Invalid");
    ObjectNode details = status.putObject("details");
    details.put("name", name).put("group", group).put("kind", kind);
    errors.forEach(
        e ->
            details
                .withArray("causes")
                .addObject()
                .put("reason", e.type().cause())
                .put("message", e.body())
                .put("field", e.field()));
    status.put("code", 422);
    return status;
  }

  /** What a real API server answers under fieldValidation=Strict for fields it does not know. */
  private ObjectNode strictDecodingError(JsonNode crd, String version, CrdAdmission.Result result) {
    String kind = crd.path("spec").path("names").path("kind").asText();
    List<String> unknown =
        result.unknownFields().stream().map(f -> "unknown field \"" + f + "\"").toList();
    ObjectNode status = mapper.createObjectNode();
    status.put("kind", "Status");
    status.put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Failure");
    status.put(
        "message",
        kind
            + " in version \""
            + version
            + "\" cannot be handled as a "
            + kind
            + ": strict decoding error: "
            + String.join(", ", unknown));
    status.put("reason", "BadRequest");
    status.put("code", 400);
    return status;
  }

  private Decision refuse(int code, ObjectNode status) {
    try {
      return new Decision(
          new MockResponse()
              .setResponseCode(code)
              .setBody(mapper.writeValueAsString(status))
              .setHeader("Content-Type", "application/json"),
          null,
          List.of());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private RecordedRequest withBody(RecordedRequest request, JsonNode body, String contentType) {
    var headers = request.getHeaders().newBuilder().removeAll("Content-Length");
    if (contentType != null) {
      headers.set("Content-Type", contentType);
    }
    try {
      return new RecordedRequest(
          request.getHttpVersion(),
          request.method(),
          request.getPath(),
          headers.build(),
          new Buffer().writeUtf8(mapper.writeValueAsString(body)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The request's body, left in place for the store (reading a mock Buffer empties it). */
  private static String body(RecordedRequest request) {
    return new String(request.getBody().getBytes(), java.nio.charset.StandardCharsets.UTF_8);
  }

  // ---- JSON merge patch (RFC 7386) ----

  static JsonNode applyMergePatch(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode result =
        target != null && target.isObject()
            ? (ObjectNode) target
            : new ObjectMapper().createObjectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (field.getValue().isNull()) {
        result.remove(field.getKey());
      } else {
        result.set(field.getKey(), applyMergePatch(result.get(field.getKey()), field.getValue()));
      }
    }
    return result;
  }

  /** The merge patch that turns {@code from} into {@code to} (neither holds nulls to keep). */
  static JsonNode mergePatch(JsonNode from, JsonNode to) {
    if (from == null || !from.isObject() || !to.isObject()) {
      return to.deepCopy();
    }
    ObjectNode patch = new ObjectMapper().createObjectNode();
    from.properties()
        .forEach(
            f -> {
              if (!to.has(f.getKey())) {
                patch.putNull(f.getKey());
              }
            });
    to.properties()
        .forEach(
            t -> {
              JsonNode before = from.get(t.getKey());
              if (before == null || !before.equals(t.getValue())) {
                patch.set(t.getKey(), mergePatch(before, t.getValue()));
              }
            });
    return patch;
  }
}
