def log = new File(basedir, 'build.log').text
def expected = '[TracedProcessorDidNotRun] 1 classes in target/classes have @Traced methods (first: com.example.Shop) but' +
    ' META-INF/traced/spans.catalog is missing: the Traced annotation processor did not run (JDK 23+ runs processors' +
    ' only when asked); add <maven.compiler.proc>full</maven.compiler.proc> to your <properties>, or list' +
    ' dev.traced:traced-annotations in maven-compiler-plugin\'s <annotationProcessorPaths>.'
assert log.contains(expected)
assert !new File(basedir, 'target/traced-weave').exists()
return true
