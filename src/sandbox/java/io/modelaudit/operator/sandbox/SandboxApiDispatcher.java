package io.modelaudit.operator.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * fabric8's CRUD dispatcher plus what kubectl needs from a real API server and the CRUD dispatcher
 * lacks: discovery built from the installed CRDs, {@code /version}, server-side tables with the
 * CRD's printer columns, field selectors on any field (kubectl describe looks up events by {@code
 * involvedObject}), and Status bodies on 404s so kubectl prints real messages. Writes of custom
 * resources are admitted as a real API server admits them ({@link SandboxAdmission}: the CRD's
 * schema and CEL rules, pruning, defaults, 422 Invalid).
 *
 * <p>Watches stay with the CRUD dispatcher, which serves them over WebSocket as the fabric8 client
 * (and so the operator) asks for them. kubectl watches over plain HTTP; {@link KubectlFront} in
 * front of the mock server serves those.
 */
final class SandboxApiDispatcher extends io.fabric8.mockwebserver.http.Dispatcher {

  static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
  static final String SERVER_VERSION = "v1.32.0";

  private static final String JSON = "application/json";
  private static final String TABLE_CONTENT_TYPE = "application/json;as=Table;v=v1;g=meta.k8s.io";
  private static final List<String> VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
  private static final Pattern GROUP_VERSION = Pattern.compile("^/apis/([^/]+)/([^/]+)$");
  private static final Pattern GROUP = Pattern.compile("^/apis/([^/]+)$");

  /** A built-in resource type the sandbox stores, for discovery. */
  private record BuiltIn(
      String groupVersion,
      String plural,
      String kind,
      boolean namespaced,
      List<String> shortNames) {}

  private static final List<BuiltIn> BUILT_INS =
      List.of(
          new BuiltIn("v1", "namespaces", "Namespace", false, List.of("ns")),
          new BuiltIn("v1", "events", "Event", true, List.of("ev")),
          new BuiltIn("v1", "configmaps", "ConfigMap", true, List.of("cm")),
          new BuiltIn("v1", "secrets", "Secret", true, List.of()),
          new BuiltIn(
              "apiextensions.k8s.io/v1",
              "customresourcedefinitions",
              "CustomResourceDefinition",
              false,
              List.of("crd", "crds")),
          new BuiltIn("coordination.k8s.io/v1", "leases", "Lease", true, List.of()));

  private final ObjectMapper mapper = Serialization.jsonMapper();
  private final WatchHistory history = new WatchHistory(mapper);
  private final KubernetesCrudDispatcher crud = new RecordingCrudDispatcher();
  private final ServerTables tables = new ServerTables(mapper);
  private final OpenApiDocs openApiDocs = new OpenApiDocs(mapper);
  private final SandboxAdmission admission =
      new SandboxAdmission(mapper, this::stored, this::findCrd);
  // Admission reads the stored object and the store writes it: one write at a time.
  private final Object writes = new Object();
  private final Clock clock;

  SandboxApiDispatcher(Clock clock) {
    this.clock = clock;
  }

  /** The CRUD dispatcher, recording every change for kubectl's watches. */
  private final class RecordingCrudDispatcher extends KubernetesCrudDispatcher {

    @Override
    public void processEvent(
        String path,
        AttributeSet pathAttributes,
        AttributeSet oldAttributes,
        GenericKubernetesResource resource,
        String newState) {
      // Called under the CRUD dispatcher's write lock, so the history keeps the store's order.
      String before = oldAttributes == null ? null : map.get(oldAttributes);
      super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
      history.record(path, before, newState, newState == null ? requestResourceVersion() : 0);
    }
  }

  /** Every change since the server started (bounded), for watches. */
  WatchHistory history() {
    return history;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String target = request.getPath();
    int q = target.indexOf('?');
    String path = q < 0 ? target : target.substring(0, q);
    String query = q < 0 ? "" : target.substring(q + 1);
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    try {
      MockResponse response;
      if (request.method() == HttpMethod.GET) {
        String p = path;
        response = discovery(path).orElseGet(() -> get(request, p, query));
      } else if (parseQuery(query).containsKey("dryRun")) {
        // The mock server would carry a dry run out for real (kubectl diff sends one).
        response =
            status(
                400,
                "BadRequest",
                "the sandbox's API server has no server-side dry run (kubectl diff and"
                    + " --dry-run=server need one); --dry-run=client works");
      } else if (request.method() == HttpMethod.PATCH && isServerSideApply(request)) {
        response =
            status(
                415,
                "UnsupportedMediaType",
                "the sandbox's API server has no server-side apply (fabric8's mock server has"
                    + " none): use kubectl apply without --server-side");
      } else if (request.method() == HttpMethod.PATCH && isStrategicMerge(request)) {
        response =
            status(
                415,
                "UnsupportedMediaType",
                "the sandbox's API server has no strategic merge patch: use kubectl patch"
                    + " --type=merge or --type=json (custom resources have none on any server;"
                    + " built-in kinds can be created here but not changed by kubectl apply)");
      } else {
        response = write(request, path, parseQuery(query));
      }
      return finish(response, path);
    } catch (RuntimeException e) {
      return status(500, "InternalError", "sandbox API server: " + e);
    }
  }

