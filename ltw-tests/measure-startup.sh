#!/usr/bin/env bash
# Start-up cost of load-time weaving against compile-time weaving, as in the README section
# "No build plugin? Weave at load time". Run from the repository root after
#   mvn -B -ntp -pl ltw-tests,demo-repl -am verify -DskipTests
# (the demo's woven classes, the ltw-tests class path file). Prints one line per run and the
# median of RUNS runs (default 7) per case. Needs: java, javac on PATH (the JDK to measure).
set -euo pipefail
RUNS=${RUNS:-7}
ROOT=$(pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
DEPS=$(cat ltw-tests/target/test-class-path.txt)
WEAVER=$(tr ':' '\n' <<<"$DEPS" | grep '/aspectjweaver-[^/]*\.jar$')
TOOLS=$(ls ~/.m2/repository/org/aspectj/aspectjtools/*/aspectjtools-*.jar | tail -1)
PROXY="-Dhttp.proxyHost=127.0.0.1 -Dhttp.proxyPort=9 -Dhttps.proxyHost=127.0.0.1 -Dhttps.proxyPort=9"
ms() { date +%s%3N; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# A user's narrowing: weave only the application's own packages.
mkdir -p "$WORK/narrow/META-INF"
cat > "$WORK/narrow/META-INF/aop.xml" <<'XML'
<aspectj><weaver><include within="dev.traced.demo..*"/><include within="app..*"/></weaver></aspectj>
XML

# --- The demo: one line through the REPL, console exporter (the default). ---
javac -parameters -Atraced.parameters=true -cp "$DEPS" -processorpath "$DEPS" -d "$WORK/demo-plain" \
  $(find demo-repl/src/main/java -name '*.java')
demo() { # label, java options...
  local label=$1; shift
  local walls=() firsts=()
  for _ in $(seq "$RUNS"); do
    local start err
    start=$(ms)
    err=$(echo hello | java $PROXY "$@" dev.traced.demo.ReplMain 2>&1 >/dev/null)
    walls+=($(( $(ms) - start )))
    firsts+=($(grep -oP '^repl \K[0-9.]+' <<<"$err" || echo NA))
  done
  printf '%-34s wall %s ms (runs: %s); first traced call (repl span) %s ms\n' "$label" \
    "$(printf '%s\n' "${walls[@]}" | median)" "${walls[*]}" "$(printf '%s\n' "${firsts[@]}" | median)"
}
demo "demo, compile-time woven"      -cp "$ROOT/demo-repl/target/classes:$DEPS"
demo "demo, load-time, default scope" -javaagent:"$WEAVER" -cp "$WORK/demo-plain:$DEPS"
demo "demo, load-time, narrowed"     -javaagent:"$WEAVER" -cp "$WORK/narrow:$WORK/demo-plain:$DEPS"
demo "demo, not woven (no tracing)"  -cp "$WORK/demo-plain:$DEPS"

# --- A generated application: 1,000 classes, every tenth with a @Traced method. ---
mkdir -p "$WORK/gen/app"
{
  echo 'package app; public final class Main { public static void main(String[] a) {'
  echo '  long jvm = Long.parseLong(a[0]); long atMain = System.currentTimeMillis();'
  echo '  long r = new C0000().run(1); long afterFirst = System.currentTimeMillis();'
  for i in $(seq 1 999); do printf '  r += new C%04d().run(%d);\n' "$i" "$i"; done
  echo '  long end = System.currentTimeMillis();'
  echo '  System.out.println((atMain - jvm) + " " + (afterFirst - jvm) + " " + (end - jvm) + " " + (r % 7)); } }'
} > "$WORK/gen/app/Main.java"
for i in $(seq 0 999); do
  traced=""; [ $((i % 10)) -eq 0 ] && traced="@dev.traced.annotations.Traced"
  printf 'package app; public class C%04d {\n  %s public long run(long x) { return a(x) + b(x) + c(x); }\n  long a(long x) { return x * 3 + %d; }\n  long b(long x) { return x ^ %d; }\n  long c(long x) { return Long.rotateLeft(x, %d); }\n}\n' \
    "$i" "$traced" "$i" "$i" $((i % 64)) > "$WORK/gen/app/C$(printf %04d "$i").java"
done
javac -parameters -cp "$DEPS" -processorpath "$DEPS" -d "$WORK/gen-plain" $(find "$WORK/gen" -name '*.java')
java -cp "$TOOLS" org.aspectj.tools.ajc.Main -17 -inpath "$WORK/gen-plain" -aspectpath "$(tr ':' '\n' <<<"$DEPS" | grep traced-aspects)" \
  -cp "$DEPS" -d "$WORK/gen-woven" -warn:none -Xlint:ignore
gen() { # label, java options...
  local label=$1; shift
  local mains=() firsts=() totals=()
  for _ in $(seq "$RUNS"); do
    local out
    out=$(java $PROXY "$@" app.Main "$(ms)")
    read -r m f t _ <<<"$out"
    mains+=("$m"); firsts+=("$f"); totals+=("$t")
  done
  printf '%-34s main at %s ms, first traced call done at %s ms, all 1,000 classes done at %s ms (totals: %s)\n' "$label" \
    "$(printf '%s\n' "${mains[@]}" | median)" "$(printf '%s\n' "${firsts[@]}" | median)" \
    "$(printf '%s\n' "${totals[@]}" | median)" "${totals[*]}"
}
gen "1,000 classes, compile-time woven"  -cp "$WORK/gen-woven:$DEPS"
gen "1,000 classes, load-time, default"  -javaagent:"$WEAVER" -cp "$WORK/gen-plain:$DEPS"
gen "1,000 classes, load-time, narrowed" -javaagent:"$WEAVER" -cp "$WORK/narrow:$WORK/gen-plain:$DEPS"
gen "1,000 classes, not woven"           -cp "$WORK/gen-plain:$DEPS"
