// javac reports the rule at the file, line and column of the offending annotation value.
def log = new File(basedir, 'build.log').text
assert log.contains('src/main/java/com/example/Names.java:[7,18] [TracedName] @Traced(name = " ") on Names.blank() is blank')
return true