  @Override
  public void shutdown() {
    crud.shutdown();
  }

  /** Every object stored under this collection path, e.g. all CRDs. */
  List<JsonNode> list(String collectionPath) {
    MockResponse response = crud.handleGet(collectionPath);
    return response.code() == 200 ? items(read(response)) : List.of();
  }

  /** A create, update, patch or delete, admitted as a real API server admits it. */
  private MockResponse write(RecordedRequest request, String path, Map<String, String> params) {
    synchronized (writes) {
      RecordedRequest admitted = request;
      List<String> warnings = List.of();
      if (request.method() == HttpMethod.POST
          || request.method() == HttpMethod.PUT
          || request.method() == HttpMethod.PATCH) {
        SandboxAdmission.Decision decision = admission.decide(request, path, params);
        if (decision.refusal() != null) {
          return decision.refusal();
        }
        admitted = decision.request();
        warnings = decision.warnings();
      }
      MockResponse response =
          admitted.method() == HttpMethod.PATCH ? patch(admitted) : crud.dispatch(admitted);
      if (response == null) {
        return status(405, "MethodNotAllowed", request.getMethod() + " is not supported");
      }
      warnings.forEach(w -> response.addHeader("Warning", w));
      return response;
    }
  }

  /** The object stored at a path, if any. */
  private Optional<JsonNode> stored(String path) {
    MockResponse response = crud.handleGet(path);
    return response.code() == 200 ? Optional.of(read(response)) : Optional.empty();
  }

  /**
   * A patch that removes the last finalizer of a deleted object removes the object; the mock then
   * answers an empty body, a real server the object's last state, which JOSDK caches.
   */
  private MockResponse patch(RecordedRequest request) {
    MockResponse before = crud.handleGet(request.getPath());
    MockResponse response = crud.dispatch(request);
    boolean empty = response.getBody() == null || response.getBody().size() == 0;
    if (response.code() / 100 == 2 && empty && before.code() == 200) {
      ObjectNode last = (ObjectNode) read(before);
      ((ObjectNode) last.path("metadata")).putArray("finalizers");
      return json(200, last);
    }
    return response;
  }

  // ---- reads ----

  private MockResponse get(RecordedRequest request, String path, String query) {
    Optional<ResourcePath> resource = ResourcePath.parse(path);
    if (resource.isEmpty()) {
      return status(404, "NotFound", "the server could not find the requested resource");
    }
    Map<String, String> params = parseQuery(query);
    if (isWatch(params)) {
      // fabric8 clients (the operator) watch over WebSocket, which the CRUD dispatcher serves;
      // kubectl's plain-HTTP watches are answered by KubectlFront from the history.
      return crud.dispatch(request);
    }
    String fieldSelector = params.get("fieldSelector");
    String forward =
        fieldSelector == null ? request.getPath() : path + withoutParameter(query, "fieldSelector");
    MockResponse response = crud.handleGet(forward);
    if (response.code() != 200) {
      return response;
    }
    JsonNode body = read(response);
    List<JsonNode> objects;
    if (resource.get().isCollection()) {
      // The mock answers kind List; typed clients (kubectl describe reading events) need EventList.
      ((ObjectNode) body).put("apiVersion", apiVersion(resource.get()));
      listKind(resource.get()).ifPresent(kind -> ((ObjectNode) body).put("kind", kind));
      objects = items(body);
      if (fieldSelector != null) {
        objects = objects.stream().filter(o -> FieldSelector.parse(fieldSelector).test(o)).toList();
        ArrayNode filtered = mapper.createArrayNode();
        objects.forEach(filtered::add);
        ((ObjectNode) body).set("items", filtered);
      }
    } else {
      objects = List.of(body);
    }
    if (wantsTable(request.getHeader("Accept"))) {
      Optional<JsonNode> crd = findCrd(resource.get().group(), resource.get().plural());
      ObjectNode table =
          tables.table(
              tables.columns(resource.get(), crd, clock.instant()),
              objects,
              body.path("metadata").path("resourceVersion").asText(""),
              params.get("includeObject"));
      return json(200, table).setHeader("Content-Type", TABLE_CONTENT_TYPE);
    }
    return json(200, body);
  }

