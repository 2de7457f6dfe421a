package io.modelaudit.operator.support;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.ByteString;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The CRUD mock API server's dispatcher with failure switches: answer chosen requests with an HTTP
 * error instead of serving them, and drop every open watch as a load balancer or an API server
 * restart would.
 */
public final class FaultyApiDispatcher extends KubernetesCrudDispatcher {

  /** Requests answered with an error: which ones, with what status, how many more times. */
  private record Fault(Predicate<RecordedRequest> matches, int status, AtomicInteger remaining) {}

  private final List<Fault> faults = new CopyOnWriteArrayList<>();
  private final Set<WebSocket> openWatches = ConcurrentHashMap.newKeySet();
  private final AtomicInteger injected = new AtomicInteger();

  /** Answers the next {@code times} requests that match with this HTTP status. */
  public void fail(Predicate<RecordedRequest> matches, int status, int times) {
    faults.add(new Fault(matches, status, new AtomicInteger(times)));
  }

  /** Answers every request that match with this HTTP status until {@link #clearFaults()}. */
  public void failAlways(Predicate<RecordedRequest> matches, int status) {
    fail(matches, status, Integer.MAX_VALUE);
  }

  public void clearFaults() {
    faults.clear();
  }

  /** How many requests were answered with an injected error. */
  public int injectedCount() {
    return injected.get();
  }

  /** Closes every open watch from the server side; returns how many were open. */
  public int dropWatches() {
    int dropped = 0;
    for (WebSocket socket : List.copyOf(openWatches)) {
      openWatches.remove(socket);
      socket.close(1001, "dropped by the test");
      dropped++;
    }
    return dropped;
  }

  /** How many watches are open now. */
  public int openWatchCount() {
    return openWatches.size();
  }

  // ---- request matchers ----

  /** A PATCH of some ModelAudit's status subresource. */
  public static Predicate<RecordedRequest> statusPatch() {
    return r -> "PATCH".equals(r.getMethod()) && path(r).contains("/modelaudits/") && isStatus(r);
  }

  /** A PATCH of a ModelAudit itself (not its status), as when a finalizer is added or removed. */
  public static Predicate<RecordedRequest> resourcePatch() {
    return r -> "PATCH".equals(r.getMethod()) && path(r).contains("/modelaudits/") && !isStatus(r);
  }

  /** A watch of ModelAudits. */
  public static Predicate<RecordedRequest> modelAuditWatch() {
    return r -> path(r).contains("/modelaudits") && r.getPath().contains("watch=true");
  }

  /** A list (not a watch) of ModelAudits, as an informer makes when it starts or relists. */
  public static Predicate<RecordedRequest> modelAuditList() {
    return r ->
        "GET".equals(r.getMethod())
            && path(r).endsWith("/modelaudits")
            && !r.getPath().contains("watch=true");
  }

  /** Any request about ModelAudits. */
  public static Predicate<RecordedRequest> anyModelAuditRequest() {
    return r -> path(r).contains("/modelaudits");
  }

  private static String path(RecordedRequest request) {
    String path = request.getPath();
    int query = path.indexOf('?');
    return query < 0 ? path : path.substring(0, query);
  }

  private static boolean isStatus(RecordedRequest request) {
    return path(request).endsWith("/status");
  }

  // ---- dispatch ----

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    for (Fault fault : faults) {
      if (fault.matches().test(request) && fault.remaining().getAndDecrement() > 0) {
        injected.incrementAndGet();
        return error(fault.status());
      }
    }
    MockResponse response = super.dispatch(request);
    WebSocketListener listener = response.getWebSocketListener();
    if (listener != null) {
      return response.withWebSocketUpgrade(new TrackedWatch(listener));
    }
    return response;
  }

  private static MockResponse error(int status) {
    String reason =
        switch (status) {
          case 409 -> "Conflict";
          case 410 -> "Expired";
          case 429 -> "TooManyRequests";
          case 500 -> "InternalError";
          case 503 -> "ServiceUnavailable";
          default -> "InternalError";
        };
    String body =
        "{\"apiVersion\":\"v1\",\"kind\":\"Status\",\"status\":\"Failure\",\"code\":"
            + status
            + ",\"reason\":\""
            + reason
            + "\",\"message\":\"injected by the test\"}";
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  /** Passes everything to the CRUD server's watch listener and remembers the open socket. */
  private final class TrackedWatch extends WebSocketListener {

    private final WebSocketListener delegate;

    TrackedWatch(WebSocketListener delegate) {
      this.delegate = delegate;
    }

    @Override
    public void onBeforeAccept(WebSocket webSocket, Response response) {
      delegate.onBeforeAccept(webSocket, response);
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
      openWatches.add(webSocket);
      delegate.onOpen(webSocket, response);
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
      delegate.onMessage(webSocket, text);
    }

    @Override
    public void onMessage(WebSocket webSocket, ByteString bytes) {
      delegate.onMessage(webSocket, bytes);
    }

    @Override
    public void onMessage(WebSocket webSocket, byte[] bytes) {
      delegate.onMessage(webSocket, bytes);
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
      openWatches.remove(webSocket);
      delegate.onClosing(webSocket, code, reason);
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
      openWatches.remove(webSocket);
      delegate.onClosed(webSocket, code, reason);
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable error, Response response) {
      openWatches.remove(webSocket);
      delegate.onFailure(webSocket, error, response);
    }
  }
}
