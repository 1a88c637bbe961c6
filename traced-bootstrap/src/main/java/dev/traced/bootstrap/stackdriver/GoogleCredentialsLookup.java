package dev.traced.bootstrap.stackdriver;

import com.google.api.client.json.GenericJson;
import com.google.api.client.json.jackson2.JacksonFactory;
import com.google.auth.oauth2.GoogleCredentials;
import dev.traced.bootstrap.SettingsException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Finds Google Application Default Credentials, and turns every way that can fail into one line
 * that names the file and the kind of problem, never any part of the file.
 *
 * <pre>{@code
 * GoogleCredentials credentials = GoogleCredentialsLookup.ofSystem().find();
 * }</pre>
 *
 * <p>Why not google-auth's own message: it quotes its JSON parser, which quotes the file (a pasted
 * API key comes back as {@code Unrecognized token 'AIza...'}), and a malformed {@code private_key}
 * escapes as an {@link IllegalArgumentException} naming the offending character. So the cause is
 * never shown: on failure the file is read again here and only classified (see {@link Problem}).
 *
 * <p>While looking up, google-auth's Compute Engine probe logs {@code INFO: Failed to detect
 * whether we are running on Google Compute Engine.} off Google Cloud; that logger is raised to
 * WARNING for the duration of the lookup only.
 */
final class GoogleCredentialsLookup {

  static final String CREDENTIALS_VARIABLE = "GOOGLE_APPLICATION_CREDENTIALS";

  /** The logger of google-auth's Compute Engine probe. */
  static final String COMPUTE_ENGINE_LOGGER = "com.google.auth.oauth2.ComputeEngineCredentials";

  /** Shown instead of a variable value that does not look like a path: it may be the secret. */
  static final String VALUE_NOT_SHOWN =
      "(value not shown: it is not a path to a file and may be a key)";

  /** Key files are a few KB; anything much larger is not one, and is not read whole. */
  private static final long MAX_KEY_FILE_BYTES = 1 << 20;