  /** The Table of one object or list, as {@link #get} serves it; used by the watch streamer. */
  ObjectNode tableOf(ResourcePath resource, List<JsonNode> objects, String resourceVersion) {
    Optional<JsonNode> crd = findCrd(resource.group(), resource.plural());
    return tables.table(
        tables.columns(resource, crd, clock.instant()), objects, resourceVersion, null);
  }

  private static String apiVersion(ResourcePath resource) {
    return resource.group().isEmpty()
        ? resource.version()
        : resource.group() + "/" + resource.version();
  }

  /** The kind of a list of this resource, as a real API server names it. */
  private Optional<String> listKind(ResourcePath resource) {
    String groupVersion = apiVersion(resource);
    for (BuiltIn b : BUILT_INS) {
      if (b.groupVersion().equals(groupVersion) && b.plural().equals(resource.plural())) {
        return Optional.of(b.kind() + "List");
      }
    }
    return findCrd(resource.group(), resource.plural())
        .map(crd -> crd.path("spec").path("names"))
        .map(names -> names.path("listKind").asText(names.path("kind").asText() + "List"));
  }

  Optional<JsonNode> findCrd(String group, String plural) {
    if (group.isEmpty()) {
      return Optional.empty();
    }
    return list(CRDS).stream()
        .filter(crd -> group.equals(crd.path("spec").path("group").asText()))
        .filter(crd -> plural.equals(crd.path("spec").path("names").path("plural").asText()))
        .findFirst();
  }

  // ---- discovery ----

  private Optional<MockResponse> discovery(String path) {
    switch (path) {
      case "/":
        ObjectNode root = mapper.createObjectNode();
        ArrayNode paths = root.putArray("paths");
        List.of("/api", "/api/v1", "/apis", "/healthz", "/livez", "/readyz", "/version")
            .forEach(paths::add);
        return Optional.of(json(200, root));
      case "/version":
        ObjectNode version = mapper.createObjectNode();
        version.put("major", "1");
        version.put("minor", "32");
        version.put("gitVersion", SERVER_VERSION);
        version.put("platform", "modelaudit-sandbox");
        return Optional.of(json(200, version));
      case "/healthz", "/livez", "/readyz":
        return Optional.of(
            new MockResponse()
                .setResponseCode(200)
                .setBody("ok")
                .setHeader("Content-Type", "text/plain"));
      case "/api":
        ObjectNode versions = mapper.createObjectNode();
        versions.put("kind", "APIVersions");
        versions.putArray("versions").add("v1");
        versions
            .putArray("serverAddressByClientCIDRs")
            .addObject()
            .put("clientCIDR", "0.0.0.0/0")
            .put("serverAddress", "127.0.0.1");
        return Optional.of(json(200, versions));
      case "/apis":
        ObjectNode groupList = mapper.createObjectNode();
        groupList.put("kind", "APIGroupList");
        groupList.put("apiVersion", "v1");
        ArrayNode groups = groupList.putArray("groups");
        groupVersions().forEach((group, gvs) -> groups.add(apiGroup(group, gvs)));
        return Optional.of(json(200, groupList));
      case "/api/v1":
        return Optional.of(json(200, resourceList("v1")));
      default:
        break;
    }
    if (path.startsWith("/openapi")) {
      return Optional.of(openApi(path));
    }
    Matcher groupVersion = GROUP_VERSION.matcher(path);
    if (groupVersion.matches()) {
      String gv = groupVersion.group(1) + "/" + groupVersion.group(2);
      ObjectNode list = resourceList(gv);
      return Optional.of(
          list.path("resources").isEmpty()
              ? status(404, "NotFound", "the server could not find the requested resource")
              : json(200, list));
    }
    Matcher group = GROUP.matcher(path);
    if (group.matches()) {
      List<String> gvs = groupVersions().get(group.group(1));
      return Optional.of(
          gvs == null
              ? status(404, "NotFound", "the server could not find the requested resource")
              : json(
                  200,
                  apiGroup(group.group(1), gvs).put("kind", "APIGroup").put("apiVersion", "v1")));
    }
    return Optional.empty();
  }

