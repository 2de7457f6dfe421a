package io.modelaudit.operator.bench;

import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.lang.reflect.Field;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * fabric8's CRUD dispatcher, unchanged in what it answers (list, watch, create, patch of status and
 * finalizers, delete: what JOSDK needs), but with its store indexed by resource type, namespace and
 * name. The CRUD dispatcher finds an object by scanning every stored one and answers on one
 * event-loop thread; with 10,000 ModelAudits and their Events that thread is saturated. Here each
 * request sees only the stored objects its path can concern (one object for a get or patch by name,
 * one namespace of one type for a list), so a request costs what it touches, not what is stored.
 *
 * <p>How: the dispatcher scans {@code map.entrySet()}. The store is replaced by {@link
 * IndexedStore}, whose entry set, while a request is dispatched, holds only the entries of that
 * request's scope (set from its path); outside a request it is the whole store.
 */
final class IndexedCrudDispatcher extends KubernetesCrudDispatcher {

  /** What a request's path can concern: its type, and namespace and name when it gives them. */
  private record Scope(String plural, String namespace, String name) {}

  private static final ThreadLocal<Scope> SCOPE = new ThreadLocal<>();

  private final IndexedStore store = new IndexedStore();

  IndexedCrudDispatcher() {
    replaceStore();
  }

  /**
   * The CRUD dispatcher keeps its objects in a final field of its superclass; the index replaces it
   * once, before any request.
   */
  private void replaceStore() {
    try {
      Field field = io.fabric8.mockwebserver.crud.CrudDispatcher.class.getDeclaredField("map");
      field.setAccessible(true);
      field.set(this, store);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot index the CRUD dispatcher's store", e);
    }
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = request.getPath();
    if (path != null && path.startsWith("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")) {
      return grantLeases(request);
    }
    SCOPE.set(scopeOf(path));
    try {
      return super.dispatch(request);
    } finally {
      SCOPE.remove();
    }
  }

  /** JOSDK checks the Lease verbs before leader election; the benchmark grants them. */
  private static MockResponse grantLeases(RecordedRequest request) {
    SelfSubjectRulesReview review =
        io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
            request.getUtf8Body(), SelfSubjectRulesReview.class);
    review.setStatus(
        new io.fabric8.kubernetes.api.model.authorization.v1.SubjectRulesReviewStatusBuilder()
            .withIncomplete(false)
            .addNewResourceRule()
            .withApiGroups("coordination.k8s.io")
            .withResources("leases")
            .withVerbs("get", "create", "update")
            .endResourceRule()
            .build());
    return new MockResponse()
        .setResponseCode(201)
        .setBody(io.fabric8.kubernetes.client.utils.Serialization.asJson(review));
  }

  /** The scope of a request path, as the CRUD dispatcher's own extractor reads it. */
  private Scope scopeOf(String path) {
    if (path == null) {
      return null;
    }
    AttributeSet query = getAttributeExtractor().fromPath(path);
    String plural = value(query, "plural");
    if (plural == null) {
      return null;
    }
    return new Scope(plural, value(query, "namespace"), value(query, "name"));
  }

  private static String value(AttributeSet set, String key) {
    Attribute attribute = set.getAttribute(key);
    if (attribute == null || attribute.getValues().isEmpty()) {
      return null;
    }
    return attribute.getValues().get(0).toString();
  }

  /**
   * The stored objects, and an index of them by plural, namespace and name. Entries whose key lacks
   * a plural are in every scope.
   */
  private static final class IndexedStore extends AbstractMap<AttributeSet, String> {

    private final Map<AttributeSet, String> all = new LinkedHashMap<>();
    private final Map<String, Map<String, Map<String, AttributeSet>>> index = new HashMap<>();
    private final Set<AttributeSet> unindexed = new LinkedHashSet<>();

    @Override
    public synchronized String put(AttributeSet key, String value) {
      String previous = all.put(key, value);
      String plural = value(key, "plural");
      String name = value(key, "name");
      if (plural == null || name == null) {
        unindexed.add(key);
      } else {
        index
            .computeIfAbsent(plural, p -> new HashMap<>())
            .computeIfAbsent(namespace(key), n -> new LinkedHashMap<>())
            .put(name, key);
      }
      return previous;
    }

    @Override
    public synchronized String remove(Object key) {
      String previous = all.remove(key);
      if (previous != null && key instanceof AttributeSet set) {
        unindexed.remove(set);
        String plural = value(set, "plural");
        String name = value(set, "name");
        if (plural != null && name != null) {
          Map<String, AttributeSet> names =
              index.getOrDefault(plural, Map.of()).get(namespace(set));
          if (names != null && set.equals(names.get(name))) {
            names.remove(name);
          }
        }
      }
      return previous;
    }

    @Override
    public synchronized String get(Object key) {
      return all.get(key);
    }

    @Override
    public synchronized boolean containsKey(Object key) {
      return all.containsKey(key);
    }

    @Override
    public synchronized void clear() {
      all.clear();
      index.clear();
      unindexed.clear();
    }

    @Override
    public synchronized int size() {
      return all.size();
    }

    /** The entries of the current request's scope (a copy), or all of them outside a request. */
    @Override
    public synchronized Set<Map.Entry<AttributeSet, String>> entrySet() {
      Scope scope = SCOPE.get();
      if (scope == null) {
        return new Entries(new ArrayList<>(all.keySet()));
      }
      List<AttributeSet> keys = new ArrayList<>(unindexed);
      Map<String, Map<String, AttributeSet>> namespaces =
          index.getOrDefault(scope.plural(), Map.of());
      for (Map.Entry<String, Map<String, AttributeSet>> ns : namespaces.entrySet()) {
        if (scope.namespace() != null && !scope.namespace().equals(ns.getKey())) {
          continue;
        }
        if (scope.name() != null) {
          AttributeSet key = ns.getValue().get(scope.name());
          if (key != null) {
            keys.add(key);
          }
        } else {
          keys.addAll(ns.getValue().values());
        }
      }
      return new Entries(keys);
    }

    private static String namespace(AttributeSet key) {
      String namespace = value(key, "namespace");
      return namespace == null ? "" : namespace;
    }

    /** A snapshot of some entries; removing through it removes from the store. */
    private final class Entries extends AbstractSet<Map.Entry<AttributeSet, String>> {
      private final List<Map.Entry<AttributeSet, String>> entries = new ArrayList<>();

      Entries(List<AttributeSet> keys) {
        for (AttributeSet key : keys) {
          String value = all.get(key);
          if (value != null) {
            entries.add(new SimpleImmutableEntry<>(key, value));
          }
        }
      }

      @Override
      public Iterator<Map.Entry<AttributeSet, String>> iterator() {
        Iterator<Map.Entry<AttributeSet, String>> it = entries.iterator();
        return new Iterator<>() {
          private Map.Entry<AttributeSet, String> last;

          @Override
          public boolean hasNext() {
            return it.hasNext();
          }

          @Override
          public Map.Entry<AttributeSet, String> next() {
            last = it.next();
            return last;
          }

          @Override
          public void remove() {
            it.remove();
            IndexedStore.this.remove(last.getKey());
          }
        };
      }

      @Override
      public int size() {
        return entries.size();
      }
    }
  }
}
