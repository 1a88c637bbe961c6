package dev.traced.bootstrap.stackdriver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.auth.oauth2.ServiceAccountCredentials;
import dev.traced.bootstrap.SettingsException;
import dev.traced.bootstrap.stackdriver.GoogleCredentialsLookup.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way Application Default Credentials can fail is one line that names the file and the kind
 * of problem, and never contains any part of the file.
 */
class GoogleCredentialsLookupTest {

  private static final String API_KEY = "AIzaSyD-THIS-IS-A-SECRET-0123456789abcde";
  private static final String BROKEN_KEY_BODY = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIB!SECRET";

  @TempDir Path home;

  private final Map<String, String> environment = new HashMap<>();

  /** A lookup whose google-auth part failed the way it does for a bad file. */
  private GoogleCredentialsLookup failingLookup() {
    return new GoogleCredentialsLookup(
        environment::get,
        home,
        () -> {
          throw new IllegalArgumentException("Unrecognized character: ! " + BROKEN_KEY_BODY);
        });
  }

  private String messageWithVariable(Path file) {
    environment.put("GOOGLE_APPLICATION_CREDENTIALS", file.toString());
    return failingLookupMessage();
  }

  private String failingLookupMessage() {
    SettingsException failure =
        org.junit.jupiter.api.Assertions.assertThrows(
            SettingsException.class, () -> failingLookup().find());
    assertThat(failure.getMessage()).doesNotContain("\n").doesNotContain("Unrecognized");
    return failure.getMessage();
  }

  private static String serviceAccountJson(String privateKeyPem) {
    return "{\"type\": \"service_account\", \"project_id\": \"demo-project\","
        + " \"private_key_id\": \"0123456789abcdef\", \"private_key\": \""
        + privateKeyPem.replace("\n", "\\n") + "\","
        + " \"client_email\": \"tracer@demo-project.iam.gserviceaccount.com\","
        + " \"client_id\": \"112233445566778899\"}";
  }