  /** OpenAPI v3 only: kubectl falls back to v2 (as protobuf) only when v3 is missing. */
  private MockResponse openApi(String path) {
    Map<String, List<OpenApiDocs.Kind>> kinds = openApiKinds();
    if ("/openapi/v3".equals(path)) {
      StringBuilder versions = new StringBuilder();
      list(CRDS)
          .forEach(crd -> versions.append(crd.path("metadata").path("resourceVersion").asText()));
      String hash = Integer.toHexString(versions.toString().hashCode());
      return json(200, openApiDocs.root(kinds, hash));
    }
    for (Map.Entry<String, List<OpenApiDocs.Kind>> entry : kinds.entrySet()) {
      if (path.equals("/openapi/v3/" + OpenApiDocs.documentKey(entry.getKey()))) {
        return json(200, openApiDocs.document(entry.getValue()));
      }
    }
    return status(404, "NotFound", "the sandbox serves no OpenAPI document at " + path);
  }

  private Map<String, List<OpenApiDocs.Kind>> openApiKinds() {
    Map<String, List<OpenApiDocs.Kind>> kinds = new LinkedHashMap<>();
    for (BuiltIn b : BUILT_INS) {
      String[] gv =
          b.groupVersion().contains("/")
              ? b.groupVersion().split("/")
              : new String[] {"", b.groupVersion()};
      kinds
          .computeIfAbsent(b.groupVersion(), k -> new ArrayList<>())
          .add(new OpenApiDocs.Kind(gv[0], gv[1], b.kind(), b.plural(), b.namespaced(), null));
    }
    for (JsonNode crd : list(CRDS)) {
      JsonNode spec = crd.path("spec");
      for (JsonNode v : spec.path("versions")) {
        String group = spec.path("group").asText();
        String version = v.path("name").asText();
        JsonNode schema = v.path("schema").path("openAPIV3Schema");
        kinds
            .computeIfAbsent(group + "/" + version, k -> new ArrayList<>())
            .add(
                new OpenApiDocs.Kind(
                    group,
                    version,
                    spec.path("names").path("kind").asText(),
                    spec.path("names").path("plural").asText(),
                    "Namespaced".equals(spec.path("scope").asText()),
                    schema.isObject() ? schema : null));
      }
    }
    return kinds;
  }

  /** Named groups (not the core one) with their versions, preferred first. */
  private Map<String, List<String>> groupVersions() {
    Map<String, List<String>> groups = new LinkedHashMap<>();
    for (BuiltIn b : BUILT_INS) {
      if (b.groupVersion().contains("/")) {
        String[] parts = b.groupVersion().split("/");
        addVersion(groups, parts[0], parts[1]);
      }
    }
    for (JsonNode crd : list(CRDS)) {
      String group = crd.path("spec").path("group").asText();
      for (JsonNode v : crd.path("spec").path("versions")) {
        if (v.path("served").asBoolean(true)) {
          addVersion(groups, group, v.path("name").asText());
        }
      }
    }
    return groups;
  }

  private static void addVersion(Map<String, List<String>> groups, String group, String version) {
    List<String> versions = groups.computeIfAbsent(group, g -> new ArrayList<>());
    if (!versions.contains(version)) {
      versions.add(version);
    }
  }

  private ObjectNode apiGroup(String group, List<String> versions) {
    ObjectNode node = mapper.createObjectNode();
    node.put("name", group);
    ArrayNode list = node.putArray("versions");
    for (String v : versions) {
      list.addObject().put("groupVersion", group + "/" + v).put("version", v);
    }
    node.putObject("preferredVersion")
        .put("groupVersion", group + "/" + versions.get(0))
        .put("version", versions.get(0));
    return node;
  }

