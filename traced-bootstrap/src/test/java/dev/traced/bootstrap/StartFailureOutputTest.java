package dev.traced.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traced.testing.JvmWarnings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's own main ({@link ReadmeQuickstart}) in a separate JVM with bad settings or bad
 * credentials, as a user runs it: the whole of stderr is one line that names the problem, and no
 * part of a credentials file ever appears.
 */
class StartFailureOutputTest {

  /** A pasted API key: the classic "not a key file" mistake. Never printed. */
  private static final String API_KEY = "AIzaSyD-THIS-IS-A-SECRET-0123456789abcde";

  @TempDir Path home;

  /** What the finished JVM left behind. */
  private record Result(int exitCode, String stdout, String stderr) {}

  private Result runQuickstart(Map<String, String> env) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    // Nothing may leave loopback: Google's credential lookup probes cloud metadata hosts.
    command.addAll(
        List.of(
            "-Dhttp.proxyHost=127.0.0.1", "-Dhttp.proxyPort=9",
            "-Dhttps.proxyHost=127.0.0.1", "-Dhttps.proxyPort=9",
            // No gcloud well-known credentials file of whoever runs the build.
            "-Duser.home=" + home));
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), ReadmeQuickstart.class.getName()));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder
        .environment()
        .keySet()
        .removeIf(
            k -> k.startsWith("TRACED_") || k.equals("GCP_PROJECT_ID")
                || k.startsWith("GOOGLE_") || k.startsWith("CLOUDSDK_")
                || k.startsWith("GCE_") || k.equals("DEVSHELL_CLIENT_PORT"));
    builder.environment().put("HOME", home.toString());
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().close();
    CompletableFuture<String> stdout = readAll(process.getInputStream());
    CompletableFuture<String> stderr = readAll(process.getErrorStream());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("quickstart exited").isTrue();
    return new Result(
        process.exitValue(), stdout.get(), withoutJvmWarnings(stderr.get()));
  }

  private static CompletableFuture<String> readAll(InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  // Only OpenCensus' Disruptor (com.lmax) may make the JVM warn.
  private static String withoutJvmWarnings(String stderr) {
    return JvmWarnings.withoutUnsafeWarnings(stderr, "com.lmax.");
  }

  /** Asserts that stderr is exactly one line and returns it. */
  private static String theOneLine(Result result) {
    assertThat(result.stdout()).as("the program must not run").isEmpty();
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr()).as(result.stderr()).endsWith(System.lineSeparator());
    assertThat(result.stderr().split("\\R", -1)).as(result.stderr()).hasSize(2);
    return result.stderr().strip();
  }

  @Test
  void badSettingIsOneLineNamingTheSettingWithTheReadmeMain() throws Exception {
    Result result = runQuickstart(Map.of("TRACED_SAMPLER", "often"));

    assertThat(theOneLine(result))
        .isEqualTo(
            "Exception in thread \"main\" [traced.sampler] environment variable"
                + " TRACED_SAMPLER=\"often\" " + SamplerSetting.ALLOWED);
  }

  @Test
  void emulatorHostWithASpaceIsOneLineNotAStackTrace() throws Exception {
    Result result =
        runQuickstart(
            Map.of("GCP_PROJECT_ID", "demo-project", "TRACED_STACKDRIVER_EMULATOR_HOST", "a b:80"));

    assertThat(theOneLine(result))
        .isEqualTo(
            "Exception in thread \"main\" [traced.stackdriver.emulator-host] environment variable"
                + " TRACED_STACKDRIVER_EMULATOR_HOST=\"a b:80\" " + HostAndPort.ALLOWED);
  }

  @Test
  void projectWithoutCredentialsIsOneLineWithoutGoogleLibraryLogging() throws Exception {
    Result result = runQuickstart(Map.of("GCP_PROJECT_ID", "demo-project"));

    assertThat(theOneLine(result))
        .isEqualTo(
            "Exception in thread \"main\" "
                + dev.traced.bootstrap.stackdriver.CloudTraceExporter.NO_CREDENTIALS);
  }

  @Test
  void credentialsFileThatIsNotJsonIsNamedButNeverQuoted() throws Exception {
    Path file = Files.writeString(home.resolve("key.txt"), API_KEY + "\n");

    Result result =
        runQuickstart(
            Map.of("GCP_PROJECT_ID", "demo-project", "GOOGLE_APPLICATION_CREDENTIALS",
                file.toString()));

    String line = theOneLine(result);
    assertThat(line).contains(file.toString()).contains("is not JSON");
    assertNoPartOf(API_KEY, line);
  }

  @Test
  void serviceAccountKeyWithMalformedPrivateKeyIsOneLineNeverQuoted() throws Exception {
    String privateKey =
        "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIB!SECRET\n"
            + "-----END PRIVATE KEY-----\n";
    Path file =
        Files.writeString(
            home.resolve("service-account.json"),
            "{\"type\": \"service_account\", \"project_id\": \"demo-project\","
                + " \"private_key_id\": \"0123456789abcdef\", \"private_key\": \""
                + privateKey.replace("\n", "\\n") + "\","
                + " \"client_email\": \"tracer@demo-project.iam.gserviceaccount.com\","
                + " \"client_id\": \"112233445566778899\"}");

    Result result =
        runQuickstart(
            Map.of("GCP_PROJECT_ID", "demo-project", "GOOGLE_APPLICATION_CREDENTIALS",
                file.toString()));

    String line = theOneLine(result);
    assertThat(line).contains(file.toString()).contains("private_key");
    assertNoPartOf("MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIB!SECRET", line);
    assertThat(line).doesNotContain("0123456789abcdef").doesNotContain("112233445566778899");
  }

  @Test
  void keyPastedIntoTheVariableItselfIsNeverEchoed() throws Exception {
    Result result =
        runQuickstart(
            Map.of("GCP_PROJECT_ID", "demo-project", "GOOGLE_APPLICATION_CREDENTIALS", API_KEY));

    String line = theOneLine(result);
    assertThat(line).contains("GOOGLE_APPLICATION_CREDENTIALS");
    assertNoPartOf(API_KEY, line);
  }

  /** No run of 6 or more characters of the secret appears in the line. */
  private static void assertNoPartOf(String secret, String line) {
    for (int start = 0; start + 6 <= secret.length(); start++) {
      assertThat(line).doesNotContain(secret.substring(start, start + 6));
    }
  }
}