  /** Characters a shown path may not have: controls, line breaks, bidi and JSON punctuation. */
  private static final Pattern NOT_PATH_LIKE =
      Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}{}\"]");

  /** How paths start: absolute, home, relative with ./ or ../, or a Windows drive. */
  private static final Pattern PATH_START =
      Pattern.compile("(/|~|\\.{1,2}[/\\\\]|[A-Za-z]:[/\\\\]).*");

  /** The kind of problem of a key file, as shown to the user. */
  enum Problem {
    UNREADABLE("cannot be read (no such file, not a regular file, or no permission)"),
    NOT_JSON("is not JSON (a key file is the JSON file created for a service account key)"),
    NOT_A_KEY(
        "is not a service account or authorized-user key (its type or required fields are missing"
            + " or unknown)"),
    MALFORMED_PRIVATE_KEY(
        "is a service account key whose private_key is malformed (not a PEM-encoded PKCS#8 key)");

    private final String text;

    Problem(String text) {
      this.text = text;
    }

    String text() {
      return text;
    }
  }

  /** The Application Default Credentials lookup itself; google-auth's in production. */
  interface DefaultCredentials {
    GoogleCredentials get() throws IOException;
  }

  private final Function<String, String> environment;
  private final Path userHome;
  private final DefaultCredentials defaultCredentials;

  GoogleCredentialsLookup(
      Function<String, String> environment, Path userHome, DefaultCredentials defaultCredentials) {
    this.environment = environment;
    this.userHome = userHome;
    this.defaultCredentials = defaultCredentials;
  }

  /** The real environment and google-auth's Application Default Credentials. */
  static GoogleCredentialsLookup ofSystem() {
    return new GoogleCredentialsLookup(
        System::getenv,
        Paths.get(System.getProperty("user.home", "")),
        GoogleCredentials::getApplicationDefault);
  }

  /**
   * The Application Default Credentials.
   *
   * @throws SettingsException with one line if there are none or they cannot be used
   */
  GoogleCredentials find() {
    // A local variable holds the logger strongly: JUL keeps loggers only weakly, and a collected
    // logger would come back without our level.
    Logger computeEngine = Logger.getLogger(COMPUTE_ENGINE_LOGGER);
    Level previous = computeEngine.getLevel();
    computeEngine.setLevel(Level.WARNING);
    try {
      return defaultCredentials.get();
    } catch (IOException | RuntimeException unusable) {
      throw explain(); // never unusable's message: it quotes the file
    } finally {
      computeEngine.setLevel(previous);
    }
  }

  /** Why the lookup failed, in one line, from the files alone. */
  SettingsException explain() {
    String variable = environment.apply(CREDENTIALS_VARIABLE);
    if (variable != null && !variable.isEmpty()) {
      // Empty diagnosis: loads now but failed just before; say what google-auth expects.
      Problem problem =
          asPath(variable)
              .map(file -> diagnose(file).orElse(Problem.NOT_A_KEY))
              .orElse(Problem.UNREADABLE);
      return new SettingsException(
          String.format(
              CloudTraceExporter.BAD_CREDENTIALS_FILE, shown(variable), problem.text()));
    }
    Path gcloudFile = wellKnownFile();
    if (Files.isRegularFile(gcloudFile)) {
      Problem problem = diagnose(gcloudFile).orElse(Problem.NOT_A_KEY);
      return new SettingsException(
          String.format(
              CloudTraceExporter.BAD_GCLOUD_CREDENTIALS_FILE, gcloudFile, problem.text()));
    }
    return new SettingsException(CloudTraceExporter.NO_CREDENTIALS);
  }

  /** Where {@code gcloud auth application-default login} writes, as google-auth looks for it. */
  private Path wellKnownFile() {
    String config = environment.apply("CLOUDSDK_CONFIG");
    Path directory;
    if (config != null) {
      directory = Paths.get(config);
    } else if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("windows")
        && environment.apply("APPDATA") != null) {
      directory = Paths.get(environment.apply("APPDATA"), "gcloud");
    } else {
      directory = userHome.resolve(".config").resolve("gcloud");
    }
    return directory.resolve("application_default_credentials.json");
  }

  /**
   * What is wrong with {@code file} as a key file, or empty if google-auth can load it. Reads it,
   * never shows it.
   */
  static Optional<Problem> diagnose(Path file) {
    byte[] bytes;
    try {
      if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
        return Optional.of(Problem.UNREADABLE);
      }
      if (Files.size(file) > MAX_KEY_FILE_BYTES) {
        return Optional.of(Problem.NOT_A_KEY);
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException | SecurityException unreadable) {
      return Optional.of(Problem.UNREADABLE);
    }
    GenericJson json;
    try (InputStream in = new ByteArrayInputStream(bytes)) {
      json =
          JacksonFactory.getDefaultInstance()
              .fromInputStream(in, StandardCharsets.UTF_8, GenericJson.class);
    } catch (IOException | RuntimeException notJson) {
      return Optional.of(Problem.NOT_JSON);
    }
    if (json == null) {
      return Optional.of(Problem.NOT_JSON);
    }
    try {
      GoogleCredentials.fromStream(new ByteArrayInputStream(bytes));
      return Optional.empty();
    } catch (IOException | RuntimeException unusable) {
      boolean serviceAccountWithAllFields =
          "service_account".equals(json.get("type"))
              && json.get("client_id") instanceof String
              && json.get("client_email") instanceof String
              && json.get("private_key") instanceof String
              && json.get("private_key_id") instanceof String;
      return Optional.of(
          serviceAccountWithAllFields ? Problem.MALFORMED_PRIVATE_KEY : Problem.NOT_A_KEY);
    }
  }

  private static Optional<Path> asPath(String value) {
    try {
      return Optional.of(Paths.get(value));
    } catch (InvalidPathException notAPath) {
      return Optional.empty();
    }
  }

  /**
   * The variable's value as it may be shown: a path, or {@link #VALUE_NOT_SHOWN} when it does not
   * look like one (people paste the key itself, or an API key, into the variable).
   */
  static String shown(String value) {
    if (value.length() > 512 || NOT_PATH_LIKE.matcher(value).find()) {
      return VALUE_NOT_SHOWN;
    }
    boolean exists = asPath(value).map(Files::exists).orElse(false);
    boolean pathLike =
        PATH_START.matcher(value).matches()
            || value.toLowerCase(Locale.ROOT).endsWith(".json");
    return exists || pathLike ? value : VALUE_NOT_SHOWN;
  }
}