  private ObjectNode resourceList(String groupVersion) {
    ObjectNode list = mapper.createObjectNode();
    list.put("kind", "APIResourceList");
    list.put("apiVersion", "v1");
    list.put("groupVersion", groupVersion);
    ArrayNode resources = list.putArray("resources");
    for (BuiltIn b : BUILT_INS) {
      if (b.groupVersion().equals(groupVersion)) {
        ObjectNode r = resource(b.plural(), b.kind(), b.namespaced(), VERBS);
        b.shortNames().forEach(r.withArray("shortNames")::add);
        resources.add(r);
      }
    }
    for (JsonNode crd : list(CRDS)) {
      JsonNode spec = crd.path("spec");
      for (JsonNode v : spec.path("versions")) {
        if (!groupVersion.equals(spec.path("group").asText() + "/" + v.path("name").asText())) {
          continue;
        }
        JsonNode names = spec.path("names");
        boolean namespaced = "Namespaced".equals(spec.path("scope").asText());
        ObjectNode r =
            resource(names.path("plural").asText(), names.path("kind").asText(), namespaced, VERBS);
        r.put("singularName", names.path("singular").asText());
        names.path("shortNames").forEach(s -> r.withArray("shortNames").add(s.asText()));
        names.path("categories").forEach(c -> r.withArray("categories").add(c.asText()));
        resources.add(r);
        if (v.path("subresources").has("status")) {
          resources.add(
              resource(
                  names.path("plural").asText() + "/status",
                  names.path("kind").asText(),
                  namespaced,
                  List.of("get", "patch", "update")));
        }
      }
    }
    return list;
  }

  private ObjectNode resource(String name, String kind, boolean namespaced, List<String> verbs) {
    ObjectNode r = mapper.createObjectNode();
    r.put("name", name);
    r.put("singularName", name.contains("/") ? "" : kind.toLowerCase(Locale.ROOT));
    r.put("namespaced", namespaced);
    r.put("kind", kind);
    verbs.forEach(r.putArray("verbs")::add);
    return r;
  }

  // ---- responses ----

  /** Adds the JSON content type the mock leaves out, and a Status body to bare 404s. */
  private MockResponse finish(MockResponse response, String path) {
    if (response.getWebSocketListener() != null) {
      return response;
    }
    boolean empty = response.getBody() == null || response.getBody().size() == 0;
    if (response.code() == 404 && empty) {
      return notFound(path);
    }
    if (response.getHeaders().get("Content-Type") == null && !empty) {
      response.setHeader("Content-Type", JSON);
    }
    return response;
  }

  private MockResponse notFound(String path) {
    Optional<ResourcePath> resource = ResourcePath.parse(path);
    if (resource.isEmpty() || resource.get().name() == null) {
      return status(404, "NotFound", "the server could not find the requested resource");
    }
    ResourcePath r = resource.get();
    ObjectNode body =
        statusBody(404, "NotFound", r.qualifiedResource() + " \"" + r.name() + "\" not found");
    body.putObject("details").put("name", r.name()).put("group", r.group()).put("kind", r.plural());
    return json(404, body);
  }

  private MockResponse status(int code, String reason, String message) {
    return json(code, statusBody(code, reason, message));
  }

  private ObjectNode statusBody(int code, String reason, String message) {
    ObjectNode status = mapper.createObjectNode();
    status.put("kind", "Status");
    status.put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Failure");
    status.put("message", message);
    status.put("reason", reason);
    status.put("code", code);
    return status;
  }

  private MockResponse json(int code, JsonNode body) {
    try {
      return new MockResponse()
          .setResponseCode(code)
          .setBody(mapper.writeValueAsString(body))
          .setHeader("Content-Type", JSON);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private JsonNode read(MockResponse response) {
    try {
      return mapper.readTree(response.getBody().readUtf8());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the mock server answered no JSON", e);
    }
  }

  private static List<JsonNode> items(JsonNode list) {
    List<JsonNode> items = new ArrayList<>();
    list.path("items").forEach(items::add);
    return items;
  }

  // ---- request parsing ----

  private static boolean isServerSideApply(RecordedRequest request) {
    String type = request.getHeader("Content-Type");
    return type != null && type.startsWith("application/apply-patch");
  }

  private static boolean isStrategicMerge(RecordedRequest request) {
    String type = request.getHeader("Content-Type");
    return type != null && type.startsWith("application/strategic-merge-patch+json");
  }

  static boolean wantsTable(String accept) {
    return accept != null && accept.contains("as=Table");
  }

  static boolean isWatch(Map<String, String> params) {
    String watch = params.get("watch");
    return "true".equals(watch) || "1".equals(watch);
  }

  /** Decoded query parameters; the last value wins. */
  static Map<String, String> parseQuery(String query) {
    Map<String, String> params = new LinkedHashMap<>();
    if (query == null || query.isEmpty()) {
      return params;
    }
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params.put(decode(key), decode(value));
    }
    return params;
  }

  private static String withoutParameter(String query, String name) {
    List<String> kept = new ArrayList<>();
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      if (!pair.isEmpty() && !name.equals(key)) {
        kept.add(pair);
      }
    }
    return kept.isEmpty() ? "" : "?" + String.join("&", kept);
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
