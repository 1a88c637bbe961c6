package dev.traced.maven;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.aspectj.bridge.IMessage;
import org.aspectj.bridge.MessageHandler;
import org.aspectj.tools.ajc.Main;

/**
 * Weaves given class files in place with AspectJ's own compiler, {@code ajc}, in binary weaving
 * mode: {@code -inpath} holds copies of just those class files, so unchanged and untraced classes
 * are neither read as input nor rewritten.
 *
 * <pre>{@code
 * List<String> warnings = new AjcWeaver(stagingDir).weave(classesDir, files, classpath, aspects, 25, List.of());
 * }</pre>
 *
 * <p>AspectJ's lint ({@code adviceDidNotMatch} and the like) is off: with one aspect of ours and
 * classes chosen because the aspect matches them, its lint would only ever be about our aspect.
 * Errors are never off: they fail the weaving.
 */
final class AjcWeaver {

  private final Path stagingDir;

  /** A weaver that copies its input to {@code stagingDir} (emptied before and after each run). */
  AjcWeaver(Path stagingDir) {
    this.stagingDir = stagingDir;
  }

  /**
   * Weaves {@code classFiles} (all under {@code classesDir}) and writes them back there.
   *
   * @param release the Java release of the class files, given to ajc as its compliance level
   * @param extraOptions further ajc options from the user, placed last
   * @return the weaver's warnings, one line each
   * @throws WeaveException with every error line when ajc reports an error
   */
  List<String> weave(
      Path classesDir,
      List<Path> classFiles,
      List<String> classpath,
      List<File> aspectPath,
      int release,
      List<String> extraOptions)
      throws WeaveException {
    deleteStaging();
    try {
      for (Path file : classFiles) {
        Path copy = stagingDir.resolve(classesDir.relativize(file).toString());
        Files.createDirectories(copy.getParent());
        Files.copy(file, copy);
      }
      List<String> args = new ArrayList<>();
      args.add("-inpath");
      args.add(stagingDir.toString());
      args.add("-aspectpath");
      args.add(aspectPath.stream().map(File::getPath).collect(Collectors.joining(File.pathSeparator)));
      args.add("-classpath");
      args.add(String.join(File.pathSeparator, classpath));
      args.add("-d");
      args.add(classesDir.toString());
      args.add("-source");
      args.add(Integer.toString(release));
      args.add("-target");
      args.add(Integer.toString(release));
      args.add("-Xlint:ignore");
      args.add("-nowarn");
      args.addAll(extraOptions);

      MessageHandler messages = new MessageHandler();
      new Main().run(args.toArray(new String[0]), messages);
      List<String> errors = lines(messages, IMessage.ERROR);
      if (!errors.isEmpty()) {
        throw new WeaveException(errors);
      }
      return lines(messages, IMessage.WARNING).stream()
          .filter(line -> !errors.contains(line))
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteStaging();
    }
  }

  private static List<String> lines(MessageHandler messages, IMessage.Kind kind) {
    List<String> lines = new ArrayList<>();
    // orGreater: errors include aborts; warnings include nothing above warning since errors fail first.
    for (IMessage message : messages.getMessages(kind, kind == IMessage.ERROR)) {
      if (kind == IMessage.WARNING && message.getKind() != IMessage.WARNING) {
        continue;
      }
      lines.add(render(message));
    }
    return lines;
  }

  private static String render(IMessage message) {
    StringBuilder line = new StringBuilder(String.valueOf(message.getMessage()));
    if (message.getSourceLocation() != null) {
      line.append(" (").append(message.getSourceLocation()).append(')');
    }
    if (message.getThrown() != null) {
      line.append(": ").append(message.getThrown());
    }
    return line.toString();
  }

  private void deleteStaging() {
    if (!Files.exists(stagingDir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(stagingDir)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
