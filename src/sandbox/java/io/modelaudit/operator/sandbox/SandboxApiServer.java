package io.modelaudit.operator.sandbox;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The sandbox's Kubernetes API: fabric8's mock server in CRUD mode behind {@link
 * SandboxApiDispatcher}, on 127.0.0.1 and a free port, with CRDs installed as kubectl would.
 */
final class SandboxApiServer implements AutoCloseable {

  // The mock server logs every request at INFO through java.util.logging; keep a strong reference
  // so the quieter level is not lost when the logger is collected.
  private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

  private final KubernetesMockServer server;
  private final SandboxApiDispatcher dispatcher;
  private final KubernetesClient client;
  private final KubectlFront kubectlFront;

  private SandboxApiServer(Clock clock) {
    MOCK_SERVER_LOG.setLevel(Level.WARNING);
    dispatcher = new SandboxApiDispatcher(clock);
    server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    try {
      server.init(InetAddress.getByName("127.0.0.1"), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    client = server.createClient();
    kubectlFront =
        KubectlFront.start(URI.create("http://127.0.0.1:" + server.getPort()), dispatcher);
  }

  /** Starts the server on 127.0.0.1 and a free port. */
  static SandboxApiServer start(Clock clock) {
    return new SandboxApiServer(clock);
  }

  /** Installs a CRD from a manifest, as {@code kubectl apply -f} would. */
  void installCrd(Path manifest) {
    try (InputStream in = Files.newInputStream(manifest)) {
      CustomResourceDefinition crd =
          client.apiextensions().v1().customResourceDefinitions().load(in).item();
      client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Creates a namespace unless it exists; the mock server does not need it, kubectl users do. */
  void ensureNamespace(String name) {
    if (client.namespaces().withName(name).get() == null) {
      client
          .namespaces()
          .resource(
              new NamespaceBuilder()
                  .withNewMetadata()
                  .withName(name)
                  .endMetadata()
                  .withNewStatus()
                  .withPhase("Active")
                  .endStatus()
                  .build())
          .create();
    }
  }

  /** A client of the API server (the operator's and the sandbox's own). */
  KubernetesClient client() {
    return client;
  }

  /** Where kubectl reaches the API (the mock server, fronted for plain-HTTP watches). */
  URI kubectlUrl() {
    return kubectlFront.url();
  }

  /** Writes a kubeconfig whose current context points kubectl at this server and namespace. */
  Path writeKubeconfig(Path file, String namespace) {
    String text =
        """
        # Written by the ModelAudit sandbox; valid while it runs.
        apiVersion: v1
        kind: Config
        clusters:
        - name: modelaudit-sandbox
          cluster:
            server: %s
        users:
        - name: modelaudit-sandbox
          user: {}
        contexts:
        - name: modelaudit-sandbox
          context:
            cluster: modelaudit-sandbox
            user: modelaudit-sandbox
            namespace: %s
        current-context: modelaudit-sandbox
        """
            .formatted(kubectlUrl(), namespace);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file.toAbsolutePath();
  }

  @Override
  public void close() {
    try {
      kubectlFront.close();
    } finally {
      try {
        client.close();
      } finally {
        server.destroy();
      }
    }
  }
}
