def log = new File(basedir, 'build.log').text
assert log.contains('[TracedNotWoven] 1 classes with @Traced/@Annotate methods were left unwoven (first: com.example.Shop in target/classes)')
return true