  private static String validPrivateKeyPem() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pkcs8)
        + "\n-----END PRIVATE KEY-----\n";
  }

  /** No run of 6 or more characters of the secret appears in the line. */
  private static void assertNoPartOf(String secret, String line) {
    for (int start = 0; start + 6 <= secret.length(); start++) {
      assertThat(line).doesNotContain(secret.substring(start, start + 6));
    }
  }

  @Test
  void apiKeyFileIsNamedAsNotJsonAndNeverQuoted() throws Exception {
    Path file = Files.writeString(home.resolve("key.txt"), API_KEY + "\n");

    String message = messageWithVariable(file);

    assertThat(message)
        .isEqualTo(
            String.format(CloudTraceExporter.BAD_CREDENTIALS_FILE, file, Problem.NOT_JSON.text()));
    assertNoPartOf(API_KEY, message);
  }

  @Test
  void malformedPrivateKeyIsNamedAsSuchAndNeverQuoted() throws Exception {
    String pem = "-----BEGIN PRIVATE KEY-----\n" + BROKEN_KEY_BODY + "\n-----END PRIVATE KEY-----\n";
    Path file = Files.writeString(home.resolve("sa.json"), serviceAccountJson(pem));

    String message = messageWithVariable(file);

    assertThat(message)
        .isEqualTo(
            String.format(
                CloudTraceExporter.BAD_CREDENTIALS_FILE, file,
                Problem.MALFORMED_PRIVATE_KEY.text()));
    assertNoPartOf(BROKEN_KEY_BODY, message);
  }

  @Test
  void privateKeyThatIsValidBase64ButNoKeyIsMalformedToo() throws Exception {
    String pem = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEF\n-----END PRIVATE KEY-----\n";
    Path file = Files.writeString(home.resolve("sa.json"), serviceAccountJson(pem));

    assertThat(GoogleCredentialsLookup.diagnose(file)).contains(Problem.MALFORMED_PRIVATE_KEY);
  }

  @Test
  void jsonThatIsNoKeyIsNamedAsSuch() throws Exception {
    Path unknownType = Files.writeString(home.resolve("a.json"), "{\"type\": \"api_key\", \"key\": \"" + API_KEY + "\"}");
    Path missingFields = Files.writeString(home.resolve("b.json"), "{\"type\": \"service_account\", \"private_key\": \"x\"}");
    Path array = Files.writeString(home.resolve("c.json"), "[\"" + API_KEY + "\"]");

    assertThat(GoogleCredentialsLookup.diagnose(unknownType)).contains(Problem.NOT_A_KEY);
    assertThat(GoogleCredentialsLookup.diagnose(missingFields)).contains(Problem.NOT_A_KEY);
    assertThat(GoogleCredentialsLookup.diagnose(array)).contains(Problem.NOT_JSON);
    assertNoPartOf(API_KEY, messageWithVariable(unknownType));
  }

  @Test
  void missingFileOrDirectoryCannotBeRead() throws Exception {
    assertThat(messageWithVariable(home.resolve("missing.json")))
        .isEqualTo(
            String.format(
                CloudTraceExporter.BAD_CREDENTIALS_FILE, home.resolve("missing.json"),
                Problem.UNREADABLE.text()));
    assertThat(GoogleCredentialsLookup.diagnose(home)).contains(Problem.UNREADABLE);
  }

  @Test
  void keyPastedIntoTheVariableIsNotShown() {
    environment.put("GOOGLE_APPLICATION_CREDENTIALS", API_KEY);
    assertThat(failingLookupMessage())
        .isEqualTo(
            String.format(
                CloudTraceExporter.BAD_CREDENTIALS_FILE, GoogleCredentialsLookup.VALUE_NOT_SHOWN,
                Problem.UNREADABLE.text()));

    environment.put("GOOGLE_APPLICATION_CREDENTIALS", serviceAccountJson("-----BEGIN PRIVATE KEY-----\nMIIE"));
    assertThat(failingLookupMessage()).contains(GoogleCredentialsLookup.VALUE_NOT_SHOWN);
  }

  @Test
  void pathsAreShownAndSecretLookingValuesAreNot() {
    assertThat(GoogleCredentialsLookup.shown("/etc/keys/sa.json")).isEqualTo("/etc/keys/sa.json");
    assertThat(GoogleCredentialsLookup.shown("keys/sa.json")).isEqualTo("keys/sa.json");
    assertThat(GoogleCredentialsLookup.shown("./key")).isEqualTo("./key");
    assertThat(GoogleCredentialsLookup.shown("C:\\keys\\sa")).isEqualTo("C:\\keys\\sa");
    assertThat(GoogleCredentialsLookup.shown("1//0gSECRETREFRESHTOKEN"))
        .isEqualTo(GoogleCredentialsLookup.VALUE_NOT_SHOWN);
    assertThat(GoogleCredentialsLookup.shown("/a.json\nsecond line"))
        .isEqualTo(GoogleCredentialsLookup.VALUE_NOT_SHOWN);
    assertThat(GoogleCredentialsLookup.shown("/keys/\u202enosj.as"))
        .isEqualTo(GoogleCredentialsLookup.VALUE_NOT_SHOWN);
    assertThat(GoogleCredentialsLookup.shown("/keys/\u009b2J.json"))
        .isEqualTo(GoogleCredentialsLookup.VALUE_NOT_SHOWN);
  }

  @Test
  void brokenGcloudFileIsNamedWithTheGcloudFix() throws Exception {
    Path gcloud = Files.createDirectories(home.resolve(".config").resolve("gcloud"));
    Path file = Files.writeString(gcloud.resolve("application_default_credentials.json"), API_KEY);

    String message = failingLookupMessage();

    assertThat(message)
        .isEqualTo(
            String.format(
                CloudTraceExporter.BAD_GCLOUD_CREDENTIALS_FILE, file, Problem.NOT_JSON.text()));
    assertNoPartOf(API_KEY, message);
  }

  @Test
  void noCredentialsAnywhereSaysHowToGetThem() {
    assertThat(failingLookupMessage()).isEqualTo(CloudTraceExporter.NO_CREDENTIALS);
  }

  @Test
  void validServiceAccountKeyLoads() throws Exception {
    Path file = Files.writeString(home.resolve("sa.json"), serviceAccountJson(validPrivateKeyPem()));

    assertThat(GoogleCredentialsLookup.diagnose(file)).isEmpty();
    environment.put("GOOGLE_APPLICATION_CREDENTIALS", file.toString());
    GoogleCredentialsLookup lookup =
        new GoogleCredentialsLookup(
            environment::get, home,
            () -> com.google.auth.oauth2.GoogleCredentials.fromStream(Files.newInputStream(file)));
    assertThat(lookup.find()).isInstanceOf(ServiceAccountCredentials.class);
  }

  @Test
  void computeEngineProbeLoggingIsQuietOnlyDuringTheLookup() {
    Logger probe = Logger.getLogger(GoogleCredentialsLookup.COMPUTE_ENGINE_LOGGER);
    probe.setLevel(Level.FINE);
    AtomicReference<Level> during = new AtomicReference<>();
    GoogleCredentialsLookup lookup =
        new GoogleCredentialsLookup(
            environment::get, home,
            () -> {
              during.set(probe.getLevel());
              throw new java.io.IOException("none");
            });
    try {
      assertThatThrownBy(lookup::find).isInstanceOf(SettingsException.class);
      assertThat(during.get()).isEqualTo(Level.WARNING);
      assertThat(probe.getLevel()).isEqualTo(Level.FINE);
    } finally {
      probe.setLevel(null);
    }
  }

  @Test
  void gcloudFileUnderCloudsdkConfigIsTheOneNamed() throws Exception {
    Path config = Files.createDirectories(home.resolve("elsewhere"));
    Path file = Files.writeString(config.resolve("application_default_credentials.json"), "{}");
    environment.put("CLOUDSDK_CONFIG", config.toString());

    assertThat(failingLookupMessage())
        .isEqualTo(
            String.format(
                CloudTraceExporter.BAD_GCLOUD_CREDENTIALS_FILE, file, Problem.NOT_A_KEY.text()));
  }

  @Test
  void anEmptyVariableCountsAsUnset() {
    environment.put("GOOGLE_APPLICATION_CREDENTIALS", "");

    assertThat(failingLookupMessage()).isEqualTo(CloudTraceExporter.NO_CREDENTIALS);
  }

  @Test
  void aFileOverOneMebibyteIsNoKeyAndNotReadWhole() throws Exception {
    // Read whole, it would be "not JSON"; unread, it is no key.
    Path big = Files.writeString(home.resolve("big.json"), "x".repeat((1 << 20) + 1));

    assertThat(GoogleCredentialsLookup.diagnose(big)).contains(Problem.NOT_A_KEY);
    Path justSmallEnough = Files.writeString(home.resolve("edge.json"), "x".repeat(1 << 20));
    assertThat(GoogleCredentialsLookup.diagnose(justSmallEnough)).contains(Problem.NOT_JSON);
  }

  @Test
  void anEmptyFileIsNotJson() throws Exception {
    assertThat(GoogleCredentialsLookup.diagnose(Files.writeString(home.resolve("n.json"), "")))
        .contains(Problem.NOT_JSON);
    assertThat(GoogleCredentialsLookup.diagnose(Files.writeString(home.resolve("b.json"), " \n")))
        .contains(Problem.NOT_JSON);
  }

  @Test
  void aServiceAccountKeyMissingAFieldIsNoKeyNotAMalformedPrivateKey() throws Exception {
    String withoutClientId =
        serviceAccountJson("-----BEGIN PRIVATE KEY-----\nMIIE")
            .replace(", \"client_id\": \"112233445566778899\"", "");
    Path file = Files.writeString(home.resolve("partial.json"), withoutClientId);

    assertThat(GoogleCredentialsLookup.diagnose(file)).contains(Problem.NOT_A_KEY);
  }

  @Test
  void aKeyFileThatLoadsNowIsDescribedAsWhatGoogleAuthExpects() throws Exception {
    Path file = Files.writeString(home.resolve("sa.json"), serviceAccountJson(validPrivateKeyPem()));

    assertThat(messageWithVariable(file))
        .isEqualTo(
            String.format(
                CloudTraceExporter.BAD_CREDENTIALS_FILE, file, Problem.NOT_A_KEY.text()));
  }

  @Test
  void valuesUpTo512CharactersMayBeShown() {
    String longest = "/" + "k".repeat(506) + ".json";
    assertThat(longest).hasSize(512);

    assertThat(GoogleCredentialsLookup.shown(longest)).isEqualTo(longest);
    assertThat(GoogleCredentialsLookup.shown("/k" + longest))
        .isEqualTo(GoogleCredentialsLookup.VALUE_NOT_SHOWN);
  }

  @Test
  void theWholeLineNamesTheFileTheProblemAndTheFix() {
    assertThat(messageWithVariable(home.resolve("missing.json")))
        .isEqualTo(
            "[traced.exporter] stackdriver cannot use the credentials file"
                + " GOOGLE_APPLICATION_CREDENTIALS=" + home.resolve("missing.json") + ": it cannot"
                + " be read (no such file, not a regular file, or no permission); point the"
                + " variable at a service account key file, or unset it");
  }

  @Test
  void aValueNamingAnExistingFileIsShownEvenIfItDoesNotLookLikeAPath() {
    // Surefire and PIT run in the module's directory.
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(Path.of("pom.xml")));

    assertThat(GoogleCredentialsLookup.shown("pom.xml")).isEqualTo("pom.xml");
    assertThat(GoogleCredentialsLookup.shown("no-such-file.xml"))
        .isEqualTo(GoogleCredentialsLookup.VALUE_NOT_SHOWN);
  }

  @Test
  void onWindowsTheGcloudFileIsUnderAppdata() throws Exception {
    Path appData = Files.createDirectories(home.resolve("AppData"));
    Path gcloud = Files.createDirectories(appData.resolve("gcloud"));
    Path file = Files.writeString(gcloud.resolve("application_default_credentials.json"), "{}");
    String osName = System.getProperty("os.name");
    System.setProperty("os.name", "Windows 11");
    try {
      assertThat(failingLookupMessage()).isEqualTo(CloudTraceExporter.NO_CREDENTIALS);
      environment.put("APPDATA", appData.toString());
      assertThat(failingLookupMessage())
          .isEqualTo(
              String.format(
                  CloudTraceExporter.BAD_GCLOUD_CREDENTIALS_FILE, file, Problem.NOT_A_KEY.text()));
    } finally {
      System.setProperty("os.name", osName);
    }
    // Elsewhere APPDATA means nothing.
    assertThat(failingLookupMessage()).isEqualTo(CloudTraceExporter.NO_CREDENTIALS);
  }
}
