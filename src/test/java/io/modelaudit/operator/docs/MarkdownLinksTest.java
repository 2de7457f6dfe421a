package io.modelaudit.operator.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every relative link of the README, docs/ and deploy/README.md points at something real. */
class MarkdownLinksTest {

  private static final Path README = Path.of("README.md");

  @Test
  void everyRelativeLinkResolves() throws IOException {
    List<Path> pages = new ArrayList<>(List.of(README, Path.of("deploy", "README.md")));
    pages.addAll(docsPages());

    assertThat(MarkdownLinks.broken(pages)).as("links to missing files or headings").isEmpty();
  }

  @Test
  void theReadmeLinksEveryDocsPage() throws IOException {
    List<Path> linked =
        MarkdownLinks.links(README).stream()
            .map(link -> Path.of(link.target().replaceFirst("#.*", "")).normalize())
            .toList();

    assertThat(linked).containsAll(docsPages());
  }

  @Test
  void aMissingFileOrHeadingIsReported(@TempDir Path dir) throws IOException {
    Path guide = dir.resolve("guide.md");
    Files.writeString(
        guide,
        """
        # Guide

        ## Scale: rate limits, drift repair and live alarm state
        ## `MODELAUDIT_LOG_LEVEL` and *friends*
        ## Notes
        ## Notes

        [ok](#notes-1) [ok](#modelaudit_log_level-and-friends) [ok](other.md)
        [ok](other.md#tiers) [ok](#scale-rate-limits-drift-repair-and-live-alarm-state)
        [ok](https://example.com/missing.md) [ok][ref] `[not a link](nowhere.md)`
        [missing file](notes-scale.md)
        [missing heading](other.md#performance) [missing here](#notes-2)

        ```
        [not a link either](nowhere.md)
        ```

        [ref]: ./sub/
        [bad ref]: gone/
        """);
    Files.writeString(dir.resolve("other.md"), "# Other\n\n## Tiers\n");
    Files.createDirectory(dir.resolve("sub"));

    assertThat(MarkdownLinks.broken(List.of(guide)))
        .extracting(MarkdownLinks.Link::line, MarkdownLinks.Link::target)
        .containsExactly(
            tuple(11, "notes-scale.md"),
            tuple(12, "other.md#performance"),
            tuple(12, "#notes-2"),
            tuple(19, "gone/"));
  }

  @Test
  void headingsBecomeAnchorsAsOnGitHub() {
    assertThat(MarkdownLinks.slug("Scale: rate limits, drift repair and live alarm state"))
        .isEqualTo("scale-rate-limits-drift-repair-and-live-alarm-state");
    assertThat(MarkdownLinks.slug("Where moto 5.2.1 differs from AWS"))
        .isEqualTo("where-moto-521-differs-from-aws");
    assertThat(MarkdownLinks.slug("Reconciliation (Java Operator SDK)"))
        .isEqualTo("reconciliation-java-operator-sdk");
    assertThat(MarkdownLinks.slug("kubectl against the [sandbox](sandbox.md)"))
        .isEqualTo("kubectl-against-the-sandbox");
    assertThat(MarkdownLinks.slug("Status and reasons")).isEqualTo("status-and-reasons");
    assertThat(MarkdownLinks.slug("The `with_*` methods, _emphasised_"))
        .isEqualTo("the-with_-methods-emphasised");
  }

  private static List<Path> docsPages() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("docs"))) {
      return files.filter(p -> p.toString().endsWith(".md")).sorted().toList();
    }
  }
}
