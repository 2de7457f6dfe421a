package io.modelaudit.operator.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the relative links of Markdown files that point nowhere: a file or folder that does not
 * exist, or a {@code #fragment} that is no heading of the target, with headings turned into anchors
 * as GitHub does. Links in code blocks and code spans are not links; links with a scheme ({@code
 * https:}, {@code mailto:}) are not checked.
 */
final class MarkdownLinks {

  /** One link in one file. */
  record Link(Path file, int line, String target) {
    @Override
    public String toString() {
      return file + ":" + line + ": " + target;
    }
  }

  private static final Pattern INLINE = Pattern.compile("!?\\[[^\\]]*]\\(\\s*<?([^)\\s>]+)>?");
  private static final Pattern DEFINITION = Pattern.compile("^ {0,3}\\[[^\\]]+]:\\s*<?([^\\s>]+)");
  private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");
  private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.*?)\\s*#*\\s*$");
  private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:name|id)=\"([^\"]+)\"");
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
  private static final Pattern INLINE_LINK_TEXT = Pattern.compile("!?\\[([^\\]]*)]\\([^)]*\\)");
  private static final Pattern EMPHASIS_UNDERSCORE =
      Pattern.compile("(?<![\\p{L}\\p{N}])_+|_+(?![\\p{L}\\p{N}])");

  private MarkdownLinks() {}

  /** Every link of these files whose target is missing, in file and line order. */
  static List<Link> broken(List<Path> files) {
    List<Link> broken = new ArrayList<>();
    Map<Path, Set<String>> anchors = new HashMap<>();
    for (Path file : files) {
      for (Link link : links(file)) {
        if (!resolves(link, anchors)) {
          broken.add(link);
        }
      }
    }
    return broken;
  }

  /** The relative links of a file (with their fragments), outside code. */
  static List<Link> links(Path file) {
    List<Link> links = new ArrayList<>();
    List<String> lines = proseLines(read(file));
    for (int i = 0; i < lines.size(); i++) {
      String line = CODE_SPAN.matcher(lines.get(i)).replaceAll("");
      Matcher definition = DEFINITION.matcher(line);
      if (definition.find()) {
        add(links, file, i + 1, definition.group(1));
      }
      Matcher inline = INLINE.matcher(line);
      while (inline.find()) {
        add(links, file, i + 1, inline.group(1));
      }
    }
    return links;
  }

  /** The anchors GitHub gives the headings of a Markdown text, plus explicit HTML anchors. */
  static Set<String> anchors(String markdown) {
    Set<String> anchors = new LinkedHashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    for (String line : proseLines(markdown)) {
      Matcher heading = HEADING.matcher(line);
      if (heading.matches()) {
        String slug = slug(heading.group(1));
        int count = seen.merge(slug, 1, Integer::sum);
        anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
      }
    }
    Matcher html = HTML_ANCHOR.matcher(markdown);
    while (html.find()) {
      anchors.add(html.group(1));
    }
    return anchors;
  }

  /**
   * GitHub's anchor of a heading: the text as rendered (link targets, backticks and emphasis marks
   * dropped), lower case, without punctuation except {@code -} and {@code _}, each space a hyphen.
   */
  static String slug(String heading) {
    String text = INLINE_LINK_TEXT.matcher(heading).replaceAll("$1");
    StringBuilder rendered = new StringBuilder();
    Matcher code = CODE_SPAN.matcher(text);
    int last = 0;
    while (code.find()) {
      rendered.append(plain(text.substring(last, code.start()))).append(code.group(2));
      last = code.end();
    }
    rendered.append(plain(text.substring(last)));
    return rendered
        .toString()
        .toLowerCase(Locale.ROOT)
        .replaceAll("[^\\p{L}\\p{N}\\p{M} _-]", "")
        .replace(' ', '-');
  }

  /** Prose outside code spans loses its emphasis marks. */
  private static String plain(String prose) {
    return EMPHASIS_UNDERSCORE.matcher(prose.replace("*", "")).replaceAll("");
  }

  private static boolean resolves(Link link, Map<Path, Set<String>> anchors) {
    String target = link.target();
    int hash = target.indexOf('#');
    String path = hash < 0 ? target : target.substring(0, hash);
    String fragment = hash < 0 ? null : target.substring(hash + 1);
    Path file =
        path.isEmpty()
            ? link.file()
            : link.file()
                .toAbsolutePath()
                .getParent()
                .resolve(URLDecoder.decode(path, StandardCharsets.UTF_8))
                .normalize();
    if (!Files.exists(file)) {
      return false;
    }
    if (fragment == null || !file.toString().endsWith(".md")) {
      return true;
    }
    Set<String> targets = anchors.computeIfAbsent(file, f -> anchors(read(f)));
    return targets.contains(URLDecoder.decode(fragment, StandardCharsets.UTF_8));
  }

  private static void add(List<Link> links, Path file, int line, String target) {
    if (!SCHEME.matcher(target).find()) {
      links.add(new Link(file, line, target));
    }
  }

  /** The lines of a Markdown text, with fenced code blocks blanked. */
  private static List<String> proseLines(String markdown) {
    List<String> lines = new ArrayList<>();
    String fence = null;
    for (String line : markdown.split("\n", -1)) {
      String trimmed = line.stripLeading();
      if (fence == null && (trimmed.startsWith("```") || trimmed.startsWith("~~~"))) {
        fence = trimmed.substring(0, 3);
        lines.add("");
      } else if (fence != null) {
        if (trimmed.startsWith(fence)) {
          fence = null;
        }
        lines.add("");
      } else {
        lines.add(line);
      }
    }
    return lines;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
